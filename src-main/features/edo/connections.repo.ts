// 1С connections (the OData password sealed like mailbox passwords), their exchange row, lease and health.
import type { Db } from '../../db/connection';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { secretBoxFor } from '../mail/secrets';
import { ownerIsDead } from '../mail/lease';
import { addEdoEvent } from './queue';
import { EDO_GROUP_OF, EDO_QUEUE_GROUPS, type EdoDocState, type EdoQueueGroup, type OnecConnectionRow, type OnecHealth, type OnecTransport } from '../../../src-shared/edo';
import type { OnecConnectionInput } from '../../../src-shared/api/edo';

export interface OnecConnection extends OnecConnectionRow {
  /** Decrypted; '' when none. */
  odataPassword: string;
}

const COLUMNS = `id, name, send_via AS sendVia, enabled, folder, our_code AS ourCode, peer_code AS peerCode, zip, format_version AS formatVersion,
  odata_url AS odataUrl, odata_user AS odataUser, odata_password_enc AS odataPasswordEnc, organization_ref AS organizationRef,
  interval_sec AS intervalSec, resend_sec AS resendSec`;

type Raw = Omit<OnecConnectionRow, 'enabled' | 'zip' | 'hasPassword'> & { enabled: number; zip: number; odataPasswordEnc: string | null };

function rowOf(r: Raw): OnecConnectionRow {
  const { odataPasswordEnc, ...rest } = r;
  return { ...rest, enabled: !!r.enabled, zip: !!r.zip, hasPassword: !!odataPasswordEnc };
}

export function listConnections(db: Db): OnecConnectionRow[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM onec_connections ORDER BY id`).all() as Raw[]).map(rowOf);
}

/** The connection with its password, for the job; null when gone. */
export function loadConnection(db: Db, id: number): OnecConnection | null {
  const r = stmt(db, `SELECT ${COLUMNS} FROM onec_connections WHERE id = ?`).get(id) as Raw | undefined;
  if (!r) return null;
  return { ...rowOf(r), odataPassword: r.odataPasswordEnc ? secretBoxFor(db).decrypt(r.odataPasswordEnc) : '' };
}

export function saveConnection(db: Db, input: OnecConnectionInput, nowIso: string): number {
  const sealed = input.odataPassword === undefined ? undefined : input.odataPassword === '' ? null : secretBoxFor(db).encrypt(input.odataPassword);
  const v = [
    input.name,
    input.sendVia,
    input.enabled === false ? 0 : 1,
    input.folder ?? null,
    input.ourCode ?? null,
    input.peerCode ?? null,
    input.zip ? 1 : 0,
    input.formatVersion ?? '1.8',
    input.odataUrl ?? null,
    input.odataUser ?? null,
    input.organizationRef?.toLowerCase() ?? null,
    input.intervalSec ?? 60,
    input.resendSec ?? 300,
  ];
  return tx(db, () => {
    let id = input.id;
    if (id == null) {
      id = Number(
        stmt(
          db,
          `INSERT INTO onec_connections (name, send_via, enabled, folder, our_code, peer_code, zip, format_version, odata_url, odata_user,
             organization_ref, interval_sec, resend_sec, odata_password_enc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...v, sealed ?? null, nowIso, nowIso).lastInsertRowid,
      );
    } else {
      const was = stmt(db, 'SELECT send_via AS v FROM onec_connections WHERE id = ?').get(id) as { v: OnecTransport } | undefined;
      if (was && was.v !== input.sendVia) {
        requeueUnacked(db, id, was.v, nowIso);
        // A round already running under the old transport must not commit after this: it loses the lease here.
        stmt(db, 'UPDATE onec_exchange SET owner_id = NULL, lease_until = 0 WHERE connection_id = ?').run(id);
      }
      const n = stmt(
        db,
        `UPDATE onec_connections SET name = ?, send_via = ?, enabled = ?, folder = ?, our_code = ?, peer_code = ?, zip = ?, format_version = ?,
           odata_url = ?, odata_user = ?, organization_ref = ?, interval_sec = ?, resend_sec = ?, updated_at = ? WHERE id = ?`,
      ).run(...v, nowIso, id).changes;
      if (n === 0) return 0;
      if (sealed !== undefined) stmt(db, 'UPDATE onec_connections SET odata_password_enc = ? WHERE id = ?').run(sealed, id);
    }
    stmt(db, 'INSERT INTO onec_exchange (connection_id) VALUES (?) ON CONFLICT DO NOTHING').run(id);
    // Documents queued before any connection existed go to the first enabled one.
    stmt(db, 'UPDATE edo_documents SET connection_id = (SELECT id FROM onec_connections WHERE enabled = 1 ORDER BY id LIMIT 1) WHERE connection_id IS NULL').run();
    return id;
  });
}

