// The chat operator window's one call (`chat.lookup`) over a real SQLite file: every input kind, the short list, task
// visibility, chat state from its history; and what the chat role may do from the window (task, event, contact) but not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedDocClient } from '../documents/fixtures';
import { importUsr, usrFixture } from '../usr/helpers';

let env: TestEnv;
afterEach(() => env.close());

interface World {
  clientId: number;
  contactId: number;
  otherContactId: number;
  sio: { id: number; token: string };
  pm: { id: number; token: string };
  chat: { id: number; token: string };
  head: { id: number; token: string };
  distIds: number[];
}

let w: World;

beforeEach(async () => {
  env = await testEnv();
  const refs = await env.admin('refs.get', {});
  const dir = Object.fromEntries(refs.directions.map((d) => [d.code, d.id]));
  const add = async (login: string, roles: ('sio' | 'pm' | 'chat' | 'head')[], directionIds: number[] = []) => {
    const { id } = await env.admin('employees.save', { login, fullName: `Сотрудник ${login}`, roles, directionIds, password: 'password-123' });
    const { token } = await env.as('', 'auth.login', { login, password: 'password-123' });
    return { id, token };
  };
  const sio = await add('sio1', ['sio'], [dir.service!]);
  const pm = await add('pm1', ['pm'], [dir.hotline!]);
  const chat = await add('chat1', ['chat']);
  const head = await add('head1', ['head']);
  const { clientId, distIds } = await seedDocClient(env, { sioId: sio.id });
  const card = await env.admin('clients.get', { id: clientId });
  await env.admin('clients.update', { id: clientId, version: card.client.version, pmId: pm.id, phones: [{ raw: '+7 (423) 222-33-44' }] });
  const chars = env.core.db.$client.prepare('SELECT id FROM characteristics ORDER BY id LIMIT 1').get() as { id: number };
  const { id: contactId } = await env.admin('contacts.save', {
    clientId,
    fullName: 'Семёнова Ирина Петровна',
    position: 'Главный бухгалтер',
    roles: ['chief_accountant'],
    phones: [{ raw: '8 914 700-11-22' }],
    emails: [{ email: 'Irina@Romashka.example' }],
    characteristics: [{ characteristicId: chars.id, comment: 'Звонить после обеда' }],
  });
  const { id: otherContactId } = await env.admin('contacts.save', { clientId, fullName: 'Петров Олег', emails: [{ email: 'oleg@romashka.example' }] });
  w = { clientId, contactId, otherContactId, sio, pm, chat, head, distIds };
});

const lookup = (token: string, input: { q?: string; clientId?: number; contactId?: number }) => env.as(token, 'chat.lookup', input);

