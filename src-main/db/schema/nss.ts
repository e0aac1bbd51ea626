// НСС service: recorded work with clients (ГЛ calls, personal manager contacts, СИО visits), seminars, НСС cycles, the
// per-client monthly aggregates the НСС report reads, and the monthly reports sent to the КЦ.
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey, blob } from 'drizzle-orm/sqlite-core';
import { clients, contacts } from './clients';
import { distributions } from './distributions';
import { documents } from './documents';
import { employees } from './employees';
import { importFiles } from './imports';

/**
 * One recorded piece of НСС service. `kind` (NSS_RECORD_KINDS in src-shared/nss.ts): `gl_call` (a call to the hotline),
 * `pm_call` / `pm_meeting` (the personal manager's call or meeting), `sio_visit` (a СИО visit; may carry the USR update
 * it proves), `contact` (any other interaction with the client's people).
 *
 * `at` is the UTC instant; `on_date` is its date in the РИЦ time zone, computed once when written — every month filter
 * reads `on_date`, so a call at 23:30 on the month's last day (РИЦ time) stays in that month.
 */
export const nssRecords = sqliteTable(
  'nss_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The kit the record is about, when it applies; a record with a kit counts only while that kit is НСС. */
    distributionId: integer('distribution_id').references(() => distributions.id, { onDelete: 'set null' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    employeeId: integer('employee_id').references(() => employees.id, { onDelete: 'set null' }),
    at: text('at').notNull(),
    onDate: text('on_date').notNull(),
    durationSec: integer('duration_sec'),
    /** How many (a bulk entry of several calls); 1 for one interaction. */
    count: integer('count').notNull().default(1),
    comment: text('comment'),
    /** YYYY-MM-DD of the USR update a СИО visit proves (read from a stored USR file or typed). */
    usrUpdate: text('usr_update'),
    /** manual | bulk | import */
    source: text('source').notNull(),
    /** The stored file of an imported call list. */
    sourceFileId: integer('source_file_id').references(() => importFiles.id),
    /** The phone as the call list wrote it (kept for the record's details). */
    phone: text('phone'),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('nss_records_client_idx').on(t.clientId, t.onDate),
    index('nss_records_employee_idx').on(t.employeeId, t.onDate),
    index('nss_records_kind_idx').on(t.kind, t.onDate),
    index('nss_records_file_idx').on(t.sourceFileId),
  ],
);

/** A seminar of the catalogue. `on_date` is its date in the РИЦ zone. */
export const nssSeminars = sqliteTable(
  'nss_seminars',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    startsAt: text('starts_at').notNull(),
    onDate: text('on_date').notNull(),
    /** online | offline */
    format: text('format').notNull(),
    capacity: integer('capacity'),
    place: text('place'),
    note: text('note'),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('nss_seminars_date_idx').on(t.onDate)],
);

/** A contact person registered for a seminar, and whether they came. */
export const nssSeminarPeople = sqliteTable(
  'nss_seminar_people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seminarId: integer('seminar_id')
      .notNull()
      .references(() => nssSeminars.id, { onDelete: 'cascade' }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** The person's name as registered (kept when the contact is later deleted). */
    fio: text('fio').notNull(),
    registeredAt: text('registered_at').notNull(),
    attended: integer('attended', { mode: 'boolean' }).notNull().default(false),
    registeredBy: integer('registered_by').references(() => employees.id),
  },
  (t) => [
    uniqueIndex('nss_seminar_people_uq').on(t.seminarId, t.clientId, t.fio),
    index('nss_seminar_people_client_idx').on(t.clientId),
    index('nss_seminar_people_contact_idx').on(t.contactId),
  ],
);

/**
 * A НСС cycle of a client: the service period sold. `state` is what was recorded: `active`, `renewed` (a later cycle
 * continues it: `renewed_by`), `lapsed` (with `lapse_reason`). Whether an active cycle is «ahead» or «due» is read
 * from `ends_on` against today and the setting, never stored.
 */
export const nssCycles = sqliteTable(
  'nss_cycles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    state: text('state').notNull().default('active'),
    renewedBy: integer('renewed_by'),
    /** The date the renewal was recorded (a late renewal has it after `ends_on`). */
    renewedOn: text('renewed_on'),
    lapseReason: text('lapse_reason'),
    /** The specification the cycle was proposed from, when it was. */
    specificationId: integer('specification_id').references(() => documents.id, { onDelete: 'set null' }),
    comment: text('comment'),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('nss_cycles_client_idx').on(t.clientId, t.endsOn), index('nss_cycles_ends_idx').on(t.endsOn, t.state)],
);

