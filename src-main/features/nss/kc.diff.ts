// The comparison of the month's КЦ report with the previous month's saved one: clients added and gone (by ИНН+КПП), big changes.
//
// A figure (NSS_KC_FIGURES) changed «big» when |after − before| ≥ 2 and |after − before| ≥ bigChangePct % of before
// (settings.nss; from 0 any rise of 2 or more is big). The threshold itself counts (≥). Clients are matched by ИНН+КПП,
// the key the КЦ knows them by; a client whose ИНН changed shows as one gone and one added.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { NSS_KC_FIGURES, type NssKcDiff, type NssKcRow } from '../../../src-shared/nss';

type Row = Omit<NssKcRow, 'clientId'> & { clientId?: number };

const keyOf = (r: { inn: string; kpp: string }) => `${r.inn}/${r.kpp}`;
const ref = (r: Row) => ({ inn: r.inn, kpp: r.kpp, name: r.name });

/** Whether a change from `before` to `after` is big at the threshold `pct` (%). */
export function isBigChange(before: number, after: number, pct: number): boolean {
  const d = Math.abs(after - before);
  return d >= 2 && d * 100 >= pct * before;
}

/** The month before (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The latest saved report of a month (a corrected report replaces the earlier one for the comparison). */
export function latestReport(db: Db, month: string): { id: number; rows: string } | undefined {
  return stmt(db, 'SELECT id, rows FROM nss_kc_reports WHERE month = ? ORDER BY created_at DESC, id DESC LIMIT 1').get(month) as { id: number; rows: string } | undefined;
}

/** The differences of `rows` from `before` (the previous report's rows); no previous report: nothing to compare. */
export function diffNssKc(before: { month: string; id: number; rows: readonly Row[] } | null, rows: readonly Row[], pct: number): NssKcDiff {
  const diff: NssKcDiff = { previousMonth: before?.month ?? null, previousId: before?.id ?? null, added: [], gone: [], changed: [], bigChangePct: pct };
  if (before) {
    const old = new Map(before.rows.map((r) => [keyOf(r), r]));
    const now = new Set<string>();
    for (const r of rows) {
      const k = keyOf(r);
      now.add(k);
      const o = old.get(k);
      if (!o) {
        diff.added.push(ref(r));
        continue;
      }
      for (const f of NSS_KC_FIGURES) if (isBigChange(o[f], r[f], pct)) diff.changed.push({ ...ref(r), field: f, before: o[f], after: r[f] });
    }
    for (const o of before.rows) if (!now.has(keyOf(o))) diff.gone.push(ref(o));
  }
  diff.counts = { added: diff.added.length, gone: diff.gone.length, changed: diff.changed.length };
  return diff;
}

/** The month's differences from the previous month's latest saved report. */
export function diffWithPrevious(db: Db, month: string, rows: readonly Row[], pct: number): NssKcDiff {
  const prev = previousMonth(month);
  const saved = latestReport(db, prev);
  return diffNssKc(saved ? { month: prev, id: saved.id, rows: JSON.parse(saved.rows) as Row[] } : null, rows, pct);
}

/** The diff with each list cut to `shown` entries (counts stay whole). */
export function cutDiff(d: NssKcDiff, shown: number): NssKcDiff {
  return { ...d, added: d.added.slice(0, shown), gone: d.gone.slice(0, shown), changed: d.changed.slice(0, shown) };
}
