// E2E: a head opens the НСС report for October, sees the client without contact in red, drills into a СИО and into a
// client's contacts, and opens the client's «НСС» tab from there.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addKcClient, addRecords } from '../nss/kc-data';

let e: E2E;
let page: Page;
let alpha: number;

beforeAll(async () => {
  e = await startE2E();
  const db = e.core.db;
  const sio1 = await e.employee('sio1', ['sio'], 'Петров Пётр');
  const sio2 = await e.employee('sio2', ['sio'], 'Сидорова Анна');
  await e.employee('head1', ['head'], 'Руководитель Отдела');
  alpha = addKcClient(db, { name: 'ООО Альфа', sioId: sio1, kits: [[['nss', '2026-01-01']]] }).id;
  addRecords(db, alpha, [
    { kind: 'gl_call', on: '2026-10-03' },
    { kind: 'pm_call', on: '2026-10-12' },
    { kind: 'sio_visit', on: '2026-10-24' },
  ]);
  addKcClient(db, { name: 'ООО Бета', sioId: sio1, kits: [[['nss', '2026-01-01']]] });
  addKcClient(db, { name: 'ООО Вега', sioId: sio2, kits: [[['nss', '2026-01-01'], ['standard', '2026-06-01']]] });
  page = await e.newPage();
  await e.login(page, 'head1', 'password-123');
});
afterAll(() => e?.close());

async function pick(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

it('shows October per client with the gap in red, drills into a СИО and a client, and opens the card', async () => {
  await page.goto(`${e.url}#/nss`);
  await page.getByTestId('nss-report').waitFor();
  await pick('nss-from', 'окт 26');
  await pick('nss-to', 'окт 26');
  await expect.poll(() => page.getByTestId('nss-row').count(), { timeout: 15_000 }).toBe(2);
  // Вега is standard since June: not a НСС client in October.
  const rows = page.getByTestId('nss-row');
  const beta = rows.filter({ hasText: 'ООО Бета' });
  expect(await beta.getAttribute('data-over-gap')).toBe('yes');
  const alphaRow = rows.filter({ hasText: 'ООО Альфа' });
  expect(await alphaRow.getAttribute('data-over-gap')).toBe('no');
  expect(await page.getByTestId('nss-totals').textContent()).toContain('Клиентов НСС: 2');
  // Nothing of the chat or question sources is loaded: the screen says why those columns read zero.
  expect(await page.getByTestId('nss-empty-sources').textContent()).toContain('сеансы онлайн-диалога ещё не загружались');
  await e.screenshot(page, 'nss-report');

  // Per СИО: Петров has both clients; his row opens them.
  await page.getByTestId('nss-group').getByText('По СИО').click();
  const petrov = page.getByTestId('nss-staff-row').filter({ hasText: 'Петров Пётр' });
  await petrov.waitFor();
  expect(await petrov.locator('td').nth(1).textContent()).toBe('2');
  expect(await petrov.locator('td').nth(2).textContent()).toBe('3');
  await petrov.click();
  await page.getByTestId('nss-back').waitFor();
  await expect.poll(() => page.getByTestId('nss-row').count(), { timeout: 15_000 }).toBe(2);

  // A client's contacts, every source, and the way to the card.
  await page.getByTestId('nss-row').filter({ hasText: 'ООО Альфа' }).click();
  const drawer = page.getByTestId('nss-contacts-table');
  await drawer.waitFor();
  expect(await drawer.locator('tbody tr').count()).toBe(3);
  expect(await drawer.textContent()).toContain('Звонок на ГЛ');
  await page.getByTestId('nss-open-card').click();
  await expect.poll(() => page.evaluate('window.location.hash'), { timeout: 15_000 }).toBe(`#/clients/${alpha}/nss`);
  await page.getByTestId('nss-records-table').waitFor();
  expect(await page.getByTestId('nss-records-table').locator('tbody tr').count()).toBe(3);

  // The plan is a setting: with a 40-day gap allowed, Бета's 31 days are no longer red.
  await page.goto(`${e.url}#/settings/nss`);
  const gap = page.getByTestId('nss-setting-nssGap');
  await gap.waitFor();
  await gap.fill('40');
  await page.getByTestId('nss-settings-save').click();
  await expect.poll(() => e.api('nss.settings.get', {}).then((s) => s.plans.nss.maxGapDays), { timeout: 15_000 }).toBe(40);
  await page.goto(`${e.url}#/nss`);
  await page.getByTestId('nss-report').waitFor();
  await pick('nss-from', 'окт 26');
  await pick('nss-to', 'окт 26');
  await expect.poll(() => page.getByTestId('nss-row').filter({ hasText: 'ООО Бета' }).getAttribute('data-over-gap'), { timeout: 15_000 }).toBe('no');
  // Two months: the chart by month arrives after the page, from its own call.
  await pick('nss-from', 'сен 26');
  await page.getByTestId('nss-chart').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('nss-chart').textContent()).toContain('окт');
});
