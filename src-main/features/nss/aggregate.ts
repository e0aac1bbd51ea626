// Per-client monthly НСС aggregates (`nss_client_months`): recomputed from the raw sources, never incremented, in the
// transaction of whatever changed a source — so a repeated import or a backdated scheme change leaves them right.
import { tx, type Db } from '../../db/connection';
import { addDays, stmt } from '../../db/stmt';
import { localDate, ricTimeZone } from '../../api/context';
import { instantRange } from '../quality/week';
import { RECORD_FIGURE, SchemeTimeline } from './definitions';
import { refreshNssPeriods, yieldLock } from './periods';

export const monthOf = (date: string) => date.slice(0, 7);
export const monthFirst = (month: string) => `${month}-01`;
export function monthLast(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}
/** Months from … to inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

interface MonthFigures {
  glCalls: number;
  glSec: number;
  lk: number;
  chats: number;
  pmContacts: number;
  sioVisits: number;
  seminars: number;
  otherContacts: number;
  dates: string[];
}

const empty = (): MonthFigures => ({ glCalls: 0, glSec: 0, lk: 0, chats: 0, pmContacts: 0, sioVisits: 0, seminars: 0, otherContacts: 0, dates: [] });

/**
 * Rewrites the client's rows for the months from … to (inclusive) from the raw sources. A month in which the client had
 * no НСС kit on any day has no row. Call it inside the transaction that changed a source.
 */
export function recomputeNssClient(db: Db, clientId: number, fromMonth: string, toMonth: string, timeZone = ricTimeZone(db)): void {
  const months = monthsBetween(fromMonth, toMonth);
  if (!months.length) return;
  const from = monthFirst(months[0]!);
  const to = monthLast(months[months.length - 1]!);
  const { lo, hi } = instantRange(from, to, timeZone);
  const schemes = SchemeTimeline.ofClient(db, clientId);
  const figures = new Map<string, MonthFigures>(months.map((m) => [m, empty()]));
  const add = (date: string, kit: number | null, apply: (f: MonthFigures) => void) => {
    const f = figures.get(monthOf(date));
    if (!f || !schemes.counts(kit, date)) return;
    apply(f);
    f.dates.push(date);
  };

  const records = stmt(
    db,
    'SELECT kind, distribution_id AS kit, on_date AS d, count, duration_sec AS sec FROM nss_records WHERE client_id = ? AND on_date BETWEEN ? AND ?',
  ).all(clientId, from, to) as { kind: string; kit: number | null; d: string; count: number; sec: number | null }[];
  for (const r of records) {
    const figure = RECORD_FIGURE[r.kind];
    if (!figure) continue;
    add(r.d, r.kit, (f) => {
      f[figure] += r.count;
      if (figure === 'glCalls') f.glSec += r.sec ?? 0;
    });
  }
  const day = (at: string) => localDate(new Date(at), timeZone);
  const chats = stmt(db, 'SELECT distribution_id AS kit, start_at AS at FROM chat_sessions WHERE client_id = ? AND start_at >= ? AND start_at < ?').all(clientId, lo, hi) as { kit: number | null; at: string }[];
  for (const c of chats) add(day(c.at), c.kit, (f) => f.chats++);
  const questions = stmt(db, 'SELECT distribution_id AS kit, asked_at AS at FROM chat_questions WHERE client_id = ? AND asked_at >= ? AND asked_at < ?').all(clientId, lo, hi) as { kit: number | null; at: string }[];
  for (const q of questions) add(day(q.at), q.kit, (f) => f.lk++);
  const mailed = stmt(
    db,
    `SELECT t.created_at AS at FROM tasks t WHERE t.client_id = ? AND t.kind = 'question' AND t.created_at >= ? AND t.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM chat_questions q WHERE q.task_id = t.id)`,
  ).all(clientId, lo, hi) as { at: string }[];
  for (const q of mailed) add(day(q.at), null, (f) => f.lk++);
  const seminars = stmt(
    db,
    `SELECT s.on_date AS d FROM nss_seminar_people p JOIN nss_seminars s ON s.id = p.seminar_id
     WHERE p.client_id = ? AND p.attended = 1 AND s.on_date BETWEEN ? AND ?`,
  ).all(clientId, from, to) as { d: string }[];
  for (const s of seminars) add(s.d, null, (f) => f.seminars++);

  const del = stmt(db, 'DELETE FROM nss_client_months WHERE client_id = ? AND month = ?');
  const put = stmt(
    db,
    `INSERT INTO nss_client_months (client_id, month, nss_days, nss_kits, std_kits, gl_calls, gl_sec, lk, chats, pm_contacts, sio_visits,
       seminars, other_contacts, contacts, first_contact_on, last_contact_on, max_gap_days)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_id, month) DO UPDATE SET nss_days = excluded.nss_days, nss_kits = excluded.nss_kits, std_kits = excluded.std_kits,
       gl_calls = excluded.gl_calls, gl_sec = excluded.gl_sec, lk = excluded.lk, chats = excluded.chats, pm_contacts = excluded.pm_contacts,
       sio_visits = excluded.sio_visits, seminars = excluded.seminars, other_contacts = excluded.other_contacts, contacts = excluded.contacts,
       first_contact_on = excluded.first_contact_on, last_contact_on = excluded.last_contact_on, max_gap_days = excluded.max_gap_days`,
  );
  for (const month of months) {
    const last = monthLast(month);
    let nssDays = 0;
    for (let d = monthFirst(month); d <= last; d = addDays(d, 1)) if (schemes.anyNss(d)) nssDays++;
    if (nssDays === 0) {
      del.run(clientId, month);
      continue;
    }
    const f = figures.get(month)!;
    const dates = [...new Set(f.dates)].sort();
    let maxGap = 0;
    for (let i = 1; i < dates.length; i++) maxGap = Math.max(maxGap, daysBetween(dates[i - 1]!, dates[i]!));
    const kits = schemes.kitCounts(last);
    const contacts = f.glCalls + f.lk + f.chats + f.pmContacts + f.sioVisits + f.seminars + f.otherContacts;
    put.run(
      clientId,
      month,
      nssDays,
      kits.nss,
      kits.standard,
      f.glCalls,
      f.glSec,
      f.lk,
      f.chats,
      f.pmContacts,
      f.sioVisits,
      f.seminars,
      f.otherContacts,
      contacts,
      dates[0] ?? null,
      dates[dates.length - 1] ?? null,
      maxGap,
    );
  }
  refreshNssPeriods(db, clientId, months[0]!);
}

