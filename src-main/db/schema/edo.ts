// ЭДО through 1С: connections to 1С, the exchange counters and lease per connection, our documents' ЭДО state and timeline, the client setting.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { clients } from './clients';
import { documents } from './documents';
import { employees } from './employees';

/**
 * A 1С base we exchange with. `sendVia` chooses the transport documents go out by; the ЭДО state is read over OData
 * whenever `odataUrl` is set (the folder format carries no signing state — without OData signing is marked by hand).
 */
export const onecConnections = sqliteTable('onec_connections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** folder | odata */
  sendVia: text('send_via').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Folder transport: the exchange directory (on the machine running the core) and the node codes. */
  folder: text('folder'),
  ourCode: text('our_code'),
  peerCode: text('peer_code'),
  /** Write messages zipped (1С's «Сжимать файлы»). */
  zip: integer('zip', { mode: 'boolean' }).notNull().default(false),
  /** EnterpriseData version we write (1С answers in the one it chooses). */
  formatVersion: text('format_version').notNull().default('1.8'),
  /** OData: service root `…/odata/standard.odata`, user, password sealed like mailbox passwords. */
  odataUrl: text('odata_url'),
  odataUser: text('odata_user'),
  odataPasswordEnc: text('odata_password_enc'),
  /** Our organisation's Ref_Key in 1С (OData documents need it; the folder format matches by ИНН/КПП). */
  organizationRef: text('organization_ref'),
  /** Seconds between exchange rounds. */
  intervalSec: integer('interval_sec').notNull().default(60),
  /** Seconds before a message 1С has not acknowledged is written again. */
  resendSec: integer('resend_sec').notNull().default(300),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The folder exchange's numbers, advanced in the same transaction as what produced them, the health shown on the
 * panel, and the lease that makes one process the connection's only exchanger.
 */
export const onecExchange = sqliteTable('onec_exchange', {
  connectionId: integer('connection_id')
    .primaryKey()
    .references(() => onecConnections.id, { onDelete: 'cascade' }),
  /** MessageNo of our last message written (committed before the file is). */
  sentNo: integer('sent_no').notNull().default(0),
  /** 1С's MessageNo last applied; our ReceivedNo. */
  receivedNo: integer('received_no').notNull().default(0),
  /** The highest ReceivedNo 1С reported: our messages up to it are acknowledged. */
  ackedNo: integer('acked_no').notNull().default(0),
  /** When our last message was written (epoch ms): a resend is due `resendSec` later. */
  lastWriteMs: integer('last_write_ms').notNull().default(0),
  lastRoundAt: text('last_round_at'),
  lastOkAt: text('last_ok_at'),
  lastError: text('last_error'),
  lastErrorAt: text('last_error_at'),
  /** Refused incoming messages (malformed, hostile), counted; the last one's reason is in lastError. */
  refused: integer('refused').notNull().default(0),
  ownerId: text('owner_id'),
  /** Epoch ms. */
  leaseUntil: integer('lease_until').notNull().default(0),
});

/**
 * One of our documents handed to 1С. `ref` is the key 1С keeps it under (Ссылка / Ref_Key). What went out is
 * `sentVersion`/`sentHash`: a document whose version moved on is hashed again and re-sent only if what 1С gets changed.
 */
export const edoDocuments = sqliteTable(
  'edo_documents',
  {
    documentId: integer('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** Null while no 1С connection exists: the first enabled connection adopts such documents. */
    connectionId: integer('connection_id').references(() => onecConnections.id),
    ref: text('ref').notNull(),
    /** The document's version when last written out (0: never). */
    sentVersion: integer('sent_version').notNull().default(0),
    sentHash: text('sent_hash'),
    /** Folder transport: the MessageNo that last carried it; acknowledged when onec_exchange.acked_no reaches it. */
    messageNo: integer('message_no'),
    ackedAt: text('acked_at'),
    onecNumber: text('onec_number'),
    /** queued | handed | accepted | sent | delivered | signed | rejected | annulled | unknown | failed (EDO_STATES in src-shared/edo.ts). */
    state: text('state').notNull().default('queued'),
    /** 1С's `Состояние` as it came, always kept. */
    stateRaw: text('state_raw'),
    signedOn: text('signed_on'),
    reason: text('reason'),
    /** The signing date whose return we marked; a return taken back by hand is not marked again for it. */
    returnMarkedFor: text('return_marked_for'),
    error: text('error'),
    errorAt: text('error_at'),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch ms: the next OData send attempt or state read. */
    nextAt: integer('next_at').notNull().default(0),
    queuedAt: text('queued_at').notNull(),
    queuedBy: integer('queued_by').references(() => employees.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('edo_documents_ref_uq').on(t.ref),
    index('edo_documents_conn_state_idx').on(t.connectionId, t.state, t.nextAt),
    index('edo_documents_conn_msg_idx').on(t.connectionId, t.messageNo),
  ],
);

/** The ЭДО timeline of a document: every change of its state, who or what caused it, 1С's raw value. */
export const edoEvents = sqliteTable(
  'edo_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    /** An EDO_STATES value, or queued_again | return_marked | return_taken_back | error. */
    kind: text('kind').notNull(),
    raw: text('raw'),
    detail: text('detail'),
    employeeId: integer('employee_id').references(() => employees.id),
  },
  (t) => [index('edo_events_document_idx').on(t.documentId, t.id)],
);

/** «Документы через ЭДО» per client: new invoices, acts and УПД of such a client are queued for 1С when issued. */
export const clientEdo = sqliteTable('client_edo', {
  clientId: integer('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Диадок | СБИС | 1С-ЭДО | … as typed. */
  operator: text('operator'),
  /** The client's ЭДО participant id when known. */
  edoId: text('edo_id'),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => employees.id),
});
