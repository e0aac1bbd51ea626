// Mail benchmark against a real dovecot: time per message from the mailbox to committed tasks, and the delay from APPEND to a task
// visible through the API while the job waits in IDLE — each beside its floor (bare IMAP) and a straightforward intake written in
// bench/ (bench/mail-plain.ts). Run alone: `npx tsx bench/mail.ts`, or `npm run bench -- --only mail`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImapFlow } from 'imapflow';
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
import { compareTable, firstDifference, summarise, type CompareRow } from './stats';
import { PlainIntake, type PlainResult } from './mail-plain';

export interface MailBenchOptions {
  /** Messages for the throughput run. */
  messages?: number;
  /** Messages appended one by one for the latency run. */
  latency?: number;
  /** Clients in the database the senders are matched against. */
  clients?: number;
  keep?: boolean;
}

/** 200 messages a second is 5 ms each; a task within 2 s of the КЦ's mail reaching the mailbox. */
const TARGET = { msPerMessage: 5, latencyP95: 2000 };
const ROUND = 200;

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

const maxClientId = (core: Core) => (core.db.$client.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;

/** What the product made of the messages with these UIDs, in the shape the plain intake answers in. */
function productResults(core: Core, mailboxId: number, uids: number[], clientsBefore: number): (PlainResult & { uid: number })[] {
  const st = core.db.$client.prepare(
    `SELECT m.uid, m.kind, m.request_number AS number, m.fields, t.client_id AS clientId FROM mail_messages m
     LEFT JOIN tasks t ON t.message_id = m.id WHERE m.mailbox_id = ? AND m.uid = ?`,
  );
  return uids.map((uid) => {
    const r = st.get(mailboxId, uid) as { uid: number; kind: PlainResult['kind']; number: string | null; fields: string; clientId: number | null } | undefined;
    if (!r) return { uid, kind: null, number: null, fields: {}, client: 'new' };
    return { uid, kind: r.kind, number: r.number, fields: JSON.parse(r.fields) as Record<string, string>, client: r.clientId == null || r.clientId > clientsBefore ? 'new' : r.clientId };
  });
}

async function openInbox(dovecot: Dovecot, user: string, password: string): Promise<ImapFlow> {
  const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: password }, logger: false, autoIdleDelay: 300 } as ConstructorParameters<typeof ImapFlow>[0]);
  await c.connect();
  await c.mailboxOpen('INBOX', { readOnly: true });
  return c;
}

async function fetchSources(c: ImapFlow, uids: number[]): Promise<{ uid: number; source: Buffer }[]> {
  const out: { uid: number; source: Buffer }[] = [];
  for await (const m of c.fetch(uids, { uid: true, source: true }, { uid: true })) if (m.source) out.push({ uid: m.uid, source: m.source });
  return out.sort((a, b) => a.uid - b.uid);
}

/**
 * Rounds of new messages: each round is appended (untimed), then taken by the product (one `mail sync --once` run),
 * fetched bare by the floor, and taken by the plain intake, in turn; the first round only warms up. Time per message.
 */
