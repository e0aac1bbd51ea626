// The НСС report's one query module: per client, per СИО, per personal manager, over `nss_client_months` (formulas and
// sources of each column in definitions.ts NSS_COLUMNS). Only the page and the totals leave SQLite.
import type { Db } from '../../db/connection';
import { addDays, stmt } from '../../db/stmt';
import type { NssClientRow, NssMonthPoint, NssMix, NssReportTotals, NssSettings, NssStaffRow } from '../../../src-shared/nss';
import { MIX_SQL } from './definitions';
import { cycleView } from './cycles';
import { daysBetween, monthFirst, monthLast } from './aggregate';

export interface NssReportQuery {
  fromMonth: string;
  toMonth: string;
  group: 'client' | 'sio' | 'pm';
  sioId?: number;
  pmId?: number;
  /** A СИО / personal manager who is not a manager sees their own clients only. */
  ownerId?: number;
  overGapOnly?: boolean;
  search?: string;
  sort: string;
  desc: boolean;
  limit: number;
  offset: number;
  /** A kept period of these months and plan (periods.ts): its client rows are read instead of the monthly ones. */
  periodId?: number;
  /** Also the chart by month (the page leaves it to `nss.report.months`: it reads every monthly row of the period). */
  withMonths?: boolean;
}

const SORT_SQL: Record<string, string> = {
  name: 'g.name_lc',
  contacts: 'a.contacts',
  daysSinceContact: 'days_since',
  maxGapDays: 'max_gap',
  glCalls: 'a.gl_calls',
  lk: 'a.lk',
  chats: 'a.chats',
  cycleEndsOn: 'cycle_ends',
};

/** The period's bounds: from its first day to its last, or to today when it reaches today («days since» count to it). */
export function periodBounds(q: { fromMonth: string; toMonth: string }, today: string): { start: string; end: string; days: number } {
  const start = monthFirst(q.fromMonth);
  const last = monthLast(q.toMonth);
  const end = last < today ? last : today < start ? start : today;
  return { start, end, days: daysBetween(start, end) + 1 };
}

/** The figures that depend on «today» and the cycles, over `a`; `lastBefore` is the last contact before the period. */
const G = (lastBefore: string, withCycleEnds: boolean) => `
  g AS (
    SELECT a.*,
      -- The last contact up to the period's end, looking back before it when the period had none.
      COALESCE(a.last_contact, ${lastBefore}) AS last_ever,
      CASE WHEN a.last_contact IS NULL THEN CAST(julianday(:end) - julianday(a.first_month || '-01') AS INTEGER) + 1
           ELSE MAX(a.inner_gap, CAST(julianday(:end) - julianday(a.last_contact) AS INTEGER)) END AS max_gap,
      CAST(julianday(:end) - julianday(COALESCE(a.last_contact, ${lastBefore})) AS INTEGER) AS days_since,
      -- Due for renewal: an active cycle ending by :due (the few due cycles, through their index, probed per client).
      a.client_id IN (SELECT y.client_id FROM nss_cycles y WHERE y.ends_on <= :due AND y.state = 'active') AS cycle_due
      ${withCycleEnds ? `, ${CYCLE_ENDS('a.client_id')} AS cycle_ends` : ''}
    FROM a)`;

/** The nearest end of the client's active cycles. */
const CYCLE_ENDS = (client: string) => `(SELECT MIN(y.ends_on) FROM nss_cycles y WHERE y.client_id = ${client} AND y.state = 'active')`;

/**
 * Per-client aggregate over the period, as a CTE `a`. The longest gap: inside a month (`max_gap_days`), from the previous
 * month's last contact (the running MAX over earlier months — dates only grow) or the client's first НСС month start to a
 * month's first contact, and from the last contact to the period's end; no contact at all → the whole span.
 */
