// Documents: type codes, Russian names for print and screens, number format (ours), and the output types of the documents API.
import type { CounterpartyRow, EmployeeRef } from './types';
import type { EdoDocState } from './edo';

export const DOCUMENT_TYPES = ['contract', 'specification', 'additional_agreement', 'invoice', 'act', 'upd', 'invoice_factura'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  contract: 'Договор',
  specification: 'Спецификация',
  additional_agreement: 'Дополнительное соглашение',
  invoice: 'Счёт',
  act: 'Акт',
  upd: 'УПД',
  invoice_factura: 'Счёт-фактура',
};

/**
 * Types that bill services with lines like an act (the contract is optional for them). A счёт-фактура is issued
 * only with VAT; a УПД carries «Статус» 1 (счёт-фактура и передаточный документ) with VAT, else 2.
 */
export const BILLING_TYPES: readonly DocumentType[] = ['invoice', 'act', 'upd', 'invoice_factura'];
export const isBillingType = (t: DocumentType): boolean => BILLING_TYPES.includes(t);

/** The «Статус» of a УПД: 1 when the РИЦ charges VAT (it is then also the счёт-фактура), 2 otherwise. */
export function updStatus(vatMode: VatMode): 1 | 2 {
  return vatMode === 'none' ? 2 : 1;
}

/** Types that belong to a contract (parentId is required for them). */
export const CONTRACT_CHILD_TYPES: readonly DocumentType[] = ['specification', 'additional_agreement'];

export const CONTRACT_FORMS = ['standard', 'es'] as const;
export type ContractForm = (typeof CONTRACT_FORMS)[number];
export const CONTRACT_FORM_LABELS: Record<ContractForm, string> = { standard: 'Стандартная форма', es: 'Экспериментальный сборник (ЭС)' };

