// Shared types of scheduled backups: the schedule an administrator edits, runs, and the status screen's data.

export interface BackupSettings {
  enabled: boolean;
  /** Hours between scheduled backups. */
  intervalHours: number;
  /** Absolute folder on the server; null = `backups/` beside the database. */
  folder: string | null;
  /** Keep at most this many backups. */
  keepCount: number;
  /** Remove backups older than this many days; null = no limit by age. */
  keepDays: number | null;
}

export type BackupRunStatus = 'ok' | 'failed';

export interface BackupRun {
  id: number;
  trigger: 'schedule' | 'manual';
  startedAt: string;
  finishedAt: string | null;
  status: BackupRunStatus;
  path: string | null;
  bytes: number | null;
  durationMs: number | null;
  error: string | null;
  removed: number;
}

export interface BackupStatus {
  settings: BackupSettings;
  /** The folder in use (the default when settings name none). */
  folder: string;
  /** Whether this process runs the schedule (the server does; a database opened elsewhere does not). */
  schedulerRunning: boolean;
  nextAt: string | null;
  /** A run in progress. */
  current: { startedAt: string; trigger: BackupRun['trigger']; step: string } | null;
  last: BackupRun | null;
  lastOk: BackupRun | null;
  runs: BackupRun[];
  /** Backups of this database present in the folder, newest first. */
  backups: { name: string; createdAt: string; bytes: number }[];
}
