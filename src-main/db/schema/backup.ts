// Scheduled backups: one row per run of the server's backup job (its settings are a `settings` row, `backup.schedule`).
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

export const backupRuns = sqliteTable(
  'backup_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** schedule | manual */
    trigger: text('trigger').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** running | ok | failed | interrupted (the process stopped during the run) */
    status: text('status').notNull(),
    /** The backup folder written (ok runs). */
    path: text('path'),
    bytes: integer('bytes'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    /** Old backups removed by the retention rule after this run. */
    removed: integer('removed').notNull().default(0),
  },
  (t) => [index('backup_runs_started_idx').on(t.startedAt)],
);
