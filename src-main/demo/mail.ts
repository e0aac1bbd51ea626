// Demo mail from the КЦ: leads and questions fed through the IMAP job's intake (tasks by the real rules), then worked on by staff.
import { stmt } from '../db/stmt';
import { ingestMessage, type Outcome } from '../features/mail/intake';
import { formatDistr } from '../../src-shared/distr';
import type { ContactResult, RuleKind } from '../../src-shared/mail-types';
import type { DemoEnv } from './demo';
import { cityPhone, mobilePhone, organisation, person, personEmail, orgEmail } from './generator';
import { brokenMail, buildMail, type DemoMail } from './mail.gen';
import { DECLINE_COMMENTS, EXTRA_KIT_TEXT, LEAD_ACTIONS, LEAD_COMMENTS, LEAD_PAGES, QUESTIONS, RECONCILIATION_TEXT, RESULT_COMMENTS } from './mail.texts';

type From = 'new' | 'client' | 'sio' | 'key' | 'prospect';
type Fate = 'new' | 'in_work' | 'done' | 'declined';

interface Step {
  kind: RuleKind;
  from: From;
  fate: Fate;
  /** How long ago it arrived, in minutes. */
  age: number;
  result?: ContactResult;
}

const H = 60;
const D = 24 * H;

/**
 * The script of the demo inbox, oldest first: each kind, from unknown people (a prospect is created),
 * known clients (matched by distribution or e-mail, so the СИО or key responsible gets it) and prospects
 * (round robin in sales); old tasks are closed, recent ones are in work or new, a few new ones overdue.
 */
const SCRIPT: Step[] = [
  { kind: 'question', from: 'sio', fate: 'done', age: 6 * D + 2 * H, result: 'answered' },
  { kind: 'lead_price', from: 'new', fate: 'done', age: 6 * D, result: 'price_sent' },
  { kind: 'lead_demo', from: 'new', fate: 'done', age: 5 * D + 5 * H, result: 'demo_installed' },
  { kind: 'lead_trial', from: 'new', fate: 'declined', age: 5 * D + 3 * H, result: 'wrong_contact' },
  { kind: 'question', from: 'client', fate: 'done', age: 5 * D, result: 'answered' },
  { kind: 'lead_price', from: 'client', fate: 'done', age: 4 * D + 4 * H, result: 'sold' },
  { kind: 'lead_price', from: 'new', fate: 'done', age: 4 * D, result: 'price_sent' },
  { kind: 'question', from: 'sio', fate: 'done', age: 3 * D + 6 * H, result: 'answered' },
  { kind: 'lead_demo', from: 'prospect', fate: 'declined', age: 3 * D + 2 * H, result: 'refused' },
  { kind: 'lead_trial', from: 'new', fate: 'done', age: 3 * D, result: 'trial_given' },
  { kind: 'question', from: 'key', fate: 'done', age: 2 * D + 5 * H, result: 'answered' },
  { kind: 'lead_price', from: 'new', fate: 'in_work', age: 2 * D + 2 * H },
  { kind: 'lead_trial', from: 'client', fate: 'done', age: 2 * D, result: 'trial_given' },
  { kind: 'question', from: 'client', fate: 'in_work', age: D + 6 * H },
  { kind: 'lead_demo', from: 'new', fate: 'in_work', age: D + 4 * H },
  { kind: 'lead_price', from: 'prospect', fate: 'new', age: D + 3 * H },
  { kind: 'question', from: 'sio', fate: 'in_work', age: D + 2 * H },
  { kind: 'lead_trial', from: 'new', fate: 'declined', age: D, result: 'duplicate' },
  { kind: 'lead_price', from: 'new', fate: 'done', age: 20 * H, result: 'price_sent' },
  { kind: 'question', from: 'sio', fate: 'new', age: 10 * H },
  { kind: 'lead_demo', from: 'new', fate: 'new', age: 6 * H },
  { kind: 'lead_trial', from: 'prospect', fate: 'in_work', age: 5 * H },
  { kind: 'question', from: 'client', fate: 'new', age: 3 * H },
  { kind: 'lead_price', from: 'new', fate: 'new', age: 40 },
  { kind: 'question', from: 'sio', fate: 'new', age: 25 },
  { kind: 'lead_demo', from: 'new', fate: 'new', age: 15 },
];

interface Sender {
  fio: string;
  org: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  clientId: number | null;
  system: string | null;
}

const KC = { name: 'НПО ВМИ-КЦ', address: 'zayavki@kc.example' };
const KC_ASK = { name: 'Сервер КЦ', address: 'ask@kc.example' };
const SIGNATURE = 'НПО «ВМИ-КЦ», служба обработки заявок';

interface ClientRow {
  id: number;
  name: string;
  city: string | null;
}

