// The IMAP job against a real dovecot: the mail fixtures, duplicates, broken mail, \Seen untouched, IDLE within seconds, reconnection, UIDVALIDITY, one owner, poison messages.
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { startDovecot, type Dovecot } from './dovecot';
import { refusedPort } from '../helpers/net';
import { MailboxWorker } from '../../src-main/jobs/imap.job';
import { startMailJobs, type MailJobs } from '../../src-main/jobs/runner';
import { newOwnerId } from '../../src-main/features/mail/lease';
import { buildMail, forwardAsAttachment, leadText, uniqueMessageId } from './build';
import { WorkerPool } from '../../src-main/workers/pool';
import { mailFixtures } from './fixtures';

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 20_000);
afterAll(async () => {
  await dovecot?.stop();
});

let env: TestEnv;
let user: string;
let mailboxId: number;
let salesId: number;
let PASSWORD: string;

beforeEach(async () => {
  env = await testEnv();
  ({ user, password: PASSWORD } = dovecot.newUser());
  const refs = await env.admin('refs.get', {});
  const dir = Object.fromEntries(refs.directions.map((d) => [d.code, d.id]));
  salesId = (await env.admin('employees.save', { login: 'sales1', fullName: 'Продажник', roles: ['sales'], directionIds: [dir.sales!, dir.hotline!], password: 'password-123' })).id;
  mailboxId = (await env.admin('mail.mailboxes.save', { name: 'Заявки', host: dovecot.host, port: dovecot.port, tls: false, user, password: PASSWORD })).id;
});
afterEach(() => env?.close());

const worker = (owner = newOwnerId(), pool = env.core.pool) => new MailboxWorker(mailboxId, { db: env.core.db, pool, clock: env.clock, publish: env.core.bus.publish, ownerId: owner });
const append = (msgs: Buffer[]) => dovecot.append(user, PASSWORD, msgs);
const taskCount = () => (env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;
const lead = (n: number, email = `lead${n}@example.org`) =>
  buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: String(n), fields: [['Тип заявки', 'Прайс-лист'], ['E-mail', email]] }) });

