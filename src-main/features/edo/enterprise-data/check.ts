// Checks an object before it is written: what our reader (and 1С) would refuse is reported per document, not sent.
import type { EdContractKey, EdCounterpartyKey, EdKnownObject, EdOrganizationKey, EdProblemCode, EdServiceRow } from './model';
import { isEdDate, isEdDateTime, isEdRef, isInn, isKpp } from './values';

export interface EdObjectIssue {
  code: EdProblemCode;
  /** Where, in the XML's words: `Контрагент.ИНН`, `Услуги[2].Сумма`. */
  field: string;
}

const MAX_TEXT = 1000;

type Push = (code: EdProblemCode, field: string) => void;

function textOk(v: string | null, field: string, push: Push, required = false): void {
  if (v == null || v.trim() === '') {
    if (required) push('missing_value', field);
  } else if (v.length > MAX_TEXT) push('bad_value', field);
}

function money(v: number, field: string, push: Push): void {
  if (!Number.isSafeInteger(v) || Math.abs(v) >= 1e15) push('bad_number', field);
}

function counterparty(c: EdCounterpartyKey, at: string, push: Push): void {
  if (!isEdRef(c.ref)) push('missing_key', `${at}Ссылка`);
  textOk(c.name, `${at}Наименование`, push, true);
  textOk(c.fullName, `${at}НаименованиеПолное`, push);
  if (c.inn != null && !isInn(c.inn)) push('bad_inn', `${at}ИНН`);
  if (c.kpp != null && !isKpp(c.kpp)) push('bad_kpp', `${at}КПП`);
}

function organization(o: EdOrganizationKey, push: Push): void {
  if (o.ref != null && !isEdRef(o.ref)) push('bad_value', 'Организация.Ссылка');
  textOk(o.name, 'Организация.Наименование', push, true);
  if (o.inn != null && !isInn(o.inn)) push('bad_inn', 'Организация.ИНН');
  if (o.kpp != null && !isKpp(o.kpp)) push('bad_kpp', 'Организация.КПП');
}

function contract(c: EdContractKey, at: string, push: Push): void {
  if (!isEdRef(c.ref)) push('missing_key', `${at}Ссылка`);
  textOk(c.name, `${at}Наименование`, push);
  textOk(c.number, `${at}Номер`, push);
  if (c.date != null && !isEdDate(c.date)) push('bad_date', `${at}Дата`);
  if (c.counterparty) counterparty(c.counterparty, `${at}Контрагент.`, push);
  if (c.organization) organization(c.organization, push);
}

function row(r: EdServiceRow, i: number, push: Push): void {
  const at = `Услуги[${i + 1}].`;
  textOk(r.item.name, `${at}Номенклатура`, push, true);
  if (r.item.ref != null && !isEdRef(r.item.ref)) push('bad_value', `${at}Номенклатура.Ссылка`);
  if (!Number.isFinite(r.quantity) || r.quantity < 0 || r.quantity >= 1e12 || Math.round(r.quantity * 1000) !== r.quantity * 1000) push('bad_number', `${at}Количество`);
  money(r.priceKop, `${at}Цена`, push);
  money(r.amountKop, `${at}Сумма`, push);
  money(r.vatKop, `${at}СуммаНДС`, push);
  if (!/^[A-Za-zА-Яа-яЁё0-9_]{1,20}$/.test(r.vatRate)) push('bad_value', `${at}СтавкаНДС`);
  textOk(r.content, `${at}Содержание`, push);
}

/** Every issue of one object; none means the writer writes it and the reader reads it back unchanged. */
export function edObjectIssues(o: EdKnownObject): EdObjectIssue[] {
  const out: EdObjectIssue[] = [];
  const push: Push = (code, field) => out.push({ code, field });
  switch (o.type) {
    case 'counterparty':
      counterparty(o, '', push);
      break;
    case 'contract':
      contract(o, '', push);
      break;
    case 'invoice':
    case 'sale':
    case 'invoiceFactura':
      if (!isEdRef(o.ref)) push('missing_key', 'Ссылка');
      if (!isEdDateTime(o.date)) push('bad_date', 'Дата');
      textOk(o.number, 'Номер', push);
      organization(o.organization, push);
      counterparty(o.counterparty, 'Контрагент.', push);
      money(o.amountKop, 'Сумма', push);
      if (o.type === 'invoiceFactura') {
        money(o.vatKop, 'СуммаНДС', push);
        if (o.basis && !isEdRef(o.basis.ref)) push('missing_key', 'ДокументОснование.Ссылка');
        if (o.basis?.date != null && !isEdDateTime(o.basis.date)) push('bad_date', 'ДокументОснование.Дата');
      } else {
        if (o.contract) contract(o.contract, 'Договор.', push);
        o.rows.forEach((r, i) => row(r, i, push));
        textOk(o.comment, 'Комментарий', push);
      }
      break;
  }
  return out;
}
