// Integration tests of «Возврат документов»: order (overdue first, most days first), filters, paging across states, XLSX with the same rows.
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedDocClient, type DocClient } from './fixtures';

let env: TestEnv;
let c: DocClient;
let sio: { id: number; token: string };
const ids: Record<string, number> = {};

// Today is 2026-11-27 in tests; contracts and specifications are due 10 days after their date, acts at the end of their month.
beforeEach(async () => {
  env = await testEnv();
  sio = await env.employee('sio1', ['sio']);
  c = await seedDocClient(env, { sioId: sio.id });
  const mk = async (key: string, type: 'contract' | 'act', date: string, extra: Record<string, unknown> = {}) => {
    ids[key] = (await env.admin('documents.create', { type, clientId: c.clientId, date, amountKop: 100, ...extra })).id;
  };
  await mk('overdue45', 'contract', '2026-10-03'); // planned 10-13
  await mk('overdue5', 'contract', '2026-11-12'); // planned 11-22
  await mk('awaited', 'act', '2026-11-27'); // planned 11-30
  await mk('late', 'contract', '2026-10-01'); // planned 10-11
  await mk('inTime', 'act', '2026-10-15'); // planned 10-31
  await mk('otherSio', 'contract', '2026-11-10', { sioId: null }); // planned 11-20
  await mk('draft', 'contract', '2026-11-01', { status: 'draft' });
  await mk('outside', 'contract', '2026-08-01'); // planned 08-11, outside the period
  await env.admin('documents.markReturned', { id: ids.late!, date: '2026-10-20' });
  await env.admin('documents.markReturned', { id: ids.inTime!, date: '2026-10-31', via: 'edo' });
});
afterEach(() => env.close());

const period = { from: '2026-10-01', to: '2026-11-30' };

describe('report «Возврат документов»', () => {
  it('puts overdue first by days overdue, then awaited, returned late, returned in time; drafts and other periods left out', async () => {
    const r = await env.admin('reports.documentReturns', period);
    expect(r.rows.map((x) => [x.id, x.state, x.daysOverdue])).toEqual([
      [ids.overdue45, 'overdue', 45],
      [ids.otherSio, 'overdue', 7],
      [ids.overdue5, 'overdue', 5],
      [ids.awaited, 'awaited', 0],
      [ids.late, 'returned_late', 9],
      [ids.inTime, 'returned_in_time', 0],
    ]);
    expect(r.counts).toEqual({ overdue: 3, awaited: 1, returned_late: 1, returned_in_time: 1 });
    expect(r.total).toBe(6);
  });

  it('opens on everything unreturned as of today, whatever the planned date: overdue first by days, then awaited', async () => {
    const r = await env.admin('reports.documentReturns', { unreturned: true });
    expect(r.rows.map((x) => [x.id, x.state, x.daysOverdue])).toEqual([
      [ids.outside, 'overdue', 108],
      [ids.overdue45, 'overdue', 45],
      [ids.otherSio, 'overdue', 7],
      [ids.overdue5, 'overdue', 5],
      [ids.awaited, 'awaited', 0],
    ]);
    expect(r.counts).toEqual({ overdue: 4, awaited: 1, returned_late: 0, returned_in_time: 0 });
    // An open-ended period is the whole history, returned ones included.
    expect((await env.admin('reports.documentReturns', { to: '2026-10-31' })).counts).toEqual({ overdue: 2, awaited: 0, returned_late: 1, returned_in_time: 1 });
  });

  it('filters by СИО, client, type and state, and pages across states', async () => {
    const bySio = await env.admin('reports.documentReturns', { ...period, sioId: sio.id });
    expect(bySio.rows.map((x) => x.id)).not.toContain(ids.otherSio);
    expect(bySio.total).toBe(5);
    expect((await env.admin('reports.documentReturns', { ...period, type: 'act' })).rows.map((x) => x.id)).toEqual([ids.awaited, ids.inTime]);
    const overdue = await env.admin('reports.documentReturns', { ...period, state: 'overdue' });
    expect([overdue.total, overdue.rows.length, overdue.counts.awaited]).toEqual([3, 3, 1]);
    const other = await env.admin('clients.create', { name: 'Другой' });
    expect((await env.admin('reports.documentReturns', { ...period, clientId: other.id })).total).toBe(0);
    const page2 = await env.admin('reports.documentReturns', { ...period, limit: 2, offset: 2 });
    expect(page2.rows.map((x) => x.id)).toEqual([ids.overdue5, ids.awaited]);
    const page3 = await env.admin('reports.documentReturns', { ...period, limit: 2, offset: 4 });
    expect(page3.rows.map((x) => x.id)).toEqual([ids.late, ids.inTime]);
  });

  it('changes when a document is marked returned', async () => {
    await env.as(sio.token, 'documents.markReturned', { id: ids.overdue5!, date: '2026-11-27' });
    const r = await env.admin('reports.documentReturns', period);
    expect(r.counts).toEqual({ overdue: 2, awaited: 1, returned_late: 2, returned_in_time: 1 });
    expect(r.rows.find((x) => x.id === ids.overdue5)).toMatchObject({ state: 'returned_late', daysOverdue: 5, returnedAt: '2026-11-27' });
  });

  it('exports the same rows to XLSX with real dates, and to PDF', async () => {
    const out = await env.admin('reports.documentReturnsXlsx', period);
    expect(out.details[0]!.suggestedName).toBe('Возврат документов 01.10.2026–30.11.2026.xlsx');
    const wb = XLSX.read(fs.readFileSync(out.files[0]!), { type: 'buffer', cellDates: false });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    expect(rows[0]).toEqual(['Состояние', 'Дней просрочки', 'Документ', 'Номер', 'Дата', 'Клиент', 'СИО', 'Плановый возврат', 'Возвращён', 'Как']);
    expect(rows.length).toBe(7);
    expect(rows[1]!.slice(0, 4)).toEqual(['Просрочен', 45, 'Договор', 'Д-2026-0001']);
    // 2026-10-13 as a spreadsheet serial date.
    expect(rows[1]![7]).toBe(46308);
    expect(rows[6]!.slice(0, 1).concat(rows[6]!.slice(9))).toEqual(['Возвращён в срок', 'ЭДО']);
    const pdf = await env.admin('reports.documentReturnsPdf', period);
    expect(fs.readFileSync(pdf.files[0]!).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