/**
 * Queues documents of a connection again from the start: sent and acknowledged afresh. The 1С number stays until 1С
 * sends another (a 1С that still has the object keeps its number and does not send it again).
 */
function requeue(db: Db, ids: number[], detail: string, nowIso: string): void {
  const put = stmt(
    db,
    `UPDATE edo_documents SET state = 'queued', sent_version = 0, sent_hash = NULL, message_no = NULL, acked_at = NULL, error = NULL,
       error_at = NULL, attempts = 0, next_at = 0, updated_at = ? WHERE document_id = ?`,
  );
  for (const id of ids) {
    put.run(nowIso, id);
    addEdoEvent(db, id, nowIso, 'queued_again', null, detail);
  }
}

/**
 * The transport of a connection changes: what 1С has not acknowledged yet was written into a folder message (or tried
 * over OData) that the new transport knows nothing of, so it goes again from the start. Acknowledged documents keep their
 * place: 1С has them under the same key, and their states are read by the new transport.
 */
function requeueUnacked(db: Db, connectionId: number, from: OnecTransport, nowIso: string): void {
  // Only what went (or was written into a message): a document still waiting for its first send needs nothing.
  const ids = stmt(
    db,
    `SELECT document_id AS id FROM edo_documents WHERE connection_id = ? AND acked_at IS NULL AND state IN ('queued', 'handed')
       AND (message_no IS NOT NULL OR sent_version > 0)`,
  ).all(connectionId) as { id: number }[];
  requeue(
    db,
    ids.map((r) => r.id),
    `transport: ${from}`,
    nowIso,
  );
}

/**
 * «Передать заново»: 1С was restored from a copy and lost what it had received. The connection's documents dated from
 * `since` go again from the start (1С finds or recreates each by its key and numbers it again). Signed and annulled
 * ones stay as they are: their signing is done, and a restored 1С must not turn it back. Failed ones wait for a person.
 * Runs in the caller's transaction; `dryRun` only counts.
 */
export function resendSince(db: Db, connectionId: number, since: string, nowIso: string, dryRun: boolean): number {
  const ids = stmt(
    db,
    `SELECT e.document_id AS id FROM edo_documents e JOIN documents d ON d.id = e.document_id
      WHERE e.connection_id = ? AND d.date >= ? AND e.state NOT IN ('signed', 'annulled', 'failed') ORDER BY e.document_id`,
  ).all(connectionId, since) as { id: number }[];
  if (!dryRun)
    requeue(
      db,
      ids.map((r) => r.id),
      `resend since ${since}`,
      nowIso,
    );
  return ids.length;
}

export interface ExchangeRow {
  sentNo: number;
  receivedNo: number;
  ackedNo: number;
  lastWriteMs: number;
}

export function exchangeOf(db: Db, connectionId: number): ExchangeRow {
  stmt(db, 'INSERT INTO onec_exchange (connection_id) VALUES (?) ON CONFLICT DO NOTHING').run(connectionId);
  return stmt(db, 'SELECT sent_no AS sentNo, received_no AS receivedNo, acked_no AS ackedNo, last_write_ms AS lastWriteMs FROM onec_exchange WHERE connection_id = ?').get(
    connectionId,
  ) as ExchangeRow;
}

/** Takes or renews the connection's lease: one process exchanges with a 1С base at a time. */
export function acquireOnecLease(db: Db, connectionId: number, owner: string, nowMs: number, leaseMs: number): boolean {
  return tx(db, () => {
    exchangeOf(db, connectionId);
    const cur = stmt(db, 'SELECT owner_id AS ownerId, lease_until AS until FROM onec_exchange WHERE connection_id = ?').get(connectionId) as { ownerId: string | null; until: number };
    if (cur.ownerId && cur.ownerId !== owner && cur.until > nowMs && !ownerIsDead(cur.ownerId)) return false;
    stmt(db, 'UPDATE onec_exchange SET owner_id = ?, lease_until = ? WHERE connection_id = ?').run(owner, nowMs + leaseMs, connectionId);
    return true;
  });
}

