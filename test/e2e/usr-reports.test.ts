// E2E: a head builds «ОПКН» over seeded USR data, sees the rows and totals, and downloads the report's USR ZIP (opened and checked against its manifest).
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { startE2E, type E2E } from './harness';
import { OpknReportPage } from './pages/OpknReportPage';
import { seedScene } from '../usr-reports/fixture';

let e: E2E;
let page: Page;
let s: ReturnType<typeof seedScene>;

beforeAll(async () => {
  e = await startE2E();
  await e.employee('head', ['head'], 'Руководова Римма');
  // The USR import is another helper's part (not merged yet): clients, kits and stored USR files go in through the
  // tables, as test/usr-reports/seed.ts writes them (the bytes into the import store).
  s = seedScene(e.core.db);
  page = await e.newPage();
});
afterAll(() => e?.close());

it('a head builds ОПКН, sees kits with and without proof, and downloads the USR ZIP', async () => {
  await e.login(page, 'head', 'password-123');
  const r = new OpknReportPage(page);
  await r.open();
  await r.period('01.02.2026', '30.04.2026');
  await expect.poll(() => r.rows.count()).toBe(4);
  const alfa = r.rows.filter({ hasText: 'Альфа' });
  // 02-03, 02-10, 03-02, 03-31, 04-07: five sessions, last 07.04.2026.
  expect(await alfa.innerText()).toMatch(/Иванов Иван\s+Альфа\s+7701000001\s+SKJP_001001\s+НСС\s+5\s+07\.04\.2026/);
  expect((await r.rows.filter({ hasText: 'SKJP_002005' }).innerText()).toLowerCase()).toContain('нет подтверждения');
  expect(await r.totals.innerText()).toMatch(/Петров Пётр\s+2\s+0\s+2\s+0/);
  await e.screenshot(page, 'usr-opkn');

  const download = await r.downloadZip();
  expect(download.suggestedFilename()).toBe('USR ОПКН 01.02.2026–30.04.2026.zip');
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const manifest = Buffer.from(zip['manifest.csv']!).subarray(3).toString('utf8');
  expect(manifest.split('\r\n')[0]).toBe('Клиент;ИНН;Комплект;Файл;Дата файла;Последнее обновление;Состояние');
  // The two stored files of Альфа are in the archive with their bytes; Гамма's purged file is listed as removed.
  const f1Entry = s.f1.name.replace('.usr', ` (${s.f1.usrFileId}).usr`);
  expect(Object.keys(zip).sort()).toEqual(['manifest.csv', f1Entry, s.f2.name].sort());
  expect(Buffer.from(zip[f1Entry]!).equals(s.f1.bytes)).toBe(true);
  expect(manifest).toContain('Гамма;7701000003;SKJP_003006;');
  expect(manifest).toContain('удалён при очистке хранилища');
});

it('a head opens the OLAP pivot, unfolds a СИО and a client, and drills a cell down to its file', async () => {
  await page.goto(`${page.url().split('#')[0]}#/reports/usr-olap`);
  const root = page.getByTestId('report-usr-olap');
  await root.waitFor();
  await page.getByTestId('olap-from').click();
  await page.getByRole('option', { name: 'янв 26', exact: true }).click();
  await page.getByTestId('olap-to').click();
  await page.getByRole('option', { name: 'апр 26', exact: true }).click();
  const sio = page.getByTestId('olap-sio').filter({ hasText: 'Иванов Иван' });
  // Январь–апрель: 0, 2, 2, 1 sessions; 5 in all.
  await expect.poll(() => sio.innerText()).toMatch(/Иванов Иван\s+0\s+2\s+2\s+1\s+5/);
  await sio.click();
  await page.getByTestId('olap-client').filter({ hasText: 'Альфа' }).click();
  const kit = page.getByTestId('olap-kit').filter({ hasText: 'SKJP_001001' });
  await kit.getByText('1', { exact: true }).click();
  const files = page.getByTestId('olap-cell-files');
  await files.waitFor();
  expect(await files.innerText()).toContain(s.f2.name);
  await e.screenshot(page, 'usr-olap');
  await page.keyboard.press('Escape');
});
