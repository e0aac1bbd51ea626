// E2E: a client's USR proof on the card (with the stale warning), the list filter «нет обновлений N дней» finding it, the file downloaded, the USR settings tab.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientsPage } from './pages/ClientsPage';
import { UsrCardPage, UsrSettingsPage } from './pages/UsrCardPage';
import { UsrPage } from './pages/UsrPage';
import { addSystems } from '../helpers/systems';
import { updateDates } from '../helpers/usr-gen';
import { usrBytes, type GenUsr } from '../helpers/usr-gen';
import type { UploadedFile } from '../../src-shared/imports';

let e: E2E;
let page: Page;
let stale: { clientId: number; distributionId: number; file: { usrFileId: number; bytes: Buffer; name: string } };

/** Imports generated USR files as a person would: uploaded to the store, a batch started, the import job runs it. */
async function importUsr(files: { name: string; g: GenUsr }[]): Promise<Map<string, { usrFileId: number; bytes: Buffer }>> {
  const uploaded: { sha256: string; name: string; bytes: Buffer }[] = [];
  for (const f of files) {
    const bytes = usrBytes(f.g);
    const res = await fetch(`${e.url}upload/imports?name=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { Authorization: `Bearer ${e.adminToken}` }, body: bytes });
    const up = (await res.json()) as { ok: true; data: UploadedFile };
    uploaded.push({ sha256: up.data.sha256, name: f.name, bytes });
  }
  const { batchId } = await e.api('imports.start', { files: uploaded.map(({ sha256, name }) => ({ sha256, name })) });
  // Runs in beforeAll (no expect.poll there): wait for the job by hand.
  let detail = await e.api('imports.batch', { id: batchId });
  for (const until = Date.now() + 30_000; detail.state !== 'done' && Date.now() < until; detail = await e.api('imports.batch', { id: batchId })) await new Promise((r) => setTimeout(r, 100));
  if (detail.results.some((r) => r.status !== 'stored')) throw new Error(`USR import: ${JSON.stringify(detail.results.map((r) => [r.name, r.status]))}`);
  const out = new Map<string, { usrFileId: number; bytes: Buffer }>();
  for (const u of uploaded) {
    const row = e.core.db.$client.prepare('SELECT f.id FROM usr_files f JOIN import_files i ON i.id = f.file_id WHERE i.sha256 = ?').get(u.sha256) as { id: number };
    out.set(u.name, { usrFileId: row.id, bytes: u.bytes });
  }
  return out;
}

beforeAll(async () => {
  e = await startE2E();
  await addSystems(e.api);
  // Files imported through the real intake; dates relative to the server's today.
  const today = e.today();
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const north = (await e.api('clients.create', { name: 'ООО «Север-USR»' })).id;
  const distributionId = (await e.api('distributions.save', { clientId: north, systemCode: 'SKJP', distrNumber: 4242 })).id;
  await e.api('distributions.save', { clientId: north, systemCode: 'BUHS', distrNumber: 4243 });
  const south = (await e.api('clients.create', { name: 'ООО «Юг-USR»' })).id;
  await e.api('distributions.save', { clientId: south, systemCode: 'SKJP', distrNumber: 5252 });
  const files = await importUsr([
    { name: 'CONS#1_север.usr', g: { kits: [{ code: 'SKJP', number: 1, distr: 4242 }], banks: [{ code: 'LAW', name: 'Законодательство', updates: updateDates(daysAgo(26), 10), docs: 1225 }] } },
    { name: 'CONS#1_юг.usr', g: { kits: [{ code: 'SKJP', number: 1, distr: 5252 }], banks: [{ code: 'LAW', updates: [daysAgo(2)] }] } },
  ]);
  stale = { clientId: north, distributionId, file: { ...files.get('CONS#1_север.usr')!, name: 'CONS#1_север.usr' } };
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

it('downloads the same file from the «USR-файлы» side panel', async () => {
  const usr = new UsrPage(page);
  await usr.open();
  await usr.rows().filter({ hasText: 'Север-USR' }).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), usr.panel().getByTestId('usr-file-download').click()]);
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
