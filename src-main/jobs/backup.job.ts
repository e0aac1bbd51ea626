// The server's scheduled backup: checks the schedule every minute, runs the backup on a worker thread, records the result, prunes old copies.
import type { Db } from '../db/connection';
import { tx } from '../db/connection';
import { systemClock, type Clock } from '../api/context';
import type { PushMessage } from '../../src-shared/events';
import type { BackupRun } from '../../src-shared/backup';
import { backupFolder, nextDueMs, readBackupSettings, recordRun } from '../features/backup/backup.repo';
import { registerScheduler } from '../features/backup/scheduler';
import { runInWorker } from '../workers/run';
import type { BackupWorkerInput, BackupWorkerResult } from './backup.worker';

export type BackupRunner = (input: BackupWorkerInput, onStep: (step: string) => void, signal: AbortSignal) => Promise<BackupWorkerResult>;

/** The real runner: a worker thread with its own connection, so VACUUM INTO and hashing never block the event loop. */
export const workerRunner: BackupRunner = (input, onStep, signal) =>
  runInWorker<BackupWorkerInput, BackupWorkerResult, string>(new URL('./backup.worker.ts', import.meta.url), input, onStep, signal);

export interface BackupJobOptions {
  db: Db;
  clock?: Clock;
  publish?: (msg: PushMessage) => void;
  log?: (msg: string) => void;
  /** How often the schedule is checked; 0 = never by itself (tests call `tick`). */
  tickMs?: number;
  /** The first check after start (a restart does not back up before the server is serving). */
  firstTickMs?: number;
  runner?: BackupRunner;
}

export interface BackupJob {
  /** Checks the schedule now and runs a backup when one is due; resolves when that run has finished. */
  tick(): Promise<void>;
  /** Runs a backup now unless one is running (false then); `done` resolves when it has finished. */
  runNow(trigger?: BackupRun['trigger']): { started: boolean; done: Promise<void> };
  stop(): Promise<void>;
}

export function startBackupJob(opts: BackupJobOptions): BackupJob {
  const { db } = opts;
  const clock = opts.clock ?? systemClock;
  const runner = opts.runner ?? workerRunner;
  const log = opts.log ?? ((m: string) => console.warn(`[backup] ${m}`));
  const changed = () => opts.publish?.({ event: 'backup.changed', data: {} });
  let current: { startedAt: string; trigger: BackupRun['trigger']; step: string; done: Promise<void> } | null = null;
  let stopped = false;
  const abort = new AbortController();

  const run = (trigger: BackupRun['trigger']): Promise<void> => {
    const settings = readBackupSettings(db);
    const startedAt = clock.now();
    const input: BackupWorkerInput = {
      dbPath: db.$client.name,
      folder: backupFolder(db, settings),
      nowIso: startedAt.toISOString(),
      retention: { keepCount: settings.keepCount, keepDays: settings.keepDays },
    };
    const t0 = performance.now();
    const state = { startedAt: startedAt.toISOString(), trigger, step: 'snapshot', done: Promise.resolve() };
    state.done = (async () => {
      let row: Omit<BackupRun, 'id'>;
      try {
        const r = await runner(input, (step) => {
          state.step = step;
          changed();
        }, abort.signal);
        row = { trigger, startedAt: state.startedAt, finishedAt: clock.now().toISOString(), status: 'ok', path: r.dir, bytes: r.bytes, durationMs: r.durationMs, error: null, removed: r.removed.length };
      } catch (err) {
        const message = ((err as Error).message ?? String(err)).slice(0, 1000);
        log(`backup failed: ${message}`);
        row = { trigger, startedAt: state.startedAt, finishedAt: clock.now().toISOString(), status: 'failed', path: null, bytes: null, durationMs: Math.round(performance.now() - t0), error: message, removed: 0 };
      }
      try {
        if (db.$client.open) tx(db, () => recordRun(db, row));
      } catch (err) {
        log(`could not record the backup run: ${(err as Error).message}`);
      }
      current = null;
      changed();
    })();
    current = state;
    changed();
    return state.done;
  };

  const tick = async () => {
    if (stopped || current) return current?.done;
    const due = nextDueMs(db);
    if (due != null && clock.now().getTime() >= due) await run('schedule');
  };

  const every = (fn: () => void) => (opts.tickMs === 0 ? null : setInterval(fn, opts.tickMs ?? 60_000));
  const safeTick = () => void tick().catch((err) => log(`schedule check failed: ${(err as Error).message}`));
  const first = opts.tickMs === 0 ? null : setTimeout(safeTick, opts.firstTickMs ?? 30_000);
  const timer = every(safeTick);
  const unregister = registerScheduler(db, {
    runNow: () => job.runNow('manual').started,
    nextAt: () => {
      const due = nextDueMs(db);
      return due == null ? null : new Date(Math.max(due, clock.now().getTime())).toISOString();
    },
    current: () => (current ? { startedAt: current.startedAt, trigger: current.trigger, step: current.step } : null),
  });

  const job: BackupJob = {
    tick,
    runNow(trigger = 'manual') {
      if (stopped || current) return { started: false, done: current?.done ?? Promise.resolve() };
      return { started: true, done: run(trigger) };
    },
    async stop() {
      stopped = true;
      if (first) clearTimeout(first);
      if (timer) clearInterval(timer);
      unregister();
      // A run in progress is abandoned: its temp folder is removed by the next run (the backup is never half-named).
      abort.abort();
      await current?.done.catch(() => undefined);
    },
  };
  return job;
}
