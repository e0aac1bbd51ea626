// Chat sessions through the API: who sees which sessions, unknown kits linked later, operator mapping, the card's timeline.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { chatExport, importChat } from './helpers';
import { dayStartUtc } from '../../src-main/features/chat/sessions.handlers';

let env: TestEnv;
afterEach(() => env?.close());

const fail = async (p: Promise<{ ok: boolean; error?: unknown }>) => {
  const r = await p;
  expect(r.ok).toBe(false);
  return (r as unknown as { error: { code: string; issues?: { path: string; reason: string; ref?: unknown }[] } }).error;
};

async function setup() {
  env = await testEnv();
  await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  await env.admin('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 7 });
  const known = await env.admin('clients.create', { name: 'ООО Восток-Транс', inn: '7707083893' });
  await env.admin('distributions.save', { clientId: known.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
  const other = await env.admin('clients.create', { name: 'ООО Владпорт' });
  const contact = await env.admin('contacts.save', { clientId: other.id, fullName: 'Тарасова Елена', emails: [{ email: 'tarasova@vladport.example' }] });
  const kim = await env.employee('kim', ['chat']);
  const lee = await env.employee('lee', ['chat']);
  const head = await env.employee('boss', ['head']);
  const sales = await env.employee('sales', ['sales']);
  return { known: known.id, other: other.id, contact: contact.id, kim, lee, head, sales };
}

describe('chat sessions API', () => {
  it('maps operators; heads see all, operators their own, anyone a client’s sessions', async () => {
    const s = await setup();
    importChat(
      env.core.db,
      chatExport([
        { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00', finish: '2026-11-02 10:05:00', personal: 'Ким Ольга', text: 'Диалог Ким' },
        { sys: 7, distr: 45678, start: '2026-11-03 14:01:30', personal: 'Ли Анна', email: 'tarasova@vladport.example', text: 'Диалог Ли' },
      ]),
    );
    const ops = await env.as(s.head.token, 'chat.operators.list', {});
    expect(ops.map((o) => [o.personal, o.employeeId, o.sessions])).toEqual([
      ['Ким Ольга', null, 1],
      ['Ли Анна', null, 1],
    ]);
    expect((await fail(env.core.call('chat.operators.set', { personal: 'Ким Ольга', employeeId: s.kim.id }, s.kim.token))).code).toBe('FORBIDDEN');
    expect(await env.as(s.head.token, 'chat.operators.set', { personal: 'Ким Ольга', employeeId: s.kim.id })).toEqual({ updated: 1 });
    expect(await env.as(s.head.token, 'chat.operators.set', { personal: 'Ли Анна', employeeId: s.lee.id })).toEqual({ updated: 1 });
    expect((await fail(env.core.call('chat.operators.set', { personal: 'X', employeeId: 999 }, s.head.token))).issues?.[0]?.reason).toBe('not_found');

    const all = await env.as(s.head.token, 'chat.sessions.list', {});
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.employeeName)).toEqual(['Сотрудник lee', 'Сотрудник kim']);
    const mine = await env.as(s.kim.token, 'chat.sessions.list', {});
    expect(mine.rows.map((r) => r.personal)).toEqual(['Ким Ольга']);
    expect(mine.rows[0]).toMatchObject({ clientId: s.known, clientName: 'ООО Восток-Транс', systemCode: 'SKJP', durationSec: 300 });
    // Someone else's session: readable when it is linked to a client (as in the card), not while unlinked.
    const kimSession = mine.rows[0]!.id;
    const leeSession = all.rows[0]!.id;
    expect((await env.as(s.lee.token, 'chat.sessions.get', { id: kimSession })).text).toBe('Диалог Ким');
    expect((await fail(env.core.call('chat.sessions.get', { id: leeSession }, s.kim.token))).code).toBe('FORBIDDEN');
    expect((await env.as(s.lee.token, 'chat.sessions.get', { id: leeSession })).text).toBe('Диалог Ли');
    expect((await env.as(s.sales.token, 'chat.sessions.list', { clientId: s.known })).total).toBe(1);
    expect((await env.as(s.sales.token, 'chat.sessions.list', {})).total).toBe(0);
    expect((await fail(env.core.call('chat.sessions.unknownKits', {}, s.kim.token))).code).toBe('FORBIDDEN');
    expect((await fail(env.core.call('chat.sessions.list', {}, null))).code).toBe('UNAUTHORIZED');

    // The period is read in the РИЦ's days (Moscow by default): 2 November only.
    const nov2 = await env.as(s.head.token, 'chat.sessions.list', { from: '2026-11-02', to: '2026-11-02' });
    expect(nov2.rows.map((r) => r.personal)).toEqual(['Ким Ольга']);
    expect((await env.as(s.head.token, 'chat.sessions.list', { unlinked: true })).rows.map((r) => r.personal)).toEqual(['Ли Анна']);
  });

  it('an unknown kit is listed, linked to a client (added to its distributions), and later sessions link by themselves', async () => {
    const s = await setup();
    importChat(env.core.db, chatExport([{ sys: 7, distr: 45678, start: '2026-11-03 14:01:30', email: 'tarasova@vladport.example' }, { sys: 7, distr: 45678, start: '2026-11-04 09:00:00' }]));
    const kits = await env.as(s.head.token, 'chat.sessions.unknownKits', {});
    expect(kits).toEqual([
      { systemNumber: 7, distrNumber: 45678, comp: 1, systemCode: 'BUHS', sessions: 2, firstAt: '2026-11-03T11:01:30.000Z', lastAt: '2026-11-04T06:00:00.000Z', existingClientId: null, existingClientName: null },
    ]);
    // A kit with no sessions is not there to link.
    expect((await fail(env.core.call('chat.sessions.link', { systemNumber: 1, distrNumber: 123, comp: 2, clientId: s.other }, s.head.token))).code).toBe('NOT_FOUND');
    const linked = await env.as(s.head.token, 'chat.sessions.link', { systemNumber: 7, distrNumber: 45678, clientId: s.other });
    expect(linked.linked).toBe(2);
    expect(linked.distributionId).not.toBeNull();
    const card = await env.admin('clients.get', { id: s.other });
    expect(card.distributions.map((d) => [d.systemCode, d.distrNumber])).toEqual([['BUHS', 45678]]);
    expect(await env.as(s.head.token, 'chat.sessions.unknownKits', {})).toEqual([]);
    const rows = (await env.as(s.head.token, 'chat.sessions.list', { clientId: s.other })).rows;
    expect(rows.map((r) => r.contactId)).toEqual([null, s.contact]);
    // A later file: the kit is now a distribution, so its session links on import.
    const later = importChat(env.core.db, chatExport([{ sys: 7, distr: 45678, start: '2026-11-10 09:00:00', email: 'TARASOVA@vladport.example' }]));
    expect(later).toEqual({ added: 1, skipped: 0, flagged: 0, problems: [] });
    const after = (await env.as(s.head.token, 'chat.sessions.list', { clientId: s.other })).rows;
    expect(after).toHaveLength(3);
    expect(after[0]!.contactId).toBe(s.contact);
    // Linking the known kit to another client is a conflict naming the owner.
    importChat(env.core.db, chatExport([{ sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00' }]));
    const conflict = await fail(env.core.call('chat.sessions.link', { systemNumber: 1, distrNumber: 123, comp: 2, clientId: s.other }, s.head.token));
    expect(conflict).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'clientId', reason: 'distribution_of_other_client', ref: { id: s.known } }] });
  });

  it('a kit of an unknown system is linked to the client without a distribution and its later sessions follow', async () => {
    const s = await setup();
    const first = importChat(env.core.db, chatExport([{ sys: 99, distr: 5, start: '2026-11-03 10:00:00' }]));
    expect(first.flagged).toBe(1);
    expect(await env.as(s.head.token, 'chat.sessions.link', { systemNumber: 99, distrNumber: 5, clientId: s.other })).toEqual({ linked: 1, distributionId: null });
    const later = importChat(env.core.db, chatExport([{ sys: 99, distr: 5, start: '2026-11-04 10:00:00' }]));
    expect(later.problems).toEqual([{ record: 1, code: 'unknown_system_number', detail: '99' }]);
    const rows = (await env.as(s.head.token, 'chat.sessions.list', { clientId: s.other })).rows;
    expect(rows.map((r) => [r.clientId, r.flags])).toEqual([
      [s.other, ['unknown_system_number']],
      [s.other, ['unknown_system_number']],
    ]);
  });

  it('sessions show on the client timeline beside its events, newest first', async () => {
    const s = await setup();
    importChat(env.core.db, chatExport([{ sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00', finish: '2026-11-02 10:01:00', personal: 'Ким Ольга', fio: 'Сидоренко' }]));
    await env.admin('events.add', { clientId: s.known, text: 'Заметка' });
    const events = await env.as(s.sales.token, 'events.list', { clientId: s.known });
    const session = events.find((e) => e.kind === 'chat_session')!;
    expect(session.id).toBeLessThan(0);
    expect(session.at).toBe('2026-11-02T07:00:00.000Z');
    expect(session.data).toMatchObject({ personal: 'Ким Ольга', fio: 'Сидоренко', durationSec: 60, sessionId: -session.id });
    expect(events[0]!.kind).toBe('manual');
    expect((await env.admin('clients.get', { id: s.known })).events.some((e) => e.kind === 'chat_session')).toBe(true);
  });

  it('converts a day to its start in a time zone', () => {
    expect(dayStartUtc('2026-11-02', 'Europe/Moscow')).toBe('2026-11-01T21:00:00.000Z');
    expect(dayStartUtc('2026-11-02', 'Asia/Vladivostok')).toBe('2026-11-01T14:00:00.000Z');
    expect(dayStartUtc('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
  });
});

describe('chat sessions API, catalogue learnt later', () => {
  it('a system number added to the catalogue after the import: the kit is linked with a distribution and the flag is cleared', async () => {
    const s = await setup();
    importChat(env.core.db, chatExport([{ sys: 12, distr: 777, start: '2026-11-03 10:00:00' }]));
    expect((await env.as(s.head.token, 'chat.sessions.unknownKits', {}))[0]).toMatchObject({ systemNumber: 12, systemCode: null });
    await env.admin('systems.save', { code: 'PBUN', name: 'Бухгалтерия', number: 12 });
    expect((await env.as(s.head.token, 'chat.sessions.unknownKits', {}))[0]).toMatchObject({ systemNumber: 12, systemCode: 'PBUN' });
    const r = await env.as(s.head.token, 'chat.sessions.link', { systemNumber: 12, distrNumber: 777, clientId: s.other });
    expect(r.distributionId).not.toBeNull();
    const rows = (await env.as(s.head.token, 'chat.sessions.list', { clientId: s.other })).rows;
    expect(rows.map((x) => [x.flags, x.systemCode])).toEqual([[[], 'PBUN']]);
  });
});
