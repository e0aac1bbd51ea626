// The import mechanism's records: files in the content-addressed store, batches with a result per file, staged records, watched folders.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { employees } from './employees';

/** One file by content: the same bytes under any name are one row. */
export const importFiles = sqliteTable(
  'import_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Hex SHA-256 of the bytes; the store's path is derived from it. */
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** The name it first arrived under (a later copy under another name is the same file). */
    name: text('name').notNull(),
    /** The format that recognised it; null while unknown. */
    kind: text('kind'),
    storedAt: text('stored_at').notNull(),
    /**
     * applied | refused — set once the file's content was decided (applied, or refused for what it contains: not a
     * known format, malformed). Null while it was never decided: a time-out or a crash leaves it null, so it is retried.
     */
    outcome: text('outcome'),
    outcomeAt: text('outcome_at'),
  },
  (t) => [uniqueIndex('import_files_sha_uq').on(t.sha256)],
);

/** A batch: the files of one upload, one folder scan or one CLI call, processed by a background job. */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** upload | folder | cli */
    source: text('source').notNull(),
    /** The watched folder for source = folder. */
    folder: text('folder'),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
    /** queued | running | done */
    state: text('state').notNull().default('queued'),
    filesTotal: integer('files_total').notNull().default(0),
    filesDone: integer('files_done').notNull().default(0),
    /** JSON: options the formats read (e.g. { questionTasks: true }). */
    options: text('options').notNull().default('{}'),
  },
  (t) => [index('import_batches_created_idx').on(t.createdAt)],
);

/** One file of a batch and what became of it: the import journal's line. */
export const importResults = sqliteTable(
  'import_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    /** Null until the bytes are in the store. */
    fileId: integer('file_id').references(() => importFiles.id),
    /** For a file taken out of a ZIP: the ZIP's result. */
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    kind: text('kind'),
    /**
     * pending | applied | staged | duplicate | unknown_format | malformed | too_large | timeout | failed | discarded, or a
     * format's own refusal (e.g. too_old) — see src-shared/imports.ts.
     */
    status: text('status').notNull().default('pending'),
    added: integer('added').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    flagged: integer('flagged').notNull().default(0),
    /** JSON array of { record, code, detail? } (capped; the count is in `problemCount`). */
    problems: text('problems').notNull().default('[]'),
    problemCount: integer('problem_count').notNull().default(0),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [index('import_results_batch_idx').on(t.batchId), index('import_results_file_idx').on(t.fileId)],
);

/** Records of a staged format waiting for a person's review (a column mapping, matches made by hand). */
export const importStages = sqliteTable(
  'import_stages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resultId: integer('result_id')
      .notNull()
      .references(() => importResults.id, { onDelete: 'cascade' }),
    fileId: integer('file_id')
      .notNull()
      .references(() => importFiles.id),
    kind: text('kind').notNull(),
    /** JSON: what the format's parser returned (header and rows). */
    parsed: text('parsed').notNull(),
    /** JSON: the person's decisions (mapping, matches, rows left out). */
    decisions: text('decisions').notNull().default('{}'),
    /** staged | applied | discarded */
    state: text('state').notNull().default('staged'),
    createdAt: text('created_at').notNull(),
    decidedBy: integer('decided_by').references(() => employees.id),
    decidedAt: text('decided_at'),
  },
  (t) => [uniqueIndex('import_stages_result_uq').on(t.resultId)],
);

/** Folders on the server host whose new files are imported by themselves. */
export const importFolders = sqliteTable(
  'import_folders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    path: text('path').notNull(),
    /** A label people recognise («Папка СИО Иванова»). */
    label: text('label'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** The employee a folder's files are imported as (their journal lines name them); null = the system. */
    employeeId: integer('employee_id').references(() => employees.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('import_folders_path_uq').on(t.path)],
);
