// Documents on screen: one colour per return state, money typed as «1 234,56», short type names and the "due soon" rule.
import { DOCUMENT_TYPE_LABELS, type DocumentListItem, type DocumentType, type ReturnState } from '../../../src-shared/doc-types';
import { formatAmount } from '../../../src-shared/format';

/** An awaited document turns amber this many days before its planned return. */
export const DUE_SOON_DAYS = 3;

/** Colours of UI.md: overdue red, due soon amber, returned green, neutral grey. */
export function stateColor(state: ReturnState, plannedReturn: string | null, today: string): string {
  switch (state) {
    case 'overdue':
      return 'red';
    case 'awaited':
      return plannedReturn && daysFrom(today, plannedReturn) <= DUE_SOON_DAYS ? 'yellow' : 'gray';
    case 'returned_in_time':
    case 'returned_late':
      return 'green';
    case 'not_tracked':
      return 'gray';
  }
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

export const TYPE_SHORT: Record<DocumentType, string> = {
  contract: 'Договор',
  specification: 'Спецификация',
  additional_agreement: 'Доп. соглашение',
  invoice: 'Счёт',
  act: 'Акт',
  upd: 'УПД',
  invoice_factura: 'Счёт-фактура',
};

/** «Договор № Д-2026-0001» */
export function docTitle(d: Pick<DocumentListItem, 'type' | 'number'>): string {
  return `${DOCUMENT_TYPE_LABELS[d.type]} № ${d.number}`;
}

export type MoneyParse = { kop: number | null; error: string | null };

/**
 * Money as people type it: «1234,56», «1 234.5», «1234 руб.». Empty is null (no amount); a minus is refused here
 * with a message rather than silently dropped, so the user sees why nothing was saved.
 */
export function parseMoney(text: string): MoneyParse {
  const t = text.replace(/[\s\u00a0]/g, '').replace(/(₽|руб\.?|р\.)$/i, '');
  if (!t) return { kop: null, error: null };
  if (/^[-−–]/.test(t)) return { kop: null, error: 'Сумма не может быть отрицательной' };
  const m = /^(\d{1,12})(?:[.,](\d{0,2}))?$/.exec(t);
  if (!m) return { kop: null, error: 'Сумма: число рублей, копейки через запятую, например 1 234,56' };
  return { kop: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')), error: null };
}

/** Kopecks as an input's text: «1 234,56» (empty for null). */
export function moneyInput(kop: number | null | undefined): string {
  return kop == null ? '' : formatAmount(kop);
}
