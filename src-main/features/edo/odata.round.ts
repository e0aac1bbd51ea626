// One OData round: send new and changed documents to 1С (when the connection sends over OData) and read the ЭДО state of the rest.
import type { Db } from '../../db/connection';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { ODataClient, ODataError } from './odata/client';
import { createDocument, findOrCreateCounterparty, updateDocument } from './odata/documents';
import { EDO_READ_BATCH, readEdoState, readEdoStates, type EdoReading } from './odata/edo-chain';
import { edoStateOf } from './states';
import { renewOnecLease, type OnecConnection } from './connections.repo';
import { addEdoEvent, applyReturn, edoRowOf, failBuild, setEdoState } from './queue';
import { OutgoingRefused, outgoingDocument, roundKeys } from './outgoing';
import { LeaseLost } from './folder.round';
import type { EdoDocState } from '../../../src-shared/edo';

export interface ODataRoundEnv {
  db: Db;
  conn: OnecConnection;
  owner: string;
  now: () => Date;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Documents per round for each of sending and reading. */
  batch?: number;
  log?: (msg: string) => void;
}

export interface ODataRoundResult {
  sent: number;
  failed: number;
  read: number;
  changed: number;
  /** Notifications made (a rejection tells the document's СИО), for the push. */
  notified: { employeeId: number; id: number }[];
}

/** States whose next change matters soon: read every round. */
const ACTIVE: EdoDocState[] = ['accepted', 'sent', 'delivered', 'unknown', 'rejected'];
/** States whose 1С state is read at all: on the way, and settled (signed, annulled). */
const READ_STATES: EdoDocState[] = [...ACTIVE, 'signed', 'annulled'];
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/**
 * Signed and annulled documents are still read (an annulment after signing), less often the longer they have stood:
 * hourly for a week, daily until three months, then monthly — years of signed documents do not load 1С every hour.
 */
export function settledPollMs(settledForMs: number): number {
  if (settledForMs < 7 * DAY) return HOUR;
  if (settledForMs < 90 * DAY) return DAY;
  return 30 * DAY;
}
/** A transient failure is retried after 30 s, doubling to an hour. */
const backoff = (attempts: number) => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

function clientOf(conn: OnecConnection): ODataClient {
  return new ODataClient({ baseUrl: conn.odataUrl!, user: conn.odataUser ?? '', password: conn.odataPassword });
}

/** Runs `fn` over the items, n at a time; the first failure stops the others from taking more and is rethrown after all settle. */
async function inParallel<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  let failure: { e: unknown } | null = null;
  const run = async () => {
    while (!failure && i < items.length) {
      try {
        await fn(items[i++]!);
      } catch (e) {
        failure ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, run));
  if (failure) throw (failure as { e: unknown }).e;
}

function guard(env: ODataRoundEnv): void {
  if (!renewOnecLease(env.db, env.conn.id, env.owner, env.now().getTime())) throw new LeaseLost();
}

