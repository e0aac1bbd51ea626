// Главбух certification: certificates per client (or contact person), requests sent to the КЦ, and remembered column mappings of certified lists.
import { sqliteTable, integer, text, index, uniqueIndex, blob } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { clients, contacts } from './clients';
import { employees } from './employees';
import { importFiles } from './imports';

/**
 * A request for certification sent to the КЦ: who built it, when, for which programme, and the exact file that left the
 * program (kept, so it can be downloaded again byte for byte).
 */
export const gbRequests = sqliteTable(
  'gb_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The programme's code from the settings (`GB`). */
    programme: text('programme').notNull(),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
    clientCount: integer('client_count').notNull(),
    /** The format module that wrote the file and its version (`gb-request/1`). */
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    /** JSON: how the clients were chosen ({ filter } from a list, or { manual: true }). */
    selection: text('selection'),
    note: text('note'),
  },
  (t) => [index('gb_requests_created_idx').on(t.createdAt)],
);

/** One client (and contact person) in a request, with the row as it was exported (JSON of the format's typed row). */
export const gbRequestItems = sqliteTable(
  'gb_request_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => gbRequests.id, { onDelete: 'cascade' }),
    /** Null when the client was later deleted; the row keeps what was sent. */
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    row: text('row').notNull(),
  },
  (t) => [index('gb_request_items_request_idx').on(t.requestId), index('gb_request_items_client_idx').on(t.clientId)],
);

/**
 * A certificate of a programme held by a client, or by one of its contact persons when the certificate is personal.
 *
 * `number_norm` is the number trimmed, upper case, without spaces (see `normaliseCertNumber`); it is unique per programme
 * across the database. A requested certificate has no number yet (null: any number of them).
 *
 * `status` is what was recorded: `requested` (in a request sent to the КЦ), `certified`, `expired` (a list said so),
 * `revoked`. A `certified` certificate whose `valid_until` is before today reads as expired (one SQL expression,
 * `GB_EFFECTIVE_STATUS` in features/glavbukh) — nothing has to run at midnight.
 */
export const gbCertificates = sqliteTable(
  'gb_certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    programme: text('programme').notNull(),
    /** As the list or the person wrote it. */
    number: text('number'),
    numberNorm: text('number_norm'),
    /** YYYY-MM-DD */
    issuedOn: text('issued_on'),
    /** YYYY-MM-DD, the last day it is valid. */
    validUntil: text('valid_until'),
    /** requested | certified | expired | revoked */
    status: text('status').notNull(),
    /** import | request | manual */
    source: text('source').notNull(),
    /** The certified list it came from (the stored file). */
    sourceFileId: integer('source_file_id').references(() => importFiles.id),
    requestId: integer('request_id').references(() => gbRequests.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => employees.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => employees.id),
  },
  (t) => [
    uniqueIndex('gb_certificates_number_uq').on(t.programme, t.numberNorm).where(sql`number_norm IS NOT NULL`),
    index('gb_certificates_client_idx').on(t.clientId, t.programme),
    index('gb_certificates_valid_idx').on(t.validUntil),
    index('gb_certificates_request_idx').on(t.requestId),
  ],
);

/**
 * A remembered column mapping of a certified list's layout: the normalised header row (its signature) and which column
 * holds which field. Lists from the same source come with the same headers; the mapping is asked for once.
 */
export const gbLayouts = sqliteTable('gb_layouts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The header cells normalised (trimmed, lower case, ё → е, spaces collapsed), joined by `\u001f`. */
  signature: text('signature').notNull().unique(),
  /** JSON: { field: column index } — fields `inn`, `kpp`, `name`, `distr`, `number`, `issued_on`, `valid_until`, `status`, `contact`, `programme`. */
  mapping: text('mapping').notNull(),
  updatedBy: integer('updated_by').references(() => employees.id),
  updatedAt: text('updated_at').notNull(),
});
