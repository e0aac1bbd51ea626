// E2E: a certificate added on the card shows as a badge in the header and the list; the same number on another client names the holder with a working link; the list filter «истекает в течение N дней».
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientsPage } from './pages/ClientsPage';
import { GbCardPage } from './pages/GbCardPage';

let e: E2E;
/** Row names without the Главбух badge that stands beside them. */
const names = async (list: ClientsPage) => (await list.rowNames()).map((n) => n.replace(/\s*Главбух[\s\S]*$/, ''));
let page: Page;
let holderId: number;
let otherId: number;
let soonId: number;
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  e = await startE2E();
  holderId = (await e.api('clients.create', { name: 'ООО «Ромашка-ГБ»' })).id;
  otherId = (await e.api('clients.create', { name: 'ООО «Лютик-ГБ»' })).id;
  soonId = (await e.api('clients.create', { name: 'ООО «Скоро-ГБ»' })).id;
  await e.api('glavbukh.certificates.save', { clientId: soonId, programme: 'GB', number: 'GB-SOON-1', validUntil: plusDays(e.today(), 10), status: 'certified' });
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('adds a certificate on the card: the history row, the header badge', async () => {
  const gb = new GbCardPage(page);
  await gb.open(holderId);
  await expect.poll(() => page.getByTestId('gb-empty').count()).toBe(1);
  await gb.fill('GB-2027-0001', '31.12.2027', '01.01.2027');
  await gb.save();
  await gb.history.waitFor();
  expect(await gb.history.textContent()).toContain('GB-2027-0001');
  await expect.poll(() => gb.headerBadge.textContent()).toBe('Главбух: сертифицирован до 31.12.2027');
  await e.screenshot(page, 'glavbukh-card');
});

it('shows the badge in the client list', async () => {
  const list = new ClientsPage(page);
  await list.open();
  await list.searchFor('Ромашка-ГБ');
  // Beside the name until the employee chooses the «Главбух» column.
  await expect.poll(() => list.rows.first().getByTestId('gb-in-name').textContent()).toBe('Главбух до 31.12.2027');
  expect(await list.rows.first().locator('[data-testid="gb-badge"]').getAttribute('title')).toBe('Главбух: сертифицирован до 31.12.2027, № GB-2027-0001');
  await list.searchFor('Скоро-ГБ');
  await expect.poll(() => list.rows.first().getByTestId('gb-in-name').getByTestId('gb-badge').getAttribute('data-state')).toBe('expiring');
  await list.search.fill('');
  await list.settled();
});

it('refuses the same number on another client, naming the holder with a link to its card', async () => {
  const gb = new GbCardPage(page);
  await gb.open(otherId);
  await gb.fill(' gb-2027-0001 ', '31.12.2027');
  await gb.save();
  await expect.poll(() => gb.holder.textContent()).toBe('Номер уже у клиента «ООО «Ромашка-ГБ»»');
  const href = await gb.holder.getByTestId('gb-holder-link').getAttribute('href');
  expect(href).toBe(`#/clients/${holderId}/glavbukh`);
  await gb.cancel();
  expect(await page.getByTestId('gb-empty').count()).toBe(1);
  // The link opens the holder's card on its «Главбух» tab.
  await page.evaluate(`window.location.hash = '${href!.slice(1)}'`);
  await gb.section.waitFor();
  expect(await page.getByTestId('card-name').textContent()).toBe('ООО «Ромашка-ГБ»');
  expect(await gb.history.textContent()).toContain('GB-2027-0001');
});

it('filters the list by «истекает в течение N дней»', async () => {
  const list = new ClientsPage(page);
  await list.open();
  await page.getByRole('combobox', { name: 'Главбух', exact: true }).click();
  await page.getByRole('option', { name: 'Истекает в течение N дней' }).click();
  await list.settled();
  await expect.poll(() => names(list)).toEqual(['ООО «Скоро-ГБ»']);
  expect(await page.getByTestId('gb-filter-days').inputValue()).toBe('30 дн.');
  // Nine days: the one ending in ten days drops out.
  await page.getByTestId('gb-filter-days').fill('9');
  await list.settled();
  await expect.poll(() => names(list)).toEqual([]);
  await page.getByRole('combobox', { name: 'Главбух', exact: true }).click();
  await page.getByRole('option', { name: 'Сертифицирован' }).click();
  await list.settled();
  await expect.poll(async () => (await names(list)).sort()).toEqual(['ООО «Ромашка-ГБ»', 'ООО «Скоро-ГБ»']);
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await list.settled();
});
