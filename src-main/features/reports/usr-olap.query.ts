// Report «Обслуживание клиента (OLAP)»: update sessions pivoted by СИО / client / kit against the months of a range, with filters and a drill-down to the proving files.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { UsrOlapReport, UsrOlapRow, UsrProofFile, UsrScheme } from '../../../src-shared/usr-reports';
import { USR_SCHEME_LABELS } from '../../../src-shared/usr-reports';
import { formatDate } from '../../../src-shared/format';
import { KIT_MONTHS_SQL, monthEnd, monthsBetween, proofFiles } from './usr-proof';
import { kitsByDistribution } from './opkn.query';
import { baseKits, schemeOn } from './usr-report-base';

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

export function usrOlapRows(db: Db, f: UsrOlapFilters): { months: string[]; rows: UsrOlapRow[] } {
  const months = monthsBetween(f.fromMonth, f.toMonth);
  const width = months.length;
  const index = new Map(months.map((m, i) => [m, i]));
  const read = db.$client.transaction(() => {
    const kits = kitsByDistribution(db);
    // Sessions per kit and month in one flat array: kit slot × width + month.
    const slot = new Map<number, number>();
    const sums: number[] = [];
    for (const [k, m, n] of stmt(db, KIT_MONTHS_SQL).raw().iterate(f.fromMonth, f.toMonth) as Iterable<[number, string, number]>) {
      let at = slot.get(k);
      if (at === undefined) {
        at = slot.size;
        slot.set(k, at);
        for (let i = 0; i < width; i++) sums.push(0);
      }
      sums[at * width + index.get(m)!]! += n;
    }
    return { base: baseKits(db, { sioId: f.sioId, keyOnly: f.keyOnly, systemCode: f.systemCode, distributionIds: f.distributionIds }), kits, slot, sums };
  });
  const { base, kits, slot, sums } = read.deferred();
  const ends = months.map(monthEnd);
  const rows: UsrOlapRow[] = [];
  for (const b of base) {
    const cells = new Array<number | null>(width).fill(0);
    let any = false;
    for (const k of kits.get(b.distributionId) ?? []) {
      const at = slot.get(k.id);
      if (at === undefined) continue;
      any = true;
      for (let i = 0; i < width; i++) cells[i]! += sums[at * width + i]!;
    }
    if (!any && b.state !== 'active') continue;
    let passes = !f.scheme;
    if (f.scheme) {
      for (let i = 0; i < width; i++) {
        if (schemeOn(b.schemes, ends[i]!) === f.scheme) passes = true;
        else cells[i] = null;
      }
    }
    if (!passes) continue;
    let total = 0;
    for (const c of cells) total += c ?? 0;
    rows.push({
      distributionId: b.distributionId,
      clientId: b.clientId,
      clientName: b.clientName,
      inn: b.inn,
      isKey: b.isKey,
      sioId: b.sioId,
      sioName: b.sioName,
      systemCode: b.systemCode,
      distrNumber: b.distrNumber,
      comp: b.comp,
      cells,
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