/** Clients to write from, in a stable order, each used once. */
function clientPools(env: DemoEnv): Record<Exclude<From, 'new'>, ClientRow[]> {
  const sioId = env.actors.ids.get('sio')!;
  const q = (where: string, ...args: unknown[]) =>
    stmt(
      env.db,
      `SELECT c.id, c.name, c.city FROM clients c WHERE ${where}
         AND EXISTS (SELECT 1 FROM distributions d WHERE d.client_id = c.id) AND EXISTS (SELECT 1 FROM emails e WHERE e.client_id = c.id) ORDER BY c.id`,
    ).all(...args) as ClientRow[];
  return {
    sio: q("c.status = 'active' AND c.is_key = 0 AND c.sio_id = ?", sioId),
    client: q("c.status = 'active' AND c.is_key = 0 AND c.sio_id <> ?", sioId),
    key: q("c.status = 'active' AND c.is_key = 1 AND c.key_responsible_id IS NOT NULL"),
    prospect: stmt(env.db, "SELECT c.id, c.name, c.city FROM clients c WHERE c.status = 'prospect' AND EXISTS (SELECT 1 FROM emails e WHERE e.client_id = c.id) ORDER BY c.id").all() as ClientRow[],
  };
}

/** Someone at a known client: a contact person with their own e-mail when there is one, else the client's mailbox. */
function knownSender(env: DemoEnv, c: ClientRow): Sender {
  const contact = stmt(
    env.db,
    `SELECT ct.full_name AS fio, e.email, p.raw AS phone FROM contacts ct LEFT JOIN emails e ON e.contact_id = ct.id
       LEFT JOIN phones p ON p.contact_id = ct.id WHERE ct.client_id = ? ORDER BY e.email IS NULL, ct.id LIMIT 1`,
  ).get(c.id) as { fio: string; email: string | null; phone: string | null } | undefined;
  const email = contact?.email ?? (stmt(env.db, 'SELECT email FROM emails WHERE client_id = ? ORDER BY id LIMIT 1').get(c.id) as { email: string }).email;
  const phone = contact?.phone ?? (stmt(env.db, 'SELECT raw FROM phones WHERE client_id = ? ORDER BY id LIMIT 1').get(c.id) as { raw: string } | undefined)?.raw ?? null;
  const d = stmt(env.db, 'SELECT system_code AS s, distr_number AS n, comp FROM distributions WHERE client_id = ? ORDER BY id LIMIT 1').get(c.id) as {
    s: string;
    n: number;
    comp: number;
  };
  return {
    fio: contact?.fio ?? c.name,
    org: c.name,
    city: c.city,
    email,
    phone: phone?.replace(/,.*$/, '') ?? null,
    clientId: c.id,
    system: d ? formatDistr({ system: d.s, number: d.n, comp: d.comp }) : null,
  };
}

function newSender(env: DemoEnv, serial: number): Sender {
  const { rng } = env;
  const org = organisation(rng, serial);
  const p = org.kind === 'ip' ? org.director : person(rng);
  const email = rng.chance(0.85) ? (rng.chance(0.5) ? personEmail(rng, p, org.domain) : orgEmail(rng, org)) : null;
  const phone = !email || rng.chance(0.8) ? (rng.chance(0.6) ? mobilePhone(rng, rng.int(0, 4)).raw : cityPhone(rng, org.city, rng.int(0, 4)).raw) : null;
  return { fio: rng.chance(0.8) ? p.full : `${p.last} ${p.first}`, org: rng.chance(0.9) ? org.name : null, city: org.city.name, email, phone, clientId: null, system: null };
}

/** «26.11.2026 09:41» in Moscow time, as the КЦ writes request dates. */
function kcDate(at: Date): string {
  const m = new Date(at.getTime() + 3 * 3_600_000).toISOString();
  return `${m.slice(8, 10)}.${m.slice(5, 7)}.${m.slice(0, 4)} ${m.slice(11, 16)}`;
}

const SUBJECTS: Record<Exclude<RuleKind, 'question'>, (n: number) => string> = {
  lead_price: (n) => `Заявка с сайта КонсультантПлюс № ${n}: прайс-лист`,
  lead_demo: (n) => `Заявка с сайта КонсультантПлюс № ${n}: установка демоверсии`,
  lead_trial: (n) => `Заявка N ${n} с сайта КонсультантПлюс: пробный доступ (3 дня)`,
};
const TYPES = { lead_price: 'Прайс-лист', lead_demo: 'Установка демоверсии', lead_trial: 'Пробный доступ на 3 дня' };

