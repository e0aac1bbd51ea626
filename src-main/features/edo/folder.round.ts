// One exchange round of the folder transport (EnterpriseData files): read 1С's message and apply it, then write ours if one is due.
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/connection';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { ED_EXCHANGE_PLAN, edFormatUri, type EdKnownObject, type EdMessage, type EdReadResult } from './enterprise-data/model';
import { writeEdMessage, writeEdMessageZip } from './enterprise-data/write';
import { edMessageFileName } from './enterprise-data/values';
import { exchangeOf, holdsOnecLease, renewOnecLease, type OnecConnection } from './connections.repo';
import { addEdoEvent, edoRowsByRef, failBuild, setEdoState } from './queue';
import { OutgoingRefused, outgoingDocument, roundKeys } from './outgoing';

/** The reader's own cap: bigger files are refused before they are read. */
export const MAX_INCOMING_BYTES = 64 * 1024 * 1024;
/** How far 1С's numbers may jump past ours in one message (a 1С exchanging every minute for years stays far below). */
const MAX_NUMBER_JUMP = 10_000_000;
/** Documents per outgoing message; the rest wait for the next round. */
export const DEFAULT_BATCH = 2000;

export interface RoundEnv {
  db: Db;
  conn: OnecConnection;
  owner: string;
  now: () => Date;
  /** Parses an untrusted message off the event loop (the worker task in production). */
  parse: (bytes: Uint8Array) => Promise<EdReadResult>;
  batch?: number;
  log?: (msg: string) => void;
}

export interface FolderRoundResult {
  /** 1С's MessageNo read this round (null: no new file). */
  received: number | null;
  duplicate: boolean;
  /** Why 1С's message was refused (code: message), null when it was not. */
  refused: string | null;
  /** Our MessageNo written this round, and how many documents it carried. */
  wrote: number | null;
  documents: number;
  acked: number;
  numbered: number;
  /** Objects in 1С's message read this round. */
  objects: number;
}

export class LeaseLost extends Error {
  constructor() {
    super('lease lost');
  }
}

/** Per process: the incoming file last read (path, mtime, size) per connection, so an unchanged file is not parsed again. */
const lastSeen = new Map<number, string>();

async function newestIncoming(dir: string, from: string, to: string): Promise<{ path: string; key: string; size: number } | null> {
  let pick: { path: string; key: string; size: number; mtime: number } | null = null;
  for (const ext of ['xml', 'zip'] as const) {
    const p = join(dir, edMessageFileName(from, to, ext));
    const st = await stat(p).catch(() => null);
    if (!st?.isFile()) continue;
    if (!pick || st.mtimeMs > pick.mtime) pick = { path: p, key: `${p}:${st.mtimeMs}:${st.size}`, size: st.size, mtime: st.mtimeMs };
  }
  return pick;
}

