// VAT of a document: the tax contained in (or added to) the amount, and the phrase printed under totals.
import type { VatMode } from '../../../src-shared/doc-types';
import { formatMoney } from '../../../src-shared/format';

export interface VatTotals {
  /** «Итого» of the table: the lines' sum (without VAT when it is added on top). */
  net: number;
  vat: number;
  /** What the client pays; this is the stored document amount. */
  total: number;
}

/** VAT inside a sum: sum × rate / (100 + rate), rounded half up to the kopeck. */
const vatInside = (sum: number, rate: number) => Math.round((sum * rate) / (100 + rate));

/** Totals from the sum of the lines: with `on_top` the lines are without VAT and VAT is added to them. */
export function totalsFromLines(sum: number, mode: VatMode, rate: number): VatTotals {
  if (mode === 'none' || rate === 0) return { net: sum, vat: 0, total: sum };
  if (mode === 'included') return { net: sum, vat: vatInside(sum, rate), total: sum };
  const vat = Math.round((sum * rate) / 100);
  return { net: sum, vat, total: sum + vat };
}

/** Totals from the amount to pay (a document without lines). */
export function totalsFromTotal(total: number, mode: VatMode, rate: number): VatTotals {
  if (mode === 'none' || rate === 0) return { net: total, vat: 0, total };
  const vat = vatInside(total, rate);
  return { net: mode === 'on_top' ? total - vat : total, vat, total };
}

/**
 * «НДС не облагается.» / «В том числе НДС 22 %: 222,95 ₽.» / «Кроме того НДС 22 %: 220,00 ₽.»; without an amount
 * (a contract states only the terms) «Стоимость включает НДС 22 %.» / «НДС 22 % начисляется сверх стоимости.»
 */
export function vatPhrase(mode: VatMode, rate: number, vat: number | null): string {
  if (mode === 'none' || rate === 0) return 'НДС не облагается.';
  const r = `НДС\u00a0${rate}\u00a0%`;
  if (vat == null) return mode === 'included' ? `Стоимость включает ${r}.` : `${r} начисляется сверх стоимости.`;
  return mode === 'included' ? `В том числе ${r}: ${formatMoney(vat)}.` : `Кроме того ${r}: ${formatMoney(vat)}.`;
}