function aggregateCte(q: NssReportQuery, withCycleEnds = false): { sql: string; args: unknown[] } {
  // One month: one row per client, read in client order through the month index — no window, no sort (same figures:
  // nothing earlier in the period, the month is the client's first).
  const single = q.fromMonth === q.toMonth;
  const where: string[] = [single ? 'm.month = ?' : 'm.month BETWEEN ? AND ?'];
  const args: unknown[] = single ? [q.fromMonth] : [q.fromMonth, q.toMonth];
  if (q.sioId != null) {
    where.push('c.sio_id = ?');
    args.push(q.sioId);
  }
  if (q.pmId != null) {
    where.push('c.pm_id = ?');
    args.push(q.pmId);
  }
  if (q.ownerId != null) {
    where.push('(c.sio_id = ? OR c.pm_id = ?)');
    args.push(q.ownerId, q.ownerId);
  }
  if (q.periodId != null) {
    where[0] = 'r.period_id = ?';
    args[0] = q.periodId;
    args.length = 1;
    if (q.sioId != null) args.push(q.sioId);
    if (q.pmId != null) args.push(q.pmId);
    if (q.ownerId != null) args.push(q.ownerId, q.ownerId);
    return {
      sql: `
  a AS (
    SELECT r.client_id, c.sio_id, c.pm_id, c.name_lc, r.months, r.contacts, r.gl_calls, r.gl_sec, r.lk, r.chats, r.pm_contacts, r.sio_visits, r.seminars,
      r.other_contacts, r.below_plan, r.last_contact_on AS last_contact, r.nss_kits, r.first_month, r.inner_gap, r.last_before_on AS last_before
    FROM nss_period_clients r JOIN clients c ON c.id = r.client_id
    WHERE ${where.join(' AND ')}),
  ${G('a.last_before', withCycleEnds)}`,
      args,
    };
  }
  const sql = `
  w AS (
    SELECT m.*, c.sio_id, c.pm_id, c.name_lc,
      ${
        single
          ? 'm.month AS first_month, NULL AS prev_last'
          : `MIN(m.month) OVER (PARTITION BY m.client_id) AS first_month,
      MAX(m.last_contact_on) OVER (PARTITION BY m.client_id ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_last`
      }
    FROM nss_client_months m JOIN clients c ON c.id = m.client_id
    WHERE ${where.join(' AND ')}),
  a AS (
    SELECT client_id, sio_id, pm_id, MAX(name_lc) AS name_lc, COUNT(*) AS months, SUM(contacts) AS contacts, SUM(gl_calls) AS gl_calls, SUM(gl_sec) AS gl_sec, SUM(lk) AS lk,
      SUM(chats) AS chats, SUM(pm_contacts) AS pm_contacts, SUM(sio_visits) AS sio_visits, SUM(seminars) AS seminars,
      SUM(other_contacts) AS other_contacts, SUM(contacts < :plan) AS below_plan, MAX(last_contact_on) AS last_contact,
      MAX(nss_kits) AS nss_kits, MIN(first_month) AS first_month,
      MAX(MAX(max_gap_days, CASE WHEN first_contact_on IS NULL THEN 0
        ELSE CAST(julianday(first_contact_on) - julianday(COALESCE(prev_last, first_month || '-01')) AS INTEGER) END)) AS inner_gap
    FROM w GROUP BY client_id),
  ${G('(SELECT MAX(x.last_contact_on) FROM nss_client_months x WHERE x.client_id = a.client_id AND x.month < :fromMonth)', withCycleEnds)}`;
  return { sql, args };
}

interface Params {
  fromMonth: string;
  plan: number;
  maxGap: number;
  end: string;
  due: string;
}

function bind(args: unknown[], p: Params): unknown[] {
  // Positional args first, then the named ones (better-sqlite3 takes an object for the named).
  return [...args, { plan: p.plan, maxGap: p.maxGap, end: p.end, due: p.due, fromMonth: p.fromMonth }];
}

const FIGURES = `SUM(g.contacts) AS contacts, SUM(g.gl_calls) AS glCalls, CAST(ROUND(SUM(g.gl_sec) / 60.0) AS INTEGER) AS glMinutes, SUM(g.lk) AS lk,
  SUM(g.chats) AS chats, SUM(g.pm_contacts) AS pmContacts, SUM(g.sio_visits) AS sioVisits, SUM(g.seminars) AS seminars, SUM(g.other_contacts) AS otherContacts`;

export interface NssReportResult {
  clients: NssClientRow[];
  staff: NssStaffRow[];
  total: number;
  totals: NssReportTotals;
  months: NssMonthPoint[];
}

export function nssReport(db: Db, q: NssReportQuery, settings: NssSettings, today: string): NssReportResult {
  const { end, days } = periodBounds(q, today);
  const params: Params = { fromMonth: q.fromMonth, plan: settings.plans.nss.contactsPerMonth, maxGap: settings.plans.nss.maxGapDays, end, due: addDays(today, settings.cycleDueDays) };
  const weeks = Math.max(days / 7, 1 / 7);
  const cte = aggregateCte(q);
  const filters: string[] = [];
  const fargs: unknown[] = [];
  if (q.overGapOnly) filters.push('g.max_gap > :maxGap');
  if (q.search) {
    filters.push("g.name_lc LIKE ? ESCAPE '\\'");
    fargs.push(`%${q.search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  }
  const fw = filters.length ? `WHERE ${filters.join(' AND ')}` : '';

  const toTotals = (t: Record<string, number | null>): NssReportTotals => ({
    clients: t.clients ?? 0,
    contacts: t.contacts ?? 0,
    glCalls: t.glCalls ?? 0,
    glMinutes: Math.round((t.glSec ?? 0) / 60),
    lk: t.lk ?? 0,
    chats: t.chats ?? 0,
    pmContacts: t.pmContacts ?? 0,
    sioVisits: t.sioVisits ?? 0,
    seminars: t.seminars ?? 0,
    otherContacts: t.otherContacts ?? 0,
    overGapClients: t.overGapClients ?? 0,
    cyclesDue: t.cyclesDue ?? 0,
    contactsPerWeek: Math.round(((t.contacts ?? 0) / weeks) * 10) / 10,
  });
  const groupSums = `COUNT(*) AS clients, ${FIGURES}, SUM(g.gl_sec) AS glSec, SUM(g.max_gap > :maxGap) AS overGapClients,
       SUM(g.cycle_due) AS cyclesDue`;

  let clients: NssClientRow[] = [];
  let staff: NssStaffRow[] = [];
  let totals: NssReportTotals;
  let total: number;
  if (q.group === 'client') {
    totals = toTotals(stmt(db, `WITH ${cte.sql} SELECT ${groupSums} FROM g ${fw}`).get(...bind([...cte.args, ...fargs], params)) as Record<string, number | null>);
    total = totals.clients;
    const dir = q.desc ? 'DESC' : 'ASC';
    const sort = SORT_SQL[q.sort] ?? 'days_since';
    // Never contacted (the last contact looks back before the period) sorts as the longest wait.
    const order = q.sort === 'daysSinceContact' ? `(days_since IS NULL) ${dir}, days_since ${dir}` : `${sort} ${dir}`;
    // The nearest cycle end is read for the page's rows only, unless the page is sorted by it.
    const byCycle = q.sort === 'cycleEndsOn';
    const pageCte = byCycle ? aggregateCte(q, true) : cte;
    const rows = stmt(
      db,
      // The sort carries the aggregate row only; names are read for the page's rows after.
      `WITH ${pageCte.sql} SELECT g.* FROM g ${fw} ORDER BY ${order}, g.name_lc, g.client_id LIMIT ? OFFSET ?`,
    ).all(...bind([...pageCte.args, ...fargs, q.limit, q.offset], params)) as Record<string, unknown>[];
    const names = stmt(
      db,
      'SELECT c.name, s.full_name AS sio_name, p.full_name AS pm_name FROM clients c LEFT JOIN employees s ON s.id = c.sio_id LEFT JOIN employees p ON p.id = c.pm_id WHERE c.id = ?',
    );
    for (const r of rows) Object.assign(r, names.get(r.client_id));
    if (!byCycle) {
      const ends = stmt(db, `SELECT ${CYCLE_ENDS('?')} AS e`).pluck();
      for (const r of rows) r.cycle_ends = ends.get(r.client_id);
    }
    const mix = stmt(db, `SELECT ${MIX_SQL(':client', ':today')} AS mix`);
    clients = rows.map((r) => {
      const n = (k: string) => (r[k] as number | null) ?? 0;
      const maxGap = n('max_gap');
      return {
        clientId: n('client_id'),
        name: r.name as string,
        sioName: (r.sio_name as string | null) ?? null,
        pmName: (r.pm_name as string | null) ?? null,
        mix: (mix.get({ client: r.client_id, today }) as { mix: NssMix }).mix,
        nssKits: n('nss_kits'),
        months: n('months'),
        contacts: n('contacts'),
        glCalls: n('gl_calls'),
        glMinutes: Math.round(n('gl_sec') / 60),
        lk: n('lk'),
        chats: n('chats'),
        pmContacts: n('pm_contacts'),
        sioVisits: n('sio_visits'),
        seminars: n('seminars'),
        otherContacts: n('other_contacts'),
        perMonth: n('months') ? Math.round((n('contacts') / n('months')) * 10) / 10 : 0,
        planPerMonth: params.plan,
        monthsBelowPlan: n('below_plan'),
        lastContactOn: (r.last_ever as string | null) ?? null,
        daysSinceContact: (r.days_since as number | null) ?? null,
        maxGapDays: maxGap,
        overGap: maxGap > params.maxGap,
        cycleEndsOn: (r.cycle_ends as string | null) ?? null,
        cycleView: r.cycle_ends ? cycleView('active', r.cycle_ends as string, today, settings.cycleDueDays) : null,
      };
    });
  } else {
    const col = q.group === 'sio' ? 'sio_id' : 'pm_id';
    // Every client is in one group (or none: null): the totals are the groups' sums, no second pass.
    const rows = stmt(
      db,
      `WITH ${cte.sql} SELECT g.${col} AS employeeId, e.full_name AS name, ${groupSums}
       FROM g LEFT JOIN employees e ON e.id = g.${col} ${fw}
       GROUP BY g.${col} ORDER BY e.full_name IS NULL, e.full_name`,
    ).all(...bind([...cte.args, ...fargs], params)) as (Omit<NssStaffRow, 'contactsPerWeek'> & { name: string | null; glSec: number })[];
    const sum: Record<string, number> = {};
    for (const r of rows) for (const k of ['clients', 'contacts', 'glCalls', 'glSec', 'lk', 'chats', 'pmContacts', 'sioVisits', 'seminars', 'otherContacts', 'overGapClients', 'cyclesDue'] as const) sum[k] = (sum[k] ?? 0) + (r[k] ?? 0);
    totals = toTotals(sum);
    staff = rows.map(({ glSec: _s, ...r }) => ({ ...r, name: r.name ?? '', contactsPerWeek: Math.round((r.contacts / weeks) * 10) / 10 }));
    total = staff.length;
  }

  const months = q.withMonths === false ? [] : nssReportMonths(db, q);
  return { clients, staff, total, totals, months };
}

/** The chart by month: НСС clients and their contacts, ГЛ, ЛК and chats per month of the period (the caller's scope). */
export function nssReportMonths(db: Db, q: Pick<NssReportQuery, 'fromMonth' | 'toMonth' | 'sioId' | 'pmId' | 'ownerId'>): NssMonthPoint[] {
  const mwhere: string[] = ['m.month BETWEEN ? AND ?'];
  const margs: unknown[] = [q.fromMonth, q.toMonth];
  if (q.sioId != null) {
    mwhere.push('c.sio_id = ?');
    margs.push(q.sioId);
  }
  if (q.pmId != null) {
    mwhere.push('c.pm_id = ?');
    margs.push(q.pmId);
  }
  if (q.ownerId != null) {
    mwhere.push('(c.sio_id = ? OR c.pm_id = ?)');
    margs.push(q.ownerId, q.ownerId);
  }
  return stmt(
    db,
    `SELECT m.month, COUNT(*) AS clients, SUM(m.contacts) AS contacts, SUM(m.gl_calls) AS glCalls, SUM(m.lk) AS lk, SUM(m.chats) AS chats
     FROM nss_client_months m ${mwhere.length > 1 ? 'JOIN clients c ON c.id = m.client_id' : ''} WHERE ${mwhere.join(' AND ')} GROUP BY m.month ORDER BY m.month`,
  ).all(...margs) as NssMonthPoint[];
}