async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('mail sync against dovecot', () => {
  it('turns every fixture into its task or queue entry, leaves \\Seen alone, and reports health', async () => {
    const fixtures = mailFixtures();
    const want = (o: string) => fixtures.filter((f) => f.outcome === o);
    await append(fixtures.map((f) => f.raw));
    const r = await worker().runOnce();
    expect(r.counts).toEqual({ task: want('task').length, duplicate_request: want('duplicate_request').length, queued: want('queued').length, duplicate_message: 0, stale: 0 });
    const { items } = await env.admin('tasks.list', {});
    expect(items.map((t) => t.requestNumber ?? t.kind).sort()).toEqual(want('task').map((f) => f.number ?? f.kind).sort());
    // Nobody else works in sales or the hotline: every task is this employee's.
    expect(items.every((t) => t.assignee?.id === salesId)).toBe(true);
    const queued = await env.admin('mail.queue.list', {});
    expect(queued.items.map((q) => q.reason).sort()).toEqual(want('queued').map((f) => f.reason).sort());

    const c = await dovecot.client(user, PASSWORD);
    await c.mailboxOpen('INBOX', { readOnly: true });
    let seen = 0;
    for await (const m of c.fetch('1:*', { uid: true, flags: true })) {
      seen++;
      expect([...(m.flags ?? [])]).not.toContain('\\Seen');
    }
    expect(seen).toBe(fixtures.length);
    await c.logout();

    const [h] = await env.admin('mail.health', {});
    expect(h).toMatchObject({ mailboxId, processed: fixtures.length, duplicates: want('duplicate_request').length, unrecognised: want('queued').length, pending: 0, connected: false, lastError: null });
    expect(h!.lastMessageAt).not.toBeNull();
    // A second run finds nothing new.
    expect((await worker().runOnce()).counts).toMatchObject({ task: 0, duplicate_message: 0, queued: 0 });
  });

  it('skips a repeated Message-ID and a repeated request number, and queues broken mail without stopping', async () => {
    const first = lead(700001);
    await append([
      first,
      first,
      forwardAsAttachment(first, 'Fwd: ещё раз'),
      Buffer.from(`Subject: broken\r\nMessage-ID: ${uniqueMessageId()}\r\nContent-Type: multipart/mixed\r\n\r\n\x00\x01garbage`, 'latin1'),
      lead(700002),
    ]);
    const r = await worker().runOnce();
    expect(r.counts).toMatchObject({ task: 2, duplicate_message: 1, duplicate_request: 1, queued: 1 });
    expect(taskCount()).toBe(2);
    const q = await env.admin('mail.queue.list', {});
    expect(q.items.map((i) => i.reason)).toEqual(['broken_mime']);
    const [h] = await env.admin('mail.health', {});
    expect(h).toMatchObject({ processed: 5, duplicates: 2, unrecognised: 1 });
  });

  it('lets one process read a mailbox at a time', async () => {
    await append([lead(700010)]);
    const a = worker();
    const b = worker();
    // A holds the lease while it runs; B, a live owner elsewhere, must wait.
    const running = a.runOnce();
    await until('a to take the lease', () => env.core.db.$client.prepare('SELECT 1 FROM mailbox_locks').get());
    expect((await b.runOnce()).busy).toBe(true);
    expect((await running).counts.task).toBe(1);
    expect((await b.runOnce()).busy).toBe(false);
    expect(taskCount()).toBe(1);
  });

  it('restarts from a new UIDVALIDITY without taking old mail twice', async () => {
    await append([lead(700020), lead(700021)]);
    await worker().runOnce();
    dovecot.doveadm(['mailbox', 'update', '-u', user, '--uid-validity', '4242', 'INBOX']);
    await append([lead(700022)]);
    const r = await worker().runOnce();
    expect(r.counts).toMatchObject({ task: 1, duplicate_message: 2 });
    expect(taskCount()).toBe(3);
    const st = env.core.db.$client.prepare('SELECT uid_validity AS v FROM mail_sync_state').get() as { v: number };
    expect(st.v).toBe(4242);
  });
});

describe('the running job', () => {
  let jobs: MailJobs | null = null;
  afterEach(async () => {
    await jobs?.stop();
    jobs = null;
  });
  // The heartbeat poll is set far beyond every wait below: mail that shows up in time came through IDLE.
  const start = () => (jobs = startMailJobs(env.core, { clock: env.clock, pollMs: 600_000, backoffMinMs: 200, backoffMaxMs: 1000, log: () => undefined }));
  const health = async () => (await env.admin('mail.health', {}))[0]!;

  it('makes a task within seconds of a message arriving while it IDLEs, visible through the API', async () => {
    await append([lead(700030)]);
    start();
    await until('the first task', () => taskCount() === 1);
    await until('connected', async () => (await health()).connected);
    // Let the connection settle into IDLE (autoIdleDelay) before the next message arrives.
    await new Promise((r) => setTimeout(r, 1000));
    await append([lead(700031)]);
    // How fast is for `npm run bench` (APPEND → task through the API); here: it arrives without a poll.
    await until('the IDLE task', async () => (await env.admin('tasks.list', {})).total === 2, 20_000);
    expect((await health()).lastError).toBeNull();
  });

  it('reconnects after the server drops the connection, and picks up the mailbox again after a settings change', async () => {
    start();
    await until('connected', async () => (await health()).connected);
    dovecot.doveadm(['kick', user]);
    await until('the drop to be seen', async () => (await health()).lastError !== null);
    await append([lead(700040)]);
    await until('the task after reconnecting', () => taskCount() === 1, 10_000);
    await until('connected again', async () => (await health()).connected);

    // A wrong port: the job reports the failure and keeps retrying; fixing the settings restarts the worker.
    const refused = await refusedPort();
    await env.admin('mail.mailboxes.save', { id: mailboxId, name: 'Заявки', host: dovecot.host, port: refused.port, tls: false, user, password: PASSWORD });
    await until('the connection failure', async () => {
      const h = await health();
      return !h.connected && /ECONNREFUSED/.test(h.lastError ?? '');
    });
    await append([lead(700041)]);
    await refused.close();
    await env.admin('mail.mailboxes.save', { id: mailboxId, name: 'Заявки', host: dovecot.host, port: dovecot.port, tls: false, user, password: PASSWORD });
    await until('the task after the fix', () => taskCount() === 2, 10_000);
  });
});

