// E2E: a client's USR proof on the card (with the stale warning), the list filter «нет обновлений N дней» finding it, the file downloaded, the USR settings tab.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientsPage } from './pages/ClientsPage';
import { UsrCardPage, UsrSettingsPage } from './pages/UsrCardPage';
import { addSystems } from '../helpers/systems';
import { updateDates } from '../helpers/usr-gen';
import { putUsr, type StoredUsr } from '../usr-card/usr-rows';

let e: E2E;
let page: Page;
let stale: { clientId: number; distributionId: number; file: StoredUsr };

beforeAll(async () => {
  e = await startE2E();
  await addSystems(e.api);
  // Rows as the USR intake writes them (SQL until the intake lands); dates relative to the server's today.
  const today = e.today();
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const north = (await e.api('clients.create', { name: 'ООО «Север-USR»' })).id;
  const distributionId = (await e.api('distributions.save', { clientId: north, systemCode: 'SKJP', distrNumber: 4242 })).id;
  await e.api('distributions.save', { clientId: north, systemCode: 'BUHS', distrNumber: 4243 });
  const file = putUsr(e.core.db, { kits: [{ code: 'SKJP', number: 1, distr: 4242 }], banks: [{ code: 'LAW', name: 'Законодательство', updates: updateDates(daysAgo(26), 10), docs: 1234 }] }, { name: 'CONS#1_север.usr' });
  stale = { clientId: north, distributionId, file };
  const south = (await e.api('clients.create', { name: 'ООО «Юг-USR»' })).id;
  await e.api('distributions.save', { clientId: south, systemCode: 'SKJP', distrNumber: 5252 });
  putUsr(e.core.db, { kits: [{ code: 'SKJP', number: 1, distr: 5252 }], banks: [{ code: 'LAW', updates: [daysAgo(2)] }] });
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('shows the USR section with the warning for a kit that stopped updating, and a kit without files says so', async () => {
  const usr = new UsrCardPage(page);
  await usr.open(stale.clientId);
  expect(await usr.tabBadge.textContent()).toBe('1');
  const d = usr.distribution(stale.distributionId);
  expect(await d.getByTestId('usr-stale').textContent()).toMatch(/старше 14\s+дней/);
  expect(await d.getByTestId('usr-age').textContent()).toMatch(/26\s+дней назад/);
  const banks = await d.getByTestId('usr-banks').textContent();
  expect(banks).toContain('LAW');
  expect(banks).toContain('Законодательство');
  expect(banks).toContain('1234');
  expect(await d.textContent()).toContain('CONS#1_север.usr');
  expect(await usr.section.getByTestId('usr-no-files').count()).toBe(1);
  await e.screenshot(page, 'usr-card');
});

it('downloads the stored file byte for byte', async () => {
  const usr = new UsrCardPage(page);
  const download = await usr.download(stale.file.usrFileId);
  expect(download.suggestedFilename()).toBe('CONS#1_север.usr');
  expect(fs.readFileSync((await download.path())!).equals(stale.file.bytes)).toBe(true);
});

it('the client list filter «нет обновлений N дней» finds the client and not the fresh one', async () => {
  const list = new ClientsPage(page);
  await list.open();
  await page.getByRole('combobox', { name: 'USR', exact: true }).click();
  await page.getByRole('option', { name: 'Нет обновлений N дней' }).click();
  await list.settled();
  await expect.poll(() => list.rowNames()).toEqual(['ООО «Север-USR»']);
  // «нет ни одного USR»: the second kit of Север has no file.
  await page.getByRole('combobox', { name: 'USR', exact: true }).click();
  await page.getByRole('option', { name: 'Нет ни одного USR' }).click();
  await list.settled();
  await expect.poll(() => list.rowNames()).toEqual(['ООО «Север-USR»']);
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await list.settled();
});

it('the USR settings tab shows the storage used', async () => {
  const settings = new UsrSettingsPage(page);
  await settings.open();
  expect(await settings.storage.textContent()).toMatch(/^2 файла, занято \d+ КБ/);
  expect(await page.getByTestId('usr-stale-days').inputValue()).toBe('14');
});
