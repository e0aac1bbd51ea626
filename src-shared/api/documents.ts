// Contract: documents (contracts, specifications, agreements, invoices, acts, УПД, счета-фактуры), their return, print, the return report and document settings.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, MANAGERS, type Role } from '../roles';
import { id, isoDate, optText, reqText, counterpartyInput, optInn, optKpp, optOgrn, optBik } from './common';
import {
  AGREEMENT_KINDS,
  CONTRACT_FORMS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  RETURN_PERIOD_KINDS,
  RETURN_STATES,
  RETURN_VIA,
  TEMPLATE_CODES,
  VAT_MODES,
  VAT_RATES,
  type DocumentCard,
  type DocumentListItem,
  type OurRequisites,
  type OwedSummary,
  type PrintedFile,
  type ReturnPeriod,
  type ReturnReport,
  type TemplateRow,
  type DocumentType,
} from '../doc-types';

/** Those who prepare documents and mark them returned: sales, СИО, personal managers, heads, administrators. */
export const DOC_EDITORS: readonly Role[] = ['admin', 'head', 'sales', 'sio', 'pm'];

/** Money in kopecks, never negative. */
const kop = z.number().int().min(0).max(10_000_000_000_00);

const lineInput = z.object({
  name: reqText(500),
  qty: z.number().positive().max(1_000_000).default(1),
  unit: optText(20),
  priceKop: kop,
});

const specDistributionInput = z.object({
  distributionId: id,
  /** Monthly price of servicing this distribution. */
  priceKop: kop.nullish(),
});

const editable = {
  amountKop: kop.optional(),
  vatMode: z.enum(VAT_MODES).optional(),
  vatRate: z
    .number()
    .int()
    .refine((v) => (VAT_RATES as readonly number[]).includes(v), { message: 'vat_rate' })
    .optional(),
  sioId: id.nullish(),
  signerEmployeeId: id.nullish(),
  signerCode: z.string().trim().max(50).nullish(),
  subject: optText(4000),
  periodFrom: isoDate.nullish(),
  periodTo: isoDate.nullish(),
  comment: optText(4000),
  lines: z.array(lineInput).max(200).optional(),
  /** Specifications: the distributions covered (at least one). */
  distributions: z.array(specDistributionInput).max(500).optional(),
};

export const documentCreateInput = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    /** Contracts: standard or ЭС (the default). */
    form: z.enum(CONTRACT_FORMS).optional(),
    clientId: id,
    date: isoDate,
    /** The contract of a specification or an agreement (optional for invoices, acts, УПД and счета-фактуры). */
    parentId: id.optional(),
    status: z.enum(['draft', 'issued']).default('issued'),
    /** A number in the series chosen by hand; the next free one when omitted. */
    seq: z.number().int().positive().max(999_999).optional(),
    agreementKind: z.enum(AGREEMENT_KINDS).optional(),
    /** Change of counterparty: the new one (an existing counterparty or new requisites) and the date it takes over. */
    newCounterpartyId: id.optional(),
    newCounterparty: counterpartyInput.optional(),
    changeFrom: isoDate.optional(),
    ...editable,
  })
  .superRefine((v, ctx) => {
    const need = (path: string, ok: boolean, reason = 'required') => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message: reason });
    };
    if (v.type === 'specification' || v.type === 'additional_agreement') need('parentId', v.parentId != null);
    if (v.type === 'specification') need('distributions', (v.distributions?.length ?? 0) > 0);
    if (v.type !== 'specification') need('distributions', v.distributions == null, 'not_allowed');
    if (v.type !== 'contract') need('form', v.form == null, 'not_allowed');
    if (v.type === 'contract') need('parentId', v.parentId == null, 'not_allowed');
    if (v.type !== 'additional_agreement') need('agreementKind', v.agreementKind == null, 'not_allowed');
    if (v.agreementKind === 'counterparty_change') {
      need('changeFrom', v.changeFrom != null);
      need('newCounterpartyId', (v.newCounterpartyId == null) !== (v.newCounterparty == null));
    } else {
      need('changeFrom', v.changeFrom == null, 'not_allowed');
      need('newCounterpartyId', v.newCounterpartyId == null && v.newCounterparty == null, 'not_allowed');
    }
    if (v.periodFrom && v.periodTo) need('periodTo', v.periodTo >= v.periodFrom, 'before_start');
    if (v.type === 'invoice_factura') need('vatMode', v.vatMode != null && v.vatMode !== 'none', 'vat_required');
  });
