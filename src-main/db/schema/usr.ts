// USR files (the K+ installation's report, `cons.exe /usr`): what each stored file says, the kits it names, and the updates it proves.
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { distributions } from './distributions';
import { importFiles } from './imports';
import { employees } from './employees';

/**
 * One kit as USR files name it: a `package` element's system (code from the element's name, number after the `_`),
 * `distr` and `comp`. Kept whether or not the base knows the kit, so that an unknown kit's files wait for a link.
 */
export const usrKits = sqliteTable(
  'usr_kits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The system code as the file writes it (`SKJP`), upper case. */
    systemCode: text('system_code').notNull(),
    /** The КЦ's system number from the element name (`SKJP_1` → 1); null when the name had none. */
    systemNumber: integer('system_number'),
    distrNumber: integer('distr_number').notNull(),
    comp: integer('comp').notNull().default(1),
    /** The base's kit; null while unknown (listed for a person to link). */
    distributionId: integer('distribution_id').references(() => distributions.id, { onDelete: 'set null' }),
    /** Newest proven update of any bank of the kit (YYYY-MM-DD), over every stored file; null when no file had one. */
    lastUpdate: text('last_update'),
    /** The newest file naming the kit (by the file's own date) and that date (UTC ISO instant or YYYY-MM-DD). */
    lastFileId: integer('last_file_id'),
    lastFileAt: text('last_file_at'),
    firstSeenAt: text('first_seen_at').notNull(),
  },
  (t) => [
    uniqueIndex('usr_kits_key_uq').on(t.systemCode, t.distrNumber, t.comp),
    index('usr_kits_distribution_idx').on(t.distributionId),
    index('usr_kits_last_update_idx').on(t.lastUpdate),
  ],
);

/** One stored USR file and what it says about the installation (one record: the file's status is its status). */
export const usrFiles = sqliteTable(
  'usr_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The bytes in the import store (same bytes = same file, whatever the name). */
    fileId: integer('file_id')
      .notNull()
      .references(() => importFiles.id),
    /** The name it arrived under. */
    name: text('name').notNull(),
    /** The system number from the name `CONS#<n>_…`, when the name has one. */
    nameSystemNumber: integer('name_system_number'),
    /** When the installation wrote the file (`files/USR_FILE@date@time`), as local wall time `YYYY-MM-DDTHH:MM:SS`; else the newest update date. */
    fileAt: text('file_at'),
    formatVersion: integer('format_version').notNull(),
    ric: integer('ric'),
    resVersion: text('res_version'),
    consExeVersion: text('cons_exe_version'),
    kdVersion: text('kd_version'),
    complect: text('complect'),
    /** Tech info people look at. */
    osName: text('os_name'),
    osVersion: text('os_version'),
    processor: text('processor'),
    ramMb: integer('ram_mb'),
    diskFreeMb: integer('disk_free_mb'),
    office: text('office'),
    /** The whole `tech_info` as JSON (element → text/attributes), for the file's details. */
    techJson: text('tech_json').notNull().default('{}'),
    /** The `files` element as JSON: [{ name, date, time, kind }]. */
    filesJson: text('files_json').notNull().default('[]'),
    /** Newest update date over the file's banks (YYYY-MM-DD). */
    newestUpdate: text('newest_update'),
    /** stored (every kit known) | unknown_kit (at least one kit of the file is not in the base). */
    status: text('status').notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: integer('imported_by').references(() => employees.id, { onDelete: 'set null' }),
    /** Set when housekeeping removed the bytes (the facts stay); the newest file of a kit is never removed. */
    purgedAt: text('purged_at'),
  },
  (t) => [
    uniqueIndex('usr_files_file_uq').on(t.fileId),
    index('usr_files_file_at_idx').on(t.fileAt),
    index('usr_files_status_idx').on(t.status),
  ],
);

/** The kits a file names (its `package`), with the attributes of each. */
export const usrFileKits = sqliteTable(
  'usr_file_kits',
  {
    usrFileId: integer('usr_file_id')
      .notNull()
      .references(() => usrFiles.id, { onDelete: 'cascade' }),
    usrKitId: integer('usr_kit_id')
      .notNull()
      .references(() => usrKits.id),
    /** The element name as written (`SKJP_1`). */
    element: text('element').notNull(),
    ric: integer('ric'),
    netCount: integer('net_count'),
    userType: text('user_type'),
    technolType: text('technol_type'),
    format: text('format'),
  },
  (t) => [primaryKey({ columns: [t.usrFileId, t.usrKitId] }), index('usr_file_kits_kit_idx').on(t.usrKitId)],
);

/** One information bank of a file (`ib/<BANK>`) with its newest update in that file. */
export const usrBanks = sqliteTable(
  'usr_banks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    usrFileId: integer('usr_file_id')
      .notNull()
      .references(() => usrFiles.id, { onDelete: 'cascade' }),
    /** The kit of the file the bank belongs to (by nDistr/nComp, else the file's only kit); null when none matches. */
    usrKitId: integer('usr_kit_id').references(() => usrKits.id),
    /** The element name (`LAW`). */
    code: text('code').notNull(),
    name: text('name'),
    directory: text('directory'),
    nDistr: integer('n_distr'),
    nComp: integer('n_comp'),
    nCat: integer('n_cat'),
    nTexts: integer('n_texts'),
    compliance: text('compliance'),
    /** Newest update of the bank in this file (YYYY-MM-DD) and its document count. */
    lastUpdate: text('last_update'),
    lastDocs: integer('last_docs'),
    updateCount: integer('update_count').notNull().default(0),
  },
  (t) => [index('usr_banks_file_idx').on(t.usrFileId), index('usr_banks_kit_idx').on(t.usrKitId, t.code)],
);

/**
 * A proven update: one (bank, date) of a kit, kept once however many files list it (files repeat their history).
 * `usrFileId` is the first stored file that proved it.
 */
export const usrUpdates = sqliteTable(
  'usr_updates',
  {
    usrKitId: integer('usr_kit_id')
      .notNull()
      .references(() => usrKits.id),
    bank: text('bank').notNull(),
    /** YYYY-MM-DD of the update (`@date`). */
    date: text('date').notNull(),
    time: text('time'),
    docs: integer('docs'),
    kind: text('kind'),
    usrFileId: integer('usr_file_id').references(() => usrFiles.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.usrKitId, t.bank, t.date] }), index('usr_updates_date_idx').on(t.date, t.usrKitId)],
);

/**
 * Per-kit, per-month aggregates written in the same transaction as the import, so a year's pivot reads 12 rows per kit:
 * `sessions` = distinct update dates (any bank) in the month, `updates` = proven (bank, date) entries.
 */
export const usrKitMonths = sqliteTable(
  'usr_kit_months',
  {
    usrKitId: integer('usr_kit_id')
      .notNull()
      .references(() => usrKits.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    sessions: integer('sessions').notNull(),
    updates: integer('updates').notNull(),
    lastUpdate: text('last_update').notNull(),
  },
  (t) => [primaryKey({ columns: [t.usrKitId, t.month] }), index('usr_kit_months_month_idx').on(t.month)],
);
