// Documents (contracts, specifications, agreements, invoices, acts), their lines, specification ↔ distribution links, number series and document settings.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, index, uniqueIndex, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { clients, counterparties } from './clients';
import { distributions } from './distributions';
import { employees } from './employees';

export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** contract | specification | additional_agreement | invoice | act */
    type: text('type').notNull(),
    /** Contracts only: standard | es (Экспериментальный сборник). */
    form: text('form'),
    /** The series is (type, year of the date at creation); the number stays when the date is edited later. */
    seriesYear: integer('series_year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    date: text('date').notNull(),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id),
    /** The counterparty valid on the date when the document was saved; print resolves it again by date. */
    counterpartyId: integer('counterparty_id')
      .notNull()
      .references(() => counterparties.id),
    /** The contract of a specification or an agreement (optional for invoices and acts). */
    parentId: integer('parent_id').references((): AnySQLiteColumn => documents.id),
    /** The СИО responsible for bringing the signed original back (the client's СИО when saved). */
    sioId: integer('sio_id').references(() => employees.id),
    amountKop: integer('amount_kop').notNull().default(0),
    /** none | included | on_top */
    vatMode: text('vat_mode').notNull().default('none'),
    /** Percent: 0, 5, 7, 10, 20, 22. */
    vatRate: integer('vat_rate').notNull().default(0),
    /** The РИЦ-side signer: an employee, or an entry of the our-requisites setting (by code); neither = the first entry. */
    signerEmployeeId: integer('signer_employee_id').references(() => employees.id),
    signerCode: text('signer_code'),
    /** draft | issued | cancelled */
    status: text('status').notNull().default('issued'),
    subject: text('subject'),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    /** Agreements: general | counterparty_change. */
    agreementKind: text('agreement_kind'),
    newCounterpartyId: integer('new_counterparty_id').references(() => counterparties.id),
    changeFrom: text('change_from'),
    /** Null when the type's return period is "not returned" (e.g. invoices). */
    plannedReturn: text('planned_return'),
    returnedAt: text('returned_at'),
    /** paper | edo */
    returnedVia: text('returned_via'),
    returnedById: integer('returned_by_id').references(() => employees.id),
    returnedNote: text('returned_note'),
    /** Derived, kept for indexed reports: 0 not tracked (draft, cancelled, no period), 1 awaited or overdue, 2 returned in time, 3 returned late. */
    returnTrack: integer('return_track').notNull().default(1),
    comment: text('comment'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => employees.id),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('documents_series_uq').on(t.type, t.seriesYear, t.seq),
    index('documents_date_idx').on(t.date),
    index('documents_client_idx').on(t.clientId, t.date),
    index('documents_type_date_idx').on(t.type, t.date),
    index('documents_parent_idx').on(t.parentId),
    // The return report walks (filter, track, planned date) ranges in index order: one per state segment.
    index('documents_return_idx').on(t.returnTrack, t.plannedReturn),
    index('documents_return_sio_idx').on(t.sioId, t.returnTrack, t.plannedReturn),
    index('documents_return_client_idx').on(t.clientId, t.returnTrack, t.plannedReturn),
    index('documents_return_type_idx').on(t.type, t.returnTrack, t.plannedReturn),
  ],
);

/** Lines of invoices and acts (and of any document that lists services). */
export const documentLines = sqliteTable(
  'document_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    pos: integer('pos').notNull(),
    name: text('name').notNull(),
    qty: real('qty').notNull().default(1),
    unit: text('unit'),
    priceKop: integer('price_kop').notNull(),
    amountKop: integer('amount_kop').notNull(),
  },
  (t) => [index('document_lines_document_idx').on(t.documentId, t.pos)],
);

/** Which distributions a specification covers; a distribution is in at most one active specification of a contract. */
export const specificationDistributions = sqliteTable(
  'specification_distributions',
  {
    specificationId: integer('specification_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    contractId: integer('contract_id')
      .notNull()
      .references(() => documents.id),
    distributionId: integer('distribution_id')
      .notNull()
      .references(() => distributions.id),
    pos: integer('pos').notNull(),
    /** Monthly price of servicing this distribution, when the specification states one. */
    priceKop: integer('price_kop'),
    /** Cleared when the specification is cancelled, which frees the distribution for another one. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.specificationId, t.distributionId] }),
    uniqueIndex('specification_distributions_active_uq').on(t.contractId, t.distributionId).where(sql`active = 1`),
    index('specification_distributions_distribution_idx').on(t.distributionId),
  ],
);

/** The last number given in each series (type, year). */
export const documentSeries = sqliteTable(
  'document_series',
  {
    type: text('type').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.type, t.year] })],
);

/** Return period per document type: N days, end of the document's month, end of the next month, or not returned. */
export const documentReturnPeriods = sqliteTable('document_return_periods', {
  type: text('type').primaryKey(),
  /** days | month_end | next_month_end | none */
  kind: text('kind').notNull(),
  days: integer('days'),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => employees.id),
});

/** Texts a РИЦ edits (contract clauses and the like), with {{placeholders}}. */
export const documentTemplates = sqliteTable('document_templates', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  body: text('body').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => employees.id),
});
