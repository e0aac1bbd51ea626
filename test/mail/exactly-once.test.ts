// Exactly once: `mail sync` is killed at random moments while 500 messages arrive, then restarted; every message yields one result.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { dovecotUnavailable, startDovecot, type Dovecot } from './dovecot';
import { buildMail, leadText, prng, uniqueMessageId } from './build';

const skip = dovecotUnavailable();
if (skip) console.warn(skip);

const TOTAL = 500;
const UNRECOGNISED_EVERY = 25;
const CLI = path.resolve(__dirname, '../../src-main/cli/main.ts');

let dovecot: Dovecot;
let env: TestEnv;
let dbPath: string;
beforeAll(async () => {
  if (skip) return;
  dovecot = await startDovecot();
  dbPath = tempDbPath('crm-once-');
  env = await testEnv({ dbPath });
}, 30_000);
afterAll(async () => {
  env?.close();
  await dovecot?.stop();
});

function message(i: number): Buffer {
  if (i % UNRECOGNISED_EVERY === 0) return buildMail({ subject: `Рассылка №${i}`, text: `Новости ${i}`, messageId: uniqueMessageId('news') });
  const n = String(600_000 + i);
  const fields: [string, string][] = [['Тип заявки', 'Прайс-лист'], ['Номер заявки', n], ['ФИО', `Клиент ${i}`], ['E-mail', `c${i}@example.org`]];
  return buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: n, fields }), messageId: uniqueMessageId('kc') });
}

function spawnSync(args: string[]): { proc: ChildProcess; ready: Promise<void>; exited: Promise<number | null>; output: () => string } {
  // Node itself with tsx's loader: one process to kill (the tsx launcher would leave its child running).
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'mail', 'sync', '--db', dbPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('mail sync:') || out.includes('Mailbox ')) markReady();
  });
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  void exited.then(() => markReady());
  return { proc, ready, exited, output: () => out };
}

const count = (sql: string) => (env.core.db.$client.prepare(sql).get() as { n: number }).n;

it.skipIf(skip)(
  'takes 500 messages exactly once although the reader is killed again and again',
  async () => {
    const { user, password } = dovecot.newUser();
    await env.admin('mail.mailboxes.save', { name: 'Заявки', host: dovecot.host, port: dovecot.port, tls: false, user, password });

    // The КЦ sends in bursts while the reader is being killed.
    const rnd = prng(2026);
    let appended = 0;
    const appending = (async () => {
      const c = await dovecot.client(user, password);
      try {
        while (appended < TOTAL) {
          const burst = Math.min(TOTAL - appended, 5 + Math.floor(rnd() * 30));
          for (let k = 0; k < burst; k++) await c.append('INBOX', message(++appended));
          await new Promise((r) => setTimeout(r, 150 + rnd() * 400));
        }
      } finally {
        await c.logout().catch(() => undefined);
      }
    })();

    const kills: { at: number; before: number; after: number }[] = [];
    let done = false;
    void appending.finally(() => (done = true));
    while (!done || kills.length < 3) {
      const child = spawnSync([]);
      await child.ready;
      const before = count('SELECT COUNT(*) AS n FROM mail_messages');
      await new Promise((r) => setTimeout(r, 50 + rnd() * 900));
      child.proc.kill('SIGKILL');
      await child.exited;
      kills.push({ at: appended, before, after: count('SELECT COUNT(*) AS n FROM mail_messages') });
    }
    await appending;

    // Restarted once more to the end.
    const last = spawnSync(['--once']);
    expect(await last.exited, last.output()).toBe(0);

    const leads = TOTAL - Math.floor(TOTAL / UNRECOGNISED_EVERY);
    expect(count('SELECT COUNT(*) AS n FROM mail_messages')).toBe(TOTAL);
    expect(count('SELECT COUNT(DISTINCT message_id) AS n FROM mail_messages')).toBe(TOTAL);
    expect(count('SELECT COUNT(*) AS n FROM tasks')).toBe(leads);
    expect(count('SELECT COUNT(DISTINCT request_number) AS n FROM tasks')).toBe(leads);
    expect(count(`SELECT COUNT(*) AS n FROM tasks WHERE CAST(request_number AS INTEGER) - 600000 NOT BETWEEN 1 AND ${TOTAL}`)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM mail_queue')).toBe(TOTAL - leads);
    // Every message has exactly one result: a task or a queue entry.
    expect(count('SELECT COUNT(*) AS n FROM mail_messages m WHERE (SELECT COUNT(*) FROM tasks t WHERE t.message_id = m.id) + (SELECT COUNT(*) FROM mail_queue q WHERE q.message_id = m.id) <> 1')).toBe(0);
    // The counters moved in the same transactions as the results.
    const st = env.core.db.$client.prepare('SELECT last_uid AS u, processed AS p, duplicates AS d, unrecognised AS q FROM mail_sync_state').get() as Record<string, number>;
    expect(st).toEqual({ u: TOTAL, p: TOTAL, d: 0, q: TOTAL - leads });
    // The kills really interrupted work in progress, not only idle readers.
    const midWork = kills.filter((k) => k.after > k.before);
    expect(kills.length).toBeGreaterThanOrEqual(3);
    expect(midWork.length, JSON.stringify(kills)).toBeGreaterThanOrEqual(1);
    console.log(`exactly-once: ${kills.length} kills, ${midWork.length} while processing`);
  },
  90_000,
);
