// The document form's values, checks as you type (the contract's rules in Russian) and the mapping to documents.create / documents.update.
import type { DocumentCreateInput, DocumentUpdateInput } from '../../../../src-shared/api/documents';
import { isBillingType, type AgreementKind, type ContractForm, type DocumentCard, type DocumentStatus, type DocumentType, type VatMode } from '../../../../src-shared/doc-types';
import { counterpartyErrors, counterpartyInput, CP_FIELDS, type CpField } from '../../../components/counterparty/counterpartyModel';
import { compact, type Errors } from '../../clients/card/validators';
import { moneyInput, parseMoney } from '../docUi';
import { dateError } from '../../../components/dateText';

/** The new counterparty's fields sit flat in the form (`cp_inn`), so each one is "touched" on its own. */
export type CpValues = { [K in CpField as `cp_${K}`]: string };

export interface DistPick {
  on: boolean;
  price: string;
}

/** A line of an invoice, act, УПД or счёт-фактура as typed: the amount follows from quantity × price. */
export interface LineValue {
  name: string;
  qty: string;
  unit: string;
  price: string;
}

export const emptyLine = (): LineValue => ({ name: '', qty: '1', unit: '', price: '' });

/** «2», «0,5», «1.25»: a positive quantity with up to 6 decimals. */
export function parseQty(text: string): { qty: number | null; error: string | null } {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (!t) return { qty: null, error: 'Укажите количество' };
  const m = /^(\d{1,7})(?:[.,](\d{1,6}))?$/.exec(t);
  if (!m) return { qty: null, error: 'Количество: число, дробная часть через запятую, например 1,5' };
  const qty = Number(`${m[1]}.${m[2] ?? '0'}`);
  if (qty <= 0) return { qty: null, error: 'Количество больше нуля' };
  if (qty > 1_000_000) return { qty: null, error: 'Количество не больше 1 000 000' };
  return { qty, error: null };
}

/** A line's amount in kopecks as the server computes it (quantity × price, rounded), or null while it is incomplete. */
export function lineKop(l: LineValue): number | null {
  const q = parseQty(l.qty).qty;
  const p = parseMoney(l.price);
  if (q == null || p.error || p.kop == null) return null;
  return Math.round(q * p.kop);
}

/** The lines' sum, or null when there are none or one is incomplete. */
export function linesNet(v: FormValues): number | null {
  if (!v.lines.length) return null;
  let sum = 0;
  for (const l of v.lines) {
    const k = lineKop(l);
    if (k == null) return null;
    sum += k;
  }
  return sum;
}

export type FormValues = {
  date: string | null;
  form: ContractForm;
  parentId: string | null;
  amount: string;
  vatMode: VatMode;
  vatRate: string;
  subject: string;
  periodFrom: string | null;
  periodTo: string | null;
  signerCode: string | null;
  sioId: string | null;
  comment: string;
  status: DocumentStatus;
  /** Specifications: chosen distributions by id. */
  dists: Record<number, DistPick>;
  /** Billing documents: the lines (none: one row for the amount). */
  lines: LineValue[];
  agreementKind: AgreementKind;
  changeFrom: string | null;
} & CpValues;

export type FormMode = { kind: 'new'; type: DocumentType; parentId?: number } | { kind: 'edit'; id: number };

const emptyCp = () => Object.fromEntries(CP_FIELDS.map((f) => [`cp_${f}`, ''])) as CpValues;

export function initialValues(type: DocumentType, today: string, parentId?: number): FormValues {
  return {
    date: today,
    form: 'es',
    parentId: parentId != null ? String(parentId) : null,
    amount: '',
    // A счёт-фактура exists only with VAT.
    vatMode: type === 'invoice_factura' ? 'included' : 'none',
    vatRate: '22',
    subject: '',
    periodFrom: null,
    periodTo: null,
    signerCode: null,
    sioId: null,
    comment: '',
    status: 'issued',
    dists: {},
    lines: [],
    agreementKind: 'general',
    changeFrom: null,
    ...emptyCp(),
  };
}

export function valuesFromCard(d: DocumentCard): FormValues {
  const dists: Record<number, DistPick> = {};
  for (const x of d.distributions) dists[x.distributionId] = { on: true, price: moneyInput(x.priceKop) };
  const hasBasis = d.lines.length > 0 || d.distributions.some((x) => x.priceKop != null);
  return {
    date: d.date,
    form: d.form ?? 'es',
    parentId: d.parentId != null ? String(d.parentId) : null,
    amount: hasBasis ? '' : moneyInput(d.amountKop),
    vatMode: d.vatMode,
    vatRate: String(d.vatMode === 'none' ? 22 : d.vatRate),
    subject: d.subject ?? '',
    periodFrom: d.periodFrom,
    periodTo: d.periodTo,
    signerCode: d.signerCode,
    sioId: d.sio ? String(d.sio.id) : null,
    comment: d.comment ?? '',
    status: d.status,
    dists,
    lines: d.lines.map((l) => ({ name: l.name, qty: String(l.qty).replace('.', ','), unit: l.unit ?? '', price: moneyInput(l.priceKop) })),
    agreementKind: d.agreementKind ?? 'general',
    changeFrom: d.changeFrom,
    ...emptyCp(),
  };
}

export const chosenDists = (v: FormValues) =>
  Object.entries(v.dists)
    .filter(([, p]) => p.on)
    .map(([id, p]) => ({ id: Number(id), price: p.price }));

/** The monthly sum of a specification's prices (null when no price is typed or one is wrong). */
export function specNet(v: FormValues): number | null {
  const picked = chosenDists(v);
  if (!picked.some((p) => p.price.trim())) return null;
  let sum = 0;
  for (const p of picked) {
    const m = parseMoney(p.price);
    if (m.error) return null;
    sum += m.kop ?? 0;
  }
  return sum;
}

