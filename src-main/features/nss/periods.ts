// Kept НСС report periods (`nss_periods`, `nss_period_clients`): one row per client per period derived from the monthly
// aggregates, so a year over a large РИЦ reads 100,000 rows instead of 1,200,000. Built in chunks on a pool thread; kept
// current by recomputeNssClient in the writers' transactions; the least recently used beyond KEEP_PERIODS are dropped.
import { tx, type Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

/** Periods kept at once: the months and years a department actually looks at. */
export const KEEP_PERIODS = 8;
/** Clients per build transaction: short enough that a writer on the event loop never waits long for the lock. */
export const BUILD_CHUNK = 2000;
/** A period used within this long is never dropped (a person may be paging through it). */
const EVICT_AFTER_MS = 10 * 60_000;

/**
 * After a chunk that held the write lock for `ms`, a pool thread sleeps about as long: the event loop's writers (whose
 * busy handler retries only every few tens of ms) get the lock between chunks instead of waiting out the whole build.
 */
export function yieldLock(ms: number): void {
  const pause = Math.min(200, Math.max(5, Math.round(ms)));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
}

export interface NssPeriodKey {
  fromMonth: string;
  toMonth: string;
  plan: number;
}

export interface NssPeriodRow extends NssPeriodKey {
  id: number;
  state: 'building' | 'ready';
}

/**
 * The client rows of a period for the clients lo … hi, from their monthly rows: sums, months below the plan, the last
 * contact inside and before the period, the first НСС month, and the longest gap inside — a month's own gap, or from the
 * previous contact (the running MAX over earlier months: dates only grow) or the first month's start to a month's first
 * contact. Same formulas as the month-based CTE in report.query.ts (the tests compare both).
 */
const ROWS_SQL = `
INSERT OR REPLACE INTO nss_period_clients (period_id, client_id, months, contacts, gl_calls, gl_sec, lk, chats, pm_contacts, sio_visits,
  seminars, other_contacts, below_plan, nss_kits, first_month, last_contact_on, last_before_on, inner_gap)
SELECT :period, w.client_id, COUNT(*), SUM(w.contacts), SUM(w.gl_calls), SUM(w.gl_sec), SUM(w.lk), SUM(w.chats), SUM(w.pm_contacts),
  SUM(w.sio_visits), SUM(w.seminars), SUM(w.other_contacts), SUM(w.contacts < :plan), MAX(w.nss_kits), MIN(w.month), MAX(w.last_contact_on),
  (SELECT MAX(x.last_contact_on) FROM nss_client_months x WHERE x.client_id = w.client_id AND x.month < :from),
  MAX(MAX(w.max_gap_days, CASE WHEN w.first_contact_on IS NULL THEN 0
    ELSE CAST(julianday(w.first_contact_on) - julianday(COALESCE(w.prev_last, w.first_month || '-01')) AS INTEGER) END))
FROM (
  SELECT m.*, MIN(m.month) OVER (PARTITION BY m.client_id) AS first_month,
    MAX(m.last_contact_on) OVER (PARTITION BY m.client_id ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_last
  FROM nss_client_months m WHERE m.client_id BETWEEN :lo AND :hi AND m.month BETWEEN :from AND :to) w
GROUP BY w.client_id`;

function writeRows(db: Db, p: NssPeriodRow, lo: number, hi: number): number {
  return stmt(db, ROWS_SQL).run({ period: p.id, plan: p.plan, from: p.fromMonth, to: p.toMonth, lo, hi }).changes;
}

const PERIOD_COLS = 'id, from_month AS fromMonth, to_month AS toMonth, plan, state';

/**
 * A client's months from `fromMonth` on were recomputed: its row in every kept period those months (or the months before
 * a period, which give its last earlier contact) reach is rewritten. Called by recomputeNssClient, in its transaction.
 */
export function refreshNssPeriods(db: Db, clientId: number, fromMonth: string): void {
  const periods = stmt(db, `SELECT ${PERIOD_COLS} FROM nss_periods WHERE to_month >= ? AND state <> 'evicting'`).all(fromMonth) as NssPeriodRow[];
  if (!periods.length) return;
  const del = stmt(db, 'DELETE FROM nss_period_clients WHERE period_id = ? AND client_id = ?');
  for (const p of periods) {
    del.run(p.id, clientId);
    writeRows(db, p, clientId, clientId);
  }
}

export function findNssPeriod(db: Db, key: NssPeriodKey): NssPeriodRow | undefined {
  return stmt(db, `SELECT ${PERIOD_COLS} FROM nss_periods WHERE from_month = ? AND to_month = ? AND plan = ?`).get(key.fromMonth, key.toMonth, key.plan) as
    | NssPeriodRow
    | undefined;
}

/** Registers the period (or finds it) as `building`: from this commit on, the writers keep its rows current. */
export function registerNssPeriod(db: Db, key: NssPeriodKey, now: string): NssPeriodRow {
  return tx(db, () => {
    stmt(
      db,
      `INSERT INTO nss_periods (from_month, to_month, plan, state, created_at, used_at) VALUES (?, ?, ?, 'building', ?, ?)
       ON CONFLICT (from_month, to_month, plan) DO UPDATE SET used_at = excluded.used_at,
         state = CASE WHEN state = 'evicting' THEN 'building' ELSE state END`,
    ).run(key.fromMonth, key.toMonth, key.plan, now, now);
    return findNssPeriod(db, key)!;
  });
}

/** Bookkeeping for the eviction: at most every 30 s, and never worth failing a report for (a busy lock: skipped). */
export function markNssPeriodUsed(db: Db, id: number, now: string): void {
  try {
    stmt(db, 'UPDATE nss_periods SET used_at = ? WHERE id = ? AND used_at < ?').run(now, id, new Date(Date.parse(now) - 30_000).toISOString());
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
  }
}

/**
 * Writes every client row of a registered period, BUILD_CHUNK clients per transaction (each chunk reads the months as
 * committed then; a writer that touched a client meanwhile rewrote its row itself), then marks it ready. Returns the rows.
 */
export function buildNssPeriod(db: Db, periodId: number, onChunk?: (done: number, of: number) => void): number {
  const p = stmt(db, `SELECT ${PERIOD_COLS} FROM nss_periods WHERE id = ?`).get(periodId) as NssPeriodRow | undefined;
  if (!p) return 0;
  const bounds = stmt(db, 'SELECT MIN(client_id) AS lo, MAX(client_id) AS hi FROM nss_client_months WHERE month BETWEEN ? AND ?').get(p.fromMonth, p.toMonth) as {
    lo: number | null;
    hi: number | null;
  };
  let rows = 0;
  if (bounds.lo != null && bounds.hi != null) {
    for (let lo = bounds.lo; lo <= bounds.hi; lo += BUILD_CHUNK) {
      const hi = Math.min(lo + BUILD_CHUNK - 1, bounds.hi);
      const t0 = performance.now();
      const written = tx(db, () => {
        // Dropped meanwhile (another process evicted it): stop.
        if (!stmt(db, "SELECT 1 FROM nss_periods WHERE id = ? AND state = 'building'").get(p.id)) return null;
        stmt(db, 'DELETE FROM nss_period_clients WHERE period_id = ? AND client_id BETWEEN ? AND ?').run(p.id, lo, hi);
        return writeRows(db, p, lo, hi);
      });
      if (written == null) return rows;
      rows += written;
      onChunk?.(hi - bounds.lo + 1, bounds.hi - bounds.lo + 1);
      if (hi < bounds.hi) yieldLock(performance.now() - t0);
    }
  }
  tx(db, () => stmt(db, "UPDATE nss_periods SET state = 'ready' WHERE id = ? AND state = 'building'").run(p.id));
  return rows;
}

/**
 * Drops the least recently used periods beyond KEEP_PERIODS (never `keepId`, nor one used in the last minutes): each is
 * first marked `evicting` — only if still unused, checked in that transaction — so no report reads it from then on and
 * no writer rewrites it; then its rows go chunk by chunk, then the period.
 */
export function evictNssPeriods(db: Db, keepId: number, now: string): number[] {
  const cutoff = new Date(Date.parse(now) - EVICT_AFTER_MS).toISOString();
  const candidates = stmt(db, 'SELECT id FROM nss_periods WHERE id <> ? ORDER BY used_at DESC LIMIT -1 OFFSET ?')
    .pluck()
    .all(keepId, KEEP_PERIODS - 1) as number[];
  const dropped: number[] = [];
  for (const id of candidates) {
    const marked = tx(db, () => stmt(db, "UPDATE nss_periods SET state = 'evicting' WHERE id = ? AND used_at < ?").run(id, cutoff).changes);
    if (!marked) continue;
    for (;;) {
      const t0 = performance.now();
      const gone = tx(db, () => stmt(db, 'DELETE FROM nss_period_clients WHERE period_id = ? AND client_id IN (SELECT client_id FROM nss_period_clients WHERE period_id = ? LIMIT ?)').run(id, id, BUILD_CHUNK).changes);
      if (!gone) break;
      yieldLock(performance.now() - t0);
    }
    tx(db, () => stmt(db, "DELETE FROM nss_periods WHERE id = ? AND state = 'evicting'").run(id));
    dropped.push(id);
  }
  return dropped;
}

/** Whether a report may read the period's rows in this snapshot (not dropped, not being dropped or rebuilt). */
export function nssPeriodReady(db: Db, id: number): boolean {
  return !!stmt(db, "SELECT 1 FROM nss_periods WHERE id = ? AND state = 'ready'").get(id);
}

/** The query as a report runs it in its read transaction: over the monthly rows when its period is no longer ready. */
export function readableQuery<Q extends { periodId?: number }>(db: Db, q: Q): Q {
  return q.periodId != null && !nssPeriodReady(db, q.periodId) ? { ...q, periodId: undefined } : q;
}
