// Sends e-mail copies of task notifications left unread past the delay (SMTP via nodemailer), one pass a minute.
import type { Db } from '../db/connection';
import type { Clock } from '../api/context';
import { tx } from '../db/connection';
import { claimMail, dueMails, letter, recordSmtp, releaseMail, timeZoneOf, transportFor } from '../features/tasks/notify-mail';

export interface MailerOptions {
  db: Db;
  clock: Clock;
  intervalMs?: number;
  log?: (msg: string) => void;
}

/** One pass: returns how many letters went out. Network I/O happens outside transactions. */
export async function sendDueNotifications(db: Db, clock: Clock): Promise<number> {
  const due = dueMails(db, clock.now().getTime());
  if (due.length === 0) return 0;
  const transport = transportFor(db);
  if (!transport) return 0;
  const tz = timeZoneOf(db);
  let sent = 0;
  try {
    for (const n of due) {
      const at = clock.now().toISOString();
      if (!tx(db, () => claimMail(db, n.id, at))) continue;
      const { subject, text } = letter(n.data ? (JSON.parse(n.data) as Parameters<typeof letter>[0]) : {}, n.taskId, tz);
      try {
        await transport.send(n.email, subject, text);
        sent++;
        tx(db, () => recordSmtp(db, at, null));
      } catch (err) {
        tx(db, () => {
          releaseMail(db, n.id);
          recordSmtp(db, at, (err as Error).message ?? String(err));
        });
        // The server refuses now: the rest waits for the next pass.
        break;
      }
    }
  } finally {
    transport.close();
  }
  return sent;
}

export function startNotificationMailer(opts: MailerOptions): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => sendDueNotifications(opts.db, opts.clock))
      .catch((err) => opts.log?.(`notification mail: ${(err as Error).message}`));
  }, opts.intervalMs ?? 60_000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
