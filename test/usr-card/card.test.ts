// USR proof on the client card: the stale rule at its edge, kits without files, several kits, per-bank last update, the РИЦ's calendar day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { putUsr } from './usr-rows';
import { updateDates } from '../helpers/usr-gen';

let env: TestEnv;
let clientId: number;

beforeEach(async () => {
  env = await testEnv(); // clock 27.11.2026 09:00 UTC, Moscow: today 2026-11-27
  await addSystems(env.admin);
  clientId = (await env.admin('clients.create', { name: 'ООО Ромашка' })).id;
});
afterEach(() => env.close());

const kit = (distr: number, code = 'SKJP') => ({ code, number: 1, distr });

describe('usr.card', () => {
  it('warns at 15 days, not at 14 (the limit counts in whole days of the РИЦ)', async () => {
    await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
    await env.admin('distributions.save', { clientId, systemCode: 'BUHS', distrNumber: 1002 });
    putUsr(env.core.db, { kits: [kit(1001)], banks: [{ code: 'LAW', name: 'Законодательство', updates: updateDates('2026-11-13', 5), docs: 7 }] });
    putUsr(env.core.db, { kits: [kit(1002, 'BUHS')], banks: [{ code: 'PBI', updates: updateDates('2026-11-12', 3) }] });
    const card = await env.admin('usr.card', { clientId });
    expect(card.today).toBe('2026-11-27');
    expect(card.staleDays).toBe(14);
    const by = new Map(card.distributions.map((d) => [d.distrNumber, d]));
    expect(by.get(1001)).toMatchObject({ lastUpdate: '2026-11-13', ageDays: 14, stale: false, hasFiles: true });
    expect(by.get(1002)).toMatchObject({ lastUpdate: '2026-11-12', ageDays: 15, stale: true });
    expect(by.get(1001)!.banks).toEqual([{ code: 'LAW', name: 'Законодательство', lastUpdate: '2026-11-13', docs: 7 }]);

    // The limit is a setting: 15 days makes the second kit fine.
    await env.admin('usr.settings.save', { staleDays: 15, retentionYears: null });
    const after = await env.admin('usr.card', { clientId });
    expect(after.distributions.find((d) => d.distrNumber === 1002)).toMatchObject({ ageDays: 15, stale: false });
  });

  it('counts the age in the РИЦ zone: past midnight in Vladivostok it is already the next day', async () => {
    await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
    putUsr(env.core.db, { kits: [kit(1001)], banks: [{ code: 'LAW', updates: ['2026-11-13'] }] });
    const cal = await env.admin('settings.workCalendar.get', {});
    await env.admin('settings.workCalendar.save', { ...cal, timeZone: 'Asia/Vladivostok' });
    env.clock.set('2026-11-27T15:00:00Z'); // 01:00 on the 28th in Vladivostok, still the 27th in UTC
    const card = await env.admin('usr.card', { clientId });
    expect(card.today).toBe('2026-11-28');
    expect(card.distributions[0]).toMatchObject({ ageDays: 15, stale: true });
  });

  it('says when a kit has no file, and lists files newest first with the newest per bank over all files', async () => {
    await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
    await env.admin('distributions.save', { clientId, systemCode: 'BUHS', distrNumber: 1003 });
    const old = putUsr(env.core.db, { kits: [kit(1001)], banks: [{ code: 'LAW', updates: ['2026-10-01', '2026-10-08'], docs: 3 }, { code: 'ARB', updates: ['2026-10-20'], docs: 9 }] }, { name: 'CONS#1_old.usr' });
    const neu = putUsr(env.core.db, { kits: [kit(1001)], banks: [{ code: 'LAW', updates: ['2026-11-20'], docs: 4 }] }, { name: 'CONS#1_new.usr' });
    const card = await env.admin('usr.card', { clientId });
    const skjp = card.distributions.find((d) => d.distrNumber === 1001)!;
    const buhs = card.distributions.find((d) => d.distrNumber === 1003)!;
    expect(buhs).toMatchObject({ hasFiles: false, lastFile: null, lastUpdate: null, ageDays: null, stale: false, files: [], banks: [], fileCount: 0 });
    expect(skjp.files.map((f) => f.id)).toEqual([neu.usrFileId, old.usrFileId]);
    expect(skjp.lastFile).toMatchObject({ id: neu.usrFileId, name: 'CONS#1_new.usr', fileAt: '2026-11-20T10:00:00' });
    expect(skjp.files[0]).toMatchObject({ size: neu.bytes.length, purged: false });
    // ARB is only in the older file: its update still counts.
    expect(skjp.banks).toEqual([
      { code: 'ARB', name: null, lastUpdate: '2026-10-20', docs: 9 },
      { code: 'LAW', name: null, lastUpdate: '2026-11-20', docs: 4 },
    ]);
    expect(skjp).toMatchObject({ lastUpdate: '2026-11-20', ageDays: 7, stale: false, fileCount: 2 });
  });

  it('keeps several kits of one file apart, and a file of another client does not show', async () => {
    const other = (await env.admin('clients.create', { name: 'ООО Лютик' })).id;
    await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
    await env.admin('distributions.save', { clientId, systemCode: 'BUHS', distrNumber: 1002 });
    await env.admin('distributions.save', { clientId: other, systemCode: 'SKJP', distrNumber: 2001 });
    putUsr(env.core.db, {
      kits: [kit(1001), kit(1002, 'BUHS')],
      banks: [
        { code: 'LAW', distr: 1001, updates: ['2026-11-25'] },
        { code: 'PBI', distr: 1002, updates: ['2026-11-01'] },
      ],
    });
    putUsr(env.core.db, { kits: [kit(2001)], banks: [{ code: 'LAW', updates: ['2026-11-26'] }] });
    const card = await env.admin('usr.card', { clientId });
    const by = new Map(card.distributions.map((d) => [d.distrNumber, d]));
    expect(by.get(1001)).toMatchObject({ lastUpdate: '2026-11-25', stale: false, fileCount: 1 });
    expect(by.get(1002)).toMatchObject({ lastUpdate: '2026-11-01', stale: true, fileCount: 1 });
    expect(by.get(1001)!.banks.map((b) => b.code)).toEqual(['LAW']);
    expect(by.get(1002)!.banks.map((b) => b.code)).toEqual(['PBI']);
    expect(card.distributions.some((d) => d.distrNumber === 2001)).toBe(false);
  });

  it('answers NOT_FOUND for a missing client and lets any employee read (the card rule)', async () => {
    const r = await env.core.call('usr.card', { clientId: 999_999 }, env.adminToken);
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    const chat = await env.employee('oper', ['chat']);
    const ok = await env.core.call('usr.card', { clientId }, chat.token);
    expect(ok.ok).toBe(true);
    const anon = await env.core.call('usr.card', { clientId }, null);
    expect(anon.ok ? null : anon.error.code).toBe('UNAUTHORIZED');
  });
});