export type DocumentCreateInput = z.input<typeof documentCreateInput>;

export const documentUpdateInput = z
  .object({
    id,
    version: z.number().int().positive(),
    date: isoDate.optional(),
    form: z.enum(CONTRACT_FORMS).optional(),
    status: z.enum(DOCUMENT_STATUSES).optional(),
    ...editable,
  })
  .superRefine((v, ctx) => {
    if (v.periodFrom && v.periodTo && v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'before_start' });
  });
export type DocumentUpdateInput = z.input<typeof documentUpdateInput>;

const reportFilters = {
  /** Planned return dates from … to (inclusive); absent: no bound on that side. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only documents not returned as of today (overdue, then awaited): the report's opening view. */
  unreturned: z.boolean().optional(),
  sioId: id.optional(),
  clientId: id.optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  state: z.enum(RETURN_STATES).optional(),
};
const periodOrder = (v: { from?: string; to?: string }) => !v.from || !v.to || v.to >= v.from;

export const returnPeriodInput = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    kind: z.enum(RETURN_PERIOD_KINDS),
    days: z.number().int().min(0).max(366).nullish(),
  })
  .refine((v) => v.kind !== 'days' || v.days != null, { path: ['days'], message: 'required' });

const ourSignerInput = z.object({
  code: z.string().trim().regex(/^[a-z0-9_-]{1,50}$/, { message: 'code' }),
  name: optText(200).transform((v) => v ?? ''),
  position: reqText(200),
  basis: reqText(300),
  employeeId: id.nullish().transform((v) => v ?? null),
});

export const ourRequisitesInput = z
  .object({
    fullName: reqText(500),
    shortName: optText(200),
    inn: optInn,
    kpp: optKpp,
    ogrn: optOgrn,
    legalAddress: optText(500),
    postalAddress: optText(500),
    phone: optText(100),
    email: optText(254),
    bankName: optText(300),
    bik: optBik,
    corrAccount: optText(20),
    account: optText(20),
    city: optText(100),
    signers: z.array(ourSignerInput).min(1).max(20),
    chiefAccountant: optText(200),
  })
  .superRefine((v, ctx) => {
    const codes = new Set<string>();
    v.signers.forEach((s, i) => {
      if (codes.has(s.code)) ctx.addIssue({ code: 'custom', path: ['signers', i, 'code'], message: 'duplicate' });
      codes.add(s.code);
    });
  });
export type OurRequisitesInput = z.input<typeof ourRequisitesInput>;

const printOut = method<{ files: string[]; details: PrintedFile[] }>();

