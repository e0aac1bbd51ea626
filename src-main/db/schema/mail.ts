// Mail intake and tasks: mailboxes, sync cursors and leases, raw messages, parsing rules, tasks (поручения), the unrecognised queue, notifications.
import { sqliteTable, integer, text, blob, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { clients } from './clients';
import { directions, employees } from './employees';

export const mailboxes = sqliteTable('mailboxes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** A name the administrator recognises, e.g. «Заявки с сайта». */
  name: text('name').notNull(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  tls: integer('tls', { mode: 'boolean' }).notNull().default(true),
  user: text('user').notNull(),
  /** Encrypted by a SecretBox (key file in server mode, safeStorage in Electron); never sent to screens. */
  passwordEnc: text('password_enc').notNull(),
  folder: text('folder').notNull().default('INBOX'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Where the sync stopped (UIDVALIDITY + last UID) and how it is doing, per mailbox and folder. */
export const mailSyncState = sqliteTable(
  'mail_sync_state',
  {
    mailboxId: integer('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text('folder').notNull(),
    uidValidity: integer('uid_validity'),
    lastUid: integer('last_uid').notNull().default(0),
    connected: integer('connected', { mode: 'boolean' }).notNull().default(false),
    /** Arrival (INTERNALDATE) of the newest processed message. */
    lastMessageAt: text('last_message_at'),
    /** Last time the server was asked and answered; a stalled sync shows as an old value. */
    lastCheckAt: text('last_check_at'),
    /** Arrival-to-commit delay of the newest processed message. */
    lagMs: integer('lag_ms'),
    /** Messages seen on the server beyond the cursor at the last check. */
    pending: integer('pending').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    unrecognised: integer('unrecognised').notNull().default(0),
    lastError: text('last_error'),
    lastErrorAt: text('last_error_at'),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.folder] })],
);

/** One reader per mailbox: a lease with an owner and an expiry, renewed while the owner runs. */
export const mailboxLocks = sqliteTable('mailbox_locks', {
  mailboxId: integer('mailbox_id')
    .primaryKey()
    .references(() => mailboxes.id, { onDelete: 'cascade' }),
  /** host:pid:random, so a dead owner on the same host can be recognised at once. */
  ownerId: text('owner_id').notNull(),
  /** Epoch milliseconds. */
  expiresAt: integer('expires_at').notNull(),
  acquiredAt: text('acquired_at').notNull(),
});

export const mailMessages = sqliteTable(
  'mail_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    folder: text('folder'),
    uidValidity: integer('uid_validity'),
    uid: integer('uid'),
    /** The Message-ID header, or a hash of the source when the header is missing. */
    messageId: text('message_id').notNull(),
    receivedAt: text('received_at').notNull(),
    sentAt: text('sent_at'),
    fromAddr: text('from_addr'),
    fromName: text('from_name'),
    subject: text('subject'),
    /** The message exactly as the server gave it. */
    raw: blob('raw', { mode: 'buffer' }).notNull(),
    /** The readable body (HTML converted), decoded once at intake so screens need no MIME parser. */
    text: text('text').notNull().default(''),
    size: integer('size').notNull(),
    /** task | duplicate_request | unrecognised | broken */
    parseStatus: text('parse_status').notNull(),
    kind: text('kind'),
    ruleId: integer('rule_id'),
    requestNumber: text('request_number'),
    /** JSON: the fields found (code → value). */
    fields: text('fields'),
    /** Why it went to the queue: no_rule | no_fields | broken_mime | error. */
    reason: text('reason'),
    error: text('error'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('mail_messages_message_id_uq').on(t.messageId), index('mail_messages_mailbox_idx').on(t.mailboxId, t.uid)],
);

/** Parsing rules as data: which subjects and request types make a kind, and the label synonyms of each field. */
export const mailRules = sqliteTable('mail_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** lead_price | lead_demo | lead_trial | question */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** Rules are tried in this order; the first that matches wins. */
  sort: integer('sort').notNull().default(0),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** JSON string[]: case-insensitive regular expressions over the subject; a named group `number` takes the request number. */
  subjectPatterns: text('subject_patterns').notNull(),
  /** JSON string[]: regular expressions over the body's request-type field, for subjects that say nothing. */
  typePatterns: text('type_patterns').notNull().default('[]'),
  /** JSON { field code: label[] }: the labels that mean each field. */
  labels: text('labels').notNull(),
  /** JSON string[]: at least one of these fields must be found, else the message goes to the queue. */
  requireAny: text('require_any').notNull().default('[]'),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => employees.id),
});

