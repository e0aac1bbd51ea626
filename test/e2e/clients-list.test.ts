// E2E: the client list (search by ИНН and distribution, keyboard, filters, virtualisation), the Ctrl+K palette, and «Новый клиент».
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addSystems } from '../helpers/systems';
import { ClientsPage, CommandPaletteUi, NewClientDialogUi } from './pages/ClientsPage';

/** A valid 10-digit ИНН from 9 digits (published check digit), so test data passes the server's check. */
function inn10(base9: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * Number(base9[i]), 0);
  return base9 + ((sum % 11) % 10);
}

const ROMASHKA_INN = inn10('253600112');
const BULK = 520;

let e: E2E;
let page: Page;
let list: ClientsPage;
let romashkaId: number;
let vasilekId: number;
/** Uncaught errors in the page: a crashed React tree shows a blank screen, so any is a failure. */
const pageErrors: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  const sio = await e.employee('petrov', ['sio'], 'Петров Пётр Ильич');
  romashkaId = (
    await e.api('clients.create', {
      name: 'ООО «Ромашка-Север»',
      inn: ROMASHKA_INN,
      kpp: '253601001',
      city: 'Владивосток',
      status: 'active',
      sioId: sio,
      phones: [{ raw: '8 423 222-33-44' }],
    })
  ).id;
  await addSystems(e.api);
  await e.api('distributions.save', { clientId: romashkaId, systemCode: 'SKJP', distrNumber: 123, comp: 2, scheme: 'nss' });
  await e.api('distributions.save', { clientId: romashkaId, systemCode: 'BUHS', distrNumber: 5550, scheme: 'standard' });
  await e.api('clients.setKey', { id: romashkaId, isKey: true, responsibleId: sio });
  for (const [fieldCode, value] of [
    ['org_name', 'ООО «Ромашка-Север»'],
    ['phone', '+7 (423) 222-33-44'],
    ['head_fio', 'Иванова Анна Петровна'],
  ] as const)
    await e.api('readiness.confirm', { clientId: romashkaId, fieldCode, value });

  vasilekId = (await e.api('clients.create', { name: 'АО Василёк', inn: inn10('253600113'), city: 'Находка', status: 'prospect' })).id;
  // The same number in another system and computer: only the spelled-out code must pick Ромашка.
  await e.api('distributions.save', { clientId: vasilekId, systemCode: 'SKJP', distrNumber: 123, comp: 1 });
  await e.api('distributions.save', { clientId: vasilekId, systemCode: 'BUHS', distrNumber: 123, comp: 2 });

  for (let i = 1; i <= BULK; i++) {
    const d = String(i).padStart(7, '0');
    await e.api('clients.create', {
      name: `Тестовая организация ${String(i).padStart(4, '0')}`,
      city: i % 3 ? 'Уссурийск' : 'Артём',
      status: i % 5 ? 'active' : 'suspended',
      phones: [{ raw: `+7 914 ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}` }],
    });
  }

  page = await e.newPage();
  // A failing step should say which one it was rather than run into the test's own timeout.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  list = new ClientsPage(page);
  await e.login(page);
  await list.open();
}, 120_000);
afterAll(() => e?.close());

// Each test starts from the list as a newcomer sees it (no saved filters, nothing typed), whatever the one before did.
beforeEach(async () => {
  await page.evaluate(`Object.keys(localStorage).filter((k) => k.startsWith('crm.clients.filters.')).forEach((k) => localStorage.removeItem(k))`);
  await page.reload();
  await list.open();
  await list.searchFor('');
});
// No test may leave an uncaught error in the page.
afterEach(() => {
  const errors = pageErrors.splice(0);
  expect(errors).toEqual([]);
});

it('shows the first 500 clients virtualised, dense and scrollable by keyboard', async () => {
  await expect.poll(() => list.count.innerText()).toContain('Показаны первые 500 — уточните запрос');
  const rendered = await list.rows.count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(100); // 500 loaded, only the visible window is in the DOM
  await e.screenshot(page, 'clients-list');

  await list.table.focus();
  await page.keyboard.press('End');
  await expect.poll(() => list.selectedRow.getAttribute('data-index')).toBe('499');
  await expect.poll(() => list.selectedRow.isVisible()).toBe(true);
  await page.keyboard.press('Home');
  await expect.poll(() => list.selectedRow.getAttribute('data-index')).toBe('0');
});

