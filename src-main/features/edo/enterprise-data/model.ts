// EnterpriseData («универсальный формат») message model: plain data for the envelope and the objects we exchange with 1С.

/** Namespace of the envelope's header elements (`msg:Header`, `msg:Confirmation`, …). */
export const ED_MESSAGE_NS = 'http://www.1c.ru/SSL/Exchange/Message';
/** The format URI without its version; the Body's namespace is this plus `1.x`. */
export const ED_FORMAT_BASE = 'http://v8.1c.ru/edi/edi_stnd/EnterpriseData/';
export const ED_EXCHANGE_PLAN = 'СинхронизацияДанныхЧерезУниверсальныйФормат';

/** The object types by their element name in Body. One table: a 1С that names a type otherwise is changed here. */
export const ED_TYPES = {
  counterparty: 'Справочник.Контрагенты',
  contract: 'Справочник.Договоры',
  /** Real exporters write `Документ.СчетНаОплатуПокупателю`; DOMAIN.md has `Документ.СчетПокупателю` (read as an alias). */
  invoice: 'Документ.СчетНаОплатуПокупателю',
  sale: 'Документ.РеализацияТоваровУслуг',
  invoiceFactura: 'Документ.СчетФактураВыданный',
} as const;

/** Other element names read as one of ours. */
export const ED_TYPE_ALIASES: Record<string, EdKnownType> = {
  'Документ.СчетПокупателю': 'invoice',
  'Справочник.ДоговорыКонтрагентов': 'contract',
};

export type EdKnownType = keyof typeof ED_TYPES;

export function edFormatUri(version: string): string {
  return ED_FORMAT_BASE + version;
}

export interface EdHeader {
  /** `http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8`; Body is written in this namespace. */
  format: string;
  /** `YYYY-MM-DDTHH:MM:SS`, local time of the writer, as 1С writes it. */
  creationDate: string;
  exchangePlan: string;
  /** Node codes: the receiver's and the sender's. */
  to: string;
  from: string;
  /** This message's number and the number of the peer's last message we received (0: none yet). */
  messageNo: number;
  receivedNo: number;
  /** Format versions the sender reads (`1.8`, `1.11`, …). */
  availableVersions: string[];
}

export type EdLegalForm = 'ЮридическоеЛицо' | 'ФизическоеЛицо';

/** A counterparty's key properties: the catalog object and every reference to it carry the same set. */
export interface EdCounterpartyKey {
  ref: string;
  name: string;
  fullName: string | null;
  inn: string | null;
  kpp: string | null;
  legalForm: EdLegalForm;
}

/** Our organisation (the РИЦ) as 1С knows it; 1С matches it by ИНН/КПП when the ref is unknown to it. */
export interface EdOrganizationKey {
  ref: string | null;
  name: string;
  fullName: string | null;
  inn: string | null;
  kpp: string | null;
}

export interface EdContractKey {
  ref: string;
  name: string | null;
  number: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  counterparty: EdCounterpartyKey | null;
  organization: EdOrganizationKey | null;
}

export interface EdServiceRow {
  item: { ref: string | null; name: string };
  /** Up to 3 decimals. */
  quantity: number;
  priceKop: number;
  amountKop: number;
  /** `НДС20`, `НДС10`, `НДС0`, `БезНДС`, … as 1С names the rates. */
  vatRate: string;
  vatKop: number;
  content: string | null;
}

/** The properties an invoice and a sale act share. Money is in kopecks; the XML has decimal roubles. */
export interface EdDocumentBase {
  ref: string;
  /** Our number when we send; 1С's number when it comes back. */
  number: string | null;
  /** `YYYY-MM-DDTHH:MM:SS`. */
  date: string;
  organization: EdOrganizationKey;
  counterparty: EdCounterpartyKey;
  contract: EdContractKey | null;
  amountKop: number;
  vatIncluded: boolean;
  rows: EdServiceRow[];
  comment: string | null;
}

export interface EdCounterparty extends EdCounterpartyKey {
  type: 'counterparty';
}

export interface EdContract extends EdContractKey {
  type: 'contract';
}

export interface EdInvoice extends EdDocumentBase {
  type: 'invoice';
}

export interface EdSale extends EdDocumentBase {
  type: 'sale';
  /** УПД (universal transfer document) rather than a plain act. */
  upd: boolean;
}

/** A reference to the document a счёт-фактура is issued on. */
export interface EdDocumentRef {
  ref: string;
  number: string | null;
  date: string | null;
}

export interface EdInvoiceFactura {
  type: 'invoiceFactura';
  ref: string;
  number: string | null;
  date: string;
  organization: EdOrganizationKey;
  counterparty: EdCounterpartyKey;
  basis: EdDocumentRef | null;
  amountKop: number;
  vatKop: number;
}

/** An object 1С sent that we do not read: kept with its key and a short summary, never dropped. */
export interface EdUnknownObject {
  type: 'unknown';
  edType: string;
  key: string | null;
  /** The first leaf values, `path=value; …`, at most a few hundred characters. */
  summary: string;
}

export type EdKnownObject = EdCounterparty | EdContract | EdInvoice | EdSale | EdInvoiceFactura;
export type EdObject = EdKnownObject | EdUnknownObject;

export interface EdMessage {
  header: EdHeader;
  objects: EdObject[];
}

/** What we write: only objects of types we know. */
export interface EdOutgoingMessage {
  header: EdHeader;
  objects: EdKnownObject[];
}

export type EdProblemCode =
  | 'missing_key'
  | 'bad_inn'
  | 'bad_kpp'
  | 'bad_number'
  | 'bad_date'
  | 'bad_value'
  | 'missing_value'
  | 'unknown_type';

/** A problem of one Body object: `index` is its position in Body (0-based), `type` its element name. */
export interface EdProblem {
  index: number;
  type: string;
  key: string | null;
  code: EdProblemCode;
  /** English detail for the log (the renderer shows the code in words). */
  message: string;
}

export type EdRefusal = 'too_large' | 'malformed' | 'doctype' | 'not_enterprise_data' | 'limit';

export type EdReadResult = { ok: true; message: EdMessage; problems: EdProblem[] } | { ok: false; code: EdRefusal; message: string };

export interface EdReadLimits {
  /** Bytes of the file as given (xml or zip). */
  maxBytes: number;
  /** Bytes of the xml after unzipping (declared and actual). */
  maxXmlBytes: number;
  maxDepth: number;
  /** Elements in the whole message. */
  maxElements: number;
  /** Characters of one text node (and of one element's attributes together). */
  maxTextLength: number;
  /** Objects in Body. */
  maxObjects: number;
  /** Elements of one Body object. */
  maxObjectElements: number;
}

/** Far above real messages (10,000 documents are ~30 MB of xml), far below what would hurt a worker thread. */
export const ED_DEFAULT_LIMITS: EdReadLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxXmlBytes: 128 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 4_000_000,
  maxTextLength: 1024 * 1024,
  maxObjects: 100_000,
  maxObjectElements: 50_000,
};