/** Applies 1С's message in one transaction: acknowledgements (or their roll back after 1С went back), numbers, the counter. */
function applyIncoming(env: RoundEnv, msg: EdMessage, out: FolderRoundResult): void {
  const { db, conn } = env;
  const now = env.now();
  const iso = now.toISOString();
  tx(db, () => {
    if (!renewOnecLease(db, conn.id, env.owner, env.now().getTime())) throw new LeaseLost();
    const x = exchangeOf(db, conn.id);
    const h = msg.header;
    const lastCreated = (stmt(db, 'SELECT last_in_created AS c FROM onec_exchange WHERE connection_id = ?').get(conn.id) as { c: string | null }).c;
    // A message written after the newest one we read: a stale copy reappearing (a reorder, a sync conflict) is not.
    const newer = !lastCreated || h.creationDate > lastCreated;
    // 1С restored from a copy writes new messages numbered at or below what we applied, reporting less than it acknowledged.
    const restored1c = h.messageNo <= x.receivedNo && newer && h.receivedNo < x.ackedNo;
    const fresh = h.messageNo > x.receivedNo || restored1c;
    if (restored1c) env.log?.(`connection ${conn.id}: 1С went back (its message ${h.messageNo}, acknowledging ${h.receivedNo} of our ${x.ackedNo}): what it lost is sent again`);
    if (h.receivedNo > x.sentNo) {
      // 1С acknowledges messages we never wrote: our database went back (restored from a backup). Numbering goes on above
      // 1С's counter, or 1С would drop our next messages as already received; nothing beyond ours counts as acknowledged.
      env.log?.(`connection ${conn.id}: 1С has received our message ${h.receivedNo}, we have written ${x.sentNo}: numbering continues from ${h.receivedNo}`);
      stmt(db, 'UPDATE onec_exchange SET sent_no = ? WHERE connection_id = ?').run(h.receivedNo, conn.id);
    }
    out.received = h.messageNo;
    out.duplicate = !fresh;
    out.objects = msg.objects.length;
    if (fresh) {
      const docs = msg.objects.filter((o): o is Extract<EdKnownObject, { type: 'invoice' | 'sale' | 'invoiceFactura' }> => o.type === 'invoice' || o.type === 'sale' || o.type === 'invoiceFactura');
      const rows = edoRowsByRef(db, docs.map((d) => d.ref));
      for (const d of docs) {
        const row = rows.get(d.ref.toLowerCase());
        if (!row || row.connectionId !== conn.id || !d.number || d.number === row.onecNumber) continue;
        stmt(db, 'UPDATE edo_documents SET onec_number = ?, updated_at = ? WHERE document_id = ?').run(d.number, iso, row.documentId);
        if (row.state === 'handed' || row.state === 'queued') setEdoState(db, row, { state: 'accepted', detail: d.number }, now);
        else addEdoEvent(db, row.documentId, iso, 'accepted', null, d.number);
        out.numbered++;
      }
      const unknown = msg.objects.length - docs.length;
      if (unknown > 0) env.log?.(`connection ${conn.id}: message ${h.messageNo} has ${unknown} objects that carry nothing for us`);
    }
    let acked = x.ackedNo;
    if (h.receivedNo < x.ackedNo && fresh) {
      // 1С reports less than it acknowledged before: restored from a copy, or an older message re-read. What it may have
      // lost is sent again (1С applies by key, so a document it has is unchanged).
      acked = Math.max(0, h.receivedNo);
      stmt(db, 'UPDATE edo_documents SET acked_at = NULL WHERE connection_id = ? AND message_no > ? AND acked_at IS NOT NULL').run(conn.id, acked);
    } else if (h.receivedNo > x.sentNo) acked = x.ackedNo; // our database went back: what we wrote since may have been dropped
    else acked = Math.max(x.ackedNo, h.receivedNo);
    if (acked > x.ackedNo) {
      const newly = stmt(
        db,
        `SELECT document_id AS id, state FROM edo_documents WHERE connection_id = ? AND message_no > ? AND message_no <= ? AND acked_at IS NULL`,
      ).all(conn.id, x.ackedNo, acked) as { id: number; state: string }[];
      stmt(db, 'UPDATE edo_documents SET acked_at = ?, updated_at = ? WHERE connection_id = ? AND message_no > ? AND message_no <= ? AND acked_at IS NULL').run(
        iso,
        iso,
        conn.id,
        x.ackedNo,
        acked,
      );
      const accept = stmt(db, `UPDATE edo_documents SET state = 'accepted' WHERE document_id = ? AND state = 'handed'`);
      for (const r of newly) {
        if (r.state === 'handed' && accept.run(r.id).changes) addEdoEvent(db, r.id, iso, 'accepted', null, `message ${acked}`);
      }
      out.acked += newly.length;
    }
    stmt(
      db,
      `UPDATE onec_exchange SET received_no = CASE WHEN ? THEN ? ELSE MAX(received_no, ?) END, acked_no = ?,
         last_in_created = CASE WHEN last_in_created IS NULL OR last_in_created < ? THEN ? ELSE last_in_created END WHERE connection_id = ?`,
    ).run(restored1c ? 1 : 0, h.messageNo, h.messageNo, acked, h.creationDate, h.creationDate, conn.id);
  });
}

function refuse(env: RoundEnv, reason: string, out: FolderRoundResult): void {
  out.refused = reason;
  const iso = env.now().toISOString();
  stmt(env.db, 'UPDATE onec_exchange SET refused = refused + 1, last_error = ?, last_error_at = ? WHERE connection_id = ?').run(`incoming: ${reason}`.slice(0, 2000), iso, env.conn.id);
  env.log?.(`connection ${env.conn.id}: 1С message refused: ${reason}`);
}

