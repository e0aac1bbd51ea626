// E2E: «Импорт» — files picked on screen go up, a batch runs in the background, each file gets its result, and the journal keeps it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zipSync } from 'fflate';
import { startE2E, type E2E } from './harness';
import { ImportsPage } from './pages/ImportsPage';
import { addSystems } from '../helpers/systems';

let e: E2E;
let page: Page;

beforeAll(async () => {
  e = await startE2E();
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('a file of no known kind and a broken archive are each refused with a reason, and the journal lists the import', async () => {
  const imports = new ImportsPage(page);
  await imports.open();
  expect(await page.getByText('Импортов ещё не было').isVisible()).toBe(true);
  const zip = Buffer.from(zipSync({ 'notes.txt': Buffer.from('просто текст') }));
  await imports.importFiles([
    { name: 'отчёт.pdf', buffer: Buffer.from('%PDF-1.4 не наш файл') },
    { name: 'архив.zip', buffer: zip },
    { name: 'битый.zip', buffer: Buffer.concat([zip.subarray(0, 30), Buffer.alloc(40)]) },
  ]);
  expect(await imports.statusOf('отчёт.pdf')).toBe('unknown_format');
  expect(await imports.result('отчёт.pdf').textContent()).toContain('Неизвестный формат');
  expect(await imports.statusOf('архив.zip')).toBe('opened');
  expect(await imports.statusOf('notes.txt')).toBe('unknown_format');
  expect(await imports.statusOf('битый.zip')).toBe('malformed');
  await expect.poll(() => imports.journalRows().count(), { timeout: 5000 }).toBe(1);
  expect(await imports.journalRows().first().textContent()).toContain('Загрузка');

  // The same bytes again, under another name: already have it.
  await page.getByTestId('import-input').setInputFiles([{ name: 'копия.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 не наш файл') }]);
  await expect.poll(() => imports.statusOf('копия.pdf'), { timeout: 30_000 }).toBe('duplicate');
  expect(await imports.result('копия.pdf').textContent()).toContain('Уже загружен');
});

it('an administrator adds a watched folder; a folder the server cannot read is marked', async () => {
  await page.evaluate(`window.location.hash = '/settings/imports'`);
  await page.getByLabel('Папка на сервере').fill('/nonexistent/crm-e2e-folder');
  await page.getByRole('button', { name: 'Добавить папку' }).click();
  const row = page.getByTestId('import-folders').locator('tbody tr').first();
  await row.waitFor();
  expect(await row.textContent()).toContain('Сервер не может прочитать папку');
  await page.getByLabel('Папка на сервере').fill('relative/path');
  await page.getByRole('button', { name: 'Добавить папку' }).click();
  await page.getByText('Укажите полный путь к папке').waitFor();
});

it('a chat export is recognised by its content whatever its name, linked to the kit’s client, and refused as a duplicate the second time', async () => {
  await addSystems(e.api);
  const clientId = (await e.api('clients.create', { name: 'ООО «Восток-Транс»', city: 'Владивосток' })).id;
  await e.api('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 123, comp: 2, scheme: 'nss', schemeFrom: '2025-01-01' });
  const imports = new ImportsPage(page);
  await imports.open();
  const xml = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/chat/chats-2026-11.xml'));
  await imports.importFiles([{ name: 'выгрузка.dat', buffer: xml }]);
  expect(await imports.statusOf('выгрузка.dat')).toBe('applied');
  const row = await imports.result('выгрузка.dat').textContent();
  expect(row).toContain('Сессии Онлайн-диалога');
  const sessions = e.core.db.$client.prepare('SELECT client_id AS c, system_number AS s FROM chat_sessions ORDER BY start_at').all() as { c: number | null; s: number }[];
  expect(sessions[0]).toEqual({ c: clientId, s: 1 });
  // System 7 has no code in the catalogue: kept, listed as a problem of its record.
  expect(sessions.some((x) => x.s === 7 && x.c === null)).toBe(true);
  await imports.result('выгрузка.dat').getByRole('button', { name: /Замечания/ }).click();
  expect(await page.getByTestId('import-problems').textContent()).toContain('неизвестный номер системы');

  await imports.importFiles([{ name: 'ещё раз.xml', buffer: xml }]);
  await expect.poll(() => imports.statusOf('ещё раз.xml'), { timeout: 30_000 }).toBe('duplicate');
});
