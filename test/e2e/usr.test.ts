// E2E: three USR files dropped on «Импорт» (one the same bytes under another name, one broken) each get their result; «USR-файлы» lists the stored one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ImportsPage } from './pages/ImportsPage';
import { UsrPage, dropFiles } from './pages/UsrPage';
import { addSystems } from '../helpers/systems';
import { usrBytes } from '../helpers/usr-gen';

let e: E2E;
let page: Page;

beforeAll(async () => {
  e = await startE2E();
  await addSystems(e.api);
  const clientId = (await e.api('clients.create', { name: 'ООО «Восток-Транс»', city: 'Владивосток' })).id;
  await e.api('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 123, comp: 2, scheme: 'nss', schemeFrom: '2025-01-01' });
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('dropped USR files: stored, duplicate by bytes, broken; the stored one is listed with its client and its banks', async () => {
  const good = usrBytes({
    kits: [{ code: 'SKJP', number: 1, distr: 123, comp: 2, netCount: 5 }],
    banks: [
      { code: 'LAW', name: 'Законодательство', updates: ['2026-11-12', '2026-11-19'] },
      { code: 'BUH', name: 'Бухгалтерия', updates: ['2026-11-19'] },
    ],
    fileDate: '2026-11-20',
  });
  const imports = new ImportsPage(page);
  await imports.open();
  await dropFiles(page, 'import-drop', [
    { name: 'CONS#1_000123.usr', buffer: good },
    { name: 'копия.usr', buffer: good },
    { name: 'CONS#1_000999.usr', buffer: good.subarray(0, Math.floor(good.length / 2)) },
  ]);
  await page.locator('[data-testid="import-batch"][data-state="done"]').waitFor({ timeout: 30_000 });
  expect(await imports.statusOf('CONS#1_000123.usr')).toBe('stored');
  expect(await imports.result('CONS#1_000123.usr').textContent()).toContain('Сохранён');
  expect(await imports.statusOf('копия.usr')).toBe('duplicate');
  expect(await imports.result('копия.usr').textContent()).toContain('Уже загружен');
  expect(await imports.statusOf('CONS#1_000999.usr')).toBe('malformed');
  expect(await imports.result('CONS#1_000999.usr').textContent()).toContain('Файл повреждён');

  const usr = new UsrPage(page);
  await usr.open();
  await expect.poll(() => usr.rows().count(), { timeout: 10_000 }).toBe(1);
  const row = await usr.rows().first().textContent();
  expect(row).toContain('SKJP_000123_02');
  expect(row).toContain('ООО «Восток-Транс»');
  expect(row).toContain('20.11.2026 10:15');
  expect(row).toContain('19.11.2026');
  await usr.rows().first().click();
  await usr.panel().getByTestId('usr-banks-table').waitFor();
  const panel = await usr.panel().textContent();
  expect(panel).toContain('Законодательство');
  expect(panel).toContain('Windows 10 Pro');
  await page.getByTestId('usr-tab-kits').click();
  await page.getByText('Неизвестных комплектов нет').waitFor();
});