/** The kits a cycle covers. */
export const nssCycleDistributions = sqliteTable(
  'nss_cycle_distributions',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => nssCycles.id, { onDelete: 'cascade' }),
    distributionId: integer('distribution_id')
      .notNull()
      .references(() => distributions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.distributionId] }), index('nss_cycle_distributions_distr_idx').on(t.distributionId)],
);

/**
 * Per client and month (YYYY-MM in the РИЦ zone), the НСС figures the report reads — **recomputed, never incremented**:
 * `recomputeNssMonths` (features/nss/aggregate.ts) reads the raw sources and rewrites the rows, in the transaction of
 * whatever changed them. The definitions (what counts as ГЛ, ЛК, a contact; only НСС kits) are in
 * features/nss/definitions.ts. A row exists for every month in which the client had a НСС kit on at least one day
 * (`nss_days` > 0), zero figures included, up to the current month.
 *
 * `first_contact_on` / `last_contact_on` / `max_gap_days` (the longest gap between two contacts inside the month)
 * let the report find the longest gap over any period from the monthly rows alone.
 */
export const nssClientMonths = sqliteTable(
  'nss_client_months',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    /** Days of the month on which the client had at least one НСС kit. */
    nssDays: integer('nss_days').notNull(),
    /** НСС kits on the month's last day. */
    nssKits: integer('nss_kits').notNull(),
    /** Standard kits on the month's last day. */
    stdKits: integer('std_kits').notNull(),
    glCalls: integer('gl_calls').notNull(),
    glSec: integer('gl_sec').notNull(),
    lk: integer('lk').notNull(),
    chats: integer('chats').notNull(),
    pmContacts: integer('pm_contacts').notNull(),
    sioVisits: integer('sio_visits').notNull(),
    seminars: integer('seminars').notNull(),
    otherContacts: integer('other_contacts').notNull(),
    contacts: integer('contacts').notNull(),
    firstContactOn: text('first_contact_on'),
    lastContactOn: text('last_contact_on'),
    maxGapDays: integer('max_gap_days').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.month] }), index('nss_client_months_month_idx').on(t.month, t.clientId)],
);

/** A monthly НСС report sent to the КЦ: the exact file, its rows and the differences from the previous one. */
export const nssKcReports = sqliteTable(
  'nss_kc_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** YYYY-MM */
    month: text('month').notNull(),
    /** The format module and its version (`nss-kc/1`). */
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    /** JSON: the typed rows as written, for the next month's comparison. */
    rows: text('rows').notNull(),
    /** JSON: totals of the file. */
    totals: text('totals').notNull(),
    /** JSON: the differences from the previous report as shown when it was saved. */
    diff: text('diff').notNull(),
    rowCount: integer('row_count').notNull(),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('nss_kc_reports_month_idx').on(t.month, t.createdAt)],
);

/**
 * A period of months the НСС report was asked for, whose per-client figures are kept in `nss_period_clients` so a year
 * over a large РИЦ reads one row per client, not twelve. Keyed by the months and the plan (the below-plan count depends
 * on it). `state`: `building` while its rows are written (a report waits, or rebuilds after a crash), `ready` after.
 * The writers of `nss_client_months` recompute a client's row in every kept period in the same transaction; the least
 * recently used periods beyond a few are dropped.
 */
export const nssPeriods = sqliteTable(
  'nss_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    plan: integer('plan').notNull(),
    state: text('state').notNull(),
    createdAt: text('created_at').notNull(),
    usedAt: text('used_at').notNull(),
  },
  (t) => [uniqueIndex('nss_periods_key_idx').on(t.fromMonth, t.toMonth, t.plan)],
);

/**
 * A client's НСС figures over a kept period, derived from `nss_client_months` (never written otherwise): sums, months
 * below the plan, the last contact in the period and before it, the first НСС month, and the longest gap inside the
 * period (from the first month's start or a previous contact to a contact; the gap to the period's end is added by the
 * report, which knows «today»).
 */
export const nssPeriodClients = sqliteTable(
  'nss_period_clients',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => nssPeriods.id, { onDelete: 'cascade' }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    months: integer('months').notNull(),
    contacts: integer('contacts').notNull(),
    glCalls: integer('gl_calls').notNull(),
    glSec: integer('gl_sec').notNull(),
    lk: integer('lk').notNull(),
    chats: integer('chats').notNull(),
    pmContacts: integer('pm_contacts').notNull(),
    sioVisits: integer('sio_visits').notNull(),
    seminars: integer('seminars').notNull(),
    otherContacts: integer('other_contacts').notNull(),
    belowPlan: integer('below_plan').notNull(),
    nssKits: integer('nss_kits').notNull(),
    firstMonth: text('first_month').notNull(),
    lastContactOn: text('last_contact_on'),
    lastBeforeOn: text('last_before_on'),
    innerGap: integer('inner_gap').notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.clientId] }), index('nss_period_clients_client_idx').on(t.clientId)],
);
