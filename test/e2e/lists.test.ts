// E2E: lists people work with — saved filters and columns that follow the employee, the client list exported as filtered, bulk СИО/status with a confirmation.
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientsPage } from './pages/ClientsPage';
import { ListToolsPage } from './pages/ListToolsPage';
import { DocumentsRegisterPage } from './pages/DocumentsRegisterPage';
import { OLD_CP, OUR } from '../documents/fixtures';

let e: E2E;
let sioA: number;
let sioB: number;
const pageErrors: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  sioA = await e.employee('petrov', ['sio'], 'Петров Пётр Ильич');
  sioB = await e.employee('sidorov', ['sio'], 'Сидоров Семён Семёнович');
  await e.employee('head1', ['head'], 'Главная Галина Петровна');
  await e.employee('sales1', ['sales'], 'Продажина Полина');
  for (const i of [1, 2, 3]) await e.api('clients.create', { name: `ООО «Альфа ${i}»`, city: 'Владивосток', status: 'active', sioId: sioA });
  for (const i of [1, 2, 3]) await e.api('clients.create', { name: `ООО «Бета ${i}»`, city: 'Находка', status: 'prospect', sioId: sioA });
}, 120_000);
afterAll(() => e?.close());
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

async function signedIn(login = 'admin', password = 'admin-password'): Promise<{ page: Page; list: ClientsPage; tools: ListToolsPage }> {
  const page = await e.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  await e.login(page, login, password);
  const list = new ClientsPage(page);
  await list.open();
  return { page, list, tools: new ListToolsPage(page) };
}

