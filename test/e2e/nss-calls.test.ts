// E2E: a ГЛ call list (CSV) with one unmatched row: refused until it is matched by hand, then written whole and counted in the month.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ImportsPage } from './pages/ImportsPage';
import { monthRow, nssClient } from '../nss/calls-helpers';

let e: E2E;
let page: Page;
const ids: Record<string, number> = {};

beforeAll(async () => {
  e = await startE2E();
  // Created through the API (the client search must know them), their kits and phones added directly.
  ids.alfa = (await e.api('clients.create', { name: 'ООО «Альфа»' })).id;
  ids.delta = (await e.api('clients.create', { name: 'ООО «Дельта»' })).id;
  nssClient(e.core.db, 'ООО «Альфа»', { code: 'SKJP', number: 123456 }, ['+7 914 111-22-33'], ids.alfa);
  nssClient(e.core.db, 'ООО «Дельта»', { code: 'SOJ', number: 777 }, [], ids.delta);
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

const LIST = [
  'Дата;Время;Телефон;Номер дистрибутива;Оператор;Длительность',
  '02.11.2026;10:15;;SKJP 123456;Петрова И.;01:30',
  '02.11.2026;11:00;+7 914 111 22 33;;Петрова И.;02:00',
  '03.11.2026;09:00;8 (423) 999-00-00;;Петрова И.;00:45',
].join('\r\n');

it('a call list is reviewed, refused while a row is open, and written whole once it is matched by hand', async () => {
  const imports = new ImportsPage(page);
  await imports.open();
  await imports.importFiles([{ name: 'звонки ноябрь.csv', buffer: Buffer.from(LIST, 'utf8') }]);
  expect(await imports.statusOf('звонки ноябрь.csv')).toBe('staged');
  await imports.result('звонки ноябрь.csv').getByTestId('import-review').click();
  await page.getByTestId('calls-review').waitFor();
  const rows = page.getByTestId('calls-rows');
  const row = (n: number) => rows.locator(`tr[data-row="${n}"]`);
  await row(3).waitFor();
  expect(await row(1).getAttribute('data-state')).toBe('matched');
  expect(await row(1).textContent()).toContain('по дистрибутиву');
  expect(await row(2).textContent()).toContain('по телефону');
  expect(await row(3).getAttribute('data-state')).toBe('unmatched');
  expect(await page.getByTestId('calls-unknown-employees').textContent()).toContain('Звонков с оператором, которого нет среди сотрудников: 2');
  expect(await page.getByTestId('calls-blocking').textContent()).toContain('Не решено строк: 1');
  expect(await page.getByTestId('calls-apply').isDisabled()).toBe(true);
  await e.screenshot(page, 'nss-calls-review');

  await row(3).getByTestId('calls-row-picker').fill('Дельта');
  await page.getByRole('option', { name: 'ООО «Дельта»' }).click();
  await expect.poll(() => row(3).getAttribute('data-state')).toBe('matched');
  expect(await row(3).textContent()).toContain('вручную');
  await expect.poll(() => page.getByTestId('calls-apply').isDisabled()).toBe(false);
  await page.getByTestId('calls-apply').click();
  await page.getByTestId('imports-screen').waitFor();

  expect(monthRow(e.core.db, ids.alfa!, '2026-11')).toEqual({ glCalls: 2, glSec: 210 });
  expect(monthRow(e.core.db, ids.delta!, '2026-11')).toEqual({ glCalls: 1, glSec: 45 });
});
