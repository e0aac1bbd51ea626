// The USR reports through the API: access by role, the XLSX cells, the PDF text, and «Выгрузить USR» — the ZIP opened and compared with its manifest, progress pushed, the download given once.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { testEnv, type TestEnv } from '../helpers/core';
import { pdfText } from '../print/pdf';
import { createHttpServer } from '../../src-main/server/http';
import type { PushMessage } from '../../src-shared/events';
import { seedScene } from './fixture';

let env: TestEnv;
let s: ReturnType<typeof seedScene>;
beforeEach(async () => {
  env = await testEnv();
  s = seedScene(env.core.db);
});
afterEach(() => env.close());

const period = { from: '2026-02-15', to: '2026-03-31' };

describe('access', () => {
  it('answers heads and refuses a СИО, sales and the chat operator', async () => {
    const head = await env.employee('head1', ['head']);
    expect((await env.as(head.token, 'reports.opkn', period)).total).toBe(4);
    for (const role of ['sio', 'sales', 'chat'] as const) {
      const e = await env.employee(`u-${role}`, [role]);
      for (const [m, input] of [
        ['reports.opkn', period],
        ['reports.usrOlap', { fromMonth: '2026-01', toMonth: '2026-04' }],
        ['reports.usrZip', { jobId: 'job-00000001', report: 'opkn', opkn: period }],
      ] as const) {
        const r = await env.core.call(m, input, e.token);
        expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses a range over 24 months and a period the wrong way round', async () => {
    const a = await env.core.call('reports.usrOlap', { fromMonth: '2024-01', toMonth: '2026-01' }, env.adminToken);
    expect(a.ok ? 'ok' : a.error.code).toBe('BAD_INPUT');
    const b = await env.core.call('reports.opkn', { from: '2026-03-01', to: '2026-02-01' }, env.adminToken);
    expect(b.ok ? 'ok' : b.error.code).toBe('BAD_INPUT');
  });
});

describe('exports', () => {
  it('writes the ОПКН rows and totals per СИО to XLSX', async () => {
    const out = await env.admin('reports.opknXlsx', period);
    expect(out.details[0]!.suggestedName).toBe('ОПКН 15.02.2026–31.03.2026.xlsx');
    const wb = XLSX.read(fs.readFileSync(out.files[0]!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['ОПКН']!, { header: 1, raw: true });
    expect(rows[0]).toEqual(['СИО', 'Клиент', 'ИНН', 'Комплект', 'Схема', 'Сеансов', 'Обновлений', 'Последнее обновление', 'Подтверждение']);
    // 31.03.2026 as a spreadsheet date: 46112.
    expect(rows[1]).toEqual(['Иванов Иван', 'Альфа', '7701000001', 'SKJP 1001', 'НСС', 2, 2, 46112, 'есть']);
    expect(rows[3]).toEqual(['Петров Пётр', 'Бета', '7701000002', 'SKJP 2005', 'Стандарт', 0, 0, undefined, 'нет']);
    const totals = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Итоги по СИО']!, { header: 1, raw: true });
    expect(totals.slice(1)).toEqual([
      ['Иванов Иван', 1, 1, 0, 2],
      ['Петров Пётр', 2, 0, 2, 0],
      ['Без СИО', 1, 1, 0, 1],
    ]);
  });

  it('writes the pivot to XLSX with empty cells where the scheme does not pass', async () => {
    const out = await env.admin('reports.usrOlapXlsx', { fromMonth: '2026-01', toMonth: '2026-04', scheme: 'nss' });
    const wb = XLSX.read(fs.readFileSync(out.files[0]!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    expect(rows[0]).toEqual(['СИО', 'Клиент', 'ИНН', 'Ключевой', 'Комплект', '2026-01', '2026-02', '2026-03', '2026-04', 'Итого']);
    expect(rows[1]).toEqual(['Иванов Иван', 'Альфа', '7701000001', 'да', 'SKJP 1001', undefined, undefined, 2, 1, 3]);
    expect(rows[2]).toEqual(['Без СИО', 'Гамма', '7701000003', undefined, 'SKJP 3006', 0, 0, 1, 0, 1]);
  });

  it('prints both reports to PDF', async () => {
    const opkn = pdfText((await env.admin('reports.opknPdf', period)).files[0]!, undefined, true);
    expect(opkn).toContain('ОПКН');
    expect(opkn).toMatch(/Иванов Иван\s+1\s+1\s+0\s+2/);
    expect(opkn).toMatch(/Бета\s+7701000002\s+BUHS 2002\s+Стандарт\s+0\s+20\.12\.2025\s+нет/);
    const olap = pdfText((await env.admin('reports.usrOlapPdf', { fromMonth: '2026-01', toMonth: '2026-04' })).files[0]!, undefined, true);
    expect(olap).toContain('ОБСЛУЖИВАНИЕ КЛИЕНТА (OLAP)');
    expect(olap).toMatch(/Альфа\s+SKJP 1001\s+0\s+2\s+2\s+1\s+5/);
  });
});

describe('Выгрузить USR', () => {
  async function download(url: string): Promise<{ status: number; body: Buffer }> {
    const server = createHttpServer(env.core, { staticDir: '/nonexistent' });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/${url}`);
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }

  it('zips exactly the files the manifest lists, lists a purged file as removed, and hands the archive out once', async () => {
    const events: PushMessage[] = [];
    env.core.bus.subscribe((m) => events.push(m));
    const r = await env.admin('reports.usrZip', { jobId: 'job-12345678', report: 'opkn', opkn: { from: '2026-02-01', to: '2026-04-30' } });
    expect(r).toMatchObject({ files: 2, removed: 1 });
    const done = events.filter((e) => e.event === 'reports.usrZip.progress').at(-1)!.data as { state: string; jobId: string; url: string };
    expect(done).toMatchObject({ state: 'done', jobId: 'job-12345678', url: r.url });
    const got = await download(r.url);
    expect(got.status).toBe(200);
    const zip = unzipSync(new Uint8Array(got.body));
    const manifest = Buffer.from(zip['manifest.csv']!);
    expect([...manifest.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Both files of the kit arrived under the same name: the second one in the archive gets its id.
    const f1Entry = s.f1.name.replace('.usr', ` (${s.f1.usrFileId}).usr`);
    expect(s.f1.name).toBe(s.f2.name);
    const lines = manifest.subarray(3).toString('utf8').trim().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual(['Клиент', 'ИНН', 'Комплект', 'Файл', 'Дата файла', 'Последнее обновление', 'Состояние']);
    expect(lines.slice(1)).toEqual([
      ['Альфа', '7701000001', 'SKJP 1001', s.f2.name, '08.04.2026 12:00', '07.04.2026', 'в архиве'],
      ['Альфа', '7701000001', 'SKJP 1001', f1Entry, '31.03.2026 12:00', '31.03.2026', 'в архиве'],
      ['Бета', '7701000002', 'BUHS 2002', '', '', '20.12.2025', 'нет файлов за период'],
      ['Бета', '7701000002', 'SKJP 2005', '', '', '', 'нет файлов за период'],
      ['Гамма', '7701000003', 'SKJP 3006', s.f4.name, '11.03.2026 12:00', '10.03.2026', 'удалён при очистке хранилища'],
    ]);
    // Every file listed «в архиве» is there with its exact bytes, and nothing else is.
    expect(Object.keys(zip).sort()).toEqual(['manifest.csv', f1Entry, s.f2.name].sort());
    expect(Buffer.from(zip[f1Entry]!).equals(s.f1.bytes)).toBe(true);
    expect(Buffer.from(zip[s.f2.name]!).equals(s.f2.bytes)).toBe(true);
    // Once only.
    expect((await download(r.url)).status).toBe(404);
  });

  it('zips only the selected rows of the pivot', async () => {
    const r = await env.admin('reports.usrZip', { jobId: 'job-87654321', report: 'olap', olap: { fromMonth: '2026-01', toMonth: '2026-03', distributionIds: [s.d1] } });
    const zip = unzipSync(new Uint8Array((await download(r.url)).body));
    expect(Object.keys(zip).sort()).toEqual(['manifest.csv', s.f1.name].sort());
  });

  it('gives nothing for an unknown token', async () => {
    expect((await download('files/usr-zip/' + '0'.repeat(64))).status).toBe(404);
    expect((await download('files/usr-zip/not-a-token')).status).toBe(404);
  });
});

describe('drill-down through the API', () => {
  it('lists the files proving a cell', async () => {
    const files = await env.admin('reports.usrOlapCell', { distributionId: s.d1, month: '2026-04' });
    expect(files.map((f) => f.name)).toEqual([s.f2.name]);
  });
});

