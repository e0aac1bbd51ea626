// A poison message (one whose parse never finishes within budget) is queued once with its reason; intake moves on and a restart never fetches it again.
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { dovecotUnavailable, startDovecot, type Dovecot } from './dovecot';
import { MailboxWorker } from '../../src-main/jobs/imap.job';
import { newOwnerId } from '../../src-main/features/mail/lease';
import { WorkerPool } from '../../src-main/workers/pool';
import { buildMail, leadText } from './build';

const skip = dovecotUnavailable();
if (skip) console.warn(skip);

let dovecot: Dovecot;
beforeAll(async () => {
  if (!skip) dovecot = await startDovecot();
}, 20_000);
afterAll(async () => {
  await dovecot?.stop();
});

let env: TestEnv;
let user: string;
let password: string;
let mailboxId: number;
/** A pool whose mail parser has 20 ms: no machine parses megabytes of markup in that, so this message always times out. */
let strict: WorkerPool;

beforeEach(async () => {
  if (skip) return;
  env = await testEnv();
  strict = new WorkerPool({ maxThreads: 1, limits: { 'mail.parse': { timeoutMs: 20 } } });
  ({ user, password } = dovecot.newUser());
  mailboxId = (await env.admin('mail.mailboxes.save', { name: 'Заявки', host: dovecot.host, port: dovecot.port, tls: false, user, password })).id;
});
afterEach(async () => {
  await strict?.close();
  await env?.close();
});

const job = (pool: WorkerPool) => new MailboxWorker(mailboxId, { db: env.core.db, pool, clock: env.clock, publish: env.core.bus.publish, ownerId: newOwnerId() });
const count = (sql: string, ...args: unknown[]) => (env.core.db.$client.prepare(sql).get(...args) as { n: number }).n;
const poison = buildMail({ subject: 'Заявка № 777001: прайс-лист', html: `<p>ФИО: Отравитель</p>${'<script '.repeat(500_000)}`, messageId: '<poison@kc.example>' });
const lead = (n: number) => buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: String(n), fields: [['Тип заявки', 'Прайс-лист'], ['E-mail', `lead${n}@example.org`]] }) });

describe.skipIf(skip)('a poison message', () => {
  it('is queued once with its reason, the cursor moves past it, and a restarted job does not fetch it again', async () => {
    await dovecot.append(user, password, [poison]);
    const first = await job(strict).runOnce();
    expect(first.counts).toMatchObject({ task: 0, queued: 1 });
    const queued = env.core.db.$client
      .prepare('SELECT q.reason, m.parse_status AS status, m.size, m.error FROM mail_queue q JOIN mail_messages m ON m.id = q.message_id')
      .all() as { reason: string; status: string; size: number; error: string }[];
    expect(queued).toEqual([{ reason: 'parse_timeout', status: 'unrecognised', size: poison.length, error: expect.stringContaining('WORKER_TIMEOUT') }]);
    // Kept whole for a person to look at.
    expect(count('SELECT COUNT(*) AS n FROM mail_messages WHERE raw = ?', poison)).toBe(1);

    // The process is restarted (a new job, the normal pool) and a lead arrives: the lead becomes a task, the poison is not read again.
    await dovecot.append(user, password, [lead(777002)]);
    const second = await job(env.core.pool).runOnce();
    expect(second.counts).toMatchObject({ task: 1, queued: 0, duplicate_message: 0 });
    expect(count('SELECT COUNT(*) AS n FROM mail_messages')).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM mail_queue')).toBe(1);
    expect(count('SELECT last_uid AS n FROM mail_sync_state WHERE mailbox_id = ?', mailboxId)).toBe(2);

    // The same bytes delivered again are recognised as the same message, not queued a second time.
    await dovecot.append(user, password, [poison]);
    expect((await job(strict).runOnce()).counts).toMatchObject({ duplicate_message: 1, queued: 0 });
    expect(count('SELECT COUNT(*) AS n FROM mail_queue')).toBe(1);

    const [item] = (await env.admin('mail.queue.list', { status: 'open' })).items;
    expect(item).toMatchObject({ reason: 'parse_timeout', message: { size: poison.length } });
  });

  it('over the size budget is queued without being parsed at all', async () => {
    const small = new WorkerPool({ maxThreads: 1, limits: { 'mail.parse': { maxInputBytes: 64 * 1024 } } });
    try {
      await dovecot.append(user, password, [poison, lead(777003)]);
      const r = await job(small).runOnce();
      expect(r.counts).toMatchObject({ task: 1, queued: 1 });
      const reasons = env.core.db.$client.prepare('SELECT reason FROM mail_queue').all();
      expect(reasons).toEqual([{ reason: 'too_large' }]);
    } finally {
      await small.close();
    }
  });
});