/**
 * A source row of the client changed on these dates (YYYY-MM-DD in the РИЦ zone, or UTC instants): its months are
 * recomputed. `today` bounds nothing here — a future-dated record still lands in its month.
 */
export function touchNss(db: Db, clientId: number | null | undefined, dates: (string | null | undefined)[], timeZone = ricTimeZone(db)): void {
  if (clientId == null) return;
  const days = dates.filter((d): d is string => !!d).map((d) => (d.length > 10 ? localDate(new Date(d), timeZone) : d));
  if (!days.length) return;
  const months = [...new Set(days.map(monthOf))].sort();
  // Near months in one pass; far apart (a date typed decades off), each month alone — never decades of rows between.
  if (monthsBetween(months[0]!, months[months.length - 1]!).length <= 36) recomputeNssClient(db, clientId, months[0]!, months[months.length - 1]!, timeZone);
  else for (const m of months) recomputeNssClient(db, clientId, m, m, timeZone);
}

/**
 * The client's kits or schemes changed (a scheme from a date, a kit added, moved or deleted, a merge): every month from
 * the earliest date that could be affected to the current month is recomputed.
 */
export function touchNssFrom(db: Db, clientId: number, fromDate: string, today: string, timeZone = ricTimeZone(db)): void {
  // Nothing before the first НСС date or the first stored row can change.
  const first = SchemeTimeline.ofClient(db, clientId).firstNss();
  const existing = (stmt(db, 'SELECT MIN(month) AS m FROM nss_client_months WHERE client_id = ?').get(clientId) as { m: string | null }).m;
  const lower = [first, existing ? monthFirst(existing) : null].filter((d): d is string => !!d).sort()[0];
  if (!lower) return;
  const start = fromDate > lower ? fromDate : lower;
  // Up to this month, or further when rows of future months exist (a record dated ahead): they follow the change too.
  const stored = (stmt(db, 'SELECT MAX(month) AS m FROM nss_client_months WHERE client_id = ?').get(clientId) as { m: string | null }).m;
  const toMonth = stored && stored > monthOf(today) ? stored : monthOf(today);
  if (monthOf(start) > toMonth) return;
  recomputeNssClient(db, clientId, monthOf(start), toMonth, timeZone);
}

const monthKey = (month: string) => `nss.month.${month}`;

/** Whether the month still has to be filled: a past month once, the current month again each day (a kit may become НСС from today on). */
export function nssMonthPending(db: Db, month: string, today: string): boolean {
  const done = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(monthKey(month)) as { value: string } | undefined;
  return !(done && (month < monthOf(today) ? true : done.value === JSON.stringify(today)));
}

/**
 * Makes sure every client that was НСС in the month has its row (zero figures included). Months are kept current by the
 * writers; a month no writer touched (a quiet month, the first report after the upgrade) is filled here once, for the
 * clients that lack a row, `chunk` clients per transaction (a pool thread fills a large РИЦ without holding the lock for
 * long; inside a caller's transaction it is all one). Returns how many clients were filled.
 */
export function ensureNssMonth(db: Db, month: string, today: string, timeZone = ricTimeZone(db), chunk = Number.POSITIVE_INFINITY): number {
  if (!nssMonthPending(db, month, today)) return 0;
  const last = monthLast(month);
  const clients = stmt(
    db,
    `SELECT DISTINCT d.client_id AS id FROM distribution_schemes s JOIN distributions d ON d.id = s.distribution_id
     WHERE s.scheme = 'nss' AND s.effective_from <= ?
       AND NOT EXISTS (SELECT 1 FROM nss_client_months m WHERE m.client_id = d.client_id AND m.month = ?)`,
  )
    .pluck()
    .all(last, month) as number[];
  for (let i = 0; i < clients.length; i += Math.min(chunk, clients.length)) {
    const t0 = performance.now();
    tx(db, () => {
      for (const id of clients.slice(i, i + chunk)) recomputeNssClient(db, id, month, month, timeZone);
    });
    if (i + chunk < clients.length) yieldLock(performance.now() - t0);
  }
  tx(db, () => stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(monthKey(month), JSON.stringify(today)));
  return clients.length;
}

/** Collects the clients and dates a bulk write touched (an import of thousands of rows), recomputed once per client. */
export class NssTouches {
  private readonly byClient = new Map<number, string[]>();

  add(clientId: number | null | undefined, date: string | null | undefined): void {
    if (clientId == null || !date) return;
    const list = this.byClient.get(clientId) ?? [];
    list.push(date);
    this.byClient.set(clientId, list);
  }

  flush(db: Db): void {
    const tz = ricTimeZone(db);
    for (const [clientId, dates] of this.byClient) touchNss(db, clientId, dates, tz);
    this.byClient.clear();
  }
}