async function send(env: ODataRoundEnv, client: ODataClient, out: ODataRoundResult): Promise<void> {
  const { db, conn } = env;
  const nowMs = env.now().getTime();
  const rows = stmt(
    db,
    `SELECT e.document_id AS id, d.version FROM edo_documents e JOIN documents d ON d.id = e.document_id
      WHERE e.connection_id = ? AND e.state <> 'failed' AND d.version > e.sent_version AND e.next_at <= ? ORDER BY e.document_id LIMIT ?`,
  ).all(conn.id, nowMs, env.batch ?? 500) as { id: number; version: number }[];
  const { salt, org } = roundKeys(db);
  const cps = new Map<string, Promise<{ ref: string }>>();
  await inParallel(rows, env.concurrency ?? 8, async ({ id, version }) => {
    const row = edoRowOf(db, id);
    if (!row) return;
    const iso = () => env.now().toISOString();
    let o;
    try {
      o = outgoingDocument(db, id, row.ref, salt, org);
      // 1С makes the счёт-фактура of a sale itself; over OData only the folder's EnterpriseData carries ours.
      if (o.kind === 'invoice_factura') throw new OutgoingRefused('type_odata');
    } catch (e) {
      if (!(e instanceof OutgoingRefused)) throw e;
      tx(db, () => {
        guard(env);
        failBuild(db, id, version, e.code, iso());
      });
      out.failed++;
      return;
    }
    if (row.sentHash === o.hash) {
      stmt(db, 'UPDATE edo_documents SET sent_version = ? WHERE document_id = ?').run(version, id);
      return;
    }
    try {
      const cp = o.counterparty;
      const key = `${cp.inn}/${cp.kpp ?? ''}`;
      let cpRef = cps.get(key);
      if (!cpRef) {
        cpRef = findOrCreateCounterparty(client, { inn: cp.inn!, kpp: cp.kpp ?? undefined, name: cp.name, fullName: cp.fullName ?? undefined });
        cps.set(key, cpRef);
      }
      const fields = {
        date: `${o.doc.date}T00:00:00`,
        counterpartyRef: (await cpRef).ref,
        organizationRef: conn.organizationRef ?? undefined,
        amount: o.amountKop / 100,
        comment: `CRM ${o.doc.number}`,
      };
      let r;
      if (row.sentVersion === 0) r = await createDocument(client, o.kind as 'invoice' | 'act' | 'upd', { ...fields, ref: row.ref });
      else {
        try {
          r = await updateDocument(client, o.kind as 'invoice' | 'act' | 'upd', row.ref, fields);
        } catch (e) {
          if (!(e instanceof ODataError && e.code === 'not_found')) throw e;
          r = await createDocument(client, o.kind as 'invoice' | 'act' | 'upd', { ...fields, ref: row.ref });
        }
      }
      tx(db, () => {
        guard(env);
        const cur = edoRowOf(db, id)!;
        stmt(
          db,
          `UPDATE edo_documents SET sent_version = ?, sent_hash = ?, acked_at = ?, onec_number = ?, error = NULL, error_at = NULL, attempts = 0, next_at = 0,
             updated_at = ? WHERE document_id = ?`,
        ).run(version, o.hash, iso(), r.number || cur.onecNumber, iso(), id);
        if (cur.state === 'queued' || cur.state === 'handed') setEdoState(db, cur, { state: 'accepted', detail: r.number || null }, env.now());
        else addEdoEvent(db, id, iso(), 'queued_again', null, r.number || null);
      });
      out.sent++;
    } catch (e) {
      if (e instanceof LeaseLost) throw e;
      const err = e as Error;
      const code = e instanceof ODataError ? e.code : 'error';
      // What a person must fix (1С refused the data) fails the document; the rest is retried with backoff.
      const final = code === 'bad_request' || code === 'not_found' || code === 'bad_response';
      tx(db, () => {
        guard(env);
        const cur = edoRowOf(db, id)!;
        stmt(
          db,
          `UPDATE edo_documents SET error = ?, error_at = ?, attempts = attempts + 1, next_at = ?, updated_at = ?, state = CASE WHEN ? THEN 'failed' ELSE state END
            WHERE document_id = ?`,
        ).run(`${code}: ${err.message}`.slice(0, 1000), iso(), nowMs + backoff(cur.attempts + 1), iso(), final ? 1 : 0, id);
        addEdoEvent(db, id, iso(), final ? 'failed' : 'error', null, `${code}: ${err.message}`.slice(0, 500));
      });
      out.failed++;
      if (code === 'auth') throw e;
    }
  });
}

