// Lists people work with: saved filters and columns per employee, XLSX exports that follow the screen's filters, bulk actions on clients.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedDocClient } from '../documents/fixtures';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

const sheetRows = (file: string) => {
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  return { rows: XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true }), params: XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[1]!]!, { header: 1 }) };
};
const errorOf = async (token: string, method: Parameters<TestEnv['core']['call']>[0], input: unknown) => {
  const r = await env.core.call(method, input as never, token);
  return r.ok ? null : r.error;
};
const count = (sql: string, ...args: unknown[]) => (env.core.db.$client.prepare(sql).get(...args) as { n: number }).n;

describe('saved filters and columns', () => {
  it('belong to the employee who saved them: listed, replaced by name and deleted only by them', async () => {
    const a = await env.employee('sales1', ['sales']);
    const b = await env.employee('sales2', ['sales']);
    const first = await env.as(a.token, 'lists.filters.save', { list: 'clients', name: 'Мои действующие', filters: { status: 'active', isKey: true } });
    await env.as(a.token, 'lists.filters.save', { list: 'documents', name: 'Просроченные', filters: { returnState: 'overdue' } });
    await env.as(b.token, 'lists.filters.save', { list: 'clients', name: 'Чужой', filters: { status: 'closed' } });
    // The same name again replaces it.
    const again = await env.as(a.token, 'lists.filters.save', { list: 'clients', name: 'Мои действующие', filters: { status: 'suspended' } });
    expect(again.id).toBe(first.id);
    expect(await env.as(a.token, 'lists.filters.list', { list: 'clients' })).toEqual([{ id: first.id, list: 'clients', name: 'Мои действующие', filters: { status: 'suspended' } }]);
    expect((await env.as(a.token, 'lists.filters.list', { list: 'documents' })).map((f) => f.name)).toEqual(['Просроченные']);
    // Another employee cannot delete it: not found, and it stays.
    expect((await errorOf(b.token, 'lists.filters.delete', { id: first.id }))?.code).toBe('NOT_FOUND');
    expect(await env.as(a.token, 'lists.filters.list', { list: 'clients' })).toHaveLength(1);
    await env.as(a.token, 'lists.filters.delete', { id: first.id });
    expect(await env.as(a.token, 'lists.filters.list', { list: 'clients' })).toEqual([]);
    expect((await env.as(b.token, 'lists.filters.list', { list: 'clients' })).map((f) => f.name)).toEqual(['Чужой']);
  });

  it('keep each employee’s columns; unknown columns are refused', async () => {
    const a = await env.employee('sio1', ['sio']);
    expect(await env.as(a.token, 'lists.columns.get', { list: 'clients' })).toBeNull();
    await env.as(a.token, 'lists.columns.save', { list: 'clients', columns: ['name', 'status', 'inn'] });
    expect(await env.as(a.token, 'lists.columns.get', { list: 'clients' })).toEqual(['name', 'status', 'inn']);
    expect(await env.admin('lists.columns.get', { list: 'clients' })).toBeNull();
    expect(await errorOf(a.token, 'lists.columns.save', { list: 'documents', columns: ['type', 'inn'] })).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('bulk actions on clients', () => {
  it('assign a СИО in one go, with one audit entry per client that changed; only heads and admins may', async () => {
    const sioA = await env.employee('sioA', ['sio']);
    const sioB = await env.employee('sioB', ['sio']);
    const sales = await env.employee('sales1', ['sales']);
    const head = await env.employee('head1', ['head']);
    const ids: number[] = [];
    for (const [i, sioId] of [sioA.id, sioA.id, sioB.id].entries()) ids.push((await env.admin('clients.create', { name: `ООО «Клиент ${i}»`, sioId })).id);
    const versions = () => ids.map((id) => (env.core.db.$client.prepare('SELECT version FROM clients WHERE id = ?').get(id) as { version: number }).version);
    const before = versions();

    expect((await errorOf(sales.token, 'lists.clientsBulk', { ids, sioId: sioB.id }))?.code).toBe('FORBIDDEN');
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'bulk_update'")).toBe(0);

    expect(await env.as(head.token, 'lists.clientsBulk', { ids, sioId: sioB.id })).toEqual({ changed: 2, unchanged: 1 });
    expect(count('SELECT count(*) AS n FROM clients WHERE sio_id = ?', sioB.id)).toBe(3);
    const audit = env.core.db.$client.prepare("SELECT entity_id AS id, employee_id AS who, changes FROM audit_log WHERE action = 'bulk_update' ORDER BY id").all() as {
      id: number;
      who: number;
      changes: string;
    }[];
    expect(audit.map((r) => [r.id, r.who, JSON.parse(r.changes)])).toEqual([
      [ids[0], head.id, { sioId: [sioA.id, sioB.id] }],
      [ids[1], head.id, { sioId: [sioA.id, sioB.id] }],
    ]);
    expect(versions()).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);

    await env.as(head.token, 'lists.clientsBulk', { ids: [ids[0]!, ids[2]!], status: 'active', pmId: sales.id });
    expect(env.core.db.$client.prepare('SELECT status, pm_id AS pm FROM clients WHERE id = ?').get(ids[2])).toEqual({ status: 'active', pm: sales.id });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'bulk_update'")).toBe(4);
  });

  it('changes nothing when one client is missing or the employee is not active', async () => {
    const ids: number[] = [];
    for (const i of [1, 2]) ids.push((await env.admin('clients.create', { name: `ООО «Клиент ${i}»` })).id);
    expect((await errorOf(env.adminToken, 'lists.clientsBulk', { ids: [...ids, 99_999], status: 'closed' }))?.code).toBe('NOT_FOUND');
    expect(count("SELECT count(*) AS n FROM clients WHERE status = 'closed'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'bulk_update'")).toBe(0);
    expect(await errorOf(env.adminToken, 'lists.clientsBulk', { ids, sioId: 99_999 })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await errorOf(env.adminToken, 'lists.clientsBulk', { ids })).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('XLSX exports of the lists', () => {
  it('export the client list with the screen’s filters and chosen columns, every matching row', async () => {
    const sio = await env.employee('sio1', ['sio']);
    for (let i = 0; i < 30; i++) await env.admin('clients.create', { name: `ООО «Фирма ${String(i).padStart(2, '0')}»`, city: 'Находка', status: i % 3 === 0 ? 'active' : 'prospect', sioId: i % 2 ? sio.id : null });
    const out = await env.admin('lists.clientsXlsx', { filters: { status: 'active' }, columns: ['name', 'status', 'city'] });
    expect(out.details[0]!.suggestedName).toBe('Клиенты 27.11.2026.xlsx');
    const { rows, params } = sheetRows(out.files[0]!);
    expect(rows[0]).toEqual(['Наименование', 'Статус', 'Город']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27].map((i) => `ООО «Фирма ${String(i).padStart(2, '0')}»`));
    expect(rows[1]).toEqual(['ООО «Фирма 00»', 'Действующий', 'Находка']);
    expect(params).toContainEqual(['Статус', 'Действующий']);

    const bySio = sheetRows((await env.admin('lists.clientsXlsx', { query: 'фирма 1', filters: { sioId: sio.id } })).files[0]!).rows;
    expect(bySio[0]).toEqual(['Наименование', 'ИНН', 'Город', 'Телефон', 'СИО', 'Схема', 'Готовность', 'Главбух', 'Статус']);
    expect(bySio.slice(1).map((r) => r[0])).toEqual(['ООО «Фирма 11»', 'ООО «Фирма 13»', 'ООО «Фирма 15»', 'ООО «Фирма 17»', 'ООО «Фирма 19»']);
  });

  it('say in the file when a text search could not take every matching client', async () => {
    for (let i = 0; i < 520; i++) await env.admin('clients.create', { name: `ООО «Маяк ${i}»` });
    const few = sheetRows((await env.admin('lists.clientsXlsx', { query: 'маяк 51' })).files[0]!);
    expect(few.params.some((r) => r[0] === 'Внимание')).toBe(false);
    const many = sheetRows((await env.admin('lists.clientsXlsx', { query: 'маяк' })).files[0]!);
    expect(many.rows.length - 1).toBeLessThan(520);
    const warning = many.params.find((r) => r[0] === 'Внимание');
    expect(String(warning?.[1])).toContain(`не больше ${many.rows.length - 1} лучших совпадений`);
  }, 120_000);

  it('export the documents register with its filters, dates as dates and amounts in roubles', async () => {
    const c = await seedDocClient(env);
    await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-10-03', amountKop: 123_456 });
    await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-11-10', amountKop: 500 });
    await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-12', amountKop: 100 });
    const out = await env.admin('lists.documentsXlsx', { type: 'contract', columns: ['number', 'date', 'amount', 'state'] });
    const { rows, params } = sheetRows(out.files[0]!);
    expect(rows[0]).toEqual(['Номер', 'Дата', 'Сумма', 'Состояние']);
    expect(rows).toHaveLength(3);
    // Newest first, as the register; 2026-10-03 as a spreadsheet serial date.
    expect(rows[2]!.slice(1, 3)).toEqual([46298, 1234.56]);
    expect(rows[2]![3]).toBe('Просрочен');
    expect(params).toContainEqual(['Тип', 'Договор']);
  });
});

describe('list exports run on the worker pool', () => {
  it('start a pool thread for the workbook, and over the task budget answer too_heavy with no file', async () => {
    await env.admin('clients.create', { name: 'ООО «Один»' });
    expect(env.core.pool.threads).toBe(0);
    await env.admin('lists.clientsXlsx', {});
    expect(env.core.pool.threads).toBe(1);
    await env.close();

    env = await testEnv({ pool: { limits: { 'lists.export': { maxInputBytes: 16 } } } });
    await env.admin('clients.create', { name: 'ООО «Один»' });
    const tooHeavy = { ok: false, error: { code: 'BAD_INPUT', issues: [{ path: '', reason: 'too_heavy' }] } };
    expect(await env.core.call('lists.clientsXlsx', {}, env.adminToken)).toMatchObject(tooHeavy);
    expect(await env.core.call('lists.documentsXlsx', {}, env.adminToken)).toMatchObject(tooHeavy);
    expect(fs.existsSync(path.join(path.dirname(env.core.db.$client.name), 'print'))).toBe(false);
  });
});
