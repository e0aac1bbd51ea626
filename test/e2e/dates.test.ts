// E2E: dates typed key by key are stored as typed or refused with a reason — readiness, return, counterparty, document, period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { ClientCardPage } from './pages/ClientCardPage';
import { DocumentsTabPage } from './pages/DocumentsTabPage';
import { dateMessage, typeDate } from './pages/dateInput';
import { DistributionFormPage } from './pages/DistributionFormPage';
import { DocumentsRegisterPage } from './pages/DocumentsRegisterPage';
import { addSystems } from '../helpers/systems';

let e: E2E;
let page: Page;
let card: ClientCardPage;
let made = 0;

/** A client of the calling test with a counterparty since 2025 (documents need one). */
async function arrangeClient(): Promise<number> {
  const k = made++;
  const { id } = await e.api('clients.create', { name: `ООО «Дата ${k}»`, inn: '2536000006', kpp: `2536${String(k + 1).padStart(2, '0')}001` });
  await e.api('clients.changeCounterparty', {
    clientId: id,
    effectiveFrom: '2025-01-01',
    counterparty: { fullName: `ООО «Дата ${k}»`, inn: '2536000006', kpp: '253601001', bik: '044525225', corrAccount: '30101810400000000225', account: '40702810938000000001', bankName: 'ПАО Сбербанк', directorName: 'Петрова А. С.', directorPosition: 'Директор' },
  });
  return id;
}

/** Cancels the open form: a test leaves no unsaved edits behind (the next page change would ask about them). */
async function closeDialog(): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await dialog.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  e = await startE2E(); // today is 27.11.2026
  await addSystems(e.api);
  page = await e.newPage();
  await e.login(page);
  card = new ClientCardPage(page);
});
afterAll(() => e?.close());

