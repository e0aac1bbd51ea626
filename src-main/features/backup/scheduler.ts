// The link between the backup handlers and the job a host runs for this database (the server does; other processes do not).
import type { Db } from '../../db/connection';
import type { BackupRun } from '../../../src-shared/backup';

export interface BackupScheduler {
  /** Starts a run now unless one is running; false when one already is. */
  runNow(): boolean;
  nextAt(): string | null;
  current(): { startedAt: string; trigger: BackupRun['trigger']; step: string } | null;
}

const schedulers = new WeakMap<object, BackupScheduler>();

export function registerScheduler(db: Db, s: BackupScheduler): () => void {
  schedulers.set(db.$client, s);
  return () => {
    if (schedulers.get(db.$client) === s) schedulers.delete(db.$client);
  };
}

export function schedulerFor(db: Db): BackupScheduler | null {
  return schedulers.get(db.$client) ?? null;
}
