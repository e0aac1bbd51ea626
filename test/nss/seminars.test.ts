// НСС seminars through the API on a real SQLite file: the catalogue, capacity, registrations, attendance recomputing the НСС months, access.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { codeOf, nssClient, reasonOf, seminarsIn } from './service-helpers';

let env: TestEnv;
afterEach(() => env?.close());

const seminar = (over: Record<string, unknown> = {}) => ({ title: 'Изменения в НДС', date: '2026-11-10', time: '10:00', format: 'online' as const, ...over });

describe('nss.seminars.*', () => {
  it('stores the start in UTC and the date in the РИЦ zone: 01:30 in Vladivostok is the day before in UTC', async () => {
    env = await testEnv();
    await env.core.db.$client.prepare("INSERT INTO settings (key, value) VALUES ('timezone', '\"Asia/Vladivostok\"') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    const { id } = await env.admin('nss.seminars.save', seminar({ date: '2026-12-01', time: '01:30', capacity: 20, place: 'Офис РИЦ' }));
    const s = await env.admin('nss.seminars.get', { id });
    expect(s).toMatchObject({ startsAt: '2026-11-30T15:30:00.000Z', onDate: '2026-12-01', capacity: 20, place: 'Офис РИЦ', registered: 0, attended: 0 });
  });

  it('lists a period newest first with registered and attended counts', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const a = await env.admin('nss.seminars.save', seminar({ title: 'А', date: '2026-10-01' }));
    const b = await env.admin('nss.seminars.save', seminar({ title: 'Б', date: '2026-11-05' }));
    await env.admin('nss.seminars.save', seminar({ title: 'В', date: '2026-12-20' }));
    const p = await env.admin('nss.seminars.register', { seminarId: b.id, clientId: c.clientId, contactId: c.contactId });
    await env.admin('nss.seminars.register', { seminarId: b.id, clientId: c.clientId, fio: 'Петров Пётр' });
    await env.admin('nss.seminars.attend', { ids: [p.id], attended: true });
    const list = await env.admin('nss.seminars.list', { from: '2026-10-01', to: '2026-11-30' });
    expect(list.total).toBe(2);
    expect(list.items.map((s) => [s.title, s.registered, s.attended])).toEqual([
      ['Б', 2, 1],
      ['А', 0, 0],
    ]);
    expect(list.items[1]!.id).toBe(a.id);
  });

  it('enforces capacity with CONFLICT full, refuses the same person twice, and a contact of another client', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const other = await nssClient(env, 'nss', 'ООО Василёк');
    const { id: seminarId } = await env.admin('nss.seminars.save', seminar({ capacity: 2 }));
    const first = await env.admin('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: c.contactId });
    const twice = await env.core.call('nss.seminars.register', { seminarId, clientId: c.clientId, fio: `  ${(await env.admin('nss.seminars.people', { seminarId }))[0]!.fio}  ` }, env.adminToken);
    expect([codeOf(twice), reasonOf(twice)]).toEqual(['CONFLICT', 'duplicate']);
    const foreign = await env.core.call('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: other.contactId }, env.adminToken);
    expect([codeOf(foreign), reasonOf(foreign)]).toEqual(['BAD_INPUT', 'not_of_client']);
    const nobody = await env.core.call('nss.seminars.register', { seminarId, clientId: c.clientId, fio: '  ' }, env.adminToken);
    expect([codeOf(nobody), reasonOf(nobody)]).toEqual(['BAD_INPUT', 'required']);
    await env.admin('nss.seminars.register', { seminarId, clientId: other.clientId, contactId: other.contactId });
    const full = await env.core.call('nss.seminars.register', { seminarId, clientId: c.clientId, fio: 'Сидоров Сидор' }, env.adminToken);
    expect([codeOf(full), reasonOf(full)]).toEqual(['CONFLICT', 'full']);
    // Capacity cannot drop below those registered; unregistering frees a seat.
    const shrink = await env.core.call('nss.seminars.save', { id: seminarId, ...seminar({ capacity: 1 }) }, env.adminToken);
    expect([codeOf(shrink), reasonOf(shrink)]).toEqual(['BAD_INPUT', 'below_registered']);
    await env.admin('nss.seminars.unregister', { id: first.id });
    await env.admin('nss.seminars.register', { seminarId, clientId: c.clientId, fio: 'Сидоров Сидор' });
    const people = await env.admin('nss.seminars.people', { seminarId });
    expect(people.map((p) => [p.clientId, p.contactId, p.fio === 'Сидоров Сидор'])).toEqual(
      expect.arrayContaining([
        [other.clientId, other.contactId, false],
        [c.clientId, null, true],
      ]),
    );
    expect(people).toHaveLength(2);
  });

  it('attendance writes the НСС month: ticked 1, unticked 0, a moved seminar moves the figure, unregistering removes it', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const { id: seminarId } = await env.admin('nss.seminars.save', seminar({ date: '2026-11-10' }));
    const { id: personId } = await env.admin('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: c.contactId });
    expect(seminarsIn(env, c.clientId, '2026-11') ?? 0).toBe(0);
    expect((await env.admin('nss.seminars.attend', { ids: [personId], attended: true })).changed).toBe(1);
    expect(seminarsIn(env, c.clientId, '2026-11')).toBe(1);
    // Ticking again changes nothing.
    expect((await env.admin('nss.seminars.attend', { ids: [personId], attended: true })).changed).toBe(0);
    await env.admin('nss.seminars.attend', { ids: [personId], attended: false });
    expect(seminarsIn(env, c.clientId, '2026-11')).toBe(0);
    await env.admin('nss.seminars.attend', { ids: [personId], attended: true });
    await env.admin('nss.seminars.save', { id: seminarId, ...seminar({ date: '2026-10-15' }) });
    expect(seminarsIn(env, c.clientId, '2026-11')).toBe(0);
    expect(seminarsIn(env, c.clientId, '2026-10')).toBe(1);
    const mine = await env.admin('nss.seminars.ofClient', { clientId: c.clientId });
    expect(mine).toEqual([expect.objectContaining({ seminarId, onDate: '2026-10-15', attended: true, contactId: c.contactId })]);
    await env.admin('nss.seminars.unregister', { id: personId });
    expect(seminarsIn(env, c.clientId, '2026-10')).toBe(0);
  });

  it('a standard-only client’s attendance does not count', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'standard');
    const { id: seminarId } = await env.admin('nss.seminars.save', seminar());
    const { id } = await env.admin('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: c.contactId });
    await env.admin('nss.seminars.attend', { ids: [id], attended: true });
    expect(seminarsIn(env, c.clientId, '2026-11')).toBeNull();
  });

  it('refuses to delete a seminar with attendance unless forced, and then clears the figure', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const { id: seminarId } = await env.admin('nss.seminars.save', seminar());
    const { id } = await env.admin('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: c.contactId });
    await env.admin('nss.seminars.attend', { ids: [id], attended: true });
    const refused = await env.core.call('nss.seminars.delete', { id: seminarId }, env.adminToken);
    expect([codeOf(refused), reasonOf(refused)]).toEqual(['CONFLICT', 'attended']);
    expect(seminarsIn(env, c.clientId, '2026-11')).toBe(1);
    await env.admin('nss.seminars.delete', { id: seminarId, force: true });
    expect(seminarsIn(env, c.clientId, '2026-11')).toBe(0);
    expect(codeOf(await env.core.call('nss.seminars.get', { id: seminarId }, env.adminToken))).toBe('NOT_FOUND');
  });

  it('access: everyone reads; a chat operator neither registers nor edits the catalogue; sales registers but does not create seminars', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const chat = await env.employee('chat1', ['chat']);
    const sales = await env.employee('sales1', ['sales']);
    const sio = await env.employee('sio1', ['sio']);
    const { id: seminarId } = await env.admin('nss.seminars.save', seminar());
    expect(codeOf(await env.core.call('nss.seminars.list', {}, chat.token))).toBe('OK');
    expect(codeOf(await env.core.call('nss.seminars.people', { seminarId }, chat.token))).toBe('OK');
    expect(codeOf(await env.core.call('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: c.contactId }, chat.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.seminars.save', seminar(), chat.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.seminars.save', seminar(), sales.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.seminars.delete', { id: seminarId }, sales.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.seminars.save', seminar(), sio.token))).toBe('OK');
    const reg = await env.core.call('nss.seminars.register', { seminarId, clientId: c.clientId, contactId: c.contactId }, sales.token);
    expect(codeOf(reg)).toBe('OK');
  });
});
