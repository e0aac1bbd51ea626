// References for the return report rows of the documents benchmark, written from scratch in bench/: the floor (the index
// range any answer reads) and a straightforward statement that works out each document's state from its own dates.
import type Database from 'better-sqlite3';
import type { DocumentType, ReturnReport, ReturnReportRow } from '../src-shared/doc-types';

type State = ReturnReportRow['state'];

export interface Filters {
  from: string;
  to: string;
  sioId?: number;
  clientId?: number;
  type?: DocumentType;
  state?: State;
}

function extra(f: Filters, alias = ''): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    parts.push(sql);
    args.push(v);
  };
  if (f.sioId != null) add(`${alias}sio_id = ?`, f.sioId);
  if (f.clientId != null) add(`${alias}client_id = ?`, f.clientId);
  if (f.type) add(`${alias}type = ?`, f.type);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args };
}

/** The floor: how many documents are tracked in the period (by the stored tracking code) and the page's ids, from one index. */
export class ReturnsFloor {
  constructor(private readonly sql: Database.Database) {}

  private where(f: Filters): { sql: string; args: unknown[] } {
    const e = extra(f);
    return { sql: `return_track IN (1, 2, 3) AND planned_return BETWEEN ? AND ?${e.sql}`, args: [f.from, f.to, ...e.args] };
  }

  page(f: Filters & { limit: number; offset: number }): { n: number; ids: number[] } {
    const w = this.where(f);
    const n = (this.sql.prepare(`SELECT count(*) AS n FROM documents WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
    const ids = (this.sql.prepare(`SELECT id FROM documents WHERE ${w.sql} ORDER BY planned_return LIMIT ? OFFSET ?`).all(...w.args, f.limit, f.offset) as { id: number }[]).map(
      (r) => r.id,
    );
    return { n, ids };
  }

  all(f: Filters): number {
    const w = this.where(f);
    let n = 0;
    for (const _ of this.sql.prepare(`SELECT id FROM documents WHERE ${w.sql}`).iterate(...w.args)) n++;
    return n;
  }
}

const STATE_ORDER = "CASE state WHEN 'overdue' THEN 0 WHEN 'awaited' THEN 1 WHEN 'returned_late' THEN 2 ELSE 3 END";

/**
 * The obvious statement: every issued document with a planned return in the period, its state from the dates (missing and
 * planned before today → overdue, missing → awaited, returned after the planned day → late, else in time), ordered by
 * state, then planned date, then id; the counts by GROUP BY.
 */
export class ReturnsPlain {
  constructor(private readonly sql: Database.Database) {}

  private base(f: Filters): { sql: string; args: unknown[] } {
    const e = extra(f, 'd.');
    return {
      sql: `SELECT d.id, d.type, d.number, d.date, d.client_id AS clientId, c.name AS clientName, d.sio_id AS sioId, e.full_name AS sioName,
          d.planned_return AS plannedReturn, d.returned_at AS returnedAt, d.returned_via AS returnedVia,
          CASE WHEN d.returned_at IS NULL THEN (CASE WHEN d.planned_return < @today THEN 'overdue' ELSE 'awaited' END)
               WHEN d.returned_at <= d.planned_return THEN 'returned_in_time' ELSE 'returned_late' END AS state
        FROM documents d JOIN clients c ON c.id = d.client_id LEFT JOIN employees e ON e.id = d.sio_id
        WHERE d.status = 'issued' AND d.planned_return IS NOT NULL AND d.planned_return BETWEEN @from AND @to${e.sql}`,
      args: e.args,
    };
  }

  private rows(f: Filters, today: string, limit: number | null, offset: number): ReturnReportRow[] {
    const b = this.base(f);
    const sql = `SELECT *, CAST(round(CASE state WHEN 'overdue' THEN julianday(@today) - julianday(plannedReturn)
        WHEN 'returned_late' THEN julianday(returnedAt) - julianday(plannedReturn) ELSE 0 END) AS INTEGER) AS daysOverdue
      FROM (${b.sql}) ${f.state ? 'WHERE state = @state' : ''} ORDER BY ${STATE_ORDER}, plannedReturn, id${limit != null ? ' LIMIT @limit OFFSET @offset' : ''}`;
    const named: Record<string, unknown> = { today, from: f.from, to: f.to };
    if (f.state) named.state = f.state;
    if (limit != null) Object.assign(named, { limit, offset });
    const raw = this.sql.prepare(sql).all(named, ...b.args) as (Omit<ReturnReportRow, 'sio'> & { sioId: number | null; sioName: string | null })[];
    return raw.map(({ sioId, sioName, ...r }) => ({
      id: r.id,
      type: r.type,
      number: r.number,
      date: r.date,
      clientId: r.clientId,
      clientName: r.clientName,
      sio: sioId == null ? null : { id: sioId, fullName: sioName! },
      plannedReturn: r.plannedReturn,
      returnedAt: r.returnedAt,
      returnedVia: r.returnedVia,
      state: r.state,
      daysOverdue: r.daysOverdue,
    }));
  }

  page(f: Filters & { limit: number; offset: number }, today: string): ReturnReport {
    const b = this.base({ ...f, state: undefined });
    const counts: Record<State, number> = { overdue: 0, awaited: 0, returned_late: 0, returned_in_time: 0 };
    for (const r of this.sql.prepare(`SELECT state, count(*) AS n FROM (${b.sql}) GROUP BY state`).all({ today, from: f.from, to: f.to }, ...b.args) as { state: State; n: number }[]) {
      counts[r.state] = r.n;
    }
    const total = f.state ? counts[f.state] : Object.values(counts).reduce((a, n) => a + n, 0);
    return { rows: this.rows(f, today, f.limit, f.offset), total, counts, today };
  }

  all(f: Filters, today: string): ReturnReportRow[] {
    return this.rows(f, today, null, 0);
  }
}
