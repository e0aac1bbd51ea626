// Runs the mail jobs of a host (the server, or Electron in local mode): one worker per enabled mailbox, kept in step with settings;
// beside them the small jobs of the same host (reminders, hotline.txt).
import type { Db } from '../db/connection';
import type { Bus } from '../api/bus';
import type { WorkerPool } from '../workers/pool';
import { systemClock, type Clock } from '../api/context';
import { stmt } from '../db/stmt';
import type { PushEvents } from '../../src-shared/events';
import { newOwnerId } from '../features/mail/lease';
import { MailboxWorker, type WorkerOptions } from './imap.job';
import { startNotificationMailer } from './notify-mail.job';
import { startReminderAnnouncer } from './reminders.job';
import { startHotlineJob } from './hotline.job';

export interface MailJobs {
  /** Checks one mailbox (or all) now. */
  syncNow(mailboxId?: number): void;
  /** Mailboxes this process is running a worker for. */
  running(): number[];
  stop(): Promise<void>;
}

export interface MailJobsOptions extends Partial<Omit<WorkerOptions, 'db' | 'publish' | 'ownerId' | 'pool'>> {
  clock?: Clock;
  /** How often unread notifications are checked for e-mail copies. */
  notifyIntervalMs?: number;
}

/** Each worker is restarted when its mailbox's settings change (host, password, folder, …). */
function versions(db: Db): Map<number, string> {
  const rows = stmt(db, "SELECT id, host || ':' || port || ':' || tls || ':' || user || ':' || folder || ':' || password_enc AS u FROM mailboxes WHERE enabled = 1").all() as {
    id: number;
    u: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.u]));
}

export function startMailJobs(core: { db: Db; bus: Bus; pool: WorkerPool }, opts: MailJobsOptions = {}): MailJobs {
  const ownerId = newOwnerId();
  const workers = new Map<number, { worker: MailboxWorker; version: string }>();
  const log = opts.log ?? ((msg: string) => console.warn(`[mail] ${msg}`));
  let stopped = false;
  let reconciling: Promise<void> = Promise.resolve();

  const make = (id: number) =>
    new MailboxWorker(id, { ...opts, db: core.db, pool: core.pool, clock: opts.clock ?? systemClock, publish: core.bus.publish, ownerId, log });

  const reconcile = () => {
    reconciling = reconciling.then(async () => {
      if (stopped) return;
      const wanted = versions(core.db);
      for (const [id, w] of workers) {
        if (wanted.get(id) !== w.version) {
          workers.delete(id);
          await w.worker.stop();
        }
      }
      for (const [id, version] of wanted) {
        if (workers.has(id) || stopped) continue;
        const worker = make(id);
        workers.set(id, { worker, version });
        worker.start();
      }
    });
    reconciling = reconciling.catch((err) => log(`could not start mail jobs: ${(err as Error).message}`));
  };

  const unsubscribe = core.bus.subscribe((msg) => {
    if (msg.event !== 'mail.mailboxes.changed') return;
    const { mailboxId, syncNow } = msg.data as PushEvents['mail.mailboxes.changed'];
    reconcile();
    if (syncNow && mailboxId != null) void reconciling.then(() => workers.get(mailboxId)?.worker.poke());
  });
  reconcile();
  const mailer = startNotificationMailer({ db: core.db, clock: opts.clock ?? systemClock, intervalMs: opts.notifyIntervalMs, log });
  const reminders = startReminderAnnouncer({ db: core.db, clock: opts.clock ?? systemClock, publish: core.bus.publish, log });
  const hotline = startHotlineJob({ db: core.db, bus: core.bus, clock: opts.clock ?? systemClock, log: (m) => log(`hotline: ${m}`) });

  return {
    syncNow(mailboxId) {
      for (const [id, w] of workers) if (mailboxId == null || id === mailboxId) w.worker.poke();
    },
    running: () => [...workers.keys()],
    async stop() {
      stopped = true;
      unsubscribe();
      reminders.stop();
      hotline.stop();
      await mailer.stop();
      await reconciling;
      await Promise.all([...workers.values()].map((w) => w.worker.stop()));
      workers.clear();
    },
  };
}
