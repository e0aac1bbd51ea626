// Report «Возврат документов»: rows whose planned return falls in a period, overdue first; each state is one index range.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { DocumentType, ReturnReport, ReturnReportRow, ReturnState, ReturnVia } from '../../../src-shared/doc-types';
import type { EmployeeRef } from '../../../src-shared/types';
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS, RETURN_STATES } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { addDaysIso, daysLate } from '../documents/return-rules';

type State = Exclude<ReturnState, 'not_tracked'>;

/** Bounds of an open period: ISO dates compare as text. */
const FIRST = '0000-01-01';
const LAST = '9999-12-31';

export interface ReturnFilters {
  /** Planned return from … to; absent: no bound on that side. */
  from?: string;
  to?: string;
  /** Only what is not returned as of today (overdue and awaited). */
  unreturned?: boolean;
  sioId?: number;
  clientId?: number;
  type?: DocumentType;
  state?: State;
}

interface Segment {
  state: State;
  /** documents.return_track of the state (see returnTrack). */
  track: 1 | 2 | 3;
  lo: string;
  hi: string;
}

/**
 * The states in report order. Awaited and overdue share track 1 and split at today: overdue is planned before
 * today. Every segment is then "track = ? AND planned BETWEEN ? AND ?", a range of one (filter, track, planned) index.
 */
function segments(f: ReturnFilters, today: string): Segment[] {
  const yesterday = addDaysIso(today, -1);
  const from = f.from ?? FIRST;
  const to = f.to ?? LAST;
  const all: Segment[] = [
    { state: 'overdue', track: 1, lo: from, hi: to < yesterday ? to : yesterday },
    { state: 'awaited', track: 1, lo: from > today ? from : today, hi: to },
    { state: 'returned_late', track: 3, lo: from, hi: to },
    { state: 'returned_in_time', track: 2, lo: from, hi: to },
  ];
  return all.filter((s) => (!f.state || s.state === f.state) && (!f.unreturned || s.track === 1) && s.lo <= s.hi);
}

function where(s: Segment, f: ReturnFilters): { sql: string; args: unknown[] } {
  const parts = ['d.return_track = ?', 'd.planned_return BETWEEN ? AND ?'];
  const args: unknown[] = [s.track, s.lo, s.hi];
  if (f.sioId != null) {
    parts.push('d.sio_id = ?');
    args.push(f.sioId);
  }
  if (f.clientId != null) {
    parts.push('d.client_id = ?');
    args.push(f.clientId);
  }
  if (f.type) {
    parts.push('d.type = ?');
    args.push(f.type);
  }
  return { sql: parts.join(' AND '), args };
}

/**
 * CROSS JOIN keeps documents the outer loop: with statistics (ANALYZE) SQLite otherwise preferred scanning all
 * clients and sorting the result, several times slower for a page and for an export.
 */
const ROW_SQL = `SELECT d.id, d.type, d.number, d.date, d.client_id AS clientId, c.name AS clientName, d.sio_id AS sioId, e.full_name AS sioName,
  d.planned_return AS plannedReturn, d.returned_at AS returnedAt, d.returned_via AS returnedVia
  FROM documents d CROSS JOIN clients c ON c.id = d.client_id LEFT JOIN employees e ON e.id = d.sio_id`;

type Raw = Omit<ReturnReportRow, 'sio' | 'state' | 'daysOverdue' | 'returnedVia'> & { sioId: number | null; sioName: string | null; returnedVia: ReturnVia | null };

function toRow(r: Raw, state: State, today: string, sios: Map<number, EmployeeRef>): ReturnReportRow {
  let sio: EmployeeRef | null = null;
  if (r.sioId != null) {
    sio = sios.get(r.sioId) ?? { id: r.sioId, fullName: r.sioName! };
    sios.set(r.sioId, sio);
  }
  const daysOverdue = state === 'overdue' ? daysLate(r.plannedReturn, today) : state === 'returned_late' ? daysLate(r.plannedReturn, r.returnedAt!) : 0;
  // Fields listed one by one (no spread): an export maps a hundred thousand rows.
  return {
    id: r.id,
    type: r.type,
    number: r.number,
    date: r.date,
    clientId: r.clientId,
    clientName: r.clientName,
    sio,
    plannedReturn: r.plannedReturn,
    returnedAt: r.returnedAt,
    returnedVia: r.returnedVia,
    state,
    daysOverdue,
  };
}

function segmentRows(db: Db, s: Segment, f: ReturnFilters, today: string, limit: number, offset: number): ReturnReportRow[] {
  const w = where(s, f);
  const sql = `${ROW_SQL} WHERE ${w.sql} ORDER BY d.planned_return, d.id${limit >= 0 ? ' LIMIT ? OFFSET ?' : ''}`;
  const rows = stmt(db, sql).all(...w.args, ...(limit >= 0 ? [limit, offset] : [])) as Raw[];
  const sios = new Map<number, EmployeeRef>();
  return rows.map((r) => toRow(r, s.state, today, sios));
}

/** One screen page plus the count of each state (the counts ignore the state filter, so the tabs show them all). */
export function returnReport(db: Db, f: ReturnFilters, today: string, limit: number, offset: number): ReturnReport {
  const counts = Object.fromEntries(RETURN_STATES.map((s) => [s, 0])) as Record<State, number>;
  for (const s of segments({ ...f, state: undefined }, today)) {
    const w = where(s, f);
    counts[s.state] = (stmt(db, `SELECT count(*) AS n FROM documents d WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  }
  const rows: ReturnReportRow[] = [];
  let skip = offset;
  let total = 0;
  for (const s of segments(f, today)) {
    const n = counts[s.state];
    total += n;
    if (rows.length >= limit) continue;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const part = segmentRows(db, s, f, today, limit - rows.length, skip);
    skip = 0;
    rows.push(...part);
  }
  return { rows, total, counts, today };
}

/** Every row for export (XLSX, PDF), in report order. */
export function allReturnRows(db: Db, f: ReturnFilters, today: string): ReturnReportRow[] {
  return segments(f, today).flatMap((s) => segmentRows(db, s, f, today, -1, 0));
}

/** The filters in words, printed above the rows and on the export's second sheet. */
export function returnParams(db: Db, f: ReturnFilters, today: string): [string, string][] {
  const name = (sql: string, id: number) => (stmt(db, sql).get(id) as { n: string } | undefined)?.n ?? `№ ${id}`;
  const out: [string, string][] = [];
  if (f.from || f.to) out.push(['Плановый возврат', [f.from && `с ${formatDate(f.from)}`, f.to && `по ${formatDate(f.to)}`].filter(Boolean).join(' ')]);
  if (f.unreturned) out.push(['Документы', `не возвращённые на ${formatDate(today)}`]);
  if (f.sioId != null) out.push(['СИО', name('SELECT full_name AS n FROM employees WHERE id = ?', f.sioId)]);
  if (f.clientId != null) out.push(['Клиент', name('SELECT name AS n FROM clients WHERE id = ?', f.clientId)]);
  if (f.type) out.push(['Тип документа', DOCUMENT_TYPE_LABELS[f.type]]);
  if (f.state) out.push(['Состояние', RETURN_STATE_LABELS[f.state]]);
  out.push(['Сформирован', formatDate(today)]);
  return out;
}
