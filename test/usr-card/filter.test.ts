// The client list's USR filter: «нет обновлений N дней» and «нет ни одного USR» over active distributions, in search, saved filters and the XLSX export.
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { putUsr } from './usr-rows';

let env: TestEnv;
const ids: Record<string, number> = {};

beforeAll(async () => {
  env = await testEnv(); // today 2026-11-27
  await addSystems(env.admin);
  const client = async (key: string, name: string) => (ids[key] = (await env.admin('clients.create', { name })).id);
  let distr = 100;
  const distribution = async (key: string, state: 'active' | 'suspended' | 'closed', lastUpdate: string | null, code = 'SKJP') => {
    const n = ++distr;
    await env.admin('distributions.save', { clientId: ids[key]!, systemCode: code, distrNumber: n, state });
    if (lastUpdate) putUsr(env.core.db, { kits: [{ code, number: 1, distr: n }], banks: [{ code: 'LAW', updates: [lastUpdate] }] });
  };
  await client('stale', 'ООО Старое');
  await distribution('stale', 'active', '2026-11-12'); // 15 days
  await distribution('stale', 'active', '2026-11-26', 'BUHS'); // and a fresh kit: one stale kit is enough
  await client('edge', 'ООО Ровно');
  await distribution('edge', 'active', '2026-11-13'); // 14 days: not older than 14
  await client('fresh', 'ООО Свежее');
  await distribution('fresh', 'active', '2026-11-25');
  await client('none', 'ООО Безфайлов');
  await distribution('none', 'active', null);
  await client('inactive', 'ООО Закрытое');
  await distribution('inactive', 'closed', '2025-01-01');
  await distribution('inactive', 'suspended', null, 'BUHS');
  await client('nodistr', 'ООО Пустое');
  // Files that prove no update at all count as no proof.
  await client('empty', 'ООО Пустойфайл');
  await env.admin('distributions.save', { clientId: ids.empty!, systemCode: 'ROS', distrNumber: 999 });
  putUsr(env.core.db, { kits: [{ code: 'ROS', number: null, distr: 999 }], banks: [], fileDate: '2026-11-20' });
});
afterAll(() => env.close());

const names = async (filters: Record<string, unknown>, query = '') =>
  (await env.admin('clients.search', { query, limit: 100, filters: filters as never })).items.map((i) => i.name).sort();

describe('clients.search with the USR filter', () => {
  it('finds clients with an active kit older than N days, N days old still passing', async () => {
    expect(await names({ usr: 'stale', usrDays: 14 })).toEqual(['ООО Старое']);
    expect(await names({ usr: 'stale' })).toEqual(['ООО Старое']); // the default is the РИЦ rule, 14
    expect(await names({ usr: 'stale', usrDays: 13 })).toEqual(['ООО Ровно', 'ООО Старое']);
    expect(await names({ usr: 'stale', usrDays: 1 })).toEqual(['ООО Ровно', 'ООО Свежее', 'ООО Старое']);
    expect(await names({ usr: 'stale', usrDays: 30 })).toEqual([]);
    // Without N, the РИЦ's own limit.
    await env.admin('usr.settings.save', { staleDays: 13, retentionYears: null });
    expect(await names({ usr: 'stale' })).toEqual(['ООО Ровно', 'ООО Старое']);
    await env.admin('usr.settings.save', { staleDays: 14, retentionYears: null });
  });

  it('finds clients with an active kit and no USR proof at all; inactive kits and clients without kits are not listed', async () => {
    expect(await names({ usr: 'none' })).toEqual(['ООО Безфайлов', 'ООО Пустойфайл']);
  });

  it('combines with a text query and other filters', async () => {
    expect(await names({ usr: 'stale', usrDays: 13 }, 'ровно')).toEqual(['ООО Ровно']);
    expect(await names({ usr: 'none', isKey: true })).toEqual([]);
  });

  it('refuses hostile values', async () => {
    for (const bad of [{ usr: 'all' }, { usr: 'stale', usrDays: 0 }, { usr: 'stale', usrDays: 1e6 }, { usr: 'stale', usrDays: 2.5 }, { usr: 1 }]) {
      const r = await env.core.call('clients.search', { filters: bad }, env.adminToken);
      expect(r.ok ? 'OK' : r.error.code, JSON.stringify(bad)).toBe('BAD_INPUT');
    }
  });

  it('is kept in saved filters and followed by the XLSX export', async () => {
    await env.admin('lists.filters.save', { list: 'clients', name: 'Без обновлений', filters: { usr: 'stale', usrDays: 13 } });
    const saved = (await env.admin('lists.filters.list', { list: 'clients' })).find((f) => f.name === 'Без обновлений')!;
    expect(saved.filters).toEqual({ usr: 'stale', usrDays: 13 });
    const out = await env.admin('lists.clientsXlsx', { filters: saved.filters as never, columns: ['name'] });
    const wb = XLSX.read(fs.readFileSync(out.files[0]!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    const params = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[1]!]!, { header: 1 });
    expect(rows.slice(1).map((r) => r[0])).toEqual(['ООО Ровно', 'ООО Старое']);
    expect(params).toContainEqual(['USR', 'нет обновлений 13 дн.']);
  });
});
