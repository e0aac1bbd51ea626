// The client list's Главбух filter: each status as it reads today, «истекает в течение N дней» at its boundary, the badge in list rows, saved filters and the XLSX export.
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
const ids: Record<string, number> = {};

beforeAll(async () => {
  env = await testEnv(); // today 2026-11-27
  const client = async (key: string, name: string) => (ids[key] = (await env.admin('clients.create', { name })).id);
  const cert = (key: string, number: string | null, validUntil: string | null, status: 'certified' | 'requested' | 'expired', programme = 'GB') =>
    env.admin('glavbukh.certificates.save', { clientId: ids[key]!, programme, number, validUntil, status });
  await client('long', 'ООО Надолго');
  await cert('long', 'F-1', '2027-12-31', 'certified');
  await client('edge', 'ООО Ровно');
  await cert('edge', 'F-2', '2026-12-27', 'certified'); // today + 30
  await client('soon', 'ООО Скоро');
  await cert('soon', 'F-3', '2026-12-01', 'certified');
  await client('today', 'ООО Сегодня');
  await cert('today', 'F-4', '2026-11-27', 'certified'); // the last day: still valid
  await client('past', 'ООО Прошлое');
  await cert('past', 'F-5', '2026-11-26', 'certified'); // reads as expired
  await client('renewed', 'ООО Продлено');
  await cert('renewed', 'F-6', '2025-12-31', 'certified');
  await cert('renewed', 'F-7', '2027-06-30', 'certified'); // the newest is current: not expired
  await client('req', 'ООО Заявка');
  await cert('req', null, null, 'requested');
  await client('rev', 'ООО Отозвано');
  const { id } = await cert('rev', 'F-8', '2027-06-30', 'certified');
  await env.admin('glavbukh.certificates.revoke', { id, reason: 'Отозван КЦ' });
  await client('none', 'ООО Никогда');
});
afterAll(() => env.close());

const names = async (filters: Record<string, unknown>, query = '') =>
  (await env.admin('clients.search', { query, limit: 100, filters: filters as never })).items.map((i) => i.name).sort();

describe('clients.search with the Главбух filter', () => {
  it('finds each status as the current certificate reads today', async () => {
    expect(await names({ gb: 'certified' })).toEqual(['ООО Надолго', 'ООО Продлено', 'ООО Ровно', 'ООО Сегодня', 'ООО Скоро']);
    expect(await names({ gb: 'expired' })).toEqual(['ООО Прошлое']);
    expect(await names({ gb: 'requested' })).toEqual(['ООО Заявка']);
    expect(await names({ gb: 'revoked' })).toEqual(['ООО Отозвано']);
    expect(await names({ gb: 'none' })).toEqual(['ООО Никогда', 'ООО Отозвано']);
  });

  it('finds certificates ending within N days, the N-th day included, the settings default without N', async () => {
    expect(await names({ gb: 'expiring', gbDays: 30 })).toEqual(['ООО Ровно', 'ООО Сегодня', 'ООО Скоро']);
    expect(await names({ gb: 'expiring', gbDays: 29 })).toEqual(['ООО Сегодня', 'ООО Скоро']);
    expect(await names({ gb: 'expiring', gbDays: 4 })).toEqual(['ООО Сегодня', 'ООО Скоро']);
    expect(await names({ gb: 'expiring', gbDays: 3 })).toEqual(['ООО Сегодня']);
    expect(await names({ gb: 'expiring' })).toEqual(['ООО Ровно', 'ООО Сегодня', 'ООО Скоро']); // expiringDays 30
    expect(await names({ gb: 'expiring', gbDays: 30 }, 'скоро')).toEqual(['ООО Скоро']);
  });

  it('shows the current certificate in list rows', async () => {
    const items = (await env.admin('clients.search', { query: '', limit: 100, filters: {} })).items;
    const by = (name: string) => items.find((i) => i.name === name)!.gb;
    expect(by('ООО Продлено')).toEqual([{ programme: 'GB', status: 'certified', number: 'F-7', validUntil: '2027-06-30', name: 'Главбух' }]);
    expect(by('ООО Прошлое')).toEqual([{ programme: 'GB', status: 'expired', number: 'F-5', validUntil: '2026-11-26', name: 'Главбух' }]);
    expect(by('ООО Заявка')[0]!.status).toBe('requested');
    expect(by('ООО Отозвано')).toEqual([]);
    expect(by('ООО Никогда')).toEqual([]);
  });

  it('refuses hostile values', async () => {
    for (const bad of [{ gb: 'all' }, { gb: 'expiring', gbDays: 0 }, { gb: 'expiring', gbDays: 1e6 }, { gb: 'expiring', gbDays: 1.5 }, { gb: 1 }]) {
      const r = await env.core.call('clients.search', { filters: bad }, env.adminToken);
      expect(r.ok ? 'OK' : r.error.code, JSON.stringify(bad)).toBe('BAD_INPUT');
    }
  });

  it('is kept in saved filters and followed by the XLSX export', async () => {
    await env.admin('lists.filters.save', { list: 'clients', name: 'Истекают', filters: { gb: 'expiring', gbDays: 4 } });
    const saved = (await env.admin('lists.filters.list', { list: 'clients' })).find((f) => f.name === 'Истекают')!;
    expect(saved.filters).toEqual({ gb: 'expiring', gbDays: 4 });
    const out = await env.admin('lists.clientsXlsx', { filters: saved.filters as never, columns: ['name', 'gb'] });
    const wb = XLSX.read(fs.readFileSync(out.files[0]!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    const params = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[1]!]!, { header: 1 });
    expect(rows).toEqual([
      ['Наименование', 'Главбух'],
      ['ООО Сегодня', 'Главбух: истекает 27.11.2026'],
      ['ООО Скоро', 'Главбух: истекает 01.12.2026'],
    ]);
    expect(params).toContainEqual(['Главбух', 'истекает в течение 4 дн.']);
    const all = await env.admin('lists.clientsXlsx', { filters: { gb: 'certified' }, columns: ['name', 'gb'] });
    const allWb = XLSX.read(fs.readFileSync(all.files[0]!), { type: 'buffer' });
    const allRows = XLSX.utils.sheet_to_json<unknown[]>(allWb.Sheets[allWb.SheetNames[0]!]!, { header: 1 });
    expect(allRows).toContainEqual(['ООО Надолго', 'Главбух: сертифицирован до 31.12.2027']);
  });
});