async function throughput(core: Core, mailboxId: number, dovecot: Dovecot, user: string, password: string, n: number, rnd: () => number, plain: PlainIntake): Promise<CompareRow> {
  const rounds = Math.max(2, Math.round(n / ROUND));
  const product: number[] = [];
  const floor: number[] = [];
  const plainMs: number[] = [];
  let differ = 0;
  let note = '';
  let committed = 0;
  let next = 1_000_000;
  let lastUid = 0;
  const appender = await dovecot.client(user, password);
  try {
    for (let round = 0; round < rounds; round++) {
      await appendAll(appender, Array.from({ length: ROUND }, () => message(next++, rnd)));
      const uids = Array.from({ length: ROUND }, (_, i) => lastUid + 1 + i);
      lastUid += ROUND;
      const before = maxClientId(core);
      let plainOut: (PlainResult & { uid: number })[] = [];
      const runs = [
        async () => {
          const worker = new MailboxWorker(mailboxId, { db: core.db, pool: core.pool, clock: systemClock, publish: core.bus.publish, ownerId: newOwnerId(), batchSize: ROUND });
          const t = performance.now();
          const r = await worker.runOnce();
          const d = (performance.now() - t) / ROUND;
          if (round > 0) product.push(d);
          committed += r.counts.task + r.counts.queued + r.counts.duplicate_request + r.counts.duplicate_message;
        },
        async () => {
          const t = performance.now();
          const c = await openInbox(dovecot, user, password);
          await fetchSources(c, uids);
          await c.logout();
          if (round > 0) floor.push((performance.now() - t) / ROUND);
        },
        async () => {
          const t = performance.now();
          const c = await openInbox(dovecot, user, password);
          const got = await fetchSources(c, uids);
          await c.logout();
          plainOut = [];
          for (const m of got) {
            const r = await plain.take(m.uid, m.source, before);
            plainOut.push({ uid: m.uid, kind: r.kind, number: r.number, fields: r.fields, client: r.client });
          }
          if (round > 0) plainMs.push((performance.now() - t) / ROUND);
        },
      ];
      for (let k = 0; k < 3; k++) await runs[(round + k) % 3]!();
      const d = firstDifference(productResults(core, mailboxId, uids, before), plainOut);
      if (d) {
        differ++;
        note ||= d.slice(0, 160);
      }
    }
  } finally {
    await appender.logout().catch(() => undefined);
  }
  const t = summarise(product);
  const all = (rounds - 1) * ROUND;
  return {
    name: `intake: mailbox → committed tasks, ms per message (${rounds - 1} rounds of ${ROUND} new messages)`,
    product: t,
    floor: summarise(floor),
    plain: summarise(plainMs),
    target: `p95 ≤ ${TARGET.msPerMessage} ms (≥ ${1000 / TARGET.msPerMessage}/s)`,
    met: t.p95 <= TARGET.msPerMessage && differ === 0 && committed === rounds * ROUND,
    rows: differ ? `${differ}/${rounds} rounds differ: ${note}` : `same (${all.toLocaleString('en')} messages)`,
  };
}

/** One message at a time with pauses of 50–400 ms (sometimes inside the 300 ms IDLE re-entry, mostly beyond it). */
const pause = (rnd: () => number) => new Promise((r) => setTimeout(r, 50 + rnd() * 350));

/**
 * The delay from APPEND until: the task is visible through the API while the app's job IDLEs (product); a bare IDLE
 * client hears of the message (floor); a bare IDLE client has fetched, read and stored it (plain). Three phases, each
 * with its own new messages after a short warm-up of others.
 */
