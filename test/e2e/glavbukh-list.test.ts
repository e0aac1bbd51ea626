// E2E: a certified list (windows-1251 CSV) with a number another client holds and two unmatched rows: refused until each is resolved, then written whole.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { startE2E, type E2E } from './harness';
import { ImportsPage } from './pages/ImportsPage';
import { recordCertificate } from '../../src-main/features/glavbukh/certs';

let e: E2E;
let page: Page;
const ids: Record<string, number> = {};

beforeAll(async () => {
  e = await startE2E();
  ids.alfa = (await e.api('clients.create', { name: 'ООО «Альфа»', inn: '7707083893', kpp: '773601001' })).id;
  ids.beta = (await e.api('clients.create', { name: 'ООО «Бета»', inn: '7728168971', kpp: '772801001' })).id;
  ids.gamma = (await e.api('clients.create', { name: 'ООО «Гамма»', inn: '5024002119', kpp: '502401001' })).id;
  ids.vega = (await e.api('clients.create', { name: 'ООО «Вега»' })).id;
  ids.delta = (await e.api('clients.create', { name: 'ООО «Дельта»' })).id;
  // «Вега» already holds GB-0003.
  recordCertificate({ db: e.core.db, now: e.clock.now().toISOString(), employeeId: null }, { clientId: ids.vega!, programme: 'GB', number: 'GB-0003', validUntil: '2027-06-30', status: 'certified', source: 'manual' });
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

const LIST = [
  'Организация;ИНН;КПП;Номер сертификата;Дата выдачи;Действителен до',
  'ООО «Альфа»;7707083893;773601001;GB-0001;01.11.2026;31.10.2027',
  'ООО «Бета»;7728168971;;gb 0002;01.11.2026;31.10.2027',
  'ООО «Гамма»;5024002119;502401001;GB-0003;01.11.2026;31.10.2027',
  'ООО «Неизвестная»;7702070139;770201001;GB-0004;01.11.2026;31.10.2027',
  'ИП Сидоров Пётр Ильич;;;GB-0005;01.11.2026;31.10.2027',
].join('\r\n');

it('a list is reviewed, refused while rows are open, and written whole once each is matched or left out', async () => {
  const imports = new ImportsPage(page);
  await imports.open();
  await imports.importFiles([{ name: 'сертифицированные ноябрь.csv', buffer: iconv.encode(LIST, 'win1251') }]);
  expect(await imports.statusOf('сертифицированные ноябрь.csv')).toBe('staged');
  await imports.result('сертифицированные ноябрь.csv').getByTestId('import-review').click();
  const review = page.getByTestId('gb-review');
  await review.waitFor();
  const rows = page.getByTestId('gb-rows');
  const row = (n: number) => rows.locator(`tr[data-row="${n}"]`);
  await row(5).waitFor();
  // Columns guessed from the headers; matching by ИНН + КПП, then ИНН alone.
  expect(await row(1).getAttribute('data-state')).toBe('matched');
  expect(await row(1).textContent()).toContain('по ИНН и КПП');
  expect(await row(2).getAttribute('data-state')).toBe('matched');
  expect(await row(3).getAttribute('data-state')).toBe('duplicate');
  expect(await row(3).getByTestId('gb-row-holder').textContent()).toBe('номер уже у клиента ООО «Вега»');
  expect(await row(4).getAttribute('data-state')).toBe('unmatched');
  expect(await row(5).getAttribute('data-state')).toBe('unmatched');
  expect(await page.getByTestId('gb-blocking').textContent()).toContain('Не решено строк: 3');
  expect(await page.getByTestId('gb-apply').isDisabled()).toBe(true);
  await e.screenshot(page, 'glavbukh-list-review');

  // The holder keeps its number: the row is left out. The unknown organisation is matched by hand, ИП Сидоров left out.
  await row(3).getByTestId('gb-row-skip').check();
  await row(4).getByTestId('gb-row-picker').fill('Дельта');
  await page.getByRole('option', { name: 'ООО «Дельта»' }).click();
  await expect.poll(() => row(4).getAttribute('data-state')).toBe('matched');
  expect(await row(4).textContent()).toContain('вручную');
  await row(5).getByTestId('gb-row-skip').check();
  await expect.poll(() => page.getByTestId('gb-apply').isDisabled()).toBe(false);
  await page.getByTestId('gb-apply').click();
  await page.getByTestId('imports-screen').waitFor();

  const certs = e.core.db.$client.prepare('SELECT client_id AS c, number, valid_until AS v, status FROM gb_certificates ORDER BY client_id').all() as { c: number; number: string; v: string; status: string }[];
  expect(certs).toEqual([
    { c: ids.alfa, number: 'GB-0001', v: '2027-10-31', status: 'certified' },
    { c: ids.beta, number: 'gb 0002', v: '2027-10-31', status: 'certified' },
    { c: ids.vega, number: 'GB-0003', v: '2027-06-30', status: 'certified' },
    { c: ids.delta, number: 'GB-0004', v: '2027-10-31', status: 'certified' },
  ]);
  // The same list again: every row is already there.
  await imports.importFiles([{ name: 'сертифицированные ноябрь (2).csv', buffer: iconv.encode(LIST.replace('GB-0005', 'GB-0006'), 'win1251') }]);
  await imports.result('сертифицированные ноябрь (2).csv').getByTestId('import-review').click();
  await row(1).waitFor();
  expect(await page.getByTestId('gb-mapping-source').textContent()).toContain('запомнено');
  expect(await row(1).getAttribute('data-state')).toBe('same');
  await page.getByTestId('gb-discard').click();
  // The confirmation's own button (`.last()` could resolve to the page's button before the modal has mounted).
  await page.getByRole('dialog').getByRole('button', { name: 'Отложить' }).click();
  await page.getByTestId('imports-screen').waitFor();
});
