// USR files through the API: the list and one file's facts, unknown kits linked to a client (the card's distribution path), roles.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { stmt } from '../../src-main/db/stmt';
import { usrBytes, type GenUsr } from '../helpers/usr-gen';
import { importUsr, usrFixture } from './helpers';

let env: TestEnv;
afterEach(() => env?.close());

const fail = async (p: Promise<{ ok: boolean; error?: unknown }>) => {
  const r = await p;
  expect(r.ok).toBe(false);
  return (r as unknown as { error: { code: string; issues?: { path: string; reason: string; ref?: { name?: string } }[] } }).error;
};

async function setup() {
  env = await testEnv();
  await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  await env.admin('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 7 });
  const known = await env.admin('clients.create', { name: 'ООО Восток-Транс' });
  await env.admin('distributions.save', { clientId: known.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
  const other = await env.admin('clients.create', { name: 'ООО Владпорт' });
  const sio = await env.employee('sio', ['sio']);
  const chat = await env.employee('chat', ['chat']);
  return { known: known.id, other: other.id, sio, chat };
}

describe('USR files through the API', () => {
  it('lists files with kits and clients, filters them, and shows one file with its banks and tech info', async () => {
    const s = await setup();
    const solo: GenUsr = { kits: [{ code: 'SKJP', number: 1, distr: 555 }], banks: [{ code: 'LAW', updates: ['2026-10-01'] }] };
    await importUsr(env, [
      { name: 'CONS#1_000123.usr', bytes: usrFixture },
      { name: 'CONS#1_000555.usr', bytes: usrBytes(solo) },
    ]);
    const all = await env.as(s.sio.token, 'usr.files', {});
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => [r.name, r.status, r.fileAt, r.newestUpdate, r.kits.map((k) => `${k.kit}:${k.clientName ?? '-'}`)])).toEqual([
      ['CONS#1_000123.usr', 'unknown_kit', '2026-11-20T10:15:02', '2026-11-19', ['SKJP_000123_02:ООО Восток-Транс', 'BUHS_045678:-']],
      ['CONS#1_000555.usr', 'unknown_kit', '2026-10-01T10:15:02', '2026-10-01', ['SKJP_000555:-']],
    ]);
    expect((await env.as(s.sio.token, 'usr.files', { clientId: s.known })).rows.map((r) => r.name)).toEqual(['CONS#1_000123.usr']);
    expect((await env.as(s.sio.token, 'usr.files', { text: 'buhs_0456' })).total).toBe(1);
    expect((await env.as(s.sio.token, 'usr.files', { text: '555' })).rows.map((r) => r.name)).toEqual(['CONS#1_000555.usr']);
    expect((await env.as(s.sio.token, 'usr.files', { text: '100%' })).total).toBe(0);
    const f = await env.as(s.sio.token, 'usr.file', { id: all.rows[0]!.id });
    expect(f).toMatchObject({ resVersion: '4018.00.05', osName: 'Windows 10 Pro', ramMb: 16384, office: 'Microsoft Office 2016' });
    expect(f.banks.map((b) => [b.code, b.kit, b.lastUpdate])).toEqual([
      ['LAW', 'SKJP_000123_02', '2026-11-19'],
      ['BUH', 'BUHS_045678', '2026-11-19'],
    ]);
    expect(f.kitDetails.map((k) => [k.element, k.netCount])).toEqual([
      ['SKJP_1', 5],
      ['BUHS_7', 1],
    ]);
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await fail(env.core.call('usr.files', {}, s.chat.token))).code).toBe('FORBIDDEN');
    expect((await fail(env.core.call('usr.file', { id: 999 }, s.sio.token))).code).toBe('NOT_FOUND');
  }, 60_000);

  it('links an unknown kit: the distribution is added to the client, the file turns stored; another client\'s kit and an unknown system are refused', async () => {
    const s = await setup();
    await importUsr(env, [
      { name: 'CONS#1_000123.usr', bytes: usrFixture },
      { name: 'CONS#9_000001.usr', bytes: usrBytes({ kits: [{ code: 'ZZZZ', number: 99, distr: 1 }], banks: [{ code: 'Z', updates: ['2026-11-02'] }] }) },
    ]);
    const unknown = await env.as(s.sio.token, 'usr.kits.unknown', {});
    expect(unknown.map((k) => [k.kit, k.files, k.systemKnown])).toEqual([
      ['BUHS_045678', 1, true],
      ['ZZZZ_000001', 1, false],
    ]);
    const buhs = unknown[0]!;
    expect((await fail(env.core.call('usr.kits.link', { usrKitId: buhs.usrKitId, clientId: s.known }, s.chat.token))).code).toBe('FORBIDDEN');
    const linked = await env.as(s.sio.token, 'usr.kits.link', { usrKitId: buhs.usrKitId, clientId: s.known });
    expect(linked).toMatchObject({ created: true, filesStored: 1 });
    const d = stmt(env.core.db, 'SELECT client_id AS c, system_code AS code FROM distributions WHERE id = ?').get(linked.distributionId);
    expect(d).toEqual({ c: s.known, code: 'BUHS' });
    expect((await env.as(s.sio.token, 'usr.files', { status: 'stored' })).rows.map((r) => r.name)).toEqual(['CONS#1_000123.usr']);
    expect(stmt(env.core.db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'usr_kit' AND action = 'link'").get()).toEqual({ n: 1 });
    // The same kit for another client: it is the first client's distribution now.
    const again = await fail(env.core.call('usr.kits.link', { usrKitId: buhs.usrKitId, clientId: s.other }, s.sio.token));
    expect(again.code).toBe('CONFLICT');
    expect(again.issues?.[0]).toMatchObject({ reason: 'distribution_of_other_client', ref: { name: 'ООО Восток-Транс' } });
    const zzzz = unknown[1]!;
    const refused = await fail(env.core.call('usr.kits.link', { usrKitId: zzzz.usrKitId, clientId: s.known }, s.sio.token));
    expect(refused.issues?.[0]).toMatchObject({ path: 'systemCode', reason: 'unknown_system' });
    expect((await env.as(s.sio.token, 'usr.kits.unknown', {})).map((k) => k.kit)).toEqual(['ZZZZ_000001']);
    // A later file of the linked kit lands as stored by itself.
    const later = await importUsr(env, [{ name: 'CONS#7_045678.usr', bytes: usrBytes({ kits: [{ code: 'BUHS', number: 7, distr: 45678 }], banks: [{ code: 'BUH', updates: ['2026-11-26'] }] }) }]);
    expect(later[0]!.status).toBe('stored');
  }, 60_000);
});