export function releaseOnecLease(db: Db, connectionId: number, owner: string): void {
  stmt(db, 'UPDATE onec_exchange SET owner_id = NULL, lease_until = 0 WHERE connection_id = ? AND owner_id = ?').run(connectionId, owner);
}

/** Checked and extended inside every commit of a round: a process that lost the lease (or let it lapse) writes nothing. */
export function renewOnecLease(db: Db, connectionId: number, owner: string, nowMs: number, leaseMs = 120_000): boolean {
  return stmt(db, 'UPDATE onec_exchange SET lease_until = ? WHERE connection_id = ? AND owner_id = ? AND lease_until > ?').run(nowMs + leaseMs, connectionId, owner, nowMs).changes === 1;
}

/** Checked inside every commit of a round: a process that lost the lease writes nothing. */
export function holdsOnecLease(db: Db, connectionId: number, owner: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM onec_exchange WHERE connection_id = ? AND owner_id = ?').get(connectionId, owner);
}

export function recordRound(db: Db, connectionId: number, at: string, error: string | null): void {
  if (error) {
    stmt(db, 'UPDATE onec_exchange SET last_round_at = ?, last_error = ?, last_error_at = ? WHERE connection_id = ?').run(at, error.slice(0, 2000), at, connectionId);
  } else stmt(db, 'UPDATE onec_exchange SET last_round_at = ?, last_ok_at = ?, last_error = NULL WHERE connection_id = ?').run(at, at, connectionId);
}

export function groupCounts(db: Db, connectionId: number | null): Record<EdoQueueGroup, number> {
  const counts = Object.fromEntries(EDO_QUEUE_GROUPS.map((g) => [g, 0])) as Record<EdoQueueGroup, number>;
  const rows = stmt(
    db,
    `SELECT e.state, (d.version > e.sent_version AND e.state NOT IN ('queued', 'failed')) AS changed, COUNT(*) AS n
       FROM edo_documents e JOIN documents d ON d.id = e.document_id
      WHERE (? IS NULL OR e.connection_id = ?) GROUP BY 1, 2`,
  ).all(connectionId, connectionId) as { state: EdoDocState; changed: number; n: number }[];
  for (const r of rows) counts[r.changed ? 'pending' : (EDO_GROUP_OF[r.state] ?? 'acknowledged')] += r.n;
  return counts;
}

export function connectionHealth(db: Db, nowMs: number): OnecHealth[] {
  return listConnections(db).map((c) => {
    const x = stmt(
      db,
      `SELECT last_round_at AS lastRoundAt, last_ok_at AS lastOkAt, last_error AS lastError, last_error_at AS lastErrorAt, sent_no AS sentNo,
         received_no AS receivedNo, acked_no AS ackedNo, refused FROM onec_exchange WHERE connection_id = ?`,
    ).get(c.id) as Omit<OnecHealth, 'connectionId' | 'name' | 'enabled' | 'sendVia' | 'readsStates' | 'counts' | 'lagMs'> | undefined;
    const oldest = stmt(db, `SELECT MIN(queued_at) AS at FROM edo_documents WHERE connection_id = ? AND state IN ('queued', 'handed', 'failed')`).get(c.id) as { at: string | null };
    return {
      connectionId: c.id,
      name: c.name,
      enabled: c.enabled,
      sendVia: c.sendVia as OnecTransport,
      readsStates: !!c.odataUrl,
      lastRoundAt: x?.lastRoundAt ?? null,
      lastOkAt: x?.lastOkAt ?? null,
      lastError: x?.lastError ?? null,
      lastErrorAt: x?.lastErrorAt ?? null,
      sentNo: x?.sentNo ?? 0,
      receivedNo: x?.receivedNo ?? 0,
      ackedNo: x?.ackedNo ?? 0,
      refused: x?.refused ?? 0,
      counts: groupCounts(db, c.id),
      lagMs: oldest.at ? Math.max(0, nowMs - Date.parse(oldest.at)) : 0,
    };
  });
}