async function readTheirs(env: RoundEnv, out: FolderRoundResult): Promise<void> {
  const { conn } = env;
  const inc = await newestIncoming(conn.folder!, conn.peerCode!, conn.ourCode!);
  if (!inc || lastSeen.get(conn.id) === inc.key) return;
  if (inc.size > MAX_INCOMING_BYTES) {
    lastSeen.set(conn.id, inc.key);
    refuse(env, `too_large: ${inc.size} bytes`, out);
    return;
  }
  const bytes = await readFile(inc.path);
  const res = await env.parse(bytes);
  lastSeen.set(conn.id, inc.key);
  if (!res.ok) return refuse(env, `${res.code}: ${res.message}`, out);
  const h = res.message.header;
  if (h.from !== conn.peerCode || h.to !== conn.ourCode) return refuse(env, `wrong_node: from ${h.from} to ${h.to}`, out);
  if (!Number.isSafeInteger(h.messageNo) || h.messageNo < 0 || !Number.isSafeInteger(h.receivedNo) || h.receivedNo < 0) {
    return refuse(env, 'bad_numbers', out);
  }
  // A number far beyond the counters is a broken or hostile message: taken, it would make every later 1С message a duplicate.
  const x = exchangeOf(env.db, conn.id);
  if (h.messageNo > x.receivedNo + MAX_NUMBER_JUMP || h.receivedNo > x.sentNo + MAX_NUMBER_JUMP) return refuse(env, 'bad_numbers: implausible jump', out);
  if (res.problems.length) env.log?.(`connection ${conn.id}: message ${h.messageNo}: ${res.problems.length} objects with problems, first: ${res.problems[0]!.message}`);
  applyIncoming(env, res.message, out);
}

interface Candidate {
  documentId: number;
  ref: string;
  version: number;
  sentVersion: number;
  sentHash: string | null;
  state: string;
  messageNo: number | null;
  ackedAt: string | null;
}