export const documentsApi = {
  'documents.create': method<{ id: number; number: string; plannedReturn: string | null }>()({
    input: documentCreateInput,
    access: DOC_EDITORS,
    write: true,
  }),
  /** Edits a document; a new date re-resolves the counterparty and recomputes the planned return. */
  'documents.update': method<{ version: number; plannedReturn: string | null; plannedReturnChanged: boolean }>()({
    input: documentUpdateInput,
    access: DOC_EDITORS,
    write: true,
  }),
  'documents.get': method<DocumentCard>()({ input: z.object({ id }), access: ANY_STAFF, write: false }),
  'documents.list': method<{ items: DocumentListItem[]; total: number }>()({
    input: z.object({
      clientId: id.optional(),
      type: z.enum(DOCUMENT_TYPES).optional(),
      status: z.enum(DOCUMENT_STATUSES).optional(),
      parentId: id.optional(),
      /** The register's filters: the client's СИО on the document and the return state today. */
      sioId: id.optional(),
      returnState: z.enum(RETURN_STATES).optional(),
      /** A number or its part, e.g. «0012» or «Д-2026». */
      number: z.string().trim().max(50).optional(),
      dateFrom: isoDate.optional(),
      dateTo: isoDate.optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    }),
    access: ANY_STAFF,
    write: false,
  }),
  /** The number the next document of the type would get on the date (the series may move on before saving). */
  'documents.nextNumber': method<{ number: string; seq: number }>()({
    input: z.object({ type: z.enum(DOCUMENT_TYPES), date: isoDate }),
    access: ANY_STAFF,
    write: false,
  }),
  /** Marks the signed original as returned (paper, or signed through ЭДО on `date`); marking again corrects it. */
  'documents.markReturned': method<{ version: number }>()({
    input: z.object({
      id,
      date: isoDate,
      via: z.enum(RETURN_VIA).default('paper'),
      broughtById: id.nullish(),
      broughtBy: optText(200),
    }),
    access: DOC_EDITORS,
    write: true,
  }),
  'documents.unmarkReturned': method<{ version: number }>()({ input: z.object({ id }), access: DOC_EDITORS, write: true }),
  /** What a client owes back: the badge on the client card. */
  'documents.owedSummary': method<OwedSummary>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),

  'settings.returnPeriods.get': method<Record<DocumentType, ReturnPeriod>>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  /** Saves periods and recomputes the planned date of every document of those types not yet returned. */
  'settings.returnPeriods.save': method<{ recomputed: number }>()({
    input: z.object({ periods: z.array(returnPeriodInput).min(1).max(DOCUMENT_TYPES.length) }),
    access: MANAGERS,
    write: true,
  }),
  'settings.templates.get': method<TemplateRow[]>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  /** Refused with BAD_INPUT `body` / `unknown_placeholder` (detail names them) when the text uses a placeholder print cannot fill. */
  'settings.templates.save': method<{ ok: true }>()({
    input: z.object({ code: z.enum(TEMPLATE_CODES), name: reqText(200).optional(), body: reqText(100_000) }),
    access: MANAGERS,
    write: true,
  }),
  'settings.ourRequisites.get': method<OurRequisites>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'settings.ourRequisites.save': method<{ ok: true }>()({ input: ourRequisitesInput, access: MANAGERS, write: true }),

  /** PDFs of documents: one file with all of them (`together`) or one file each; a contract can bring its specifications along. */
  'print.render': printOut({
    input: z.object({
      documentIds: z.array(id).min(1).max(200),
      together: z.boolean().default(true),
      includeSpecifications: z.boolean().default(false),
    }),
    access: ANY_STAFF,
    write: false,
  }),
  /** The information card of a (key) client as a PDF. */
  'print.clientCard': printOut({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),
  /** The bytes of a file from the caller's own print folder (PDF or XLSX), base64-encoded. */
  'print.file': method<{ name: string; mime: string; bytes: number; base64: string }>()({
    input: z.object({ path: z.string().min(1).max(1000) }),
    access: ANY_STAFF,
    write: false,
  }),

  /** «Возврат документов»: overdue first (most days first), then awaited, returned late, returned in time. */
  'reports.documentReturns': method<ReturnReport>()({
    input: z
      .object({
        ...reportFilters,
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .refine(periodOrder, { path: ['to'], message: 'before_start' }),
    access: ANY_STAFF,
    write: false,
  }),
  'reports.documentReturnsXlsx': printOut({ input: z.object(reportFilters).refine(periodOrder, { path: ['to'], message: 'before_start' }), access: ANY_STAFF, write: false }),
  'reports.documentReturnsPdf': printOut({ input: z.object(reportFilters).refine(periodOrder, { path: ['to'], message: 'before_start' }), access: ANY_STAFF, write: false }),
};