export function validate(type: DocumentType, v: FormValues, isNew: boolean): Errors {
  const e: Record<string, string | null> = {
    date: dateError(v.date, { required: true }),
    periodFrom: dateError(v.periodFrom),
    periodTo: dateError(v.periodTo, { min: dateError(v.periodFrom) ? undefined : (v.periodFrom ?? undefined), minMessage: 'Конец периода раньше начала' }),
  };
  if (type === 'specification' || type === 'additional_agreement') e.parentId = v.parentId ? null : 'Выберите договор';
  if (type === 'specification') {
    const picked = chosenDists(v);
    if (picked.length === 0) e.dists = 'Выберите хотя бы один дистрибутив: спецификация без дистрибутивов не сохраняется';
    for (const p of picked) e[`dists.${p.id}`] = parseMoney(p.price).error;
  } else if (isBillingType(type) && v.lines.length > 0) {
    v.lines.forEach((l, i) => {
      e[`lines.${i}.name`] = l.name.trim() ? (l.name.trim().length > 500 ? 'Не длиннее 500 знаков' : null) : 'Укажите наименование';
      e[`lines.${i}.qty`] = parseQty(l.qty).error;
      const p = parseMoney(l.price);
      e[`lines.${i}.price`] = p.error ?? (p.kop == null ? 'Укажите цену' : null);
      e[`lines.${i}.unit`] = l.unit.trim().length > 20 ? 'Не длиннее 20 знаков' : null;
    });
  } else {
    const m = parseMoney(v.amount);
    // An invoice, an act, a УПД or a счёт-фактура bills something: an empty amount is a slip, not a framework document.
    e.amount = m.error ?? (isBillingType(type) && !m.kop ? 'Укажите сумму' : null);
  }
  if (type === 'invoice_factura' && v.vatMode === 'none') e.vatMode = 'Счёт-фактура выставляется только с НДС: выберите «НДС в том числе» или «НДС сверху»';
  if (type === 'additional_agreement' && isNew && v.agreementKind === 'counterparty_change') {
    e.changeFrom = dateError(v.changeFrom, { required: true });
    Object.assign(e, counterpartyErrors((f) => v[`cp_${f}`], 'cp_'));
  }
  return compact(e);
}

const text = (s: string) => (s.trim() ? s.trim() : null);
const vat = (v: FormValues) => ({ vatMode: v.vatMode, vatRate: v.vatMode === 'none' ? undefined : Number(v.vatRate) });

function common(type: DocumentType, v: FormValues) {
  const out = {
    ...vat(v),
    subject: text(v.subject),
    comment: text(v.comment),
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    signerCode: v.signerCode,
  };
  if (type === 'specification') {
    return { ...out, distributions: chosenDists(v).map((p) => ({ distributionId: p.id, priceKop: parseMoney(p.price).kop })) };
  }
  if (isBillingType(type)) {
    // Lines: the amount follows from them. None: the one amount (an edit removes lines saved before: toUpdateInput).
    if (v.lines.length > 0)
      return { ...out, lines: v.lines.map((l) => ({ name: l.name.trim(), qty: parseQty(l.qty).qty ?? 0, unit: text(l.unit), priceKop: parseMoney(l.price).kop ?? 0 })) };
  }
  return { ...out, amountKop: parseMoney(v.amount).kop ?? undefined };
}

export function toCreateInput(type: DocumentType, clientId: number, v: FormValues): DocumentCreateInput {
  const base: DocumentCreateInput = {
    type,
    clientId,
    date: v.date!,
    status: v.status === 'draft' ? 'draft' : 'issued',
    sioId: v.sioId ? Number(v.sioId) : undefined,
    ...common(type, v),
  };
  if (type === 'contract') base.form = v.form;
  if (v.parentId && type !== 'contract') base.parentId = Number(v.parentId);
  if (type === 'additional_agreement') {
    base.agreementKind = v.agreementKind;
    if (v.agreementKind === 'counterparty_change') {
      base.changeFrom = v.changeFrom!;
      base.newCounterparty = counterpartyInput((f) => v[`cp_${f}`]);
    }
  }
  return base;
}

export function toUpdateInput(card: DocumentCard, v: FormValues): DocumentUpdateInput {
  return {
    id: card.id,
    version: card.version,
    date: v.date!,
    status: v.status,
    sioId: v.sioId ? Number(v.sioId) : null,
    ...(card.type === 'contract' ? { form: v.form } : {}),
    ...common(card.type, v),
    // Back to one amount: the lines saved before go (sent only then, so other edits do not rewrite them).
    ...(isBillingType(card.type) && v.lines.length === 0 && card.lines.length > 0 ? { lines: [] } : {}),
  };
}

/** A server field path → the form's own key (e.g. `newCounterparty.inn` → `cp_inn`, `distributions.1.priceKop` → `dists.<id>`). */
export function serverPath(path: string, v: FormValues): string {
  if (path.startsWith('newCounterparty.')) return `cp_${path.slice('newCounterparty.'.length)}`;
  if (path === 'newCounterparty' || path === 'newCounterpartyId') return 'cp_fullName';
  if (path === 'amountKop') return 'amount';
  if (path === 'distributions') return 'dists';
  const line = /^lines\.(\d+)\.(name|qty|unit|priceKop)$/.exec(path);
  if (line) return `lines.${line[1]}.${line[2] === 'priceKop' ? 'price' : line[2]}`;
  const m = /^distributions\.(\d+)\./.exec(path);
  if (m) {
    const picked = chosenDists(v)[Number(m[1])];
    return picked ? `dists.${picked.id}` : 'dists';
  }
  return path;
}
