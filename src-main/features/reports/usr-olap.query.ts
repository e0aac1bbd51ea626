// Report «Обслуживание клиента (OLAP)»: update sessions pivoted by СИО / client / kit against the months of a range, with filters and a drill-down to the proving files.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { UsrOlapReport, UsrOlapRow, UsrProofFile, UsrScheme } from '../../../src-shared/usr-reports';
import { USR_SCHEME_LABELS } from '../../../src-shared/usr-reports';
import { formatDate } from '../../../src-shared/format';
import { KIT_MONTHS_SQL, monthEnd, monthsBetween, proofFiles } from './usr-proof';
import { kitsByDistribution } from './opkn.query';

/*
 * A cell is the kit's update sessions in the month (usr-proof.ts), read from usr_kit_months. With a scheme filter a
 * cell counts only when the kit's scheme on the month's last day is that scheme (else it is empty, null); a kit none
 * of whose months pass is left out. Rows are the active distributions and any other with sessions in the range.
 */

export interface UsrOlapFilters {
  /** YYYY-MM, inclusive. */
  fromMonth: string;
  toMonth: string;
  scheme?: UsrScheme;
  /** The base's system code of the kit. */
  systemCode?: string;
  keyOnly?: boolean;
  sioId?: number;
  distributionIds?: number[];
}

const BASE_SQL = `SELECT d.id AS distributionId, d.client_id AS clientId, c.name AS clientName, c.inn, c.is_key AS isKey, c.sio_id AS sioId, e.full_name AS sioName,
  d.system_code AS systemCode, d.distr_number AS distrNumber, d.comp, d.state
  FROM distributions d JOIN clients c ON c.id = d.client_id LEFT JOIN employees e ON e.id = c.sio_id WHERE 1`;
const ORDER = ' ORDER BY e.full_name IS NULL, e.full_name, c.name_lc, c.id, d.system_code, d.distr_number, d.comp';

type Base = Omit<UsrOlapRow, 'cells' | 'total' | 'isKey'> & { isKey: number; state: string };

/** Scheme history per distribution, oldest first. */
function schemeHistory(db: Db): Map<number, { from: string; scheme: string }[]> {
  const out = new Map<number, { from: string; scheme: string }[]>();
  for (const r of stmt(db, 'SELECT distribution_id AS d, scheme, effective_from AS f FROM distribution_schemes ORDER BY distribution_id, effective_from').all() as { d: number; scheme: string; f: string }[]) {
    const list = out.get(r.d);
    if (list) list.push({ from: r.f, scheme: r.scheme });
    else out.set(r.d, [{ from: r.f, scheme: r.scheme }]);
  }
  return out;
}

export function schemeOn(history: { from: string; scheme: string }[] | undefined, day: string): string | null {
  let s: string | null = null;
  for (const h of history ?? []) if (h.from <= day) s = h.scheme;
  return s;
}