function leadMail(env: DemoEnv, kind: Exclude<RuleKind, 'question'>, number: number, s: Sender, at: Date, messageId: string): DemoMail {
  const { rng } = env;
  const layout = rng.weighted([['plain-base64', 5], ['html-1251', 3], ['koi8-qp', 2]] as const);
  const koi = layout === 'koi8-qp';
  const f: [string, string][] = [
    ['Тип заявки', TYPES[kind]],
    ['Номер заявки', String(number)],
    ['Дата заявки', kcDate(at)],
    ['ФИО', s.fio],
  ];
  if (s.org) f.push(['Организация', s.org]);
  if (s.city) f.push(['Город', s.city]);
  if (s.email) f.push([koi ? 'Эл. почта' : 'E-mail', s.email]);
  if (s.phone) f.push([koi ? 'Тел.' : 'Телефон', s.phone]);
  if (rng.chance(0.5)) f.push(['Комментарий', rng.pick(LEAD_COMMENTS)]);
  if (rng.chance(0.4)) f.push(['Действия', rng.pick(LEAD_ACTIONS)]);
  if (rng.chance(0.7)) f.push(['Страница', rng.pick(LEAD_PAGES[kind])]);
  return { subject: SUBJECTS[kind](number), intro: 'Поступила заявка с сайта КонсультантПлюс.', fields: f, signature: SIGNATURE, from: KC, messageId, sentAt: at, layout };
}

function questionMail(env: DemoEnv, s: Sender, at: Date, messageId: string, text: string): DemoMail {
  const f: [string, string][] = [['Система', s.system!], ['ФИО', s.fio]];
  if (s.email) f.push(['E-mail', s.email]);
  if (s.phone) f.push(['Телефон', s.phone]);
  f.push(['Вопрос', text.includes('\n') ? text : `${text}\n`]);
  return {
    subject: `Задать вопрос: вопрос пользователя ${s.system}`,
    intro: 'Вопрос из сервиса «Задать вопрос».',
    fields: f,
    signature: null,
    from: KC_ASK,
    messageId,
    sentAt: at,
    layout: env.rng.chance(0.8) ? 'plain-base64' : 'html-1251',
  };
}

export interface MailSummary {
  tasks: number[];
  queued: number[];
}

/** Feeds one message through the job's intake at its arrival time; anything but the expected outcome fails the demo. */
async function ingest(env: DemoEnv, raw: Buffer, at: Date, expect: Outcome): Promise<{ taskId: number | null; messageRowId: number | null }> {
  env.clock.current = new Date(at.getTime() + 20_000);
  const r = await ingestMessage({ db: env.db, clock: env.clock, publish: () => undefined, pool: env.pool }, raw, null, new Date(at.getTime() + 20_000).toISOString());
  if (r.outcome !== expect) throw new Error(`demo mail: expected ${expect}, got ${r.outcome} (${raw.toString('latin1').slice(0, 400)})`);
  return r;
}

const iso = (ms: number) => new Date(ms).toISOString();
const loginOf = (env: DemoEnv, id: number | null) => [...env.actors.ids].find(([, v]) => v === id)?.[0] ?? 'head';

/** What the assignee did with a task: took it, closed it with a result and a comment, or declined it. */
async function work(env: DemoEnv, taskId: number, step: Pick<Step, 'fate' | 'result'>, arrived: number, nowMs: number): Promise<void> {
  if (step.fate === 'new') return;
  const { rng, call } = env;
  const t = stmt(env.db, 'SELECT assignee_id AS a FROM tasks WHERE id = ?').get(taskId) as { a: number | null };
  const who = loginOf(env, t.a);
  const latest = nowMs - 5 * 60_000;
  const takenAt = Math.min(arrived + rng.int(8, 95) * 60_000, latest);
  const readIds = (stmt(env.db, 'SELECT id FROM notifications WHERE task_id = ? AND employee_id = ?').all(taskId, t.a ?? 0) as { id: number }[]).map((r) => r.id);
  if (readIds.length > 0 && t.a != null) await call(who, 'notifications.markRead', { ids: readIds }, iso(takenAt - 60_000));
  if (step.fate === 'declined') {
    const result = step.result ?? 'refused';
    await call(who, 'tasks.decline', { id: taskId, result, comment: DECLINE_COMMENTS[result] ?? 'Отказ' }, iso(takenAt));
    return;
  }
  await call(who, 'tasks.take', { id: taskId }, iso(takenAt));
  if (step.fate === 'in_work') return;
  // Most requests are closed within the deadline; a few drag on past it.
  const doneAt = Math.min(takenAt + (rng.chance(0.8) ? rng.int(15, 100) : rng.int(180, 20 * 60)) * 60_000, latest);
  const result = step.result ?? 'answered';
  const comments = RESULT_COMMENTS[result] ?? [];
  await call(who, 'tasks.complete', { id: taskId, result, comment: comments.length > 0 ? rng.pick(comments) : null }, iso(Math.max(doneAt, takenAt + 60_000)));
}

