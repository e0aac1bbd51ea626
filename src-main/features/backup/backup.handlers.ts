// Handlers of scheduled backups: status (last results, backups present), the schedule, a run on demand.
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../../api/handler';
import { AppError, badField } from '../../api/errors';
import { FILE_STORES, storeDir } from '../../db/file-stores';
import { backupFolder, lastRun, nextDueMs, readBackupSettings, recentRuns, saveBackupSettings } from './backup.repo';
import { listBackups } from './manifest';
import { schedulerFor } from './scheduler';

/** The folder must be absolute, outside the file stores, and writable by the server (checked by creating it). */
function checkFolder(folder: string, dbFile: string): void {
  if (!path.isAbsolute(folder)) throw badField('folder', 'absolute_path');
  const resolved = path.resolve(folder);
  for (const store of FILE_STORES) {
    const dir = storeDir(dbFile, store);
    if (resolved === dir || resolved.startsWith(dir + path.sep)) throw badField('folder', 'inside_store');
  }
  try {
    fs.mkdirSync(resolved, { recursive: true, mode: 0o700 });
    fs.accessSync(resolved, fs.constants.W_OK);
  } catch {
    throw badField('folder', 'not_writable');
  }
}

export const backupHandlers: HandlerMap<'backup.status' | 'backup.saveSettings' | 'backup.runNow'> = {
  'backup.status': (_input, ctx) => {
    const settings = readBackupSettings(ctx.db);
    const folder = backupFolder(ctx.db, settings);
    const scheduler = schedulerFor(ctx.db);
    const source = path.resolve(ctx.db.$client.name);
    const due = nextDueMs(ctx.db, settings);
    return {
      settings,
      folder,
      schedulerRunning: !!scheduler,
      nextAt: scheduler ? scheduler.nextAt() : due == null ? null : new Date(due).toISOString(),
      current: scheduler?.current() ?? null,
      last: lastRun(ctx.db),
      lastOk: lastRun(ctx.db, 'ok'),
      runs: recentRuns(ctx.db, 10),
      backups: listBackups(folder)
        .filter((b) => b.sourceDb === source)
        .map(({ name, createdAt, bytes }) => ({ name, createdAt, bytes })),
    };
  },

  'backup.saveSettings': (input, ctx) => {
    if (input.folder) checkFolder(input.folder, ctx.db.$client.name);
    const before = readBackupSettings(ctx.db);
    const after = { ...input, folder: input.folder ? path.resolve(input.folder) : null };
    saveBackupSettings(ctx.db, after);
    ctx.audit('backup_settings', null, 'update', { before, after });
    ctx.emit('backup.changed', {});
    return { ok: true };
  },

  'backup.runNow': (_input, ctx) => {
    const scheduler = schedulerFor(ctx.db);
    if (!scheduler) throw new AppError('CONFLICT', 'no backup job runs in this process', [{ path: '', reason: 'no_scheduler' }]);
    if (!scheduler.runNow()) throw new AppError('CONFLICT', 'a backup is running', [{ path: '', reason: 'backup_running' }]);
    return { ok: true };
  },
};
