// Mail benchmark against a real dovecot: messages per second from the mailbox to committed tasks, and the delay from APPEND
// to a task visible through the API while the job waits in IDLE. Run alone: `npx tsx bench/mail.ts`, or `npm run bench -- --only mail`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImapFlow } from 'imapflow';
import { createCore, type Core } from '../src-main/core';
import { systemClock } from '../src-main/api/context';
import { seedClients } from '../src-main/demo/scale';
import { newOwnerId } from '../src-main/features/mail/lease';
import { MailboxWorker } from '../src-main/jobs/imap.job';
import { startMailJobs } from '../src-main/jobs/runner';
import type { MethodInput, MethodName, MethodOutput } from '../src-shared/api';
import type { PushMessage } from '../src-shared/events';
import { buildMail, leadText, prng, pick } from '../test/mail/build';
import { startDovecot, type Dovecot } from '../test/mail/dovecot';
import { ms, summarise, table } from './stats';

export interface MailBenchOptions {
  /** Messages for the throughput run. */
  messages?: number;
  /** Messages appended one by one for the latency run. */
  latency?: number;
  /** Clients in the database the senders are matched against. */
  clients?: number;
  keep?: boolean;
}

const TARGET = { perSecond: 200, latencyP95: 2000 };

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

const KINDS = [
  { subject: 'Заявка с сайта КонсультантПлюс № {n}: прайс-лист', type: 'Прайс-лист' },
  { subject: 'Заявка с сайта КонсультантПлюс № {n}: установка демоверсии', type: 'Установка демоверсии' },
  { subject: 'Заявка с сайта КонсультантПлюс № {n}: пробный доступ на 3 дня', type: 'Пробный доступ' },
] as const;
const CITIES = ['Владивосток', 'Находка', 'Уссурийск', 'Артём', 'Хабаровск'];
const CHARSETS = ['utf-8', 'windows-1251', 'koi8-r'] as const;
const CTES = ['base64', 'quoted-printable', '8bit'] as const;

/** A lead or a question like the КЦ's, in a varied charset and transfer encoding; `n` is its request number. */
function message(n: number, rnd: () => number): Buffer {
  const charset = pick(rnd, CHARSETS);
  const cte = pick(rnd, CTES);
  if (rnd() < 0.2) {
    return buildMail({
      subject: 'Задать вопрос: вопрос пользователя системы КонсультантПлюс',
      text: `Система: SKJP_${String(100_000 + n).slice(-6)}\nФИО: Пользователь ${n}\nE-mail: user${n}@client.example\nТелефон: +7 (423) ${String(200 + (n % 700)).padStart(3, '0')}-${String(n % 100).padStart(2, '0')}-${String((n * 7) % 100).padStart(2, '0')}\nВопрос:\nКак применяется норма ${n}?\n`,
      charset,
      cte,
    });
  }
  const kind = pick(rnd, KINDS);
  const fields: [string, string][] = [
    ['Тип заявки', kind.type],
    ['Номер заявки', String(n)],
    ['ФИО', `Заявитель Номер ${n}`],
    ['Организация', `ООО «Бенч ${n}»`],
    ['Город', pick(rnd, CITIES)],
    ['E-mail', `lead${n}@bench.example`],
    ['Телефон', `8 914 ${String(n % 1000).padStart(3, '0')}-${String((n * 3) % 100).padStart(2, '0')}-${String((n * 11) % 100).padStart(2, '0')}`],
    ['Комментарий', 'Перезвоните, пожалуйста'],
  ];
  const spec = { typeText: kind.type, number: String(n), fields };
  return buildMail({ subject: kind.subject.replace('{n}', String(n)), text: leadText(spec), charset, cte });
}

async function setup(dir: string, clients: number, dovecot: Dovecot): Promise<{ core: Core; call: Call; user: string; password: string; mailboxId: number }> {
  const core = createCore({ dbPath: path.join(dir, 'bench.db'), log: (m, e) => console.error(m, e) });
  const raw = async (method: string, input: unknown, token: string | null) => {
    const r = await core.call(method, input, token);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.data;
  };
  const { token } = (await raw('auth.setup', { login: 'bench', fullName: 'Бенчмарк Администратор', password: 'bench-password' }, null)) as { token: string };
  const call: Call = (method, input) => raw(method, input, token) as never;
  if (clients > 0) seedClients(core.db, { clients });
  const refs = await call('refs.get', {});
  const dir2 = Object.fromEntries(refs.directions.map((d) => [d.code, d.id]));
  for (let i = 1; i <= 4; i++) await call('employees.save', { login: `sales${i}`, fullName: `Продажи Номер ${i}`, roles: ['sales'], directionIds: [dir2.sales!], password: 'password-123' });
  for (let i = 1; i <= 2; i++) await call('employees.save', { login: `hot${i}`, fullName: `Линия Номер ${i}`, roles: ['pm'], directionIds: [dir2.hotline!], password: 'password-123' });
  const { user, password } = dovecot.newUser();
  const { id: mailboxId } = await call('mail.mailboxes.save', { name: 'Бенчмарк', host: dovecot.host, port: dovecot.port, tls: false, user, password, enabled: false });
  return { core, call, user, password, mailboxId };
}

async function appendAll(c: ImapFlow, msgs: Buffer[]): Promise<void> {
  for (const m of msgs) await c.append('INBOX', m);
}

