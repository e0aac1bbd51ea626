// Announces call-back reminders when their time comes: a push to the addressee, so the bell counts it without a reload.
import type { Db } from '../db/connection';
import type { Clock } from '../api/context';
import type { PushMessage } from '../../src-shared/events';
import { remindersDue } from '../features/tasks/reminders';

export interface ReminderOptions {
  db: Db;
  clock: Clock;
  publish: (msg: PushMessage) => void;
  intervalMs?: number;
  log?: (msg: string) => void;
}

/**
 * The window is held in memory on purpose: the reminder itself is stored and the bell lists it whenever it loads;
 * only the live announcement of one that fell due while no process ran is skipped.
 */
export function startReminderAnnouncer(opts: ReminderOptions): { tick(): void; stop(): void } {
  let since = opts.clock.now().toISOString();
  const tick = () => {
    try {
      const now = opts.clock.now().toISOString();
      for (const r of remindersDue(opts.db, since, now))
        opts.publish({ event: 'notification.new', data: { employeeId: r.employeeId, notificationId: r.id, taskId: r.taskId } });
      since = now;
    } catch (err) {
      opts.log?.(`reminders: ${(err as Error).message}`);
    }
  };
  const timer = setInterval(tick, opts.intervalMs ?? 20_000);
  return {
    tick,
    stop() {
      clearInterval(timer);
    },
  };
}