describe('chat.lookup', () => {
  it('finds the client and the person from each kind of input', async () => {
    const cases: [string, string, number | null][] = [
      ['1_000123_02', 'distr', null],
      ['1 123-2', 'distr', null],
      ['SKJP_000123_02', 'distr', null],
      ['skjp 123/2', 'distr', null],
      ['irina@romashka.example', 'email', w.contactId],
      ['IRINA@ROMASHKA.EXAMPLE', 'email', w.contactId],
      ['+7 914 700 11 22', 'phone', w.contactId],
      ['(423) 222-33-44', 'phone', null],
      ['семенова ирина', 'text', w.contactId],
      ['Семёнова', 'text', w.contactId],
    ];
    for (const [q, input, contactId] of cases) {
      const r = await lookup(w.chat.token, { q });
      expect(r.candidates, q).toEqual([]);
      expect(r.client?.id, q).toBe(w.clientId);
      expect(r.input, q).toBe(input);
      expect(r.contact?.id ?? null, q).toBe(contactId);
    }
    const inn = (await env.admin('clients.get', { id: w.clientId })).client.inn!;
    expect(await lookup(w.chat.token, { q: inn })).toMatchObject({ input: 'inn', client: { id: w.clientId } });
  });

  it('gives the window: client, responsible people, the person with role and characteristics, kits with scheme and chat state', async () => {
    const sql = env.core.db.$client;
    // Chat history: SKJP on since 2026-01-01; BUHS on, then off from 2026-11-01; SKRO has only the old plain flag, which no longer counts (the history is the truth).
    sql.prepare("INSERT INTO distribution_chat (distribution_id, enabled, effective_from, set_at) VALUES (?, 1, '2026-01-01', '2026-01-01T00:00:00Z')").run(w.distIds[0]);
    sql.prepare("INSERT INTO distribution_chat (distribution_id, enabled, effective_from, set_at) VALUES (?, 1, '2025-01-01', '2025-01-01T00:00:00Z')").run(w.distIds[1]);
    sql.prepare("INSERT INTO distribution_chat (distribution_id, enabled, effective_from, set_at) VALUES (?, 0, '2026-11-01', '2026-11-01T00:00:00Z')").run(w.distIds[1]);
    sql.prepare("INSERT INTO distribution_chat (distribution_id, enabled, effective_from, set_at) VALUES (?, 1, '2027-01-01', '2026-11-01T00:00:00Z')").run(w.distIds[1]);
    sql.prepare('UPDATE distributions SET chat_enabled = 1 WHERE id = ?').run(w.distIds[2]);

    const r = await lookup(w.chat.token, { q: '1_000123_02' });
    expect(r.client).toMatchObject({
      name: 'ООО «Ромашка»',
      status: 'prospect',
      isKey: false,
      sio: { id: w.sio.id, fullName: 'Сотрудник sio1' },
      pm: { id: w.pm.id, fullName: 'Сотрудник pm1' },
      phones: ['+7 (423) 222-33-44'],
    });
    expect(r.distributions.map((d) => [d.code, d.numberForm, d.scheme, d.chatOn, d.chatSince, d.matched, d.lastUsrUpdate])).toEqual([
      ['BUHS_004567', '2_004567', 'nss', false, '2026-11-01', false, null],
      ['SKJP_000123_02', '1_000123_02', 'nss', true, '2026-01-01', true, null],
      ['SKRO_000089', null, 'nss', false, null, false, null],
    ]);
    expect(r.lastUsrUpdate).toBeNull();

    // A USR file proving the SKJP kit's updates: its newest update shows beside the kit and for the client.
    await importUsr(env, [{ name: 'CONS#1_000123.usr', bytes: usrFixture }]);
    const proven = await lookup(w.chat.token, { q: '1_000123_02' });
    expect(proven.distributions.map((d) => [d.code, d.lastUsrUpdate])).toEqual([
      ['BUHS_004567', null],
      ['SKJP_000123_02', '2026-11-19'],
      ['SKRO_000089', null],
    ]);
    expect(proven.lastUsrUpdate).toBe('2026-11-19');

    const byMail = await lookup(w.chat.token, { q: 'irina@romashka.example' });
    expect(byMail.contact).toMatchObject({
      fullName: 'Семёнова Ирина Петровна',
      position: 'Главный бухгалтер',
      roles: ['chief_accountant'],
      phones: ['+7 (914) 700-11-22'],
      emails: ['irina@romashka.example'],
      characteristics: [{ comment: 'Звонить после обеда' }],
      matchedBy: 'email',
    });
  });

  it('lists candidates when the text names several clients or persons, and answers the chosen one', async () => {
    const { id: second } = await env.admin('clients.create', { name: 'ООО «Семёнов и партнёры»' });
    const r = await lookup(w.chat.token, { q: 'Семенов' });
    expect(r.client).toBeNull();
    expect(r.candidates.map((c) => [c.clientId, c.contactId])).toEqual(
      expect.arrayContaining([
        [w.clientId, w.contactId],
        [second, null],
      ]),
    );
    // The person first: a ФИО is a closer hit than a word of a name.
    expect(r.candidates[0]).toMatchObject({ clientId: w.clientId, contactId: w.contactId, contactName: 'Семёнова Ирина Петровна' });
    const chosen = await lookup(w.chat.token, { q: 'Семенов', clientId: w.clientId, contactId: w.contactId });
    expect(chosen).toMatchObject({ input: 'chosen', client: { id: w.clientId }, contact: { id: w.contactId, matchedBy: 'chosen' } });
    // A person of another client is refused; an unknown client is NOT_FOUND.
    const other = await env.core.call('chat.lookup', { clientId: second, contactId: w.contactId }, w.chat.token);
    expect(other).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await env.core.call('chat.lookup', { clientId: 999_999 }, w.chat.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A kit number without its system may be several clients' kits.
    const { id: third } = await env.admin('clients.create', { name: 'ИП Кузнецов' });
    await env.admin('distributions.save', { clientId: third, systemCode: 'BUHS', distrNumber: 123, comp: 2 });
    const partial = await lookup(w.chat.token, { q: '123_02' });
    expect(partial.candidates.map((c) => c.clientId).sort()).toEqual([w.clientId, third].sort());
  });

  it('says when the number form names a system the catalogue does not number', async () => {
    const r = await lookup(w.chat.token, { q: '77_000123_02' });
    expect(r).toMatchObject({ input: 'distr', unknownSystemNumber: 77, client: null, candidates: [] });
    expect(await lookup(w.chat.token, { q: '   ' })).toMatchObject({ input: 'empty', client: null, candidates: [] });
  });

  it('lists open tasks with their text only for those who may see them; documents owed; chats and questions of the person first', async () => {
    // The СИО's own task: a chat operator sees that it exists, when it is due and whose it is — not what it says.
    const { taskId } = await env.as(w.sio.token, 'tasks.create', { clientId: w.clientId, assigneeId: w.sio.id, text: 'Секрет: скидка 30%' });
    const forChat = await lookup(w.chat.token, { q: '1_000123_02' });
    expect(forChat.tasks).toEqual([expect.objectContaining({ id: taskId, kind: 'other', status: 'new', visible: false, text: null, assignee: { id: w.sio.id, fullName: 'Сотрудник sio1' } })]);
    const forHead = await lookup(w.head.token, { q: '1_000123_02' });
    expect(forHead.tasks[0]).toMatchObject({ id: taskId, visible: true, text: 'Секрет: скидка 30%' });
    expect(JSON.stringify(forChat)).not.toContain('Секрет');

    await env.admin('documents.create', { type: 'contract', clientId: w.clientId, date: '2026-10-01', amountKop: 100 });
    const owed = (await lookup(w.chat.token, { q: '1_000123_02' })).owed;
    expect(owed).toMatchObject({ count: 1, overdue: 1, items: [{ type: 'contract', returnState: 'overdue' }] });

    const sql = env.core.db.$client;
    const session = sql.prepare(
      `INSERT INTO chat_sessions (system_number, distr_number, comp, start_at, duration_sec, client_id, contact_id, fio, text, personal, imported_at)
       VALUES (1, 123, 2, ?, 300, ?, ?, ?, ?, 'Оператор Анна', '2026-11-27T00:00:00Z')`,
    );
    session.run('2026-11-20T05:00:00.000Z', w.clientId, w.contactId, 'Семёнова Ирина', 'Как сдать отчёт?');
    session.run('2026-11-25T05:00:00.000Z', w.clientId, null, 'Кто-то ещё', 'Где найти форму?');
    const question = sql.prepare(
      `INSERT INTO chat_questions (system_number, distr_number, comp, asked_at, asked_on, fio, email, text, text_key, client_id, imported_at)
       VALUES (1, 123, 2, ?, ?, ?, ?, ?, ?, ?, '2026-11-27T00:00:00Z')`,
    );
    question.run('2026-11-21T05:00:00.000Z', '2026-11-21', 'Иванов', null, 'Вопрос Иванова', 'вопрос иванова', w.clientId);
    question.run('2026-11-10T05:00:00.000Z', '2026-11-10', 'Семенова И.', 'irina@romashka.example', 'Вопрос Семёновой', 'вопрос семеновой', w.clientId);

    const r = await lookup(w.chat.token, { q: 'irina@romashka.example' });
    expect(r.chats.map((c) => [c.excerpt, c.person, c.operator])).toEqual([
      ['Где найти форму?', false, 'Оператор Анна'],
      ['Как сдать отчёт?', true, 'Оператор Анна'],
    ]);
    expect(r.questions.map((q) => [q.source, q.text, q.person])).toEqual([
      ['export', 'Вопрос Семёновой', true],
      ['export', 'Вопрос Иванова', false],
    ]);
  });
});

describe('actions from the window', () => {
  it('lets the chat role create a call-back task, an event and a contact, but not edit the client', async () => {
    const { taskId } = await env.as(w.chat.token, 'tasks.create', {
      kind: 'other',
      clientId: w.clientId,
      assigneeId: w.pm.id,
      contactId: w.contactId,
      deadline: '2026-11-28T06:00:00Z',
      text: 'Перезвонить по счёту',
    });
    const task = await env.as(w.pm.token, 'tasks.get', { id: taskId });
    expect(task).toMatchObject({ kind: 'other', status: 'new', assignee: { id: w.pm.id }, deadline: '2026-11-28T06:00:00.000Z' });
    expect(task.fields).toMatchObject({ comment: 'Перезвонить по счёту', fio: 'Семёнова Ирина Петровна', phone: '+7 (914) 700-11-22', email: 'irina@romashka.example' });
    // The assignee is told as for mail tasks.
    const notes = await env.as(w.pm.token, 'notifications.list', {});
    expect(notes.items.map((n) => n.taskId)).toContain(taskId);
    // Without an assignee the rules pick the СИО; a deadline in the past is refused.
    const auto = await env.as(w.chat.token, 'tasks.create', { clientId: w.clientId, text: 'Перезвонить' });
    expect((await env.as(w.sio.token, 'tasks.get', { id: auto.taskId })).assignee?.id).toBe(w.sio.id);
    expect(await env.core.call('tasks.create', { clientId: w.clientId, text: 'x', deadline: '2026-11-01T00:00:00Z' }, w.chat.token)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'deadline', reason: 'past' }] },
    });
    expect(await env.core.call('tasks.create', { clientId: w.clientId, text: 'x', contactId: 999_999 }, w.chat.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const { id: eventId } = await env.as(w.chat.token, 'events.add', { clientId: w.clientId, text: 'Спрашивали про сроки сдачи 6-НДФЛ в чате' });
    expect((await env.as(w.chat.token, 'events.list', { clientId: w.clientId })).map((e) => e.id)).toContain(eventId);

    const { id: contactId } = await env.as(w.chat.token, 'chat.addContact', { clientId: w.clientId, fullName: 'Козлова Анна', phone: '+7 914 111-22-33', email: 'Anna@Romashka.example' });
    const found = await lookup(w.chat.token, { q: 'anna@romashka.example' });
    expect(found.contact).toMatchObject({ id: contactId, fullName: 'Козлова Анна', phones: ['+7 (914) 111-22-33'], emails: ['anna@romashka.example'] });
    expect((await lookup(w.chat.token, { q: 'Козлова' })).contact?.id).toBe(contactId);

    const card = await env.as(w.chat.token, 'clients.get', { id: w.clientId });
    for (const [method, input] of [
      ['clients.update', { id: w.clientId, version: card.client.version, name: 'Чужое имя' }],
      ['contacts.save', { clientId: w.clientId, fullName: 'Новый' }],
      ['distributions.save', { clientId: w.clientId, systemCode: 'SKJP', distrNumber: 5 }],
    ] as const) {
      expect(await env.core.call(method, input, w.chat.token), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await env.core.call('chat.addContact', { clientId: w.clientId, fullName: 'x', phone: 'не телефон' }, w.chat.token)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });
});
