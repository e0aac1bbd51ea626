// Clients with their phones and e-mails, counterparties (requisites) and the dated client→counterparty link.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { employees } from './employees';

export const clients = sqliteTable(
  'clients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Lower-cased name for short prefix searches (SQLite's LIKE folds only ASCII case). */
    nameLc: text('name_lc').notNull(),
    shortName: text('short_name'),
    inn: text('inn'),
    kpp: text('kpp'),
    legalAddress: text('legal_address'),
    actualAddress: text('actual_address'),
    region: text('region'),
    city: text('city'),
    /** prospect | active | suspended | closed */
    status: text('status').notNull().default('prospect'),
    sioId: integer('sio_id').references(() => employees.id),
    pmId: integer('pm_id').references(() => employees.id),
    isKey: integer('is_key', { mode: 'boolean' }).notNull().default(false),
    keyResponsibleId: integer('key_responsible_id').references(() => employees.id),
    comment: text('comment'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Optimistic concurrency: an update names the version it edited. */
    version: integer('version').notNull().default(1),
    /**
     * Set on a client whose ИНН/КПП an older client already had when the rule «one client per ИНН/КПП» arrived
     * (or that a merge left so): such a client is outside the unique index below until it is merged or its ИНН/КПП
     * changes. New clients and edits are checked in code and never get it.
     */
    duplicatePending: integer('duplicate_pending', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('clients_inn_idx').on(t.inn),
    // The unique index `clients_inn_kpp_uq` (one client per ИНН+КПП, per ИНН alone for a 12-digit ИНН) is an expression
    // index drizzle-kit cannot write: it lives in migration 0009, see features/clients/duplicates.ts.
    index('clients_name_lc_idx').on(t.nameLc),
    index('clients_sio_idx').on(t.sioId),
    index('clients_pm_idx').on(t.pmId),
    index('clients_key_idx').on(t.isKey),
  ],
);

export const counterparties = sqliteTable(
  'counterparties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fullName: text('full_name').notNull(),
    shortName: text('short_name'),
    inn: text('inn').notNull(),
    kpp: text('kpp'),
    ogrn: text('ogrn'),
    legalAddress: text('legal_address'),
    bankName: text('bank_name'),
    bik: text('bik'),
    corrAccount: text('corr_account'),
    account: text('account'),
    directorName: text('director_name'),
    directorPosition: text('director_position'),
    signerName: text('signer_name'),
    signerBasis: text('signer_basis'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('counterparties_inn_idx').on(t.inn)],
);

/** Which counterparty a client works under from a date; the latest effective date ≤ D wins on D. */
export const clientCounterparties = sqliteTable(
  'client_counterparties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    counterpartyId: integer('counterparty_id')
      .notNull()
      .references(() => counterparties.id),
    effectiveFrom: text('effective_from').notNull(),
    basis: text('basis'),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('client_counterparties_client_date_uq').on(t.clientId, t.effectiveFrom)],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    fullName: text('full_name').notNull(),
    position: text('position'),
    note: text('note'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('contacts_client_idx').on(t.clientId)],
);

/** director | chief_accountant | lpr | key_user | accountant | lawyer | it */
export const contactRoles = sqliteTable(
  'contact_roles',
  {
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [uniqueIndex('contact_roles_uq').on(t.contactId, t.role)],
);

/** Phones of a client or of one of its contacts; `digits` is the normalised national number for search. */
export const phones = sqliteTable(
  'phones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    raw: text('raw').notNull(),
    digits: text('digits').notNull(),
    note: text('note'),
  },
  (t) => [index('phones_client_idx').on(t.clientId), index('phones_contact_idx').on(t.contactId), index('phones_digits_idx').on(t.digits)],
);

export const emails = sqliteTable(
  'emails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    note: text('note'),
  },
  (t) => [index('emails_client_idx').on(t.clientId), index('emails_contact_idx').on(t.contactId), index('emails_email_idx').on(t.email)],
);

export const characteristicGroups = sqliteTable('characteristic_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  sort: integer('sort').notNull().default(0),
});

export const characteristics = sqliteTable(
  'characteristics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: integer('group_id')
      .notNull()
      .references(() => characteristicGroups.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('characteristics_group_name_uq').on(t.groupId, t.name)],
);

export const contactCharacteristics = sqliteTable(
  'contact_characteristics',
  {
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    characteristicId: integer('characteristic_id')
      .notNull()
      .references(() => characteristics.id),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('contact_characteristics_uq').on(t.contactId, t.characteristicId)],
);

/**
 * A client merged into another: its id keeps resolving (old links, audit entries) to the survivor. The row itself
 * is gone from `clients`, so no list, search or report has to know about merged clients.
 */
export const clientTombstones = sqliteTable(
  'client_tombstones',
  {
    /** The merged-away client's id (clients.id is AUTOINCREMENT, so it is never given out again). */
    id: integer('id').primaryKey(),
    survivorId: integer('survivor_id')
      .notNull()
      .references(() => clients.id),
    name: text('name').notNull(),
    inn: text('inn'),
    kpp: text('kpp'),
    mergedAt: text('merged_at').notNull(),
    mergedBy: integer('merged_by').references(() => employees.id),
    /** JSON: the merged client's row and what moved (table → rows), for the record. */
    summary: text('summary').notNull(),
  },
  (t) => [index('client_tombstones_survivor_idx').on(t.survivorId)],
);
