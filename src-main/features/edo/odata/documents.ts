// Counterparties and accounting documents in 1С over OData: find-or-create by ИНН/КПП, create and update invoices, acts, УПД.
import { ODataError, isGuid, odataString, type ODataClient, type Row } from './client';
import { counterpartyRow, documentRow } from './rows';

export const COUNTERPARTIES = 'Catalog_Контрагенты';
export const DOCUMENT_SETS = {
  invoice: 'Document_СчетНаОплатуПокупателю',
  act: 'Document_РеализацияТоваровУслуг',
  upd: 'Document_РеализацияТоваровУслуг',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_SETS;

export interface CounterpartyInput {
  inn: string;
  /** Ignored for a 12-digit ИНН (an ИП has no КПП). */
  kpp?: string;
  name: string;
  fullName?: string;
}

/** Finds the counterparty by exact ИНН (+ КПП for an organisation) or creates it; returns its Ref_Key. */
export async function findOrCreateCounterparty(
  client: ODataClient,
  input: CounterpartyInput,
): Promise<{ ref: string; created: boolean }> {
  const inn = input.inn.trim();
  if (!/^(\d{10}|\d{12})$/.test(inn)) throw new ODataError('bad_request', 'ИНН must be 10 or 12 digits');
  const person = inn.length === 12;
  const kpp = person ? '' : (input.kpp ?? '').trim();
  if (kpp && !/^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp)) throw new ODataError('bad_request', 'КПП is malformed');
  // `ИНН eq '…'` is refused by some publications; substringof is accepted everywhere, the exact match is ours.
  const rows = await client.list(COUNTERPARTIES, counterpartyRow, {
    filter: `substringof(${odataString(inn)}, ИНН)`,
    select: ['Ref_Key', 'ИНН', 'КПП', 'DeletionMark'],
  });
  const hit = rows.find((r) => !r.DeletionMark && r.ИНН.trim() === inn && (person || r.КПП.trim() === kpp));
  if (hit) return { ref: hit.Ref_Key.toLowerCase(), created: false };
  const body: Row = {
    Description: input.name,
    НаименованиеПолное: input.fullName ?? input.name,
    ИНН: inn,
    // Without ФизическоеЛицо 1С takes a 12-digit ИНН for an organisation's and refuses it (seen in a public integration).
    ЮридическоеФизическоеЛицо: person ? 'ФизическоеЛицо' : 'ЮридическоеЛицо',
    ...(person ? {} : { КПП: kpp }),
  };
  const made = await client.create(COUNTERPARTIES, body, counterpartyRow);
  return { ref: made.Ref_Key.toLowerCase(), created: true };
}

export interface DocumentFields {
  /** Our key; 1С keeps it as Ref_Key, so a create repeated after a lost answer finds the first one. */
  ref?: string;
  /** `YYYY-MM-DDTHH:MM:SS`. */
  date?: string;
  counterpartyRef?: string;
  contractRef?: string;
  organizationRef?: string;
  /** Roubles (1С keeps Edm.Double); callers convert from kopecks. */
  amount?: number;
  comment?: string;
  /** Further 1С fields as they are (tabular parts such as `Услуги`, setup-specific attributes). */
  extra?: Row;
}

function bodyOf(f: DocumentFields): Row {
  const body: Row = { ...f.extra };
  if (f.date !== undefined) body['Date'] = f.date;
  if (f.counterpartyRef !== undefined) body['Контрагент_Key'] = f.counterpartyRef;
  if (f.contractRef !== undefined) body['ДоговорКонтрагента_Key'] = f.contractRef;
  if (f.organizationRef !== undefined) body['Организация_Key'] = f.organizationRef;
  if (f.amount !== undefined) body['СуммаДокумента'] = f.amount;
  if (f.comment !== undefined) body['Комментарий'] = f.comment;
  return body;
}

export interface DocumentResult {
  ref: string;
  /** 1С's number (empty if 1С has not numbered it). */
  number: string;
}

/** Creates an invoice, act or УПД in 1С (`ЭтоУниверсальныйДокумент` tells an УПД from an act). */
export async function createDocument(client: ODataClient, kind: DocumentKind, fields: DocumentFields): Promise<DocumentResult> {
  const set = DOCUMENT_SETS[kind];
  if (fields.ref !== undefined && !isGuid(fields.ref)) throw new ODataError('bad_request', 'invalid document key');
  const body = bodyOf(fields);
  if (kind !== 'invoice') body['ЭтоУниверсальныйДокумент'] = kind === 'upd';
  if (fields.ref) body['Ref_Key'] = fields.ref.toLowerCase();
  try {
    const made = await client.create(set, body, documentRow);
    return { ref: made.Ref_Key.toLowerCase(), number: made.Number };
  } catch (e) {
    // A repeated create with our key: 1С refuses the duplicate, the first one is there.
    if (fields.ref && e instanceof ODataError && e.code === 'bad_request') {
      const existing = await client.get(set, fields.ref, documentRow);
      if (existing) return { ref: existing.Ref_Key.toLowerCase(), number: existing.Number };
    }
    throw e;
  }
}

/** Changes a document 1С already has (PATCH by key); `not_found` when 1С does not have it. */
export async function updateDocument(
  client: ODataClient,
  kind: DocumentKind,
  ref: string,
  fields: Omit<DocumentFields, 'ref'>,
): Promise<DocumentResult> {
  const body = bodyOf(fields);
  if (kind !== 'invoice') body['ЭтоУниверсальныйДокумент'] = kind === 'upd';
  const row = await client.patch(DOCUMENT_SETS[kind], ref, body, documentRow);
  return { ref: row.Ref_Key.toLowerCase(), number: row.Number };
}
