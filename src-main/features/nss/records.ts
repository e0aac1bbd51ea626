// НСС records: the one writer (add, edit, delete, bulk) and the reader of the record list. Every write recomputes the
// client's months in its transaction (aggregate.ts), so the report never drifts from the records.
import type { Ctx } from '../../api/context';
import { ricTimeZone, localDate } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { zonedInstant } from '../calendar/workcal';
import { formatDistr } from '../../../src-shared/distr';
import { MANAGERS } from '../../../src-shared/roles';
import type { NssRecordItem, NssRecordKind, NssRecordSource } from '../../../src-shared/nss';
import { touchNss } from './aggregate';

export interface NssRecordWrite {
  kind: NssRecordKind;
  clientId: number;
  distributionId?: number | null;
  contactId?: number | null;
  employeeId?: number | null;
  date: string;
  time?: string;
  durationSec?: number | null;
  count?: number;
  comment?: string | null;
  usrUpdate?: string | null;
  source: NssRecordSource;
  sourceFileId?: number | null;
  phone?: string | null;
}

/** The instant of a local date and time in the РИЦ zone and that instant's local date (they agree but for DST edges). */
export function recordInstant(db: Db, date: string, time = '12:00'): { at: string; onDate: string } {
  const tz = ricTimeZone(db);
  const at = new Date(zonedInstant(date, time, tz));
  return { at: at.toISOString(), onDate: localDate(at, tz) };
}

function checkRefs(db: Db, r: NssRecordWrite): void {
  if (!stmt(db, 'SELECT 1 FROM clients WHERE id = ?').get(r.clientId)) throw notFound('client');
  if (r.distributionId != null) {
    const d = stmt(db, 'SELECT client_id AS c FROM distributions WHERE id = ?').get(r.distributionId) as { c: number } | undefined;
    if (!d || d.c !== r.clientId) throw badField('distributionId', 'not_of_client');
  }
  if (r.contactId != null) {
    const c = stmt(db, 'SELECT client_id AS c FROM contacts WHERE id = ?').get(r.contactId) as { c: number } | undefined;
    if (!c || c.c !== r.clientId) throw badField('contactId', 'not_of_client');
  }
  if (r.employeeId != null && !stmt(db, 'SELECT 1 FROM employees WHERE id = ?').get(r.employeeId)) throw badField('employeeId', 'not_found');
  if (r.usrUpdate && r.kind !== 'sio_visit') throw badField('usrUpdate', 'only_visit');
}