/** Per-kind settings: the direction a task lands in and its deadline. */
export const taskKinds = sqliteTable('task_kinds', {
  kind: text('kind').primaryKey(),
  directionId: integer('direction_id')
    .notNull()
    .references(() => directions.id),
  deadlineMinutes: integer('deadline_minutes').notNull(),
});

/** Round-robin turn per direction: the employee who got the last task. */
export const taskRoundRobin = sqliteTable('task_round_robin', {
  directionId: integer('direction_id')
    .primaryKey()
    .references(() => directions.id, { onDelete: 'cascade' }),
  lastEmployeeId: integer('last_employee_id').notNull(),
});

/** Поручения. */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** lead_price | lead_demo | lead_trial | question | other */
    kind: text('kind').notNull(),
    directionId: integer('direction_id')
      .notNull()
      .references(() => directions.id),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
    assigneeId: integer('assignee_id').references(() => employees.id),
    /** Why this assignee: key_responsible | sio | pm | round_robin | manual | none */
    assignedBy: text('assigned_by').notNull().default('none'),
    /** new | in_work | done | declined */
    status: text('status').notNull().default('new'),
    /** The request number of a lead; one task per kind and number. */
    requestNumber: text('request_number'),
    messageId: integer('message_id').references(() => mailMessages.id),
    /** JSON: the request's fields (fio, org, email, phone, comment, question, …). */
    fields: text('fields').notNull().default('{}'),
    /** Whether the client was created from this request. */
    clientCreated: integer('client_created', { mode: 'boolean' }).notNull().default(false),
    /** How the client was matched: distribution | inn | email | phone | created | manual */
    matchedBy: text('matched_by'),
    createdAt: text('created_at').notNull(),
    deadline: text('deadline').notNull(),
    takenAt: text('taken_at'),
    closedAt: text('closed_at'),
    /** A code from CONTACT_RESULTS. */
    result: text('result'),
    comment: text('comment'),
    createdBy: integer('created_by').references(() => employees.id),
    updatedAt: text('updated_at').notNull(),
    /** When to try the contact again (UTC ISO), from the last call attempt; null when no attempt asked for one. */
    nextContactAt: text('next_contact_at'),
  },
  (t) => [
    uniqueIndex('tasks_kind_request_uq').on(t.kind, t.requestNumber),
    index('tasks_assignee_idx').on(t.assigneeId, t.status),
    index('tasks_direction_idx').on(t.directionId, t.status),
    index('tasks_client_idx').on(t.clientId),
    index('tasks_message_idx').on(t.messageId),
  ],
);

/** Call attempts on a task («Попытка связи»): logged without closing it. */
export const taskAttempts = sqliteTable(
  'task_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    employeeId: integer('employee_id').references(() => employees.id),
    /** A code from ATTEMPT_OUTCOMES. */
    outcome: text('outcome').notNull(),
    comment: text('comment'),
    nextContactAt: text('next_contact_at'),
  },
  (t) => [index('task_attempts_task_idx').on(t.taskId, t.at)],
);

/** Mail that made no task: a person makes a task from it or dismisses it. */
export const mailQueue = sqliteTable(
  'mail_queue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: integer('message_id')
      .notNull()
      .references(() => mailMessages.id, { onDelete: 'cascade' }),
    /** no_rule | no_fields | broken_mime | error */
    reason: text('reason').notNull(),
    /** open | converted | dismissed */
    status: text('status').notNull().default('open'),
    taskId: integer('task_id').references(() => tasks.id),
    resolvedBy: integer('resolved_by').references(() => employees.id),
    resolvedAt: text('resolved_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('mail_queue_message_uq').on(t.messageId), index('mail_queue_status_idx').on(t.status)],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    /** task_assigned | … ; the renderer words it. */
    kind: text('kind').notNull(),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
    data: text('data'),
    read: integer('read', { mode: 'boolean' }).notNull().default(false),
    /** Set when the optional e-mail copy was sent. */
    mailedAt: text('mailed_at'),
  },
  (t) => [index('notifications_employee_idx').on(t.employeeId, t.read)],
);
