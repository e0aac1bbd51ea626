// What a USR file proves, as the reports count it: the two definitions (proven update, update session) in one place.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

/*
 * A *proven update* is one usr_updates row: a (bank, date) of a kit that some stored file listed (kept once however
 * many files repeat it). An *update session* is a distinct date on which any bank of the kit was updated, as proven by
 * any stored file — our own definition (the КЦ's is not public). The import keeps both per kit and month in
 * usr_kit_months (`sessions`, `updates`); a period's whole months are read from there, its partial edge months from
 * usr_updates through usr_updates_date_idx (date, usr_kit_id), which covers the count.
 */

export interface KitProof {
  sessions: number;
  updates: number;
  /** Newest proven update inside the period. */
  last: string | null;
}

const monthOf = (d: string) => d.slice(0, 7);
/** The first day of the month after `ym`. */
export function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
/** The last day of a month YYYY-MM. */
export function monthEnd(ym: string): string {
  const d = new Date(`${nextMonth(ym)}-01T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
/** The months from `a` to `b` inclusive (YYYY-MM). */
export function monthsBetween(a: string, b: string): string[] {
  const out: string[] = [];
  for (let m = a; m <= b && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}

/** The period's whole months (first, last; empty when none) and the day ranges left over at its edges. */
export function splitPeriod(from: string, to: string): { months: [string, string] | null; edges: [string, string][] } {
  const firstWhole = from.slice(8) === '01' ? monthOf(from) : nextMonth(monthOf(from));
  const lastWhole = to === monthEnd(monthOf(to)) ? monthOf(to) : (() => {
    // The month before `to`'s month.
    const y = Number(to.slice(0, 4));
    const m = Number(to.slice(5, 7));
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  if (firstWhole > lastWhole) return { months: null, edges: [[from, to]] };
  const edges: [string, string][] = [];
  if (from < `${firstWhole}-01`) edges.push([from, monthEnd(monthOf(from))]);
  if (to > monthEnd(lastWhole)) edges.push([`${monthOf(to)}-01`, to]);
  return { months: [firstWhole, lastWhole], edges };
}

/**
 * Grouped along the primary key (usr_kit_id, month): no sort, and the month is checked in the index before the row is
 * read. Through the month index instead, a year over 100,000 kits needed a temporary B-tree and took twice as long.
 */
const MONTHS_SQL = `SELECT usr_kit_id AS k, sum(sessions) AS s, sum(updates) AS u, max(last_update) AS l
  FROM usr_kit_months INDEXED BY sqlite_autoindex_usr_kit_months_1 WHERE month BETWEEN ? AND ? GROUP BY usr_kit_id`;
/** Distinct (date, kit) pairs come out of the covering index in order, so the inner DISTINCT needs no sort. */
const EDGE_SQL = `SELECT k, count(*) AS s, sum(n) AS u, max(d) AS l FROM
  (SELECT usr_kit_id AS k, date AS d, count(*) AS n FROM usr_updates INDEXED BY usr_updates_date_idx WHERE date BETWEEN ? AND ? GROUP BY date, usr_kit_id)
  GROUP BY k`;

/** Sessions, proven updates and the newest update of every kit with any proof in [from, to] (usr_kits.id → proof). */
export function proofByKit(db: Db, from: string, to: string): Map<number, KitProof> {
  const out = new Map<number, KitProof>();
  const add = (rows: { k: number; s: number; u: number; l: string }[]) => {
    for (const r of rows) {
      const p = out.get(r.k);
      if (!p) out.set(r.k, { sessions: r.s, updates: r.u, last: r.l });
      else {
        p.sessions += r.s;
        p.updates += r.u;
        if (r.l > (p.last ?? '')) p.last = r.l;
      }
    }
  };
  const { months, edges } = splitPeriod(from, to);
  if (months) add(stmt(db, MONTHS_SQL).all(months[0], months[1]) as never);
  for (const [a, b] of edges) add(stmt(db, EDGE_SQL).all(a, b) as never);
  return out;
}

/** The newest proven update of a kit before `date`: the month table up to the month before, then that month's own days. */
export function lastProvenBefore(db: Db, kitId: number, date: string): string | null {
  const sameMonth = stmt(db, 'SELECT max(date) AS d FROM usr_updates WHERE usr_kit_id = ? AND date >= ? AND date < ?').get(kitId, `${monthOf(date)}-01`, date) as { d: string | null };
  if (sameMonth.d) return sameMonth.d;
  const r = stmt(db, 'SELECT last_update AS d FROM usr_kit_months WHERE usr_kit_id = ? AND month < ? ORDER BY month DESC LIMIT 1').get(kitId, monthOf(date)) as { d: string } | undefined;
  return r?.d ?? null;
}

/** Sessions per kit and month of a range (months without proof are absent), read as a flat scan: [kit, month, sessions]. */
export const KIT_MONTHS_SQL = `SELECT usr_kit_id, month, sessions FROM usr_kit_months NOT INDEXED WHERE month BETWEEN ? AND ?`;

/**
 * The files behind a kit's proof in [from, to]: the distinct files that first proved an update of the period
 * (usr_updates.usr_file_id), newest first.
 */
export function proofFiles(db: Db, kitIds: number[], from: string, to: string): { usrFileId: number; kitId: number; name: string; fileAt: string | null; purged: boolean; fileId: number }[] {
  if (!kitIds.length) return [];
  const rows = stmt(
    db,
    `SELECT DISTINCT f.id AS usrFileId, u.usr_kit_id AS kitId, f.name, f.file_at AS fileAt, f.purged_at IS NOT NULL AS purged, f.file_id AS fileId
     FROM usr_updates u JOIN usr_files f ON f.id = u.usr_file_id
     WHERE u.usr_kit_id IN (SELECT value FROM json_each(?)) AND u.date BETWEEN ? AND ?
     ORDER BY u.usr_kit_id, f.file_at DESC, f.id DESC`,
  ).all(JSON.stringify(kitIds), from, to) as { usrFileId: number; kitId: number; name: string; fileAt: string | null; purged: number; fileId: number }[];
  return rows.map((r) => ({ ...r, purged: r.purged === 1 }));
}
