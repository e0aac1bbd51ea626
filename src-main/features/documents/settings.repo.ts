// Document settings: return periods per type (with recomputation of open documents), clause templates, the РИЦ's own requisites.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError, badField } from '../../api/errors';
import {
  DOCUMENT_TYPES,
  TEMPLATE_CODES,
  type DocumentType,
  type OurRequisites,
  type ReturnPeriod,
  type ReturnPeriodKind,
  type TemplateCode,
  type TemplateRow,
} from '../../../src-shared/doc-types';
import { plannedReturnSql } from './return-rules';
import { unknownPlaceholders } from './templates';

const OUR_REQUISITES_KEY = 'documents.our_requisites';

/**
 * Types added after the migration that seeded the periods have no row until the period is saved: a УПД is
 * returned like an act (it follows the act's period), a счёт-фактура is not returned. Any other type without
 * a row is not returned.
 */
const INHERITED_PERIOD: Partial<Record<DocumentType, DocumentType>> = { upd: 'act' };

type PeriodRow = { type: DocumentType; kind: ReturnPeriodKind; days: number | null };
const toPeriod = (r: { kind: ReturnPeriodKind; days: number | null }): ReturnPeriod => ({ kind: r.kind, days: r.kind === 'days' ? r.days : null });

export function returnPeriods(db: Db): Record<DocumentType, ReturnPeriod> {
  const rows = stmt(db, 'SELECT type, kind, days FROM document_return_periods').all() as PeriodRow[];
  const stored = new Map(rows.map((r) => [r.type, toPeriod(r)]));
  const none: ReturnPeriod = { kind: 'none', days: null };
  const of = (t: DocumentType): ReturnPeriod => stored.get(t) ?? (INHERITED_PERIOD[t] ? of(INHERITED_PERIOD[t]) : none);
  return Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, of(t)])) as Record<DocumentType, ReturnPeriod>;
}

export function returnPeriodOf(db: Db, type: DocumentType): ReturnPeriod {
  const r = stmt(db, 'SELECT kind, days FROM document_return_periods WHERE type = ?').get(type) as { kind: ReturnPeriodKind; days: number | null } | undefined;
  if (r) return toPeriod(r);
  const from = INHERITED_PERIOD[type];
  return from ? returnPeriodOf(db, from) : { kind: 'none', days: null };
}

/** Types whose period follows `type`'s because they have no row of their own. */
function inheritors(db: Db, type: DocumentType): DocumentType[] {
  return (Object.keys(INHERITED_PERIOD) as DocumentType[]).filter(
    (t) => INHERITED_PERIOD[t] === type && !stmt(db, 'SELECT 1 FROM document_return_periods WHERE type = ?').get(t),
  );
}

/** Documents of the type not returned yet get the planned date under `period`; returns how many changed. */
function recomputePlanned(db: Db, type: DocumentType, period: ReturnPeriod, now: string): number {
  const expr = plannedReturnSql(period, 'date');
  // One statement per type; `IS NOT` also counts a change to or from "not returned" (NULL).
  return db.$client
    .prepare(
      `UPDATE documents SET planned_return = ${expr},
         return_track = CASE WHEN status <> 'issued' OR ${expr} IS NULL THEN 0 ELSE 1 END,
         version = version + 1, updated_at = ?
       WHERE type = ? AND returned_at IS NULL AND planned_return IS NOT ${expr}`,
    )
    .run(now, type).changes;
}

/**
 * Saves periods; documents of a changed type that are not returned yet get the new planned date. Returned
 * documents keep theirs: they were judged in time or late under the rule in force when they came back.
 */
export function saveReturnPeriods(
  db: Db,
  periods: { type: DocumentType; kind: ReturnPeriodKind; days?: number | null }[],
  by: number | null,
  now: string,
): { recomputed: number; changedTypes: DocumentType[] } {
  const before = returnPeriods(db);
  let recomputed = 0;
  const changedTypes: DocumentType[] = [];
  const seen = new Set<DocumentType>();
  periods.forEach((p, i) => {
    if (seen.has(p.type)) throw badField(`periods.${i}.type`, 'duplicate');
    seen.add(p.type);
  });
  for (const p of periods) {
    const period: ReturnPeriod = { kind: p.kind, days: p.kind === 'days' ? (p.days ?? null) : null };
    const old = before[p.type];
    const same = old.kind === period.kind && old.days === period.days;
    const hasRow = !!stmt(db, 'SELECT 1 FROM document_return_periods WHERE type = ?').get(p.type);
    if (same && hasRow) continue;
    // A type that inherited its period gets a row of its own when saved: what the screen showed is what stays.
    const followers = inheritors(db, p.type).filter((t) => !seen.has(t));
    stmt(
      db,
      `INSERT INTO document_return_periods (type, kind, days, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(type) DO UPDATE SET kind = excluded.kind, days = excluded.days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(p.type, period.kind, period.days, now, by);
    if (same) continue;
    for (const t of [p.type, ...followers]) {
      changedTypes.push(t);
      recomputed += recomputePlanned(db, t, period, now);
    }
  }
  return { recomputed, changedTypes };
}

export function templates(db: Db): TemplateRow[] {
  const rows = stmt(
    db,
    `SELECT t.code, t.name, t.body, t.updated_at AS updatedAt, e.full_name AS updatedBy FROM document_templates t
     LEFT JOIN employees e ON e.id = t.updated_by`,
  ).all() as TemplateRow[];
  const order = (c: string) => TEMPLATE_CODES.indexOf(c as TemplateCode);
  return rows.filter((r) => order(r.code) >= 0).sort((a, b) => order(a.code) - order(b.code));
}

export function templateBody(db: Db, code: TemplateCode): string {
  const r = stmt(db, 'SELECT body FROM document_templates WHERE code = ?').get(code) as { body: string } | undefined;
  return r?.body ?? '';
}

export function saveTemplate(db: Db, input: { code: TemplateCode; name?: string; body: string }, by: number | null, now: string): void {
  const unknown = unknownPlaceholders(input.body);
  if (unknown.length > 0) throw new AppError('BAD_INPUT', `unknown placeholders: ${unknown.join(', ')}`, [{ path: 'body', reason: 'unknown_placeholder' }]);
  const name = input.name ?? (stmt(db, 'SELECT name FROM document_templates WHERE code = ?').get(input.code) as { name: string } | undefined)?.name ?? input.code;
  stmt(
    db,
    `INSERT INTO document_templates (code, name, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(input.code, name, input.body, now, by);
}

const EMPTY_REQUISITES: OurRequisites = {
  fullName: '',
  shortName: null,
  inn: null,
  kpp: null,
  ogrn: null,
  legalAddress: null,
  postalAddress: null,
  phone: null,
  email: null,
  bankName: null,
  bik: null,
  corrAccount: null,
  account: null,
  city: null,
  signers: [],
  chiefAccountant: null,
};

export function ourRequisites(db: Db): OurRequisites {
  const r = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(OUR_REQUISITES_KEY) as { value: string } | undefined;
  return r ? { ...EMPTY_REQUISITES, ...(JSON.parse(r.value) as Partial<OurRequisites>) } : EMPTY_REQUISITES;
}

export function saveOurRequisites(db: Db, value: OurRequisites): void {
  value.signers.forEach((s, i) => {
    if (s.employeeId != null && !stmt(db, 'SELECT 1 FROM employees WHERE id = ?').get(s.employeeId)) throw badField(`signers.${i}.employeeId`, 'not_found');
  });
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(OUR_REQUISITES_KEY, JSON.stringify(value));
}
