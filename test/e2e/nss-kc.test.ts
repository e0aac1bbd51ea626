// E2E: a head builds October's НСС report to the КЦ, sees the differences from September's saved report, saves it, finds it in the archive and downloads it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addKcClient, addRecords, INNS } from '../nss/kc-data';

let e: E2E;
let page: Page;

beforeAll(async () => {
  e = await startE2E(); // today 2026-11-27: the screen proposes October
  const db = e.core.db;
  const sio = await e.employee('sio1', ['sio'], 'Петров Пётр');
  await e.employee('head1', ['head'], 'Руководитель Отдела');
  const a = addKcClient(db, { name: 'ООО Альфа', inn: INNS[0], kpp: '773601001', sioId: sio, kits: [[['nss', '2026-01-01']]] });
  addRecords(db, a.id, [{ kind: 'gl_call', on: '2026-09-10' }]);
  addRecords(db, a.id, [{ kind: 'gl_call', on: '2026-10-05', count: 4 }]);
  addKcClient(db, { name: 'ООО Гамма', inn: INNS[4], kpp: '774001001', sioId: sio, kits: [[['nss', '2026-01-01'], ['standard', '2026-10-10']]] });
  addKcClient(db, { name: 'ООО Вега', inn: INNS[3], kpp: '772801001', sioId: sio, kits: [[['standard', '2026-01-01'], ['nss', '2026-10-20']]] });
  await e.api('nss.kc.save', { month: '2026-09' });
  page = await e.newPage();
  await e.login(page, 'head1', 'password-123');
});
afterAll(() => e?.close());

it('builds the month, shows the differences from last month, saves it, finds it in the archive and downloads it', async () => {
  await page.goto(`${e.url}#/nss/kc`);
  await page.getByTestId('kc-archive-row').first().waitFor();
  expect(await page.getByTestId('kc-month').inputValue()).toBe('Октябрь 2026');
  expect(await page.getByTestId('kc-save').isDisabled()).toBe(true);
  await page.getByTestId('kc-build').click();
  await page.getByTestId('kc-ok').waitFor();
  expect(await page.getByTestId('kc-row').allTextContents()).toHaveLength(2);
  expect(await page.getByTestId('kc-diff-tab-added').textContent()).toBe('Новые (1)');
  expect(await page.getByTestId('kc-diff-tab-gone').textContent()).toBe('Выбыли (1)');
  expect(await page.getByTestId('kc-diff-tab-changed').textContent()).toBe('Большие изменения (2)');
  expect(await page.getByTestId('kc-diff-added').textContent()).toContain('ООО Вега');
  await page.getByTestId('kc-diff-tab-gone').click();
  expect(await page.getByTestId('kc-diff-gone').textContent()).toContain('ООО Гамма');
  await page.getByTestId('kc-diff-tab-changed').click();
  expect(await page.getByTestId('kc-diff-changed').textContent()).toContain('Обращений на ГЛ14');
  await e.screenshot(page, 'nss-kc-preview');

  // Ctrl+Enter saves.
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('kc-saved').waitFor();
  await expect.poll(() => page.getByTestId('kc-archive-row').count(), { timeout: 15_000 }).toBe(2);
  const first = await page.getByTestId('kc-archive-row').first().textContent();
  expect(first).toContain('Октябрь 2026');
  expect(first).toContain('Руководитель Отдела');
  expect(first).toContain('Последний');
  await page.getByTestId('kc-archive-open').first().click();
  const opened = page.getByTestId('kc-archive-open-report');
  await expect.poll(() => opened.textContent(), { timeout: 15_000 }).toContain('ООО Альфа');
  expect(await opened.getByTestId('kc-diff-tab-added').textContent()).toBe('Новые (1)');
  await e.screenshot(page, 'nss-kc-archive');

  // The file downloads byte for byte as kept, and «Скачать» in the archive saves it under its name.
  const [saved] = await e.api('nss.kc.list', {});
  const res = await fetch(`${e.url}files/nss-kc/${saved!.id}`, { headers: { Authorization: `Bearer ${e.adminToken}` } });
  expect(res.status).toBe(200);
  const kept = e.core.db.$client.prepare('SELECT content FROM nss_kc_reports WHERE id = ?').get(saved!.id) as { content: Buffer };
  expect(Buffer.from(await res.arrayBuffer()).equals(kept.content)).toBe(true);
  const download = page.waitForEvent('download');
  await page.getByTestId('kc-archive-download').first().click();
  expect((await download).suggestedFilename()).toBe(saved!.fileName);
});