it('finds a client by ИНН and opens it with Enter; back returns to the same search', async () => {
  await page.keyboard.press('/');
  await expect.poll(() => list.focusedTestId()).toBe('clients-search');
  await list.searchFor(ROMASHKA_INN);
  expect(await list.rowNames()).toEqual([expect.stringContaining('Ромашка-Север')]);
  expect(await list.count.innerText()).toBe('Найдено: 1');
  const row = list.rows.first();
  expect(await row.innerText()).toContain('Ключевой');
  expect(await row.innerText()).toContain('Смешанная');
  expect(await row.innerText()).toContain('Обзвонка');
  expect(await row.innerText()).toContain('+7 (423) 222-33-44');
  await e.screenshot(page, 'clients-search-inn');

  await page.keyboard.press('Enter');
  await list.waitForCard(romashkaId);
  await page.goBack();
  await list.search.waitFor();
  expect(await list.search.inputValue()).toBe(ROMASHKA_INN);
  await list.settled();
  expect(await list.selectedId()).toBe(romashkaId);

  await list.search.focus();
  await page.keyboard.press('Escape');
  expect(await list.search.inputValue()).toBe('');
  await list.settled();
  expect(await list.count.innerText()).toContain('Показаны первые 500');
});

it('finds a client by distribution in two spellings and shows what matched', async () => {
  for (const spelling of ['SKJP_000123_02', 'SKJP 123-2']) {
    await list.searchFor(spelling);
    expect(await list.rowNames()).toEqual([expect.stringContaining('Ромашка-Север')]);
    expect(await list.rows.first().getByTestId('matched').innerText()).toBe('Дистрибутив SKJP_000123_02');
  }
  await e.screenshot(page, 'clients-search-distr');
  // The bare number finds every client with it, each with its own code.
  await list.searchFor('SKJP 123');
  expect((await list.rowNames()).length).toBe(2);
  await list.searchFor('Ромашка');
  await page.keyboard.press('Enter');
  await list.waitForCard(romashkaId);
  await list.open();
});

it('moves the selection with the arrow keys and opens the selected row; a click opens too', async () => {
  await list.searchFor('тестовая организация 00');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => list.selectedRow.getAttribute('data-index')).toBe('2');
  const id = await list.selectedId();
  expect(await list.selectedRow.innerText()).toContain('Тестовая организация 0003');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => list.selectedRow.getAttribute('data-index')).toBe('1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await list.waitForCard(id);

  await list.open();
  await list.searchFor('Василёк');
  await list.rows.first().click();
  await list.waitForCard(vasilekId);
  await list.open();
});

it('never lets an older, slower answer replace the answer to what is typed now', async () => {
  await list.open();
  const SLOW = 'Тестовая';
  const isSlow = (body: string | null) => (JSON.parse(body ?? '{}') as { query?: string }).query === SLOW;
  // Network delay on the server's answer to the first query only (the app itself is not touched).
  await page.route('**/api/clients.search', async (route) => {
    if (isSlow(route.request().postData())) await new Promise((r) => setTimeout(r, 1200));
    await route.continue();
  });
  try {
    const slowRequest = page.waitForRequest((r) => r.url().endsWith('/api/clients.search') && isSlow(r.postData()));
    const slowResponse = page.waitForResponse((r) => r.url().endsWith('/api/clients.search') && isSlow(r.request().postData()));
    await list.search.fill(SLOW);
    await slowRequest;
    await list.search.fill('Василёк');
    await list.settled();
    expect(await list.rowNames()).toEqual(['АО Василёк']);
    await slowResponse;
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    expect(await list.rowNames()).toEqual(['АО Василёк']);
    expect(await list.count.innerText()).toBe('Найдено: 1');
  } finally {
    await page.unroute('**/api/clients.search');
  }
});