async function readStates(env: ODataRoundEnv, client: ODataClient, out: ODataRoundResult): Promise<void> {
  const { db, conn } = env;
  const nowMs = env.now().getTime();
  const rows = stmt(
    db,
    `SELECT document_id AS id FROM edo_documents
      WHERE connection_id = ? AND acked_at IS NOT NULL AND next_at <= ? AND state IN (${READ_STATES.map((s) => `'${s}'`).join(', ')})
      ORDER BY next_at, document_id LIMIT ?`,
  ).all(conn.id, nowMs, env.batch ?? 2000) as { id: number }[];
  const wait = conn.intervalSec * 1000;
  const chunks: number[][] = [];
  for (let i = 0; i < rows.length; i += EDO_READ_BATCH) chunks.push(rows.slice(i, i + EDO_READ_BATCH).map((r) => r.id));
  await inParallel(chunks, env.concurrency ?? 8, async (ids) => {
    const edoRows = ids.map((id) => edoRowOf(db, id)).filter((r): r is NonNullable<typeof r> => !!r);
    let readings: Map<string, EdoReading | null | Error>;
    try {
      readings = await readBatch(client, conn.odataUrl!, edoRows.map((r) => r.ref));
    } catch (e) {
      if (e instanceof ODataError && (e.code === 'auth' || e.code === 'network')) throw e;
      const mark = stmt(db, 'UPDATE edo_documents SET error = ?, error_at = ?, next_at = ? WHERE document_id = ?');
      for (const r of edoRows) mark.run(`state: ${(e as Error).message}`.slice(0, 1000), env.now().toISOString(), nowMs + backoff(2), r.documentId);
      return;
    }
    out.read += edoRows.length;
    tx(db, () => {
      guard(env);
      for (const r of edoRows) {
        const reading = readings.get(r.ref.toLowerCase()) ?? null;
        const cur = edoRowOf(db, r.documentId);
        // Changed while 1С was being asked (queued again, failed, the connection switched): the reading is stale for it.
        if (!cur || !cur.ackedAt || cur.connectionId !== conn.id || !READ_STATES.includes(cur.state)) continue;
        if (reading instanceof Error) {
          stmt(db, 'UPDATE edo_documents SET error = ?, error_at = ?, next_at = ? WHERE document_id = ?').run(
            `state: ${reading.message}`.slice(0, 1000),
            env.now().toISOString(),
            nowMs + backoff(3),
            cur.documentId,
          );
          continue;
        }
        let changed = false;
        if (reading) {
          const v = edoStateOf(reading);
          if (!v.known) env.log?.(`document ${cur.documentId}: 1С state «${v.raw}» is not in the table; shown as it is`);
          const previous = cur.state;
          changed = setEdoState(db, cur, { state: v.state, raw: v.raw || null, reason: v.state === 'rejected' ? reading.reason : null, signedOn: v.signedOn }, env.now());
          if (changed) {
            const n = applyReturn(db, cur, env.now(), previous);
            if (n) out.notified.push(n);
          }
        }
        const settled = cur.state === 'signed' || cur.state === 'annulled';
        const settledFor = changed ? 0 : Math.max(0, nowMs - (Date.parse(cur.updatedAt) || nowMs));
        stmt(db, "UPDATE edo_documents SET next_at = ?, error = CASE WHEN error LIKE 'state:%' THEN NULL ELSE error END WHERE document_id = ?").run(
          nowMs + (settled ? settledPollMs(settledFor) : wait),
          cur.documentId,
        );
        if (changed) out.changed++;
      }
    });
  });
}

/**
 * A batched read. A publication that refuses `or` in $filter is read one object at a time from then on (per service URL);
 * a batch with one broken object (bad_response) is read one by one, so only that object shows the error.
 */
const noBatch = new Set<string>();
async function readBatch(client: ODataClient, url: string, refs: string[]): Promise<Map<string, EdoReading | null | Error>> {
  if (!noBatch.has(url)) {
    try {
      return await readEdoStates(client, refs);
    } catch (e) {
      if (!(e instanceof ODataError && (e.code === 'bad_request' || e.code === 'bad_response'))) throw e;
      if (e.code === 'bad_request') noBatch.add(url);
    }
  }
  const out = new Map<string, EdoReading | null | Error>();
  for (const ref of refs) {
    try {
      out.set(ref.toLowerCase(), await readEdoState(client, ref));
    } catch (e) {
      if (e instanceof ODataError && (e.code === 'auth' || e.code === 'network' || e.code === 'timeout')) throw e;
      out.set(ref.toLowerCase(), e as Error);
    }
  }
  return out;
}

/** Sends over OData when the connection does, then reads states; an auth or network failure ends the round with an error. */
export async function odataRound(env: ODataRoundEnv): Promise<ODataRoundResult> {
  const out: ODataRoundResult = { sent: 0, failed: 0, read: 0, changed: 0, notified: [] };
  if (!env.conn.odataUrl) return out;
  const client = clientOf(env.conn);
  if (env.conn.sendVia === 'odata') await send(env, client, out);
  await readStates(env, client, out);
  return out;
}