async function latency(core: Core, call: Call, mailboxId: number, dovecot: Dovecot, user: string, password: string, n: number, rnd: () => number, plain: PlainIntake): Promise<CompareRow> {
  const warm = 5;
  let number = 2_000_000;
  const appender = await dovecot.client(user, password);
  const raws = new Map<number, Buffer>();
  const product: number[] = [];
  const taskIds: number[] = [];
  // Product: the job as the app runs it (IDLE, push events), measured until tasks.get through the dispatcher returns the task.
  const clients = maxClientId(core);
  await call('mail.mailboxes.save', { ...(await call('mail.mailboxes.list', {}))[0]!, id: mailboxId, enabled: true });
  const jobs = startMailJobs(core, { log: () => undefined });
  try {
    const connectBy = Date.now() + 15_000;
    while (!(await call('mail.health', {}))[0]?.connected) {
      if (Date.now() > connectBy) throw new Error('the mail job did not connect');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < warm + n; i++) {
      const num = number++;
      const raw = message(num, rnd);
      const seen = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`message ${num} did not become a task in 30 s`));
        }, 30_000);
        const off = core.bus.subscribe((m: PushMessage) => {
          if (m.event !== 'task.changed' || !(m.data as { created: boolean }).created) return;
          const taskId = (m.data as { taskId: number }).taskId;
          void call('tasks.get', { id: taskId }).then((t) => {
            if (t.requestNumber !== String(num) && t.fields.fio !== `Пользователь ${num}`) return;
            clearTimeout(timer);
            off();
            if (i >= warm) taskIds.push(taskId);
            resolve(performance.now());
          });
        });
      });
      const t0 = performance.now();
      await appender.append('INBOX', raw);
      const at = await seen;
      if (i >= warm) {
        product.push(at - t0);
        raws.set(taskIds[taskIds.length - 1]!, raw);
      }
      await pause(rnd);
    }
  } finally {
    await jobs.stop();
  }
  // The same messages read by the plain intake: the product's tasks must say the same.
  let differ = 0;
  let note = '';
  for (const id of taskIds) {
    const t = await call('tasks.get', { id });
    const want = await plain.read(raws.get(id)!, clients);
    const have = { kind: t.kind, number: t.requestNumber, fields: t.fields, client: t.matchedBy === 'created' ? 'new' : (t.client?.id ?? 'new') };
    const d = firstDifference(have, { kind: want.kind, number: want.number, fields: want.fields, client: want.client });
    if (d) {
      differ++;
      note ||= d.slice(0, 160);
    }
  }

  // Floor and plain: a bare client in IDLE on the same mailbox (the app's job stopped).
  const bare = async (take: boolean): Promise<number[]> => {
    const c = await openInbox(dovecot, user, password);
    const samples: number[] = [];
    let last = (c.mailbox && typeof c.mailbox === 'object' ? Number(c.mailbox.uidNext) : 1) - 1;
    let waiting: ((at: number) => void) | null = null;
    c.on('exists', () => {
      void (async () => {
        const done = waiting;
        if (!done) return;
        waiting = null;
        if (take) {
          const uids = ((await c.search({ uid: `${last + 1}:*` }, { uid: true })) || []).filter((u) => u > last);
          for (const m of await fetchSources(c, uids)) {
            await plain.take(m.uid, m.source, maxClientId(core));
            last = Math.max(last, m.uid);
          }
        }
        done(performance.now());
      })();
    });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      for (let i = 0; i < warm + n; i++) {
        const heard = new Promise<number>((resolve) => (waiting = resolve));
        const t0 = performance.now();
        await appender.append('INBOX', message(number++, rnd));
        const at = await Promise.race([heard, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no EXISTS in 30 s')), 30_000))]);
        if (i >= warm) samples.push(at - t0);
        await pause(rnd);
      }
    } finally {
      await c.logout().catch(() => undefined);
    }
    return samples;
  };
  const floor = await bare(false);
  const plainMs = await bare(true);
  await appender.logout().catch(() => undefined);
  const t = summarise(product);
  return {
    name: 'latency: APPEND → task visible through the API (IDLE)',
    product: t,
    floor: summarise(floor),
    plain: summarise(plainMs),
    target: `p95 ≤ ${TARGET.latencyP95} ms`,
    met: t.p95 <= TARGET.latencyP95 && differ === 0,
    rows: differ ? `${differ}/${taskIds.length} differ: ${note}` : `same (${taskIds.length} tasks)`,
  };
}

export async function runMailBench(opts: MailBenchOptions = {}): Promise<void> {
  const n = opts.messages ?? 2000;
  const k = opts.latency ?? 100;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-mail-'));
  process.stdout.write(`\nMail benchmark in ${dir}: dovecot on 127.0.0.1, ${n} messages in rounds of ${ROUND}, then ${k} one by one (three times) …\n`);
  const dovecot = await startDovecot();
  const { core, call, user, password, mailboxId } = await setup(dir, opts.clients ?? 20_000, dovecot);
  const plain = new PlainIntake(core.db.$client, path.join(dir, 'plain.db'));
  const rnd = prng(20261127);
  try {
    const tp = await throughput(core, mailboxId, dovecot, user, password, n, rnd, plain);
    const lat = await latency(core, call, mailboxId, dovecot, user, password, k, rnd, plain);
    console.log(
      `\nMail: leads and questions (utf-8 / windows-1251 / koi8-r, base64 / QP / 8bit) against ${(opts.clients ?? 20_000).toLocaleString('en')} clients; node ${process.version}, ${os.cpus().length} CPU, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
    );
    console.log('Product = the app\'s IMAP job; floor = bare IMAP (FETCH of the sources; hearing EXISTS in IDLE); plain = bench/mail-plain.ts (mailparser, fixed labels, plain SQL).\n');
    console.log(compareTable([tp, lat]));
  } finally {
    plain.close();
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
