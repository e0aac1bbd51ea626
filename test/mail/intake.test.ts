// Intake without IMAP: messages become tasks with the right client, assignee, deadline, timeline event and notification; duplicates and bad mail.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { ingestMessage } from '../../src-main/features/mail/intake';
import type { PushMessage } from '../../src-shared/events';
import { buildMail, forwardAsAttachment, leadText, uniqueMessageId } from './build';
import { mailFixture, mailFixtures } from './fixtures';

const fixture = (name: string) => mailFixture(name).raw;

interface World {
  env: TestEnv;
  pushed: PushMessage[];
  dir: Record<string, number>;
  sales1: { id: number; token: string };
  sales2: { id: number; token: string };
  hot: { id: number; token: string };
  sio: { id: number; token: string };
  keyResp: { id: number; token: string };
  ingest(raw: Buffer): ReturnType<typeof ingestMessage>;
}

async function world(): Promise<World> {
  const env = await testEnv();
  const pushed: PushMessage[] = [];
  env.core.bus.subscribe((m) => pushed.push(m));
  const refs = await env.admin('refs.get', {});
  const dir = Object.fromEntries(refs.directions.map((d) => [d.code, d.id]));
  const add = async (login: string, roles: ('sales' | 'sio' | 'pm' | 'head')[], directionIds: number[]) => {
    const { id } = await env.admin('employees.save', { login, fullName: `Сотрудник ${login}`, roles, directionIds, password: 'password-123' });
    const { token } = await env.as('', 'auth.login', { login, password: 'password-123' });
    return { id, token };
  };
  const sales1 = await add('sales1', ['sales'], [dir.sales!]);
  const sales2 = await add('sales2', ['sales'], [dir.sales!]);
  const hot = await add('hot1', ['pm'], [dir.hotline!]);
  const sio = await add('sio1', ['sio'], [dir.service!]);
  const keyResp = await add('key1', ['head'], []);
  const ingest = (raw: Buffer) => ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: env.core.bus.publish }, raw, null, env.clock.now().toISOString());
  return { env, pushed, dir, sales1, sales2, hot, sio, keyResp, ingest };
}

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.env.close());

const count = (w: World, sql: string) => (w.env.core.db.$client.prepare(sql).get() as { n: number }).n;