export function usrOlapRows(db: Db, f: UsrOlapFilters): { months: string[]; rows: UsrOlapRow[] } {
  const months = monthsBetween(f.fromMonth, f.toMonth);
  const index = new Map(months.map((m, i) => [m, i]));
  let sql = BASE_SQL;
  const args: unknown[] = [];
  const and = (cond: string, ...values: unknown[]) => {
    sql += ` AND ${cond}`;
    args.push(...values);
  };
  if (f.sioId != null) and('c.sio_id = ?', f.sioId);
  if (f.keyOnly) and('c.is_key = 1');
  if (f.systemCode) and('d.system_code = ?', f.systemCode);
  if (f.distributionIds) and('d.id IN (SELECT value FROM json_each(?))', JSON.stringify(f.distributionIds));
  const read = db.$client.transaction(() => ({
    base: stmt(db, sql + ORDER).all(...args) as Base[],
    kits: kitsByDistribution(db),
    cells: stmt(db, KIT_MONTHS_SQL).all(f.fromMonth, f.toMonth) as { k: number; m: string; s: number }[],
    schemes: f.scheme ? schemeHistory(db) : null,
  }));
  const { base, kits, cells, schemes } = read.deferred();
  const byKit = new Map<number, Float64Array>();
  for (const c of cells) {
    let a = byKit.get(c.k);
    if (!a) byKit.set(c.k, (a = new Float64Array(months.length)));
    a[index.get(c.m)!]! += c.s;
  }
  const ends = months.map(monthEnd);
  const rows: UsrOlapRow[] = [];
  for (const b of base) {
    const sums = new Array<number | null>(months.length).fill(0);
    let any = false;
    for (const k of kits.get(b.distributionId) ?? []) {
      const a = byKit.get(k.id);
      if (!a) continue;
      any = true;
      for (let i = 0; i < months.length; i++) sums[i]! += a[i]!;
    }
    if (!any && b.state !== 'active') continue;
    let passes = !f.scheme;
    if (f.scheme) {
      const h = schemes!.get(b.distributionId);
      for (let i = 0; i < months.length; i++) {
        if (schemeOn(h, ends[i]!) === f.scheme) passes = true;
        else sums[i] = null;
      }
    }
    if (!passes) continue;
    const total = sums.reduce<number>((t, v) => t + (v ?? 0), 0);
    rows.push({
      distributionId: b.distributionId,
      clientId: b.clientId,
      clientName: b.clientName,
      inn: b.inn,
      isKey: b.isKey === 1,
      sioId: b.sioId,
      sioName: b.sioName,
      systemCode: b.systemCode,
      distrNumber: b.distrNumber,
      comp: b.comp,
      cells: sums,
      total,
    });
  }
  return { months, rows };
}

export function usrOlapReport(db: Db, f: UsrOlapFilters, limit: number): UsrOlapReport {
  const { months, rows } = usrOlapRows(db, f);
  const monthTotals = months.map((_, i) => rows.reduce((t, r) => t + (r.cells[i] ?? 0), 0));
  return { months, rows: rows.slice(0, limit), monthTotals, total: rows.length, truncated: rows.length > limit };
}

/** A cell's files: those that first proved an update of the kit in the month, distinct, newest first. */
export function usrOlapCellFiles(db: Db, distributionId: number, month: string): UsrProofFile[] {
  const kitIds = (kitsByDistribution(db).get(distributionId) ?? []).map((k) => k.id);
  const seen = new Set<number>();
  const out: UsrProofFile[] = [];
  for (const r of proofFiles(db, kitIds, `${month}-01`, monthEnd(month))) {
    if (seen.has(r.usrFileId)) continue;
    seen.add(r.usrFileId);
    out.push({ usrFileId: r.usrFileId, name: r.name, fileAt: r.fileAt, purged: r.purged });
  }
  return out.sort((a, b) => (b.fileAt ?? '').localeCompare(a.fileAt ?? '') || b.usrFileId - a.usrFileId);
}

export function usrOlapParams(db: Db, f: UsrOlapFilters, today: string): [string, string][] {
  const out: [string, string][] = [['Месяцы', `${f.fromMonth}–${f.toMonth}`]];
  if (f.scheme) out.push(['Схема (на последний день месяца)', USR_SCHEME_LABELS[f.scheme]]);
  if (f.systemCode) out.push(['Система', f.systemCode]);
  if (f.keyOnly) out.push(['Клиенты', 'только ключевые']);
  if (f.sioId != null) out.push(['СИО', (stmt(db, 'SELECT full_name AS n FROM employees WHERE id = ?').get(f.sioId) as { n: string } | undefined)?.n ?? `№ ${f.sioId}`]);
  out.push(['Ячейка', 'сеансы обновления: дни, в которые обновлён любой банк комплекта']);
  out.push(['Сформирован', formatDate(today)]);
  return out;
}