it('keeps filters per user across a reload, and says what to do when nothing matches', async () => {
  await list.searchFor('');
  await page.getByLabel('Только ключевые').check();
  await list.settled();
  await expect.poll(() => list.count.innerText()).toBe('Найдено: 1');
  await page.reload();
  await list.search.waitFor();
  await list.settled();
  expect(await page.getByLabel('Только ключевые').isChecked()).toBe(true);
  expect(await list.rowNames()).toEqual([expect.stringContaining('Ромашка-Север')]);

  await list.searchFor('Василёк');
  await expect.poll(() => list.empty.innerText()).toContain('никого не нашли');
  expect(await list.empty.innerText()).toContain('фильтр');
  await list.empty.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await list.settled();
  expect(await list.rowNames()).toEqual([expect.stringContaining('Василёк')]);
  const me = await e.api('auth.me', {});
  expect(await page.evaluate(`Object.keys(localStorage).filter((k) => k.startsWith('crm.clients.filters.'))`)).toEqual([`crm.clients.filters.u${me.id}`]);
});

it('the Ctrl+K palette finds a client by a name fragment in another case and opens it with Enter', async () => {
  const palette = new CommandPaletteUi(page);
  await palette.open();
  await palette.input.pressSequentially('рОМАШКА-с', { delay: 15 });
  await expect.poll(() => palette.clients.first().innerText()).toContain('Ромашка-Север');
  await e.screenshot(page, 'palette-client');
  await page.keyboard.press('Enter');
  await list.waitForCard(romashkaId);

  // A distribution typed in the palette shows the code it matched.
  await palette.open();
  await palette.input.pressSequentially('SKJP 123-2', { delay: 15 });
  await expect.poll(() => palette.clients.first().innerText()).toContain('SKJP_000123_02');
  await page.keyboard.press('Escape');
  await palette.input.waitFor({ state: 'hidden' });
  expect(await list.routeClientId()).toBe(romashkaId);

  // Commands are found by name; Enter runs them.
  await palette.open();
  await palette.input.pressSequentially('клиенты', { delay: 15 });
  await page.getByTestId('palette-command-clients').waitFor();
  await page.keyboard.press('Enter');
  await list.search.waitFor();
  await palette.input.waitFor({ state: 'hidden' });
  expect(await list.hash()).toBe('#/clients');
});

it('refuses an invalid ИНН next to the field with nothing saved, then creates the client and opens its card', async () => {
  await list.open();
  await page.keyboard.press('Alt+N');
  const dialog = new NewClientDialogUi(page);
  await dialog.dialog.waitFor();
  await dialog.field('Наименование').fill('ООО «Проверка ИНН»');
  await dialog.field('ИНН').pressSequentially('7707083894', { delay: 10 });
  // Validated as typed, before leaving the field or saving.
  await expect.poll(() => dialog.fieldError('ИНН')).toContain('контрольная сумма');
  await dialog.field('КПП').fill('77070100');
  await dialog.field('КПП').blur();
  await expect.poll(() => dialog.fieldError('КПП')).toBe('КПП должен содержать 9 символов');
  await e.screenshot(page, 'new-client-invalid');
  await dialog.submit();
  await expect.poll(() => dialog.fieldError('ИНН')).toContain('контрольная сумма');
  expect(await dialog.dialog.isVisible()).toBe(true);
  expect((await e.api('clients.search', { query: 'Проверка ИНН' })).total).toBe(0);

  await dialog.field('ИНН').fill('7707083893');
  await dialog.field('КПП').fill('770701001');
  await dialog.field('Телефоны').fill('(423) 240-11-22');
  await expect.poll(() => dialog.fieldError('ИНН')).toBeNull();
  await dialog.submit();
  await expect.poll(() => list.routeClientId()).not.toBeNull();
  const created = await e.api('clients.search', { query: '7707083893' });
  expect(created.items.map((c) => [c.id, c.name, c.phone])).toEqual([[await list.routeClientId(), 'ООО «Проверка ИНН»', '+7 (423) 240-11-22']]);
});