describe('the fixtures become tasks', () => {
  it('gives every fixture, taken in order into an empty database, its outcome', async () => {
    const outcomes = [];
    for (const f of mailFixtures()) outcomes.push([f.file, (await w.ingest(f.raw)).outcome]);
    expect(outcomes).toEqual(mailFixtures().map((f) => [f.file, f.outcome]));
    const want = (o: string) => mailFixtures().filter((f) => f.outcome === o).length;
    expect(count(w, 'SELECT COUNT(*) AS n FROM tasks')).toBe(want('task'));
    expect(count(w, 'SELECT COUNT(*) AS n FROM mail_queue')).toBe(want('queued'));
    expect(count(w, 'SELECT COUNT(*) AS n FROM mail_messages')).toBe(mailFixtures().length);
  });

  it('matches, creates prospects, assigns by the rules and tells the assignee', async () => {
    const { env } = w;
    // An existing client with the price lead's e-mail and an СИО.
    const romashka = await env.admin('clients.create', { name: 'ООО «Приморский хлеб»', sioId: w.sio.id, emails: [{ email: 't.belova@primhleb.example' }] });
    // A key client owning the question's distribution.
    const vostok = await env.admin('clients.create', { name: 'ООО «Океан-Транс»', sioId: w.sio.id });
    await addSystems(env.admin, ['SKJP']);
    await env.admin('distributions.save', { clientId: vostok.id, systemCode: 'SKJP', distrNumber: 451, comp: 3 });
    await env.admin('clients.setKey', { id: vostok.id, isKey: true, responsibleId: w.keyResp.id });

    const outcomes = [];
    for (const f of ['01-lead-price-utf8-base64.eml', '02-lead-demo-cp1251-html.eml', '03-lead-trial-koi8r-qp.eml', '04-question-utf8.eml']) {
      outcomes.push((await w.ingest(fixture(f))).outcome);
    }
    expect(outcomes).toEqual(['task', 'task', 'task', 'task']);

    const { items } = await env.admin('tasks.list', {});
    const byKind = Object.fromEntries(items.map((t) => [t.kind, t]));
    expect(byKind.lead_price).toMatchObject({ client: { id: romashka.id }, assignee: { id: w.sio.id }, requestNumber: '512001', direction: { code: 'sales' } });
    expect(byKind.question).toMatchObject({ client: { id: vostok.id }, assignee: { id: w.keyResp.id }, direction: { code: 'hotline' } });
    // No client for the demo and trial leads: prospects are created and the sales direction takes turns.
    expect(byKind.lead_demo!.assignee!.id).toBe(w.sales1.id);
    expect(byKind.lead_trial!.assignee!.id).toBe(w.sales2.id);
    const demoCard = await env.admin('tasks.get', { id: byKind.lead_demo!.id });
    expect(demoCard).toMatchObject({ matchedBy: 'created', clientCreated: true, fields: { fio: 'Гончаренко Виктор Павлович', org: 'АО «Востокэнерго-Сервис»' } });
    expect(demoCard.message).toMatchObject({ subject: 'Заявка с сайта КонсультантПлюс № 512002: установка демоверсии', status: 'task' });
    expect(demoCard.message!.text).toContain('Номер заявки: 512002');
    expect(demoCard.message!.raw).toContain('Message-ID: <512002.1764.7702@kc.example>');
    const prospect = await env.admin('clients.get', { id: demoCard.client!.id });
    expect(prospect.client).toMatchObject({ name: 'АО «Востокэнерго-Сервис»', city: 'Находка', status: 'prospect' });
    expect(prospect.client.phones.map((p) => p.formatted)).toEqual(['+7 (914) 321-54-76']);
    expect(prospect.client.emails.map((e) => e.email)).toEqual(['gvp@vostok-energo.example']);
    expect(prospect.contacts.map((c) => c.fullName)).toEqual(['Гончаренко Виктор Павлович']);
    // The prospect is found by search like any client.
    const found = await env.admin('clients.search', { query: 'Востокэнерго' });
    expect(found.items.map((i) => i.id)).toContain(demoCard.client!.id);

    // Deadlines per kind in working time (Mon–Fri 09:00–18:00 Moscow by default): 2 h for a price lead, 8 h for a
    // question. They arrive on Friday at 12:00 Moscow time: the lead is due at 14:00, the question has 6 h on Friday
    // and 2 h on Monday, so it is due on Monday at 11:00 Moscow time.
    const created = Date.parse(byKind.lead_price!.createdAt);
    expect(created).toBe(Date.parse('2026-11-27T09:00:00Z'));
    expect(Date.parse(byKind.lead_price!.deadline) - created).toBe(120 * 60_000);
    expect(byKind.question!.deadline).toBe('2026-11-30T08:00:00.000Z');

    // Timeline, notification and push events.
    const events = await env.admin('events.list', { clientId: romashka.id });
    expect(events.find((e) => e.kind === 'task_created')?.data).toMatchObject({ kind: 'lead_price', requestNumber: '512001' });
    const notes = await env.as(w.sio.token, 'notifications.list', {});
    expect(notes.unread).toBe(1);
    expect(notes.items[0]).toMatchObject({ kind: 'task_assigned', taskId: byKind.lead_price!.id, read: false });
    await env.as(w.sio.token, 'notifications.markRead', {});
    expect((await env.as(w.sio.token, 'notifications.list', {})).unread).toBe(0);
    expect(w.pushed.filter((m) => m.event === 'task.changed')).toHaveLength(4);
    expect(w.pushed.filter((m) => m.event === 'notification.new').map((m) => (m.data as { employeeId: number }).employeeId).sort()).toEqual(
      [w.sio.id, w.sales1.id, w.sales2.id, w.keyResp.id].sort(),
    );
  });

  it('takes each message once: the same Message-ID, and the same request forwarded again', async () => {
    const raw = fixture('01-lead-price-utf8-base64.eml');
    expect((await w.ingest(raw)).outcome).toBe('task');
    expect((await w.ingest(raw)).outcome).toBe('duplicate_message');
    // Forwarded by the КЦ a second time: a new Message-ID, the same request number.
    const again = await w.ingest(forwardAsAttachment(raw, 'Fwd: повторно'));
    expect(again.outcome).toBe('duplicate_request');
    const resent = Buffer.from(raw.toString('latin1').replace(/Message-ID: <[^>]+>/, `Message-ID: ${uniqueMessageId('kc')}`), 'latin1');
    expect((await w.ingest(resent)).outcome).toBe('duplicate_request');
    // The КЦ's own repeat, shorter and under its own Message-ID.
    expect((await w.ingest(fixture('14-lead-price-repeat.eml'))).outcome).toBe('duplicate_request');
    expect(count(w, 'SELECT COUNT(*) AS n FROM tasks')).toBe(1);
    expect(count(w, 'SELECT COUNT(*) AS n FROM mail_messages')).toBe(4);
    const { items } = await w.env.admin('tasks.list', {});
    const card = await w.env.admin('tasks.get', { id: items[0]!.id });
    expect(card.repeats).toHaveLength(3);
  });
});

