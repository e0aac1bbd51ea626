// The intake crash scenario, shared by the exactly-once test and `npm run reliability`: `mail sync` killed at random moments while leads arrive in bursts.
import path from 'node:path';
import type { Core } from '../../src-main/core';
import type { Dovecot } from './dovecot';
import { buildMail, leadText, prng, uniqueMessageId } from './build';
import { killHard, spawnTs, type Child } from '../helpers/child';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');

export interface IntakeKillOptions {
  core: Core;
  adminToken: string;
  dbPath: string;
  dovecot: Dovecot;
  /** Messages appended in all. */
  total: number;
  /** Every n-th message is not a lead (it must land in the queue). */
  unrecognisedEvery: number;
  /** At least this many kills, even when the messages are all in earlier. */
  minKills: number;
  seed?: number;
}

export interface IntakeKillResult {
  kills: { at: number; before: number; after: number }[];
  /** Kills that cut into work in progress (rows grew while the reader ran). */
  midWork: number;
  lastExit: number | null;
  lastOutput: string;
  leads: number;
  messages: number;
  distinctMessages: number;
  tasks: number;
  distinctRequests: number;
  outOfRange: number;
  queue: number;
  /** Messages without exactly one result (a task or a queue entry). */
  notExactlyOnce: number;
  state: { u: number; p: number; d: number; q: number };
}

function message(i: number, every: number): Buffer {
  if (i % every === 0) return buildMail({ subject: `Рассылка №${i}`, text: `Новости ${i}`, messageId: uniqueMessageId('news') });
  const n = String(600_000 + i);
  const fields: [string, string][] = [['Тип заявки', 'Прайс-лист'], ['Номер заявки', n], ['ФИО', `Клиент ${i}`], ['E-mail', `c${i}@example.org`]];
  return buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: n, fields }), messageId: uniqueMessageId('kc') });
}

const syncChild = (dbPath: string, args: string[]): Child =>
  spawnTs(CLI, ['mail', 'sync', '--db', dbPath, ...args], (out) => out.includes('mail sync:') || out.includes('Mailbox '));

export async function intakeKillLoop(o: IntakeKillOptions): Promise<IntakeKillResult> {
  const count = (sql: string) => (o.core.db.$client.prepare(sql).get() as { n: number }).n;
  const { user, password } = o.dovecot.newUser();
  const saved = await o.core.call('mail.mailboxes.save', { name: 'Заявки', host: o.dovecot.host, port: o.dovecot.port, tls: false, user, password }, o.adminToken);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));

  // The КЦ sends in bursts while the reader is being killed.
  const rnd = prng(o.seed ?? 2026);
  let appended = 0;
  const appending = (async () => {
    const c = await o.dovecot.client(user, password);
    try {
      while (appended < o.total) {
        const burst = Math.min(o.total - appended, 5 + Math.floor(rnd() * 30));
        for (let k = 0; k < burst; k++) await c.append('INBOX', message(++appended, o.unrecognisedEvery));
        await new Promise((r) => setTimeout(r, 150 + rnd() * 400));
      }
    } finally {
      await c.logout().catch(() => undefined);
    }
  })();

  const kills: IntakeKillResult['kills'] = [];
  let done = false;
  void appending.finally(() => (done = true));
  while (!done || kills.length < o.minKills) {
    const child = syncChild(o.dbPath, []);
    await child.ready;
    const before = count('SELECT COUNT(*) AS n FROM mail_messages');
    if (kills.length % 2 === 0 && !done) {
      // Every other kill waits until the reader has committed something, so it lands inside processing however slow
      // the machine is (a reader still connecting when killed proves less); the others fall at any moment.
      for (let waited = 0; waited < 30_000 && count('SELECT COUNT(*) AS n FROM mail_messages') === before && child.proc.exitCode === null; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, rnd() * 300));
    } else {
      await new Promise((r) => setTimeout(r, 50 + rnd() * 900));
    }
    await killHard(child);
    kills.push({ at: appended, before, after: count('SELECT COUNT(*) AS n FROM mail_messages') });
  }
  await appending;

  // Restarted once more, to the end.
  const last = syncChild(o.dbPath, ['--once']);
  const lastExit = await last.exited;
  return {
    kills,
    midWork: kills.filter((k) => k.after > k.before).length,
    lastExit,
    lastOutput: last.output(),
    leads: o.total - Math.floor(o.total / o.unrecognisedEvery),
    messages: count('SELECT COUNT(*) AS n FROM mail_messages'),
    distinctMessages: count('SELECT COUNT(DISTINCT message_id) AS n FROM mail_messages'),
    tasks: count('SELECT COUNT(*) AS n FROM tasks'),
    distinctRequests: count('SELECT COUNT(DISTINCT request_number) AS n FROM tasks'),
    outOfRange: count(`SELECT COUNT(*) AS n FROM tasks WHERE CAST(request_number AS INTEGER) - 600000 NOT BETWEEN 1 AND ${o.total}`),
    queue: count('SELECT COUNT(*) AS n FROM mail_queue'),
    notExactlyOnce: count(
      'SELECT COUNT(*) AS n FROM mail_messages m WHERE (SELECT COUNT(*) FROM tasks t WHERE t.message_id = m.id) + (SELECT COUNT(*) FROM mail_queue q WHERE q.message_id = m.id) <> 1',
    ),
    state: o.core.db.$client.prepare('SELECT last_uid AS u, processed AS p, duplicates AS d, unrecognised AS q FROM mail_sync_state').get() as IntakeKillResult['state'],
  };
}
