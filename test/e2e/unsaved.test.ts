// E2E: nothing typed is lost — leaving a card with unsaved edits by the rail, the palette, a reload asks first; a save does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientCardPage } from './pages/ClientCardPage';

let e: E2E;
let page: Page;
let card: ClientCardPage;

beforeAll(async () => {
  e = await startE2E();
  page = await e.newPage();
  await e.login(page);
  card = new ClientCardPage(page);
});
afterAll(() => e?.close());

const question = () => page.getByText('Уйти без сохранения?');

describe('unsaved edits guard', () => {
  it('asks before the rail, the palette or a reload drops typed edits; keeps them when the user stays', async () => {
    const { id } = await e.api('clients.create', { name: 'ООО «Черновик»' });
    await card.open(id, 'general');
    const name = page.getByTestId('general-name');
    await name.fill('ООО «Черновик 2»');

    // The rail.
    await page.getByTestId('nav-tasks').click();
    await question().waitFor();
    await page.getByTestId('leave-stay').click();
    await question().waitFor({ state: 'detached' });
    expect(card.hash()).toBe(`#/clients/${id}/general`);
    expect(await name.inputValue()).toBe('ООО «Черновик 2»');

    // The palette.
    await page.keyboard.press('ControlOrMeta+k');
    await page.getByTestId('palette-input').fill('Клиенты');
    await page.getByTestId('palette-command-clients').click();
    await question().waitFor();
    await page.getByTestId('leave-stay').click();
    await question().waitFor({ state: 'detached' });
    expect(card.hash()).toBe(`#/clients/${id}/general`);
    expect(await name.inputValue()).toBe('ООО «Черновик 2»');

    // A reload (closing the window is the same event): the browser asks; staying keeps the text.
    const asked = page.waitForEvent('dialog');
    void page.evaluate('location.reload()').catch(() => undefined);
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await page.waitForTimeout(300);
    expect(await name.inputValue()).toBe('ООО «Черновик 2»');

    // Agreeing leaves, and nothing was saved.
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('leave-confirm').click();
    await expect.poll(() => card.hash()).toBe('#/tasks');
    expect((await e.api('clients.get', { id })).client.name).toBe('ООО «Черновик»');
  });

  it('asks on the browser\'s Back too: staying keeps the page and the text, agreeing goes back', async () => {
    const { id } = await e.api('clients.create', { name: 'ООО «Назад»' });
    await page.goto(`${page.url().split('#')[0]}#/tasks`);
    await page.getByTestId('nav-tasks').waitFor();
    await card.open(id, 'general');
    const name = page.getByTestId('general-name');
    await name.fill('ООО «Назад 2»');

    await page.evaluate('history.back()');
    await question().waitFor();
    expect(card.hash()).toBe(`#/clients/${id}/general`);
    await page.getByTestId('leave-stay').click();
    await question().waitFor({ state: 'detached' });
    expect(card.hash()).toBe(`#/clients/${id}/general`);
    expect(await name.inputValue()).toBe('ООО «Назад 2»');

    await page.evaluate('history.back()');
    await page.getByTestId('leave-confirm').click();
    await expect.poll(() => card.hash()).toBe('#/tasks');
    expect((await e.api('clients.get', { id })).client.name).toBe('ООО «Назад»');
  });

  it('keys typed while a save is on its way are kept, not replaced by the saved card', async () => {
    const { id } = await e.api('clients.create', { name: 'ООО «В пути»' });
    await card.open(id, 'general');
    const city = page.getByTestId('general-city');
    await city.fill('Находка');
    // Hold the save's answer until the user has typed on: the server has stored «Находка», the screen does not know yet.
    let answered!: () => void;
    const delivered = new Promise<void>((resolve) => (answered = resolve));
    // The order that once lost the typed key or asked about it: the server stores the save and pushes the change; the
    // user types on; the saved card (reloaded by the push) reaches the screen; only then the save's own answer arrives.
    let typed!: () => void;
    const userTyped = new Promise<void>((resolve) => (typed = resolve));
    let saving = false;
    await page.route('**/api/clients.get', async (get) => {
      if (saving) await userTyped;
      await get.continue();
    });
    await page.route(
      '**/api/clients.update',
      async (route) => {
        saving = true;
        const reloaded = page.waitForResponse((r) => r.url().endsWith('/api/clients.get'));
        const answer = await route.fetch();
        await city.fill('Артём');
        typed();
        await reloaded;
        await page.waitForTimeout(100);
        await route.fulfill({ response: answer });
        answered();
      },
      { times: 1 },
    );
    await card.saveGeneral();
    await delivered;
    await page.unroute('**/api/clients.get');
    expect((await e.api('clients.get', { id })).client.city).toBe('Находка');
    // The saved card comes back (the reload after the save, the push): the typed «Артём» stays and still counts as unsaved.
    await page.waitForTimeout(1500);
    expect(await city.inputValue()).toBe('Артём');
    expect(await page.getByTestId('general-clashes').count()).toBe(0);
    await page.getByTestId('nav-tasks').click();
    await question().waitFor();
    await page.getByTestId('leave-stay').click();
    await card.saveGeneral();
    await expect.poll(async () => (await e.api('clients.get', { id })).client.city).toBe('Артём');
  });

  it('does not ask once the edits are saved, nor when switching the card tabs', async () => {
    const { id } = await e.api('clients.create', { name: 'ООО «Сохранено»' });
    await card.open(id, 'general');
    await page.getByTestId('general-name').fill('ООО «Сохранено 2»');
    await card.tab('Контакты');
    expect(await question().count()).toBe(0);
    await card.tab('Общие');
    await card.saveGeneral();
    await expect.poll(async () => (await e.api('clients.get', { id })).client.name).toBe('ООО «Сохранено 2»');
    await page.getByTestId('nav-tasks').click();
    await expect.poll(() => card.hash()).toBe('#/tasks');
    expect(await question().count()).toBe(0);
  });
});
