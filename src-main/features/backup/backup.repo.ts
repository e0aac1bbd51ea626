// The backup schedule (a `settings` row) and the history of runs (`backup_runs`): reading, saving, and when the next run is due.
import path from 'node:path';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { BackupRun, BackupSettings } from '../../../src-shared/backup';

const KEY = 'backup.schedule';
/** After a failed run the next try comes sooner than a whole interval. */
const RETRY_MS = 3600_000;
/** Runs kept in the history. */
const KEEP_RUNS = 200;

/** Daily, beside the database, two weeks of copies: what a new installation gets without anyone setting it up. */
export const DEFAULT_SETTINGS: BackupSettings = { enabled: true, intervalHours: 24, folder: null, keepCount: 14, keepDays: null };

export function readBackupSettings(db: Db): BackupSettings {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_SETTINGS;
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<BackupSettings>) };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveBackupSettings(db: Db, s: BackupSettings): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(s));
}

export function defaultBackupFolder(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

export function backupFolder(db: Db, s = readBackupSettings(db)): string {
  return s.folder ?? defaultBackupFolder(db.$client.name);
}

const COLS =
  'id, trigger, started_at AS startedAt, finished_at AS finishedAt, status, path, bytes, duration_ms AS durationMs, error, removed';

export function recentRuns(db: Db, limit = 10): BackupRun[] {
  return stmt(db, `SELECT ${COLS} FROM backup_runs ORDER BY id DESC LIMIT ?`).all(limit) as BackupRun[];
}

export function lastRun(db: Db, status?: BackupRun['status']): BackupRun | null {
  const row = status
    ? stmt(db, `SELECT ${COLS} FROM backup_runs WHERE status = ? ORDER BY id DESC LIMIT 1`).get(status)
    : stmt(db, `SELECT ${COLS} FROM backup_runs ORDER BY id DESC LIMIT 1`).get();
  return (row as BackupRun | undefined) ?? null;
}

/** A run is written once it has finished (a run cut short by a stopped server leaves no half row). */
export function recordRun(db: Db, run: Omit<BackupRun, 'id'>): number {
  const id = Number(
    stmt(
      db,
      'INSERT INTO backup_runs (trigger, started_at, finished_at, status, path, bytes, duration_ms, error, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(run.trigger, run.startedAt, run.finishedAt, run.status, run.path, run.bytes, run.durationMs, run.error, run.removed).lastInsertRowid,
  );
  stmt(db, 'DELETE FROM backup_runs WHERE id <= ?').run(id - KEEP_RUNS);
  return id;
}

/** When the next scheduled run is due (ms), or null when the schedule is off: an interval after the last success, sooner after a failure. */
export function nextDueMs(db: Db, s = readBackupSettings(db)): number | null {
  if (!s.enabled) return null;
  const interval = s.intervalHours * 3600_000;
  const last = lastRun(db);
  if (!last) return 0;
  const ok = lastRun(db, 'ok');
  const afterOk = ok ? Date.parse(ok.startedAt) + interval : 0;
  if (last.status === 'ok') return afterOk;
  return Math.min(Math.max(afterOk, 0) || Infinity, Date.parse(last.startedAt) + Math.min(interval, RETRY_MS));
}
