// E2E: a document saved meanwhile elsewhere — the form keeps what was typed, takes the other changes and asks only where both changed a field.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { DocumentsTabPage } from './pages/DocumentsTabPage';

let e: E2E;
let page: Page;
let docs: DocumentsTabPage;
let made = 0;

/** An act of a client of its own (with a counterparty since 2025), dated 10.11.2026, for 1 000 ₽. */
async function arrangeAct(): Promise<{ id: number; number: string; clientId: number }> {
  const k = made++;
  const { id: clientId } = await e.api('clients.create', { name: `ООО «Правка ${k}»`, inn: '2536000006', kpp: `2536${String(k + 1).padStart(2, '0')}002` });
  await e.api('clients.changeCounterparty', {
    clientId,
    effectiveFrom: '2025-01-01',
    counterparty: { fullName: `ООО «Правка ${k}»`, inn: '2536000006', kpp: '253601001', bik: '044525225', corrAccount: '30101810400000000225', account: '40702810938000000001', bankName: 'ПАО Сбербанк', directorName: 'Петрова А. С.', directorPosition: 'Директор' },
  });
  const act = await e.api('documents.create', { type: 'act', clientId, date: '2026-11-10', amountKop: 1_000_00, subject: 'Сопровождение' });
  return { id: act.id, number: act.number, clientId };
}

/** Another workstation saves the document now (an update states every field: the act's two, one of them changed). */
async function elsewhere(id: number, change: { subject?: string; amountKop?: number }): Promise<void> {
  const { version, subject, amountKop } = await e.api('documents.get', { id });
  await e.api('documents.update', { id, version, subject: subject ?? undefined, amountKop: amountKop ?? undefined, ...change });
}

beforeAll(async () => {
  e = await startE2E();
  page = await e.newPage();
  await e.login(page);
  docs = new DocumentsTabPage(page);
});
afterAll(() => e?.close());

it('a change to another field is merged in on save and the typed text stays; the second save stores both', async () => {
  const act = await arrangeAct();
  await docs.open(act.clientId);
  await docs.row(act.number).getByTestId('doc-edit').click();
  await docs.form.waitFor();
  await page.getByTestId('doc-subject').fill('Сопровождение за ноябрь');
  await elsewhere(act.id, { amountKop: 2_500_00 });

  await page.getByTestId('doc-save').click();
  await expect.poll(() => page.getByTestId('doc-amount').inputValue()).toMatch(/^2\s?500(,00)?$/);
  expect(await page.getByTestId('doc-subject').inputValue()).toBe('Сопровождение за ноябрь');
  expect(await page.locator('[data-testid^="doc-clash-"]').allTextContents()).toEqual([]);
  expect(await docs.form.isVisible()).toBe(true);

  await page.getByTestId('doc-save').click();
  await docs.form.waitFor({ state: 'detached' });
  expect(await e.api('documents.get', { id: act.id })).toMatchObject({ subject: 'Сопровождение за ноябрь', amountKop: 2_500_00 });
});

it('the same field changed on both sides asks which to keep and saves nothing until the user chooses', async () => {
  const act = await arrangeAct();
  await docs.open(act.clientId);
  await docs.row(act.number).getByTestId('doc-edit').click();
  await docs.form.waitFor();
  await page.getByTestId('doc-subject').fill('Моя формулировка');
  await elsewhere(act.id, { subject: 'Их формулировка' });

  await page.getByTestId('doc-save').click();
  const clash = page.getByTestId('doc-clash-subject');
  await clash.waitFor();
  expect(await clash.textContent()).toContain('Оставить моё: Моя формулировка');
  expect(await clash.textContent()).toContain('Взять сохранённое: Их формулировка');
  expect(await page.getByTestId('doc-save').isDisabled()).toBe(true);
  expect((await e.api('documents.get', { id: act.id })).subject).toBe('Их формулировка');

  await page.getByTestId('doc-clash-mine-subject').click();
  expect(await page.getByTestId('doc-save').isDisabled()).toBe(false);
  await page.getByTestId('doc-save').click();
  await docs.form.waitFor({ state: 'detached' });
  expect((await e.api('documents.get', { id: act.id })).subject).toBe('Моя формулировка');
});