it('saves a filter and a column choice per employee, on the server, and exports the list as filtered with those columns', async () => {
  const { page, list, tools } = await signedIn();
  await page.getByTestId('clients-filters').getByPlaceholder('Все статусы').click();
  await page.getByRole('option', { name: 'Действующий' }).click();
  await list.settled();
  await expect.poll(() => list.rowNames()).toEqual(['ООО «Альфа 1»', 'ООО «Альфа 2»', 'ООО «Альфа 3»']);
  await tools.saveFilter('Действующие');
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await list.settled();
  await expect.poll(() => list.rows.count()).toBe(6);

  await tools.toggleColumn('Город');
  expect(await tools.headers(list.table)).not.toContain('Город');

  // A fresh browser (another workstation): the filter and the columns come from the server.
  await page.context().close();
  const again = await signedIn();
  expect(await again.tools.savedFilterNames()).toEqual(['Действующие']);
  await expect.poll(() => again.tools.headers(again.list.table)).toEqual(['Наименование', 'ИНН', 'Телефон', 'СИО', 'Схема', 'Готовность', 'Статус']);
  await again.tools.applyFilter('Действующие');
  await again.list.settled();
  await expect.poll(() => again.list.rowNames()).toEqual(['ООО «Альфа 1»', 'ООО «Альфа 2»', 'ООО «Альфа 3»']);

  const download = await again.tools.exportXlsx('clients-export');
  expect(download.suggestedFilename()).toMatch(/^Клиенты \d{2}\.\d{2}\.\d{4}\.xlsx$/);
  const wb = XLSX.read(fs.readFileSync((await download.path())!), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
  expect(rows[0]).toEqual(['Наименование', 'ИНН', 'Телефон', 'СИО', 'Схема', 'Готовность', 'Статус']);
  expect(rows.slice(1).map((r) => [r[0], r[3], r[6]])).toEqual([1, 2, 3].map((i) => [`ООО «Альфа ${i}»`, 'Петров Пётр Ильич', 'Действующий']));

  // Another employee has neither.
  await again.page.context().close();
  const other = await signedIn('sales1', 'password-123');
  expect(await other.tools.savedFilterNames()).toEqual([]);
  expect(await other.tools.headers(other.list.table)).toContain('Город');
  // Bulk actions are a head's: no ticks for sales.
  expect(await other.page.getByTestId('pick-client').count()).toBe(0);
  await other.page.context().close();
  // Three browsers and an export's first pool thread: more than the default minute on a machine shared with other runs.
}, 180_000);

it('a head assigns a СИО to ticked clients after confirming; one audit entry per client', async () => {
  const { page, list, tools } = await signedIn('head1', 'password-123');
  await list.searchFor('бета');
  await tools.pick(['ООО «Бета 1»', 'ООО «Бета 3»']);
  await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('Выбрано: 2');
  const confirm = await tools.bulk('bulk-sio', 'Сидоров Семён Семёнович');
  expect(confirm).toContain('Применить к 2 клиентам: СИО: Сидоров Семён Семёнович?');
  // Nothing changes before the confirmation.
  expect(e.core.db.$client.prepare('SELECT count(*) AS n FROM clients WHERE sio_id = ?').get(sioB)).toEqual({ n: 0 });
  await tools.apply();
  await expect.poll(() => list.rows.filter({ hasText: 'Сидоров С. С.' }).count()).toBe(2);
  expect(await list.rows.filter({ hasText: 'ООО «Бета 2»' }).innerText()).toContain('Петров П. И.');
  const audit = e.core.db.$client.prepare("SELECT c.name FROM audit_log a JOIN clients c ON c.id = a.entity_id WHERE a.action = 'bulk_update' ORDER BY c.name").all();
  expect(audit).toEqual([{ name: 'ООО «Бета 1»' }, { name: 'ООО «Бета 3»' }]);

  await tools.pick(['ООО «Бета 2»']);
  expect(await tools.bulk('bulk-status', 'Закрыт')).toContain('Применить к 1 клиенту: статус «Закрыт»?');
  await tools.apply();
  await expect.poll(() => list.rows.filter({ hasText: 'ООО «Бета 2»' }).innerText()).toContain('Закрыт');
  await page.context().close();
});

it('the documents register exports what its filters and columns show, and keeps a saved filter', async () => {
  await e.api('settings.ourRequisites.save', OUR);
  const clientId = (await e.api('clients.create', { name: 'ООО «Гамма»', city: 'Артём', status: 'active', sioId: sioA })).id;
  await e.api('clients.changeCounterparty', { clientId, effectiveFrom: '2025-01-01', counterparty: OLD_CP });
  const c1 = await e.api('documents.create', { type: 'contract', clientId, date: '2026-11-02', amountKop: 10_000_00 });
  const c2 = await e.api('documents.create', { type: 'contract', clientId, date: '2026-11-20', amountKop: 20_000_00 });
  await e.api('documents.create', { type: 'act', clientId, date: '2026-11-10', amountKop: 5_000_00 });

  const { page, tools } = await signedIn();
  const reg = new DocumentsRegisterPage(page);
  await reg.open();
  await expect.poll(() => reg.count.innerText()).toBe('Найдено: 3');
  await reg.filter('filter-type', 'Договор');
  await expect.poll(() => reg.count.innerText()).toBe('Найдено: 2');
  await tools.saveFilter('Договоры');
  await tools.toggleColumn('Сумма');
  const table = page.getByTestId('register-table');
  await expect.poll(() => tools.headers(table)).toEqual(['Тип', 'Номер', 'Дата', 'Клиент', 'Договор', 'СИО', 'Вернуть до', 'Состояние']);

  const download = await tools.exportXlsx('documents-export');
  expect(download.suggestedFilename()).toMatch(/^Документы \d{2}\.\d{2}\.\d{4}\.xlsx$/);
  const wb = XLSX.read(fs.readFileSync((await download.path())!), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
  expect(rows[0]).toEqual(['Тип', 'Номер', 'Дата', 'Клиент', 'Договор', 'СИО', 'Вернуть до', 'Состояние']);
  expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
    ['Договор', c2.number, 'ООО «Гамма»'],
    ['Договор', c1.number, 'ООО «Гамма»'],
  ]);

  // Cleared, then the saved filter brings the contracts back.
  await page.getByRole('button', { name: 'Сбросить' }).click();
  await expect.poll(() => reg.count.innerText()).toBe('Найдено: 3');
  await tools.applyFilter('Договоры');
  await expect.poll(() => reg.count.innerText()).toBe('Найдено: 2');
  await page.context().close();
});