/**
 * Loads the inbox: the scripted leads and questions (plus one request the КЦ forwarded twice) become
 * tasks; a broken message, a letter no rule knows and a lead without contacts stay in the queue; one
 * more letter from a client is turned into a task by hand from the queue.
 */
export async function loadMail(env: DemoEnv): Promise<MailSummary> {
  const { rng } = env;
  const nowMs = Date.parse(env.nowIso);
  const pools = clientPools(env);
  const used = new Map<From, number>();
  const nextClient = (from: Exclude<From, 'new'>) => {
    const list = pools[from];
    const i = used.get(from) ?? 0;
    used.set(from, i + 1);
    // Spread over the list so that the clients differ in city, size and СИО.
    const c = list[(i * 7 + 3) % list.length];
    if (!c) throw new Error(`demo mail: no ${from} client`);
    return c;
  };
  let requestNo = 734_100 + rng.int(0, 400);
  let serial = 300_000;
  let questionNo = 0;
  const summary: MailSummary = { tasks: [], queued: [] };
  const mid = (n: number) => `<${(1_795_000_000_000 + n * 7919).toString()}.${13_444 + n}.demo@kc.example>`;
  let n = 0;

  for (const step of SCRIPT) {
    const at = nowMs - step.age * 60_000 - rng.int(0, 40) * 1000;
    const sender = step.from === 'new' ? newSender(env, serial++) : knownSender(env, nextClient(step.from));
    const mail =
      step.kind === 'question'
        ? questionMail(env, sender, new Date(at), mid(++n), QUESTIONS[questionNo++ % QUESTIONS.length]!)
        : leadMail(env, step.kind, (requestNo += rng.int(3, 40)), sender, new Date(at), mid(++n));
    const { taskId } = await ingest(env, buildMail(mail), new Date(at), 'task');
    summary.tasks.push(taskId!);
    // The КЦ sometimes forwards a request twice: the repeat is kept with the task, not made a new one.
    if (step.age === 20 * H) await ingest(env, buildMail({ ...mail, messageId: mid(++n), sentAt: new Date(at + 12 * 60_000) }), new Date(at + 12 * 60_000), 'duplicate_request');
    await work(env, taskId!, step, at, nowMs);
  }

  // The queue: a message cut short (broken MIME), a letter from a client no rule knows, a lead without any contact.
  const brokenAt = nowMs - 2 * D * 60_000 - 3 * H * 60_000;
  summary.queued.push((await ingest(env, brokenMail(SUBJECTS.lead_price((requestNo += 7)), KC, mid(++n), new Date(brokenAt)), new Date(brokenAt), 'queued')).messageRowId!);
  const acc = knownSender(env, nextClient('client'));
  const letter = (subject: string, text: string, s: Sender, at: number): Buffer =>
    buildMail({ subject, intro: text, fields: [], signature: s.fio, from: { name: s.fio, address: s.email! }, messageId: mid(++n), sentAt: new Date(at), layout: 'plain-base64' });
  const reconAt = nowMs - D * 60_000 - 90 * 60_000;
  summary.queued.push((await ingest(env, letter('Акт сверки за 3 квартал', RECONCILIATION_TEXT, acc, reconAt), new Date(reconAt), 'queued')).messageRowId!);
  const anonAt = nowMs - 7 * H * 60_000;
  const anon = newSender(env, serial++);
  const anonMail = leadMail(env, 'lead_trial', (requestNo += 11), { ...anon, email: null, phone: null }, new Date(anonAt), mid(++n));
  summary.queued.push((await ingest(env, buildMail(anonMail), new Date(anonAt), 'queued')).messageRowId!);

  // A client asks for an invoice in a plain letter: the head of sales makes a task of it from the queue.
  const buyer = knownSender(env, nextClient('client'));
  const askAt = nowMs - 3 * D * 60_000 - 4 * H * 60_000;
  const asked = await ingest(env, letter('Счёт на второй комплект', EXTRA_KIT_TEXT, buyer, askAt), new Date(askAt), 'queued');
  const queueId = (stmt(env.db, 'SELECT id FROM mail_queue WHERE message_id = ?').get(asked.messageRowId) as { id: number }).id;
  const made = await env.call('head', 'mail.queue.makeTask', { id: queueId, kind: 'other', clientId: buyer.clientId, fields: { fio: buyer.fio, comment: 'Выставить счёт на второй комплект (2 рабочих места)' } }, iso(askAt + 50 * 60_000));
  summary.tasks.push(made.taskId);
  await work(env, made.taskId, { fate: 'in_work' }, askAt + 50 * 60_000, nowMs);
  env.clock.current = new Date(nowMs);
  return summary;
}