/** Writes our message if one is due: new or changed documents, a resend of unacknowledged ones, or an acknowledgement owed. */
async function writeOurs(env: RoundEnv, owesAck: boolean, out: FolderRoundResult): Promise<void> {
  const { db, conn } = env;
  const now = env.now();
  const iso = now.toISOString();
  const x = exchangeOf(db, conn.id);
  const resendDue = now.getTime() - x.lastWriteMs >= conn.resendSec * 1000;
  const batch = env.batch ?? DEFAULT_BATCH;
  // Like 1С, every message carries everything not yet acknowledged (oldest first), then new and changed documents; a full
  // batch of unacknowledged ones holds the new back until 1С acknowledges (flow control).
  const cands = stmt(
    db,
    `SELECT e.document_id AS documentId, e.ref, d.version, e.sent_version AS sentVersion, e.sent_hash AS sentHash, e.state,
            e.message_no AS messageNo, e.acked_at AS ackedAt
       FROM edo_documents e JOIN documents d ON d.id = e.document_id
      WHERE e.connection_id = ? AND e.state <> 'failed'
        AND (d.version > e.sent_version OR (e.message_no IS NOT NULL AND e.acked_at IS NULL))
      ORDER BY (d.version > e.sent_version), e.message_no, e.document_id LIMIT ?`,
  ).all(conn.id, batch) as Candidate[];
  const { salt, org } = roundKeys(db);
  const objects: EdKnownObject[] = [];
  const seen = new Set<string>();
  const carried: { c: Candidate; hash: string; changed: boolean; fresh: boolean }[] = [];
  const unchanged: { c: Candidate }[] = [];
  const failed: { c: Candidate; code: string }[] = [];
  for (const c of cands) {
    let o;
    try {
      o = outgoingDocument(db, c.documentId, c.ref, salt, org);
    } catch (e) {
      if (e instanceof OutgoingRefused) {
        failed.push({ c, code: e.code });
        continue;
      }
      throw e;
    }
    const changed = c.version > c.sentVersion;
    const unacked = c.messageNo != null && c.ackedAt == null;
    if (changed && !unacked && c.sentHash === o.hash) {
      unchanged.push({ c });
      continue;
    }
    for (const obj of o.objects) {
      const key = `${obj.type}:${obj.ref}`;
      if (obj.type !== 'invoice' && obj.type !== 'sale' && obj.type !== 'invoiceFactura' && seen.has(key)) continue;
      seen.add(key);
      objects.push(obj);
    }
    carried.push({ c, hash: o.hash, changed, fresh: changed && c.sentHash !== o.hash });
  }
  // New content goes at once; what 1С has not acknowledged is written again only when the resend interval has passed.
  const due = carried.some((x) => x.fresh) || owesAck || (carried.length > 0 && resendDue);
  const no = x.sentNo + 1;
  tx(db, () => {
    if (!renewOnecLease(db, conn.id, env.owner, env.now().getTime())) throw new LeaseLost();
    for (const { c } of unchanged) stmt(db, 'UPDATE edo_documents SET sent_version = ? WHERE document_id = ?').run(c.version, c.documentId);
    for (const { c, code } of failed) failBuild(db, c.documentId, c.version, code, iso);
    if (!due) return;
    const mark = stmt(db, 'UPDATE edo_documents SET message_no = ?, acked_at = NULL, sent_version = ?, sent_hash = ?, updated_at = ? WHERE document_id = ?');
    for (const { c, hash, changed } of carried) {
      mark.run(no, c.version, hash, iso, c.documentId);
      if (c.state === 'queued') {
        stmt(db, `UPDATE edo_documents SET state = 'handed' WHERE document_id = ?`).run(c.documentId);
        addEdoEvent(db, c.documentId, iso, 'handed', null, `message ${no}`);
      } else if (changed && c.sentHash !== hash) addEdoEvent(db, c.documentId, iso, 'queued_again', null, `message ${no}`);
    }
    // Committed before the file is written: a crash in between leaves them unacknowledged, so the next round resends.
    stmt(db, 'UPDATE onec_exchange SET sent_no = ?, last_write_ms = ? WHERE connection_id = ?').run(no, now.getTime(), conn.id);
  });
  if (!due) return;
  const x2 = exchangeOf(db, conn.id);
  const msg = {
    header: {
      format: edFormatUri(conn.formatVersion),
      creationDate: localStamp(now),
      exchangePlan: ED_EXCHANGE_PLAN,
      to: conn.peerCode!,
      from: conn.ourCode!,
      messageNo: no,
      receivedNo: x2.receivedNo,
      availableVersions: [conn.formatVersion],
    },
    objects,
  };
  const ext = conn.zip ? 'zip' : 'xml';
  const path = join(conn.folder!, edMessageFileName(conn.ourCode!, conn.peerCode!, ext));
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, conn.zip ? writeEdMessageZip(msg) : writeEdMessage(msg));
  // A process that stalled after its commit (and was taken over meanwhile) must not put its older message over the
  // newer one of the process that took over: the lease's owner is checked again right before the file goes into place.
  if (!holdsOnecLease(db, conn.id, env.owner)) {
    await rm(tmp, { force: true });
    throw new LeaseLost();
  }
  await rename(tmp, path);
  await rm(join(conn.folder!, edMessageFileName(conn.ourCode!, conn.peerCode!, conn.zip ? 'xml' : 'zip')), { force: true });
  out.wrote = no;
  out.documents = carried.length;
}

/** `YYYY-MM-DDTHH:MM:SS` in local time, as 1С writes CreationDate. */
function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** One round: read and apply 1С's message, then write ours when due. Throws LeaseLost when another process took over. */
export async function folderRound(env: RoundEnv): Promise<FolderRoundResult> {
  const out: FolderRoundResult = { received: null, duplicate: false, refused: null, wrote: null, documents: 0, acked: 0, numbered: 0, objects: 0 };
  await readTheirs(env, out);
  // An acknowledgement is owed for a message with objects, new or re-sent (1С did not see our ack); an empty one needs none,
  // or the two sides would acknowledge each other's acknowledgements forever.
  const owesAck = out.received != null && out.objects > 0;
  await writeOurs(env, owesAck, out);
  return out;
}
