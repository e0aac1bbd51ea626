// E2E: a seminar is created, a client's contact registered and ticked «Пришёл», which the client's «НСС» tab shows; a cycle proposed from a specification is saved and renewed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import type { TestEnv } from '../helpers/core';
import { seedContractSet, seedDocClient } from '../documents/fixtures';
import { NssTabPage, SeminarsPage } from './pages/NssServicePage';

let e: E2E;
let page: Page;
let clientId: number;

beforeAll(async () => {
  e = await startE2E();
  // The documents fixtures arrange through `admin` only.
  const env = { admin: e.api } as unknown as TestEnv;
  const dc = await seedDocClient(env);
  clientId = dc.clientId;
  await e.api('contacts.save', { clientId, fullName: 'Семёнова Ольга Петровна' });
  await seedContractSet(env, dc, e.today());
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('creates a seminar, registers the client’s contact, ticks «Пришёл» and sees it on the client’s НСС tab', async () => {
  const seminars = new SeminarsPage(page);
  await seminars.open();
  await seminars.create({ title: 'Новое в бухгалтерском учёте', date: '10.12.2026', time: '11:30', capacity: 20 });
  await seminars.register('Ромаш', 'ООО «Ромашка»');
  await expect.poll(() => seminars.people.count()).toBe(1);
  expect(await seminars.people.first().textContent()).toContain('Семёнова Ольга Петровна');
  await expect.poll(() => seminars.table.getByTestId('seminar-seats').first().textContent()).toBe('1 из 20');
  const tick = seminars.drawer.getByTestId('seminar-attended').first();
  await tick.check();
  expect(await tick.isChecked()).toBe(true);
  await expect.poll(async () => (await e.api('nss.seminars.ofClient', { clientId }))[0]?.attended).toBe(true);
  await e.screenshot(page, 'nss-seminar');
  const tab = new NssTabPage(page);
  await tab.open(clientId);
  await expect.poll(() => tab.seminars.getByTestId('client-seminar-attended').first().textContent()).toBe('Пришёл');
  expect(await tab.seminars.textContent()).toContain('Новое в бухгалтерском учёте');
});

it('proposes a cycle from a specification, saves it and renews it', async () => {
  const tab = new NssTabPage(page);
  await tab.open(clientId);
  await tab.proposeAndSave();
  await expect.poll(() => tab.cycles.count()).toBe(1);
  expect(await tab.cycles.first().getByTestId('cycle-state').textContent()).toBe('Впереди');
  expect(await tab.cycles.first().textContent()).toMatch(/SKRO_|SKJP_|BUHS_/);
  await tab.renewFirstActive();
  await expect.poll(() => tab.cycles.count()).toBe(2);
  expect(await tab.cycles.allTextContents()).toEqual([expect.stringContaining('Впереди'), expect.stringContaining('Продлён')]);
  await e.screenshot(page, 'nss-cycles');
  const events = await e.api('events.list', { clientId });
  expect(events.map((ev) => ev.kind)).toEqual(expect.arrayContaining(['nss_cycle_created', 'nss_cycle_renewed']));
});

it('opens the seminar from the client’s tab and removes the registration after a confirmation: the attendance goes', async () => {
  const tab = new NssTabPage(page);
  await tab.open(clientId);
  await tab.seminars.locator('tbody tr').first().click();
  const seminars = new SeminarsPage(page);
  await seminars.drawer.waitFor();
  await expect.poll(() => seminars.people.count()).toBe(1);
  await seminars.drawer.getByTestId('seminar-remove').first().click();
  await page.getByTestId('seminar-remove-confirm').click();
  await expect.poll(() => seminars.people.count()).toBe(0);
  expect(await e.api('nss.seminars.ofClient', { clientId })).toEqual([]);
});