const count = (sql: string, ...args: unknown[]) => (env.core.db.$client.prepare(sql).get(...args) as { n: number }).n;
const poison = buildMail({ subject: 'Заявка № 777001: прайс-лист', html: `<p>ФИО: Отравитель</p>${'<script '.repeat(500_000)}`, messageId: '<poison@kc.example>' });

describe('a poison message', () => {
  /** A pool whose mail parser has 20 ms: no machine parses megabytes of markup in that, so this message always times out. */
  let strict: WorkerPool;
  beforeEach(() => {
    strict = new WorkerPool({ maxThreads: 1, limits: { 'mail.parse': { timeoutMs: 20 } } });
  });
  afterEach(() => strict?.close());

  it('is queued once with its reason, the cursor moves past it, and a restarted job does not fetch it again', async () => {
    await append([poison]);
    const first = await worker(undefined, strict).runOnce();
    expect(first.counts).toMatchObject({ task: 0, queued: 1 });
    const queued = env.core.db.$client
      .prepare('SELECT q.reason, m.parse_status AS status, m.size, m.error FROM mail_queue q JOIN mail_messages m ON m.id = q.message_id')
      .all() as { reason: string; status: string; size: number; error: string }[];
    expect(queued).toEqual([{ reason: 'parse_timeout', status: 'unrecognised', size: poison.length, error: expect.stringContaining('WORKER_TIMEOUT') }]);
    // Kept whole for a person to look at.
    expect(count('SELECT COUNT(*) AS n FROM mail_messages WHERE raw = ?', poison)).toBe(1);

    // The process is restarted (a new job, the normal pool) and a lead arrives: the lead becomes a task, the poison is not read again.
    await append([lead(777002)]);
    const second = await worker().runOnce();
    expect(second.counts).toMatchObject({ task: 1, queued: 0, duplicate_message: 0 });
    expect(count('SELECT COUNT(*) AS n FROM mail_messages')).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM mail_queue')).toBe(1);
    expect(count('SELECT last_uid AS n FROM mail_sync_state WHERE mailbox_id = ?', mailboxId)).toBe(2);

    // The same bytes delivered again are recognised as the same message, not queued a second time.
    await append([poison]);
    expect((await worker(undefined, strict).runOnce()).counts).toMatchObject({ duplicate_message: 1, queued: 0 });
    expect(count('SELECT COUNT(*) AS n FROM mail_queue')).toBe(1);

    const [item] = (await env.admin('mail.queue.list', { status: 'open' })).items;
    expect(item).toMatchObject({ reason: 'parse_timeout', message: { size: poison.length } });
  });

  it('over the size budget is queued without being parsed at all', async () => {
    const small = new WorkerPool({ maxThreads: 1, limits: { 'mail.parse': { maxInputBytes: 64 * 1024 } } });
    try {
      await append([poison, lead(777003)]);
      const r = await worker(undefined, small).runOnce();
      expect(r.counts).toMatchObject({ task: 1, queued: 1 });
      const reasons = env.core.db.$client.prepare('SELECT reason FROM mail_queue').all();
      expect(reasons).toEqual([{ reason: 'too_large' }]);
    } finally {
      await small.close();
    }
  });
});