describe('typed dates', () => {
  it('readiness confirmation: a future date is refused with a reason, never stored as 2020; a past one is stored as typed', async () => {
    const id = await arrangeClient();
    await card.open(id, 'readiness');
    await page.getByTestId('readiness-confirm-calling-phone').click();
    await page.getByTestId('readiness-value-phone').fill('+7 (423) 222-33-44');
    const date = page.getByTestId('readiness-date');
    await typeDate(date, '15.12.2026');
    await page.getByTestId('readiness-value-phone').focus();
    expect(await date.inputValue()).toBe('15.12.2026');
    expect(await dateMessage(page, 'readiness-date').textContent()).toBe('Дата подтверждения не может быть в будущем');
    await page.getByTestId('readiness-save').click();
    await page.waitForTimeout(300);
    const phone = async () => (await e.api('clients.get', { id })).readiness.flatMap((s) => s.fields).find((f) => f.code === 'phone');
    expect((await phone())?.confirmedAt ?? null).toBeNull();

    await typeDate(date, '20.11.2026');
    expect(await dateMessage(page, 'readiness-date').count()).toBe(0);
    await page.getByTestId('readiness-save').click();
    await page.getByTestId('readiness-form').waitFor({ state: 'detached' });
    expect(await phone()).toMatchObject({ value: '+7 (423) 222-33-44', confirmedAt: '2026-11-20' });
  });

  it('readiness confirmation: an older date than the current confirmation is refused, the newer one stays', async () => {
    const id = await arrangeClient();
    await e.api('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 222-33-44', confirmedAt: '2026-11-25' });
    await card.open(id, 'readiness');
    await page.getByTestId('readiness-confirm-calling-phone').click();
    await page.getByTestId('readiness-value-phone').fill('+7 (423) 000-00-00');
    await typeDate(page.getByTestId('readiness-date'), '10.11.2026');
    await page.getByTestId('readiness-save').click();
    expect(await dateMessage(page, 'readiness-date').textContent()).toContain('Уже подтверждено позже: 25.11.2026');
    const phone = (await e.api('clients.get', { id })).readiness.flatMap((s) => s.fields).find((f) => f.code === 'phone');
    expect(phone).toMatchObject({ value: '+7 (423) 222-33-44', confirmedAt: '2026-11-25' });
    await closeDialog();
  });

  it('return dialog: a future date is refused, a typed past date is stored as typed', async () => {
    const id = await arrangeClient();
    const act = await e.api('documents.create', { type: 'act', clientId: id, date: '2026-11-02', amountKop: 1_000_00 });
    const docs = new DocumentsTabPage(page);
    await docs.open(id);
    await docs.row(act.number).getByTestId('doc-return').click();
    const date = page.getByTestId('return-date');
    await typeDate(date, '15.12.2026');
    await page.getByTestId('return-save').click();
    expect(await date.inputValue()).toBe('15.12.2026');
    expect(await dateMessage(page, 'return-date').textContent()).toBe('Дата не может быть в будущем');
    expect((await e.api('documents.get', { id: act.id })).returnedAt ?? null).toBeNull();

    await typeDate(date, '01.11.2026');
    await page.getByTestId('return-save').click();
    expect(await dateMessage(page, 'return-date').textContent()).toBe('Не раньше даты документа (02.11.2026)');
    await typeDate(date, '26.11.2026');
    await page.getByTestId('return-save').click();
    await page.getByTestId('return-form').waitFor({ state: 'detached' });
    expect((await e.api('documents.get', { id: act.id })).returnedAt).toBe('2026-11-26');
  });

  it('document date: a two-digit year is not completed by guessing, the field says why and nothing is saved', async () => {
    const id = await arrangeClient();
    const docs = new DocumentsTabPage(page);
    await docs.open(id);
    await docs.newContract();
    const date = page.getByTestId('doc-date');
    await typeDate(date, '15.11.26');
    await date.press('Tab');
    expect(await date.inputValue()).toBe('15.11.26');
    expect(await docs.fieldError('doc-date').textContent()).toBe('Введите год полностью: ДД.ММ.ГГГГ');
    await page.getByTestId('doc-save').click();
    await page.waitForTimeout(300);
    expect((await e.api('documents.list', { clientId: id })).items ?? []).toHaveLength(0);

    await typeDate(date, '31.02.2026');
    await date.press('Tab');
    expect(await docs.fieldError('doc-date').textContent()).toBe('Такой даты нет: 31.02.2026');
    await typeDate(date, '15.11.2026');
    await docs.save();
    const list = await e.api('documents.list', { clientId: id });
    expect(list.items.map((d) => d.date)).toEqual(['2026-11-15']);
  });

  it('counterparty change: a future date where it makes sense is stored as typed', async () => {
    const id = await arrangeClient();
    await card.open(id, 'requisites');
    await page.getByTestId('cp-change').click();
    await typeDate(page.getByTestId('cp-effectiveFrom'), '01.01.2027');
    await page.getByTestId('cp-effectiveFrom').press('Tab');
    expect(await page.getByTestId('cp-effectiveFrom').inputValue()).toBe('01.01.2027');
    expect(await dateMessage(page, 'cp-effectiveFrom').count()).toBe(0);
    await closeDialog();
  });

  it('new distribution: the scheme date typed key by key is stored as typed; a two-digit year is refused', async () => {
    const id = await arrangeClient();
    await card.open(id, 'distributions');
    const form = new DistributionFormPage(page);
    await form.openNew();
    await form.paste('SKJP_000777_02');
    const since = page.getByTestId('distr-schemeFrom');
    await typeDate(since, '01.03.26');
    await since.press('Tab');
    expect(await since.inputValue()).toBe('01.03.26');
    expect(await dateMessage(page, 'distr-schemeFrom').textContent()).toBe('Введите год полностью: ДД.ММ.ГГГГ');
    await form.save();
    await page.waitForTimeout(300);
    expect((await e.api('clients.get', { id })).distributions).toHaveLength(0);
    await typeDate(since, '01.03.2026');
    await form.save();
    await form.form.waitFor({ state: 'hidden' });
    const [d] = (await e.api('clients.get', { id })).distributions;
    expect(d?.schemeHistory.map((p) => p.effectiveFrom)).toEqual(['2026-03-01']);
  });

  it('register filter: a typed period filters by it; a date made unfinished leaves the filter as it was', async () => {
    const id = await arrangeClient();
    for (const date of ['2026-10-05', '2026-11-10', '2026-11-20'])
      await e.api('documents.create', { type: 'act', clientId: id, date, amountKop: 1_000_00 });
    const inRange = async () => (await e.api('documents.list', { dateFrom: '2026-11-01', dateTo: '2026-11-15', limit: 500 })).items.map((d) => d.number).sort();
    const want = await inRange();
    expect(want.length).toBeGreaterThan(0);
    expect((await e.api('documents.list', { limit: 500 })).items.length).toBeGreaterThan(want.length);
    const register = new DocumentsRegisterPage(page);
    await register.open();
    const from = page.getByLabel('Дата с');
    const to = page.getByLabel('по', { exact: true });
    await typeDate(from, '01.11.2026');
    await typeDate(to, '15.11.2026');
    await to.press('Tab');
    await expect.poll(async () => (await register.rowNumbers()).sort()).toEqual(want);
    // Two keys taken back leave «15.11.20»: unfinished, so the filter stays at 15.11.2026 instead of guessing 2020.
    await to.click();
    await to.press('End');
    await to.press('Backspace');
    await to.press('Backspace');
    await to.press('Tab');
    expect(await to.inputValue()).toBe('15.11.20');
    await page.waitForTimeout(500);
    expect((await register.rowNumbers()).sort()).toEqual(want);
  });
});
