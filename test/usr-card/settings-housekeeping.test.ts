// USR settings (defaults, hostile input, roles) and housekeeping: the plan is a dry run, the run removes bytes but keeps facts and duplicates.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { putUsr } from './usr-rows';
import { storedPath, storeBytes } from '../../src-main/features/imports/store';
import { retentionStart } from '../../src-main/features/usr/housekeeping';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
  await addSystems(env.admin);
});
afterEach(() => env.close());

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('usr.settings', () => {
  it('starts at 14 days and keep-all, saves, and refuses hostile input', async () => {
    expect(await env.admin('usr.settings.get', {})).toEqual({ staleDays: 14, retentionYears: null });
    expect(await env.admin('usr.settings.save', { staleDays: 30, retentionYears: 3 })).toEqual({ staleDays: 30, retentionYears: 3 });
    expect(await env.admin('usr.settings.get', {})).toEqual({ staleDays: 30, retentionYears: 3 });
    for (const bad of [
      { staleDays: 0, retentionYears: null },
      { staleDays: -5, retentionYears: null },
      { staleDays: 1.5, retentionYears: null },
      { staleDays: 1e9, retentionYears: null },
      { staleDays: '14', retentionYears: null },
      { staleDays: 14, retentionYears: 0 },
      { staleDays: 14, retentionYears: 101 },
      { staleDays: 14 },
      { staleDays: 14, retentionYears: null, __proto__: { polluted: 1 } },
      null,
    ]) {
      const r = await env.core.call('usr.settings.save', bad, env.adminToken);
      if (bad && typeof bad === 'object' && 'retentionYears' in bad && bad.staleDays === 14 && bad.retentionYears === null) expect(code(r)).toBe('OK');
      else expect(code(r), JSON.stringify(bad)).toBe('BAD_INPUT');
    }
    // A malformed stored value (a hand edit, an older version) falls back to defaults field by field.
    env.core.db.$client.prepare("UPDATE settings SET value = ? WHERE key = 'usr'").run('{"staleDays":"x","retentionYears":5}');
    expect(await env.admin('usr.settings.get', {})).toEqual({ staleDays: 14, retentionYears: 5 });
    env.core.db.$client.prepare("UPDATE settings SET value = ? WHERE key = 'usr'").run('not json');
    expect(await env.admin('usr.settings.get', {})).toEqual({ staleDays: 14, retentionYears: null });
  });

  it('lets only heads and administrators change settings or housekeep', async () => {
    const sio = await env.employee('sio1', ['sio']);
    const head = await env.employee('head1', ['head']);
    expect(code(await env.core.call('usr.settings.get', {}, sio.token))).toBe('OK');
    expect(code(await env.core.call('usr.settings.save', { staleDays: 20, retentionYears: null }, sio.token))).toBe('FORBIDDEN');
    expect(code(await env.core.call('usr.housekeeping.plan', {}, sio.token))).toBe('FORBIDDEN');
    expect(code(await env.core.call('usr.housekeeping.run', { expected: 0 }, sio.token))).toBe('FORBIDDEN');
    expect(code(await env.core.call('usr.settings.save', { staleDays: 20, retentionYears: null }, head.token))).toBe('OK');
    expect(code(await env.core.call('usr.housekeeping.summary', {}, head.token))).toBe('OK');
  });
});