describe('matching', () => {
  const lead = (n: number, fields: [string, string][]) =>
    buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: String(n), fields: [['Тип заявки', 'Прайс-лист'], ...fields] }) });

  it('finds the client by ИНН, then by phone in any spelling, and prefers the СИО to the personal manager', async () => {
    const { env } = w;
    const byInn = await env.admin('clients.create', { name: 'ПАО Инн', inn: '7707083893', pmId: w.hot.id });
    const byPhone = await env.admin('clients.create', { name: 'ООО Телефон', phones: [{ raw: '+7 (423) 222-33-44' }], pmId: w.hot.id, sioId: w.sio.id });
    await w.ingest(lead(900001, [['ИНН', '7707083893'], ['E-mail', 'new@x.example']]));
    await w.ingest(lead(900002, [['Телефон', '8 423 2223344']]));
    const { items } = await env.admin('tasks.list', {});
    const byNumber = Object.fromEntries(items.map((t) => [t.requestNumber, t]));
    expect(byNumber['900001']).toMatchObject({ client: { id: byInn.id }, assignee: { id: w.hot.id } });
    expect(byNumber['900002']).toMatchObject({ client: { id: byPhone.id }, assignee: { id: w.sio.id } });
    const card = await env.admin('tasks.get', { id: byNumber['900002']!.id });
    expect(card.matchedBy).toBe('phone');
  });

  it('takes turns within the direction, skipping inactive employees, and leaves a task unassigned when nobody is there', async () => {
    const { env } = w;
    await env.admin('employees.save', { id: w.sales2.id, login: 'sales2', fullName: 'Сотрудник sales2', roles: ['sales'], directionIds: [w.dir.sales!], active: false });
    for (let i = 0; i < 3; i++) await w.ingest(lead(900100 + i, [['E-mail', `p${i}@x.example`]]));
    const { items } = await env.admin('tasks.list', { kind: 'lead_price' });
    expect(items.map((t) => t.assignee?.id)).toEqual([w.sales1.id, w.sales1.id, w.sales1.id]);
    await env.admin('employees.save', { id: w.sales1.id, login: 'sales1', fullName: 'Сотрудник sales1', roles: ['sales'], directionIds: [], active: true });
    await w.ingest(lead(900200, [['E-mail', 'z@x.example']]));
    const last = (await env.admin('tasks.list', { kind: 'lead_price' })).items.find((t) => t.requestNumber === '900200');
    expect(last).toMatchObject({ assignee: null });
  });
});