/** Adds a record (call inside a transaction). */
export function addNssRecord(db: Db, r: NssRecordWrite, by: number | null, now: string): number {
  checkRefs(db, r);
  const { at, onDate } = recordInstant(db, r.date, r.time);
  const res = stmt(
    db,
    `INSERT INTO nss_records (kind, client_id, distribution_id, contact_id, employee_id, at, on_date, duration_sec, count, comment, usr_update,
       source, source_file_id, phone, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.kind,
    r.clientId,
    r.distributionId ?? null,
    r.contactId ?? null,
    r.employeeId ?? null,
    at,
    onDate,
    r.durationSec ?? null,
    r.count ?? 1,
    r.comment ?? null,
    r.usrUpdate ?? null,
    r.source,
    r.sourceFileId ?? null,
    r.phone ?? null,
    by,
    now,
  );
  touchNss(db, r.clientId, [onDate]);
  return Number(res.lastInsertRowid);
}

interface StoredRecord {
  id: number;
  clientId: number;
  onDate: string;
  createdBy: number | null;
  source: string;
}

function stored(db: Db, id: number): StoredRecord {
  const row = stmt(db, 'SELECT id, client_id AS clientId, on_date AS onDate, created_by AS createdBy, source FROM nss_records WHERE id = ?').get(id) as StoredRecord | undefined;
  if (!row) throw notFound('record');
  return row;
}

/** Its author or a manager may change or delete a record. */
function assertMayChange(ctx: Ctx, row: StoredRecord): void {
  if (row.createdBy === ctx.me.id || ctx.me.roles.some((r) => MANAGERS.includes(r))) return;
  throw new AppError('FORBIDDEN', 'not your record');
}

/** Edits a record; the months of the old and the new date are recomputed. */
export function updateNssRecord(ctx: Ctx, id: number, r: NssRecordWrite): void {
  const before = stored(ctx.db, id);
  assertMayChange(ctx, before);
  if (before.clientId !== r.clientId) throw badField('clientId', 'changed');
  checkRefs(ctx.db, r);
  const { at, onDate } = recordInstant(ctx.db, r.date, r.time);
  stmt(
    ctx.db,
    `UPDATE nss_records SET kind = ?, distribution_id = ?, contact_id = ?, employee_id = ?, at = ?, on_date = ?, duration_sec = ?, count = ?,
       comment = ?, usr_update = ? WHERE id = ?`,
  ).run(r.kind, r.distributionId ?? null, r.contactId ?? null, r.employeeId ?? null, at, onDate, r.durationSec ?? null, r.count ?? 1, r.comment ?? null, r.usrUpdate ?? null, id);
  touchNss(ctx.db, r.clientId, [before.onDate, onDate]);
  ctx.audit('nss_record', id, 'update', { before: before.onDate, after: r });
}

export function deleteNssRecord(ctx: Ctx, id: number): void {
  const before = stored(ctx.db, id);
  assertMayChange(ctx, before);
  const row = stmt(ctx.db, 'SELECT * FROM nss_records WHERE id = ?').get(id);
  stmt(ctx.db, 'DELETE FROM nss_records WHERE id = ?').run(id);
  touchNss(ctx.db, before.clientId, [before.onDate]);
  ctx.audit('nss_record', id, 'delete', row);
}

export interface RecordFilter {
  clientId?: number;
  employeeId?: number;
  kind?: string;
  from?: string;
  to?: string;
}

/** Records by filter, newest first, with names for the list. */
export function listNssRecords(db: Db, f: RecordFilter, limit: number, offset: number): { items: NssRecordItem[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.clientId != null) {
    where.push('r.client_id = ?');
    args.push(f.clientId);
  }
  if (f.employeeId != null) {
    where.push('r.employee_id = ?');
    args.push(f.employeeId);
  }
  if (f.kind) {
    where.push('r.kind = ?');
    args.push(f.kind);
  }
  if (f.from) {
    where.push('r.on_date >= ?');
    args.push(f.from);
  }
  if (f.to) {
    where.push('r.on_date <= ?');
    args.push(f.to);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (stmt(db, `SELECT COUNT(*) AS n FROM nss_records r ${w}`).get(...args) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT r.id, r.kind, r.client_id AS clientId, c.name AS clientName, r.distribution_id AS distributionId, d.system_code AS sys, d.distr_number AS num,
       d.comp, r.contact_id AS contactId, ct.full_name AS contactName, r.employee_id AS employeeId, e.full_name AS employeeName, r.at, r.on_date AS onDate,
       r.duration_sec AS durationSec, r.count, r.comment, r.usr_update AS usrUpdate, r.source, r.phone
     FROM nss_records r JOIN clients c ON c.id = r.client_id
     LEFT JOIN distributions d ON d.id = r.distribution_id LEFT JOIN contacts ct ON ct.id = r.contact_id LEFT JOIN employees e ON e.id = r.employee_id
     ${w} ORDER BY r.at DESC, r.id DESC LIMIT ? OFFSET ?`,
  ).all(...args, limit, offset) as (Omit<NssRecordItem, 'kit' | 'time'> & { sys: string | null; num: number | null; comp: number | null })[];
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: ricTimeZone(db), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    total,
    items: rows.map(({ sys, num, comp, ...r }) => ({ ...r, time: clock.format(new Date(r.at)), kit: sys && num != null ? formatDistr({ system: sys, number: num, comp: comp ?? 1 }) : null })),
  };
}
