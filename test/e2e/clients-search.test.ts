// E2E: the client list and the palette find what people type — a contact's surname, a phone fragment, words in any
// order — and say why each row matched; names sort without their legal form.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientsPage, CommandPaletteUi } from './pages/ClientsPage';

let e: E2E;
let page: Page;
let list: ClientsPage;
let ostrovId: number;
const pageErrors: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  ostrovId = (await e.api('clients.create', { name: 'ООО «Русский остров»', city: 'Владивосток', phones: [{ raw: '+7 (423) 347-25-03' }] })).id;
  await e.api('contacts.save', {
    clientId: ostrovId,
    fullName: 'Семёнова Ирина Петровна',
    position: 'Главный бухгалтер',
    roles: [],
    characteristics: [],
    phones: [],
    emails: [],
  });
  await e.api('clients.create', { name: 'АО «Яблоко»', city: 'Находка' });
  await e.api('clients.create', { name: 'ООО «Абрикос»', city: 'Артём' });
  page = await e.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  list = new ClientsPage(page);
  await e.login(page);
  await list.open();
}, 120_000);
afterAll(() => e?.close());

const matchedText = () => list.rows.first().getByTestId('matched').innerText();

it('finds a client by its contact’s surname (ё typed as е) and says which contact matched', async () => {
  await list.searchFor('семенова');
  expect(await list.rowNames()).toEqual(['ООО «Русский остров»']);
  expect(await matchedText()).toBe('Контакт: Семёнова И. П.');
  expect(await list.rows.first().getByTestId('matched').getAttribute('title')).toBe('Контакт: Семёнова Ирина Петровна, Главный бухгалтер');
  await e.screenshot(page, 'clients-search-contact');
  expect(pageErrors).toEqual([]);
});

it('finds a phone by a fragment in any spelling and words in any order without the legal form', async () => {
  for (const q of ['347 25 03', '(423) 347', '347-25-03']) {
    await list.searchFor(q);
    expect(await list.rowNames(), q).toEqual(['ООО «Русский остров»']);
    expect(await matchedText(), q).toBe('Телефон +7 (423) 347-25-03');
  }
  await list.searchFor('остров ООО рус');
  expect(await list.rowNames()).toEqual(['ООО «Русский остров»']);
  expect(await matchedText()).toBe('Наименование');
});

it('sorts names without their legal form, on the server and by the column header', async () => {
  await list.searchFor('');
  expect(await list.rowNames()).toEqual(['ООО «Абрикос»', 'ООО «Русский остров»', 'АО «Яблоко»']);
  await list.table.getByRole('button', { name: 'Наименование' }).click();
  expect(await list.rowNames()).toEqual(['ООО «Абрикос»', 'ООО «Русский остров»', 'АО «Яблоко»']);
  await list.table.getByRole('button', { name: 'Наименование' }).click();
  expect(await list.rowNames()).toEqual(['АО «Яблоко»', 'ООО «Русский остров»', 'ООО «Абрикос»']);
});

it('the palette shows the contact a client was found by', async () => {
  const palette = new CommandPaletteUi(page);
  await palette.open();
  await palette.input.pressSequentially('Семёнова И', { delay: 15 });
  await expect.poll(() => palette.clients.first().innerText()).toContain('Контакт: Семёнова Ирина Петровна');
  await page.keyboard.press('Enter');
  await list.waitForCard(ostrovId);
  expect(pageErrors).toEqual([]);
});
