// Mail never names a prospect after a person: a question from a kit not in the base waits, shows the kit, and is linked to a client by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, leadText } from './build';

let env: TestEnv;
let dir: Record<string, number>;
beforeEach(async () => {
  env = await testEnv();
  dir = Object.fromEntries((await env.admin('refs.get', {})).directions.map((d) => [d.code, d.id]));
  await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
});
afterEach(() => env.close());

const ingest = (raw: Buffer) => ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: env.core.bus.publish }, raw, null, env.clock.now().toISOString());
const clients = () => env.core.db.$client.prepare('SELECT id, name FROM clients ORDER BY id').all() as { id: number; name: string }[];

async function staff(login: string, roles: ('pm' | 'sio' | 'chat' | 'sales')[], directions: string[]) {
  const { id } = await env.admin('employees.save', { login, fullName: `Сотрудник ${login}`, roles, directionIds: directions.map((d) => dir[d]!), password: 'password-123' });
  const { token } = await env.as('', 'auth.login', { login, password: 'password-123' });
  return { id, token };
}

function question(kit: string, fio = 'Тарасова Елена') {
  return buildMail({
    subject: `Задать вопрос: вопрос пользователя ${kit}`,
    text: ['Вопрос из сервиса «Задать вопрос».', '', `Система: ${kit}`, `ФИО: ${fio}`, 'E-mail: tarasova@mail.example', 'Вопрос: Как заполнить 6-НДФЛ?', ''].join('\n'),
  });
}

describe('a question from a kit not in the base', () => {
  it('makes no prospect, shows the kit in the list and on the card, and is linked by hand, adding the kit', async () => {
    const hot = await staff('hot1', ['pm'], ['hotline']);
    const sio = await staff('sio1', ['sio'], ['service']);
    expect((await ingest(question('1_000777_02'))).outcome).toBe('task');
    expect(clients()).toEqual([]);
    const [item] = (await env.as(hot.token, 'tasks.list', {})).items;
    expect(item).toMatchObject({ kind: 'question', client: null, kit: 'SKJP_000777_02', contactName: 'Тарасова Елена', assignee: { id: hot.id } });
    const card = await env.as(hot.token, 'tasks.get', { id: item!.id });
    expect(card.kitInfo).toEqual({ text: '1_000777_02', code: 'SKJP_000777_02', systemCode: 'SKJP', systemName: 'Юрист', owner: null, problem: null });

    const vostok = await env.admin('clients.create', { name: 'ООО «Восток»', sioId: sio.id });
    const r = await env.as(hot.token, 'tasks.linkClient', { id: item!.id, clientId: vostok.id, addDistribution: true });
    expect(r.distributionId).toEqual(expect.any(Number));
    const linked = await env.as(hot.token, 'tasks.get', { id: item!.id });
    // Nobody had taken it: it goes to the client's СИО, as a question from a known kit would have.
    expect(linked).toMatchObject({ client: { id: vostok.id }, matchedBy: 'manual', assignee: { id: sio.id }, kitInfo: { owner: { id: vostok.id } } });
    expect((await env.as(sio.token, 'notifications.list', {})).items[0]).toMatchObject({ taskId: item!.id });
    const vcard = await env.admin('clients.get', { id: vostok.id });
    expect(vcard.distributions.map((d) => d.code)).toEqual(['SKJP_000777_02']);
    expect(vcard.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['task_linked', 'distribution_added']));
    expect(await env.core.call('tasks.linkClient', { id: item!.id, clientId: vostok.id }, hot.token)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ reason: 'task_linked' }] },
    });

    // The next question from that kit finds the client by itself.
    await ingest(question('SKJP 777-2', 'Тарасова Е. В.'));
    const next = (await env.admin('tasks.list', {})).items.find((t) => t.id !== item!.id)!;
    expect(next).toMatchObject({ client: { id: vostok.id }, kit: 'SKJP_000777_02' });
  });

  it('reports a system number the catalogue lacks, links without adding, and keeps the kit edit to client editors', async () => {
    const chat = await staff('chat1', ['chat'], ['hotline']);
    await staff('hot1', ['pm'], ['hotline']);
    await ingest(question('5_000001_02'));
    const [item] = (await env.as(chat.token, 'tasks.list', {})).items;
    expect(item!.kit).toBe('5_000001_02');
    expect((await env.as(chat.token, 'tasks.get', { id: item!.id })).kitInfo).toMatchObject({ code: null, problem: 'unknown_system_number' });
    const c = await env.admin('clients.create', { name: 'ООО «Запад»' });
    expect(await env.core.call('tasks.linkClient', { id: item!.id, clientId: c.id, addDistribution: true }, chat.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('tasks.linkClient', { id: item!.id, clientId: c.id, addDistribution: true }, env.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'addDistribution', reason: 'unknown_system_number' }] },
    });
    await env.as(chat.token, 'tasks.linkClient', { id: item!.id, clientId: c.id });
    expect((await env.admin('tasks.get', { id: item!.id })).client).toEqual({ id: c.id, name: 'ООО «Запад»' });
    expect((await env.admin('clients.get', { id: c.id })).distributions).toEqual([]);
  });

  it('refuses to add a kit another client already has, naming it', async () => {
    await staff('hot1', ['pm'], ['hotline']);
    await ingest(question('SKJP_000888'));
    const [item] = (await env.admin('tasks.list', {})).items;
    const owner = await env.admin('clients.create', { name: 'ООО «Владелец»' });
    const other = await env.admin('clients.create', { name: 'ООО «Другой»' });
    // Entered after the question came.
    await env.admin('distributions.save', { clientId: owner.id, systemCode: 'SKJP', distrNumber: 888 });
    expect(await env.core.call('tasks.linkClient', { id: item!.id, clientId: other.id, addDistribution: true }, env.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ reason: 'distribution_taken', ref: { id: owner.id, name: 'ООО «Владелец»' } }] },
    });
    expect((await env.admin('tasks.get', { id: item!.id })).client).toBeNull();
  });
});

describe('leads', () => {
  const lead = (n: number, fields: [string, string][]) =>
    buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: String(n), fields: [['Тип заявки', 'Прайс-лист'], ...fields] }) });

  it('make a prospect only for an organisation, never named after the person, e-mail or phone', async () => {
    await staff('sales1', ['sales'], ['sales']);
    expect((await ingest(lead(700001, [['ФИО', 'Тарасова Елена'], ['E-mail', 'tarasova@mail.example'], ['Телефон', '+7 914 700-11-22']]))).outcome).toBe('task');
    expect(clients()).toEqual([]);
    await ingest(lead(700002, [['ФИО', 'Петров Игорь'], ['Организация', 'АО «Дальприбор»'], ['E-mail', 'petrov@dalpribor.example']]));
    expect(clients().map((c) => c.name)).toEqual(['АО «Дальприбор»']);
    const card = await env.admin('clients.get', { id: clients()[0]!.id });
    expect(card.contacts.map((c) => c.fullName)).toEqual(['Петров Игорь']);
  });
});
