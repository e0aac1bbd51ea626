// Report «ОПКН» (our definition — the КЦ's is not public): each serviced kit over a period with its СИО, scheme, update sessions, last proven update; kits without proof; totals per СИО.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { OpknReport, OpknRow, OpknSioTotal, UsrScheme } from '../../../src-shared/usr-reports';
import { USR_SCHEME_LABELS } from '../../../src-shared/usr-reports';
import { formatDate } from '../../../src-shared/format';
import { lastProvenBefore, proofByKit } from './usr-proof';
import { baseKits, schemeOn } from './usr-report-base';

/*
 * The definition, in one place:
 * - a *serviced kit* is an active distribution (distributions.state = 'active') that has a service scheme on the
 *   period's last day (the latest distribution_schemes row with effective_from ≤ that day);
 * - its USR kits are the usr_kits linked to it (usr_kits.distribution_id); their proof is summed;
 * - *sessions* and *proven updates* are counted as usr-proof.ts defines them, inside the period;
 * - the *last proven update* is the newest one on or before the period's last day (it may lie before the period);
 * - a kit has *no proof* when it had no proven update inside the period.
 */

export interface OpknFilters {
  from: string;
  to: string;
  sioId?: number;
  scheme?: UsrScheme;
  /** Only kits without proof in the period. */
  noProof?: boolean;
  /** Only these distributions (the rows a person selected). */
  distributionIds?: number[];
}

/** USR kits per distribution, with each kit's newest update over all files. */
export function kitsByDistribution(db: Db): Map<number, { id: number; last: string | null }[]> {
  const out = new Map<number, { id: number; last: string | null }[]>();
  for (const k of stmt(db, 'SELECT id, distribution_id, last_update FROM usr_kits WHERE distribution_id IS NOT NULL').raw().all() as [number, number, string | null][]) {
    const list = out.get(k[1]);
    if (list) list.push({ id: k[0], last: k[2] });
    else out.set(k[1], [{ id: k[0], last: k[2] }]);
  }
  return out;
}

/** Every row of the report (exports, ZIP) in report order. */
export function opknRows(db: Db, f: OpknFilters): OpknRow[] {
  const read = db.$client.transaction(() => ({
    base: baseKits(db, { sioId: f.sioId, distributionIds: f.distributionIds }),
    kits: kitsByDistribution(db),
    proof: proofByKit(db, f.from, f.to),
  }));
  const { base, kits, proof } = read.deferred();
  const rows: OpknRow[] = [];
  for (const b of base) {
    if (b.state !== 'active') continue;
    const scheme = schemeOn(b.schemes, f.to) as UsrScheme | null;
    if (!scheme || (f.scheme && scheme !== f.scheme)) continue;
    let sessions = 0;
    let updates = 0;
    let last: string | null = null;
    const own = kits.get(b.distributionId) ?? [];
    for (const k of own) {
      const p = proof.get(k.id);
      if (!p) continue;
      sessions += p.sessions;
      updates += p.updates;
      if (p.last && p.last > (last ?? '')) last = p.last;
    }
    const noProof = updates === 0;
    if (f.noProof && !noProof) continue;
    if (noProof) {
      // Before the period: the kit's newest update when that is older than the period, else a look back.
      for (const k of own) {
        const before = k.last != null && k.last < f.from ? k.last : k.last == null ? null : lastProvenBefore(db, k.id, f.from);
        if (before && before > (last ?? '')) last = before;
      }
    }
    rows.push({
      distributionId: b.distributionId,
      clientId: b.clientId,
      clientName: b.clientName,
      inn: b.inn,
      sioId: b.sioId,
      sioName: b.sioName,
      systemCode: b.systemCode,
      distrNumber: b.distrNumber,
      comp: b.comp,
      scheme,
      sessions,
      updates,
      lastUpdate: last,
      noProof,
    });
  }
  return rows;
}

export function opknTotals(rows: OpknRow[]): OpknSioTotal[] {
  const by = new Map<number | null, OpknSioTotal>();
  for (const r of rows) {
    let t = by.get(r.sioId);
    if (!t) by.set(r.sioId, (t = { sioId: r.sioId, sioName: r.sioName, kits: 0, withProof: 0, noProof: 0, sessions: 0 }));
    t.kits++;
    if (r.noProof) t.noProof++;
    else t.withProof++;
    t.sessions += r.sessions;
  }
  return [...by.values()];
}

/** The screen: the first `limit` rows, the totals over all of them. */
export function opknReport(db: Db, f: OpknFilters, limit: number): OpknReport {
  const rows = opknRows(db, f);
  return { rows: rows.slice(0, limit), totals: opknTotals(rows), total: rows.length };
}

/** The filters in words, printed above the rows and on the export's second sheet. */
export function opknParams(db: Db, f: OpknFilters, today: string): [string, string][] {
  const out: [string, string][] = [['Период', `${formatDate(f.from)}–${formatDate(f.to)}`]];
  if (f.sioId != null) out.push(['СИО', (stmt(db, 'SELECT full_name AS n FROM employees WHERE id = ?').get(f.sioId) as { n: string } | undefined)?.n ?? `№ ${f.sioId}`]);
  if (f.scheme) out.push(['Схема', USR_SCHEME_LABELS[f.scheme]]);
  if (f.noProof) out.push(['Комплекты', 'только без подтверждения']);
  if (f.distributionIds) out.push(['Выбрано комплектов', String(f.distributionIds.length)]);
  out.push(['Сеанс обновления', 'день, в который обновлён любой банк комплекта (по любому сохранённому файлу USR)']);
  out.push(['Сформирован', formatDate(today)]);
  return out;
}