describe('usr.housekeeping', () => {
  it('moves the day back by whole years', () => {
    expect(retentionStart('2026-11-27', 2)).toBe('2024-11-27');
    expect(retentionStart('2028-02-29', 1)).toBe('2027-02-28');
  });

  it('plans without changing anything, then removes only old files that are not a kit’s newest, keeping facts and duplicates', async () => {
    const db = env.core.db;
    const c = (await env.admin('clients.create', { name: 'ООО Ромашка' })).id;
    await env.admin('distributions.save', { clientId: c, systemCode: 'SKJP', distrNumber: 1001 });
    const k = { code: 'SKJP', number: 1, distr: 1001 };
    const lonely = { code: 'BUHS', number: 2, distr: 7777 }; // an unknown kit with only old files
    const a = putUsr(db, { kits: [k], banks: [{ code: 'LAW', updates: ['2022-03-01'] }] }, { name: 'a.usr' });
    const b = putUsr(db, { kits: [k, lonely], banks: [{ code: 'LAW', distr: 1001, updates: ['2023-05-01'] }, { code: 'PBI', distr: 7777, updates: ['2023-05-01'] }] }, { name: 'b.usr' });
    const cc = putUsr(db, { kits: [k], banks: [{ code: 'LAW', updates: ['2023-09-01'] }] }, { name: 'c.usr' });
    const fresh = putUsr(db, { kits: [k], banks: [{ code: 'LAW', updates: ['2026-11-20'] }] }, { name: 'd.usr' });
    const onlyOld = putUsr(db, { kits: [{ code: 'ROS', number: null, distr: 5555 }], banks: [{ code: 'LAW', updates: ['2020-01-01'] }] }, { name: 'e.usr' });

    const summary = await env.admin('usr.housekeeping.summary', {});
    expect(summary).toMatchObject({ files: 5, purged: 0, bytes: [a, b, cc, fresh, onlyOld].reduce((n, f) => n + f.bytes.length, 0) });
    expect(summary.years.map((y) => [y.year, y.files])).toEqual([['2026', 1], ['2023', 2], ['2022', 1], ['2020', 1]]);

    // Keep-all: nothing to plan or remove.
    expect((await env.admin('usr.housekeeping.plan', {})).total).toBe(0);
    await env.admin('usr.settings.save', { staleDays: 14, retentionYears: 3 }); // before 2023-11-27
    const counts = () => db.$client.prepare('SELECT (SELECT COUNT(*) FROM usr_updates) u, (SELECT COUNT(*) FROM usr_banks) b, (SELECT COUNT(*) FROM import_files) i, (SELECT COUNT(*) FROM usr_files WHERE purged_at IS NOT NULL) p').get();
    const before = counts();
    const plan = await env.admin('usr.housekeeping.plan', {});
    // a and c: old, and the kit has the newer d. b: old, but it is the only file of BUHS 7777. e: its kit's only file.
    expect(plan.before).toBe('2023-11-27');
    expect(plan.items.map((i) => i.name)).toEqual(['a.usr', 'c.usr']);
    expect(plan.total).toBe(2);
    expect(plan.bytes).toBe(a.bytes.length + cc.bytes.length);
    expect(plan.items[0]!.kits).toEqual(['SKJP 1001']);
    expect(counts()).toEqual(before);
    expect(fs.existsSync(storedPath(db, a.sha256)!)).toBe(true);

    // A stale confirmation is refused.
    expect(code(await env.core.call('usr.housekeeping.run', { expected: 5 }, env.adminToken))).toBe('CONFLICT');
    expect(fs.existsSync(storedPath(db, a.sha256)!)).toBe(true);

    expect(await env.admin('usr.housekeeping.run', { expected: 2 })).toEqual({ purged: 2, bytes: a.bytes.length + cc.bytes.length });
    expect(fs.existsSync(storedPath(db, a.sha256)!)).toBe(false);
    expect(fs.existsSync(storedPath(db, cc.sha256)!)).toBe(false);
    for (const f of [b, fresh, onlyOld]) expect(fs.existsSync(storedPath(db, f.sha256)!)).toBe(true);
    const after = counts() as { u: number; b: number; i: number; p: number };
    expect(after).toEqual({ ...(before as object), p: 2 });

    // The card still lists the purged file (without bytes), and the facts it proved.
    const card = await env.admin('usr.card', { clientId: c });
    expect(card.distributions[0]!.files.filter((f) => f.purged).map((f) => f.name).sort()).toEqual(['a.usr', 'c.usr']);
    expect(card.distributions[0]!.lastUpdate).toBe('2026-11-20');

    // A purged file no longer downloads; a kept one does.
    expect(env.core.downloadUsr(env.adminToken, String(a.usrFileId))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', detail: 'purged' } });
    expect(env.core.downloadUsr(env.adminToken, String(fresh.usrFileId)).ok).toBe(true);

    // The same bytes again are still known to the store (a duplicate), and a second plan is empty.
    const again = storeBytes(db, a.bytes, 'renamed.usr', '2026-11-27T10:00:00Z');
    expect(again).toMatchObject({ isNew: false, fileId: a.fileId, outcome: 'applied' });
    expect((await env.admin('usr.housekeeping.plan', {})).total).toBe(0);
    expect((await env.admin('usr.housekeeping.summary', {})).purged).toBe(2);
  });
});
