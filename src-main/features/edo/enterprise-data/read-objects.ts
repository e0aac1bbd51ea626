// Reading one Body object of an EnterpriseData message: its element tree → our model, or the problem that skips it.
import {
  ED_TYPE_ALIASES,
  ED_TYPES,
  type EdContractKey,
  type EdCounterpartyKey,
  type EdDocumentBase,
  type EdDocumentRef,
  type EdKnownType,
  type EdLegalForm,
  type EdObject,
  type EdOrganizationKey,
  type EdProblemCode,
  type EdServiceRow,
} from './model';
import { isEdRef, isInn, isKpp, legalFormOfInn, parseEdDateTime, parseQuantity, roublesToKop } from './values';

/** An element as the reader keeps it: local name, text (leaves), children. */
export interface EdNode {
  name: string;
  text: string;
  children: EdNode[];
}

/** Thrown inside an object's mapping: the object is skipped and listed with this problem. */
class Bad extends Error {
  constructor(
    readonly code: EdProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_FIELD = 1000;

const BY_NAME = new Map<string, EdKnownType>([...Object.entries(ED_TYPES).map(([k, v]) => [v, k as EdKnownType] as const), ...Object.entries(ED_TYPE_ALIASES)]);

function child(n: EdNode | undefined, name: string): EdNode | undefined {
  return n?.children.find((c) => c.name === name);
}

function text(n: EdNode | undefined, name: string): string | null {
  const c = child(n, name);
  if (!c) return null;
  const t = c.text.trim();
  if (t === '') return null;
  if (t.length > MAX_FIELD) throw new Bad('bad_value', `${name}: longer than ${MAX_FIELD}`);
  return t;
}

function ref(n: EdNode | undefined, what: string): string {
  const r = text(n, 'Ссылка');
  if (r == null) throw new Bad('missing_key', `${what}: Ссылка is missing`);
  if (!isEdRef(r)) throw new Bad('missing_key', `${what}: Ссылка is not a key`);
  return r;
}

function money(n: EdNode | undefined, name: string, required: boolean): number {
  const t = text(n, name);
  if (t == null) {
    if (required) throw new Bad('missing_value', `${name} is missing`);
    return 0;
  }
  const v = roublesToKop(t);
  if (v == null) throw new Bad('bad_number', `${name}: not an amount: ${t.slice(0, 40)}`);
  return v;
}

function dateTime(n: EdNode | undefined, name: string): string | null {
  const t = text(n, name);
  if (t == null) return null;
  const v = parseEdDateTime(t);
  if (v == null) throw new Bad('bad_date', `${name}: not a date: ${t.slice(0, 40)}`);
  return v === 'empty' ? null : v;
}

function bool(n: EdNode | undefined, name: string): boolean | null {
  const t = text(n, name);
  if (t == null) return null;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new Bad('bad_value', `${name}: not a boolean: ${t.slice(0, 20)}`);
}

function innKpp(n: EdNode | undefined, what: string): { inn: string | null; kpp: string | null } {
  const inn = text(n, 'ИНН');
  const kpp = text(n, 'КПП');
  if (inn != null && !isInn(inn)) throw new Bad('bad_inn', `${what}: ИНН ${inn.slice(0, 20)}`);
  if (kpp != null && !isKpp(kpp)) throw new Bad('bad_kpp', `${what}: КПП ${kpp.slice(0, 20)}`);
  return { inn, kpp };
}

/** Key properties of a counterparty: directly under `n` (a reference) or under its КлючевыеСвойства (the catalog object). */
function counterparty(n: EdNode | undefined, what: string): EdCounterpartyKey {
  if (!n) throw new Bad('missing_value', `${what} is missing`);
  const r = ref(n, what);
  const { inn, kpp } = innKpp(n, what);
  const fullName = text(n, 'НаименованиеПолное');
  const name = text(n, 'Наименование') ?? fullName;
  if (name == null) throw new Bad('missing_value', `${what}: Наименование is missing`);
  const lf = text(n, 'ЮридическоеФизическоеЛицо');
  if (lf != null && lf !== 'ЮридическоеЛицо' && lf !== 'ФизическоеЛицо') throw new Bad('bad_value', `${what}: ЮридическоеФизическоеЛицо ${lf.slice(0, 40)}`);
  return { ref: r, name, fullName, inn, kpp, legalForm: (lf as EdLegalForm | null) ?? legalFormOfInn(inn) };
}

function organization(n: EdNode | undefined): EdOrganizationKey {
  if (!n) throw new Bad('missing_value', 'Организация is missing');
  const r = text(n, 'Ссылка');
  if (r != null && !isEdRef(r)) throw new Bad('bad_value', 'Организация: Ссылка is not a key');
  const { inn, kpp } = innKpp(n, 'Организация');
  const fullName = text(n, 'НаименованиеПолное');
  const name = text(n, 'Наименование') ?? text(n, 'НаименованиеСокращенное') ?? fullName;
  if (name == null && inn == null) throw new Bad('missing_value', 'Организация: neither Наименование nor ИНН');
  return { ref: r, name: name ?? '', fullName, inn, kpp };
}

function contract(n: EdNode, what: string): EdContractKey {
  const date = dateTime(n, 'Дата');
  const cp = child(n, 'Контрагент');
  const org = child(n, 'Организация');
  return {
    ref: ref(n, what),
    name: text(n, 'Наименование'),
    number: text(n, 'Номер'),
    date: date ? date.slice(0, 10) : null,
    counterparty: cp ? counterparty(cp, `${what}.Контрагент`) : null,
    organization: org ? organization(org) : null,
  };
}

function serviceRow(n: EdNode, i: number): EdServiceRow {
  // Услуги rows name the item `Номенклатура`; goods rows (and some writers) nest it as ДанныеНоменклатуры/Номенклатура.
  const item = child(n, 'Номенклатура') ?? child(child(n, 'ДанныеНоменклатуры'), 'Номенклатура') ?? child(n, 'ДанныеНоменклатуры');
  const content = text(n, 'Содержание');
  const itemName = text(item, 'Наименование') ?? text(item, 'НаименованиеПолное') ?? content;
  if (itemName == null) throw new Bad('missing_value', `row ${i + 1}: no Номенклатура`);
  const qt = text(n, 'Количество');
  const quantity = qt == null ? 1 : parseQuantity(qt);
  if (quantity == null) throw new Bad('bad_number', `row ${i + 1}: Количество ${qt!.slice(0, 20)}`);
  const itemRef = text(item, 'Ссылка');
  return {
    item: { ref: itemRef != null && isEdRef(itemRef) ? itemRef : null, name: itemName },
    quantity,
    priceKop: money(n, 'Цена', false),
    amountKop: money(n, 'Сумма', true),
    vatRate: text(n, 'СтавкаНДС') ?? 'БезНДС',
    vatKop: money(n, 'СуммаНДС', false),
    content,
  };
}

function keyOf(n: EdNode): { keys: EdNode; ref: string; date: string; number: string | null; organization: EdOrganizationKey } {
  const keys = child(n, 'КлючевыеСвойства');
  if (!keys) throw new Bad('missing_key', 'КлючевыеСвойства is missing');
  const r = ref(keys, 'КлючевыеСвойства');
  const date = dateTime(keys, 'Дата');
  if (date == null) throw new Bad('bad_date', 'Дата is missing or empty');
  return { keys, ref: r, date, number: text(keys, 'Номер'), organization: organization(child(keys, 'Организация')) };
}

function documentBase(n: EdNode): EdDocumentBase {
  const k = keyOf(n);
  const agreement = child(child(n, 'ДанныеВзаиморасчетов'), 'Договор');
  // Our acts have services only; a document 1С sends back may carry goods rows (Товары) too: both are read, none dropped.
  const tables = [child(n, 'Услуги'), child(n, 'Товары')];
  return {
    ref: k.ref,
    number: k.number,
    date: k.date,
    organization: k.organization,
    counterparty: counterparty(child(n, 'Контрагент'), 'Контрагент'),
    contract: agreement ? contract(agreement, 'Договор') : null,
    amountKop: child(n, 'Сумма') ? money(n, 'Сумма', true) : money(n, 'СуммаДокумента', true),
    vatIncluded: bool(n, 'СуммаВключаетНДС') ?? true,
    rows: tables.flatMap((t) => t?.children ?? []).filter((c) => c.name === 'Строка').map(serviceRow),
    comment: text(n, 'Комментарий'),
  };
}

function basis(n: EdNode | undefined): EdDocumentRef | null {
  if (!n) return null;
  const date = dateTime(n, 'Дата');
  return { ref: ref(n, 'ДокументОснование'), number: text(n, 'Номер'), date };
}

function known(type: EdKnownType, n: EdNode): EdObject {
  switch (type) {
    case 'counterparty': {
      const keys = child(n, 'КлючевыеСвойства');
      if (!keys) throw new Bad('missing_key', 'КлючевыеСвойства is missing');
      return { type: 'counterparty', ...counterparty(keys, 'КлючевыеСвойства') };
    }
    case 'contract': {
      const keys = child(n, 'КлючевыеСвойства');
      if (!keys) throw new Bad('missing_key', 'КлючевыеСвойства is missing');
      return { type: 'contract', ...contract(keys, 'КлючевыеСвойства') };
    }
    case 'invoice':
      return { type: 'invoice', ...documentBase(n) };
    case 'sale':
      return { type: 'sale', ...documentBase(n), upd: bool(n, 'ЭтоУниверсальныйДокумент') ?? false };
    case 'invoiceFactura': {
      const k = keyOf(n);
      return {
        type: 'invoiceFactura',
        ref: k.ref,
        number: k.number,
        date: k.date,
        organization: k.organization,
        counterparty: counterparty(child(n, 'Контрагент'), 'Контрагент'),
        basis: basis(child(n, 'ДокументОснование')),
        amountKop: money(n, 'Сумма', true),
        vatKop: money(n, 'СуммаНДС', false),
      };
    }
  }
}

/** `path=value; …` of the first leaves, for a person to recognise an object we do not read. */
function summarize(n: EdNode, max = 300): string {
  const parts: string[] = [];
  let len = 0;
  const walk = (x: EdNode, path: string): void => {
    if (len >= max) return;
    if (x.children.length === 0) {
      const t = x.text.trim();
      if (t) {
        const p = `${path}=${t.slice(0, 80)}`;
        parts.push(p);
        len += p.length + 2;
      }
      return;
    }
    for (const c of x.children) walk(c, path ? `${path}/${c.name}` : c.name);
  };
  walk(n, '');
  const s = parts.join('; ');
  return s.length > max ? s.slice(0, max) : s;
}

/** The best-effort key of any object: КлючевыеСвойства/Ссылка, else a top Ссылка. */
function anyKey(n: EdNode): string | null {
  const k = child(n, 'КлючевыеСвойства') ?? n;
  const r = child(k, 'Ссылка')?.text.trim();
  return r ? r.slice(0, 64) : null;
}

export type EdObjectOutcome = { object: EdObject; problem: null } | { object: EdUnknownOrNull; problem: { code: EdProblemCode; message: string; key: string | null } };
type EdUnknownOrNull = Extract<EdObject, { type: 'unknown' }> | null;

/** One Body object: the model object, or (for a bad one) null and its problem; an unknown type is kept and has a problem. */
export function readEdObject(n: EdNode): EdObjectOutcome {
  const type = BY_NAME.get(n.name);
  const key = anyKey(n);
  if (!type) {
    const unknown = { type: 'unknown' as const, edType: n.name.slice(0, 200), key, summary: summarize(n) };
    return { object: unknown, problem: { code: 'unknown_type', message: `unknown object type ${n.name.slice(0, 200)}`, key } };
  }
  try {
    return { object: known(type, n), problem: null };
  } catch (err) {
    if (err instanceof Bad) return { object: null, problem: { code: err.code, message: err.message, key } };
    throw err;
  }
}