/** Everything already in the mailbox, fetched and committed by one `mail sync --once` run. */
async function throughput(core: Core, mailboxId: number, dovecot: Dovecot, user: string, password: string, n: number, rnd: () => number) {
  const c = await dovecot.client(user, password);
  const tAppend = performance.now();
  await appendAll(
    c,
    Array.from({ length: n }, (_, i) => message(1_000_000 + i, rnd)),
  );
  const appendMs = performance.now() - tAppend;
  await c.logout();
  const worker = new MailboxWorker(mailboxId, { db: core.db, clock: systemClock, publish: core.bus.publish, ownerId: newOwnerId(), batchSize: 200 });
  const t = performance.now();
  const r = await worker.runOnce();
  const took = performance.now() - t;
  const committed = r.counts.task + r.counts.queued + r.counts.duplicate_request + r.counts.duplicate_message;
  return { n, committed, tasks: r.counts.task, queued: r.counts.queued, took, appendMs, perSecond: committed / (took / 1000) };
}

/**
 * One message at a time, with pauses, while the job runs as in the app (IDLE, push events): the clock starts
 * before APPEND and stops when `tasks.get` through the dispatcher returns the task.
 */
async function latency(core: Core, call: Call, mailboxId: number, dovecot: Dovecot, user: string, password: string, n: number, rnd: () => number) {
  await call('mail.mailboxes.save', { ...(await call('mail.mailboxes.list', {}))[0]!, id: mailboxId, enabled: true });
  const jobs = startMailJobs(core, { log: () => undefined });
  const samples: number[] = [];
  const c = await dovecot.client(user, password);
  try {
    const connectBy = Date.now() + 15_000;
    while (!(await call('mail.health', {}))[0]?.connected) {
      if (Date.now() > connectBy) throw new Error('the mail job did not connect');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The first run takes what the throughput run left (nothing), then the job sits in IDLE.
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < n; i++) {
      const number = 2_000_000 + i;
      const seen = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`message ${number} did not become a task in 30 s`));
        }, 30_000);
        const off = core.bus.subscribe((m: PushMessage) => {
          if (m.event !== 'task.changed') return;
          const d = m.data as { taskId: number; created: boolean };
          if (!d.created) return;
          void call('tasks.get', { id: d.taskId }).then((t) => {
            if (t.requestNumber !== String(number) && !t.message?.subject?.includes(String(number)) && t.fields.fio !== `Пользователь ${number}`) return;
            clearTimeout(timer);
            off();
            resolve(performance.now());
          });
        });
      });
      const t0 = performance.now();
      await c.append('INBOX', message(number, rnd));
      samples.push((await seen) - t0);
      // Pauses of 50–400 ms: sometimes inside the job's 300 ms IDLE re-entry, mostly beyond it.
      await new Promise((r) => setTimeout(r, 50 + rnd() * 350));
    }
  } finally {
    await c.logout().catch(() => undefined);
    await jobs.stop();
  }
  return summarise(samples);
}

export async function runMailBench(opts: MailBenchOptions = {}): Promise<void> {
  const n = opts.messages ?? 2000;
  const k = opts.latency ?? 100;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-mail-'));
  process.stdout.write(`\nMail benchmark in ${dir}: dovecot on 127.0.0.1, ${n} messages, then ${k} one by one …\n`);
  const dovecot = await startDovecot();
  const { core, call, user, password, mailboxId } = await setup(dir, opts.clients ?? 20_000, dovecot);
  const rnd = prng(20261127);
  try {
    const tp = await throughput(core, mailboxId, dovecot, user, password, n, rnd);
    const lat = await latency(core, call, mailboxId, dovecot, user, password, k, rnd);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `\nMail: ${n.toLocaleString('en')} leads and questions (utf-8 / windows-1251 / koi8-r, base64 / QP / 8bit) against ${(opts.clients ?? 20_000).toLocaleString('en')} clients; node ${process.version}, ${os.cpus().length} CPU.\n`,
    );
    console.log(
      table(
        ['measure', 'n', 'p50', 'p95', 'result', 'target', ''],
        [
          [
            `throughput: mailbox → committed tasks (one sync run; ${tp.tasks} tasks, ${tp.queued} queued)`,
            String(tp.committed),
            '',
            '',
            `${tp.perSecond.toFixed(0)} msg/s (${(tp.took / 1000).toFixed(1)} s)`,
            `≥ ${TARGET.perSecond}/s`,
            verdict(tp.perSecond >= TARGET.perSecond && tp.committed === n),
          ],
          ['latency: APPEND → task visible through the API (IDLE)', String(lat.n), ms(lat.p50), ms(lat.p95), '', `p95 ≤ ${TARGET.latencyP95} ms`, verdict(lat.p95 <= TARGET.latencyP95)],
        ],
      ),
    );
    console.log(`\nAPPEND of the ${n} messages (not timed above) took ${(tp.appendMs / 1000).toFixed(1)} s.`);
  } finally {
    core.close();
    await dovecot.stop();
    if (opts.keep) console.log(`Database kept: ${path.join(dir, 'bench.db')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  await runMailBench({ messages: arg('messages'), latency: arg('latency'), clients: arg('clients'), keep: process.argv.includes('--keep') });
}