export const DOCUMENT_STATUSES = ['draft', 'issued', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const VAT_MODES = ['none', 'included', 'on_top'] as const;
export type VatMode = (typeof VAT_MODES)[number];
/** Rates in percent; 22 % is the general rate from 2026, 5 % and 7 % are the УСН rates. */
export const VAT_RATES = [0, 5, 7, 10, 20, 22] as const;

export const AGREEMENT_KINDS = ['general', 'counterparty_change'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const RETURN_PERIOD_KINDS = ['days', 'month_end', 'next_month_end', 'none'] as const;
export type ReturnPeriodKind = (typeof RETURN_PERIOD_KINDS)[number];
export interface ReturnPeriod {
  kind: ReturnPeriodKind;
  /** For kind `days`. */
  days: number | null;
}

/** returned_in_time | returned_late | awaited (planned date not passed) | overdue | not_tracked (draft, cancelled, type not returned). */
export const RETURN_STATES = ['overdue', 'awaited', 'returned_late', 'returned_in_time'] as const;
export type ReturnState = (typeof RETURN_STATES)[number] | 'not_tracked';

export const RETURN_STATE_LABELS: Record<ReturnState, string> = {
  overdue: 'Просрочен',
  awaited: 'Ожидается',
  returned_late: 'Возвращён с опозданием',
  returned_in_time: 'Возвращён в срок',
  not_tracked: 'Не отслеживается',
};

export const RETURN_VIA = ['paper', 'edo'] as const;
export const RETURN_VIA_LABELS: Record<(typeof RETURN_VIA)[number], string> = { paper: 'оригинал', edo: 'ЭДО' };
export type ReturnVia = (typeof RETURN_VIA)[number];

/** Number prefixes per type (ours): the printed number is «Д-2026-0001». */
export const DOCUMENT_NUMBER_PREFIX: Record<DocumentType, string> = {
  contract: 'Д',
  specification: 'СП',
  additional_agreement: 'ДС',
  invoice: 'СЧ',
  act: 'А',
  upd: 'УПД',
  invoice_factura: 'СФ',
};

export function formatDocNumber(type: DocumentType, year: number, seq: number): string {
  return `${DOCUMENT_NUMBER_PREFIX[type]}-${year}-${String(seq).padStart(4, '0')}`;
}

/**
 * Reasons (ApiIssue.reason) the documents API answers besides zod's own (`required`, `too_small`, `date`…), for the
 * screens to word next to the field: the path says which field.
 */
export const DOCUMENT_ISSUE_REASONS = {
  no_counterparty: 'date: the client has no counterparty valid on this date',
  not_found: 'the referenced client, contract, distribution, counterparty, employee or signer does not exist',
  not_contract: 'parentId: the parent is not a contract',
  other_client: 'parentId / distributions.N.distributionId: it belongs to another client',
  cancelled: 'parentId: the contract is cancelled',
  in_other_specification: 'distributions.N.distributionId: already in another active specification of this contract',
  duplicate: 'seq: the number is taken in this series; distributions.N: listed twice; periods.N.type: twice',
  lines_mismatch: 'amountKop: differs from the sum of the lines (or prices) with VAT',
  not_allowed: 'a field that this document type does not have',
  has_active_children: 'status: a contract with specifications or agreements not cancelled cannot be cancelled',
  not_issued: 'id: only an issued document (not a draft, not cancelled) is returned',
  future: 'date: a return date after today',
  before_document: 'date: a return date before the document date',
  after_return: 'date: the document would be dated after its return',
  same_counterparty: 'newCounterpartyId: it is the counterparty being replaced',
  date_taken: 'changeFrom: another counterparty already starts on this date',
  before_start: 'periodTo / to: before the start of the period',
  employee: 'sioId, signerEmployeeId, broughtById: not an active employee',
  unknown_placeholder: 'body: a {{placeholder}} print cannot fill (the error detail names it)',
  vat_rate: 'vatRate: not one of VAT_RATES',
  vat_required: 'vatMode: a счёт-фактура is issued only with VAT (vatMode none is refused)',
} as const;

/** Editable texts (settings) and the placeholders each may use. */
export const TEMPLATE_CODES = [
  'contract.es',
  'contract.standard',
  'specification.es',
  'agreement.general',
  'agreement.counterparty_change',
  'act.note',
  'invoice.note',
] as const;
export type TemplateCode = (typeof TEMPLATE_CODES)[number];

/** Every placeholder a template may contain, e.g. `{{client.name}}`; the print data fills them. */
export const TEMPLATE_PLACEHOLDERS = [
  'date',
  'city',
  'document.number',
  'document.date',
  'document.dateShort',
  'document.subject',
  'document.periodFrom',
  'document.periodTo',
  'amount',
  'amountWords',
  'vat',
  'contract.number',
  'contract.date',
  'client.name',
  'counterparty.fullName',
  'counterparty.shortName',
  'counterparty.inn',
  'counterparty.kpp',
  'counterparty.ogrn',
  'counterparty.legalAddress',
  'counterparty.directorName',
  'counterparty.directorPosition',
  'counterparty.signerName',
  'counterparty.signerPosition',
  'counterparty.signerBasis',
  'newCounterparty.fullName',
  'newCounterparty.inn',
  'newCounterparty.kpp',
  'newCounterparty.legalAddress',
  'changeFrom',
  'our.name',
  'our.shortName',
  'our.inn',
  'our.signerName',
  'our.signerPosition',
  'our.signerBasis',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export interface TemplateRow {
  code: TemplateCode;
  name: string;
  body: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** A signer on the РИЦ side, kept in the our-requisites setting. */
export interface OurSigner {
  code: string;
  name: string;
  position: string;
  /** «Устава», «доверенности № 12 от 01.02.2026» — in the genitive, after «действующего на основании». */
  basis: string;
  employeeId: number | null;
}

/** The РИЦ's own organisation (the executor in every document). */
export interface OurRequisites {
  fullName: string;
  shortName: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  legalAddress: string | null;
  postalAddress: string | null;
  phone: string | null;
  email: string | null;
  bankName: string | null;
  bik: string | null;
  corrAccount: string | null;
  account: string | null;
  /** City printed in contract headers («г. Владивосток»). */
  city: string | null;
  signers: OurSigner[];
  chiefAccountant: string | null;
}

export interface DocumentLine {
  name: string;
  qty: number;
  unit: string | null;
  priceKop: number;
  amountKop: number;
}

export interface SpecDistribution {
  distributionId: number;
  code: string;
  systemCode: string;
  /** The system's name from the catalogue; null while it has none. */
  systemName: string | null;
  networkType: string;
  state: string;
  priceKop: number | null;
  active: boolean;
}

/** A row of lists and registers. */
export interface DocumentListItem {
  id: number;
  type: DocumentType;
  form: ContractForm | null;
  number: string;
  date: string;
  clientId: number;
  clientName: string;
  counterpartyName: string;
  parentId: number | null;
  parentNumber: string | null;
  amountKop: number;
  status: DocumentStatus;
  plannedReturn: string | null;
  returnedAt: string | null;
  /** Who brought the original: the employee, or the name written by hand. */
  returnedByName: string | null;
  returnedVia: ReturnVia | null;
  /** The state of the document handed to 1С for ЭДО (null: never handed); see EDO_STATES in src-shared/edo.ts. */
  edoState: EdoDocState | null;
  returnState: ReturnState;
  /** Days past the planned date: still missing (overdue) or brought late; 0 otherwise. */
  daysOverdue: number;
  sio: EmployeeRef | null;
}

export interface DocumentCard extends DocumentListItem {
  version: number;
  seriesYear: number;
  vatMode: VatMode;
  vatRate: number;
  /** VAT contained in or added to the amount. */
  vatKop: number;
  signerEmployeeId: number | null;
  signerCode: string | null;
  subject: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  agreementKind: AgreementKind | null;
  changeFrom: string | null;
  newCounterparty: CounterpartyRow | null;
  returnedVia: ReturnVia | null;
  returnedBy: EmployeeRef | null;
  returnedNote: string | null;
  comment: string | null;
  /** The counterparty stored at save; print resolves it again on the document's date. */
  counterparty: CounterpartyRow;
  lines: DocumentLine[];
  /** Specifications: the distributions covered. */
  distributions: SpecDistribution[];
  /** Contracts: their specifications and agreements. */
  children: DocumentListItem[];
  /** Contracts: which distribution is in which active specification. */
  distributionMap: { distributionId: number; code: string; specificationId: number; specificationNumber: string }[];
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
}

export interface OwedSummary {
  /** Documents not returned yet (awaited + overdue). */
  owed: number;
  overdue: number;
  oldestPlanned: string | null;
  items: DocumentListItem[];
}

export interface ReturnReportRow {
  id: number;
  type: DocumentType;
  number: string;
  date: string;
  clientId: number;
  clientName: string;
  sio: EmployeeRef | null;
  plannedReturn: string;
  returnedAt: string | null;
  returnedVia: ReturnVia | null;
  state: Exclude<ReturnState, 'not_tracked'>;
  daysOverdue: number;
}

export interface ReturnReport {
  rows: ReturnReportRow[];
  total: number;
  counts: Record<Exclude<ReturnState, 'not_tracked'>, number>;
  /** The day states were computed on. */
  today: string;
}

export interface PrintedFile {
  /** Absolute path on the machine running the core (the key for `print.file`). */
  path: string;
  /** File name inside the caller's print folder. */
  name: string;
  /** A Russian name to offer when saving, e.g. «Договор Д-2026-0001 от 27.11.2026.pdf». */
  suggestedName: string;
  mime: string;
  bytes: number;
  pages: number | null;
}