describe('the queue', () => {
  it('keeps unrecognised and broken mail, and a person makes a task from it or dismisses it', async () => {
    const { env } = w;
    await w.ingest(buildMail({ subject: 'Счёт на оплату', text: 'Добрый день, счёт во вложении.' }));
    await w.ingest(Buffer.from('Content-Type: multipart/mixed\r\nSubject: x\r\n\r\ngarbage'));
    const open = await env.as(w.sales1.token, 'mail.queue.list', {});
    expect(open.items.map((q) => q.reason).sort()).toEqual(['broken_mime', 'no_rule']);
    const item = open.items.find((q) => q.reason === 'no_rule')!;
    const full = await env.as(w.sales1.token, 'mail.queue.get', { id: item.id });
    expect(full.mail.text).toContain('счёт во вложении');

    const made = await env.as(w.sales1.token, 'mail.queue.makeTask', { id: item.id, kind: 'other', fields: { fio: 'Бухгалтер', email: 'buh@client.example' } });
    const card = await env.admin('tasks.get', { id: made.taskId });
    expect(card).toMatchObject({ kind: 'other', createdBy: { id: w.sales1.id }, fields: { fio: 'Бухгалтер', email: 'buh@client.example' }, message: { status: 'task' } });
    const again = await env.core.call('mail.queue.makeTask', { id: item.id, kind: 'other' }, w.sales1.token);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const broken = open.items.find((q) => q.reason === 'broken_mime')!;
    await env.as(w.sales1.token, 'mail.queue.dismiss', { id: broken.id });
    expect((await env.as(w.sales1.token, 'mail.queue.list', {})).total).toBe(0);
    expect((await env.as(w.sales1.token, 'mail.queue.list', { status: 'dismissed' })).items[0]).toMatchObject({ id: broken.id, resolvedBy: { id: w.sales1.id } });
  });

  it('sends a message whose task cannot be made to the queue with the error instead of stopping', async () => {
    // Writing the task fails after the prospect client was made in the same transaction.
    w.env.core.db.$client.exec("CREATE TRIGGER fail_tasks BEFORE INSERT ON tasks BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const text = 'Система: SKJP_000999\nФИО: Тест\nОрганизация: ООО Тест\nВопрос:\nКак дела?';
    const r = await w.ingest(buildMail({ subject: 'Задать вопрос: вопрос пользователя', text }));
    expect(r.outcome).toBe('queued');
    const q = await w.env.admin('mail.queue.list', {});
    expect(q.items[0]).toMatchObject({ reason: 'error' });
    expect(count(w, 'SELECT COUNT(*) AS n FROM tasks')).toBe(0);
    // Nothing half-done was left: no prospect client from the rolled-back attempt.
    expect(count(w, 'SELECT COUNT(*) AS n FROM clients')).toBe(0);
  });
});

describe('task life and access', () => {
  it('is seen by its direction, taken, completed with a result; others neither see nor touch it', async () => {
    const { env } = w;
    await w.ingest(fixture('02-lead-demo-cp1251-html.eml'));
    const [task] = (await env.as(w.sales2.token, 'tasks.list', {})).items;
    expect(task).toMatchObject({ status: 'new', assignee: { id: w.sales1.id } });
    expect((await env.as(w.hot.token, 'tasks.list', {})).total).toBe(0);
    expect(await env.core.call('tasks.get', { id: task!.id }, w.hot.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await env.core.call('tasks.take', { id: task!.id }, w.hot.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // A colleague of the direction takes it over.
    await env.as(w.sales2.token, 'tasks.take', { id: task!.id });
    expect(await env.as(w.sales2.token, 'tasks.get', { id: task!.id })).toMatchObject({ status: 'in_work', assignee: { id: w.sales2.id }, assignedBy: 'taken' });
    expect((await env.as(w.sales2.token, 'tasks.list', { mine: true })).total).toBe(1);
    expect((await env.as(w.sales1.token, 'tasks.list', { mine: true })).total).toBe(0);

    await env.as(w.sales2.token, 'tasks.complete', { id: task!.id, result: 'demo_installed', comment: 'Установили демо' });
    const done = await env.as(w.sales2.token, 'tasks.get', { id: task!.id });
    expect(done).toMatchObject({ status: 'done', result: 'demo_installed', comment: 'Установили демо' });
    expect(await env.core.call('tasks.decline', { id: task!.id, comment: 'поздно' }, w.sales2.token)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const events = await env.admin('events.list', { clientId: done.client!.id });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'task_created', 'task_taken', 'task_done']));
  });

  it('lists overdue tasks first and filters them', async () => {
    const { env } = w;
    await w.ingest(fixture('04-question-utf8.eml'));
    env.clock.set('2026-11-27T10:00:00Z');
    await w.ingest(fixture('01-lead-price-utf8-base64.eml'));
    // The question is due 8 h after 09:00, the price lead 2 h after 10:00: at 13:00 only the lead is overdue.
    env.clock.set('2026-11-27T13:00:00Z');
    const list = await env.admin('tasks.list', {});
    expect(list.items.map((t) => [t.kind, t.overdue])).toEqual([
      ['lead_price', true],
      ['question', false],
    ]);
    expect((await env.admin('tasks.list', { overdue: true })).items.map((t) => t.kind)).toEqual(['lead_price']);
    expect((await env.admin('tasks.list', { kind: 'question', status: 'new' })).total).toBe(1);
  });
});
