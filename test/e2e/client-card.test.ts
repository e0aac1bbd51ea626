// E2E: the client card — edit a phone, mark a key client, change the counterparty from a date, readiness, a refused ИНН, two workstations.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addSystems } from '../helpers/systems';
import { DistributionFormPage } from './pages/DistributionFormPage';
import { ClientCardPage } from './pages/ClientCardPage';
import { changedTables, tableHashes } from '../helpers/tables';

let e: E2E;
let page: Page;
let card: ClientCardPage;
let clientId: number;
/** The network kit of this test's client (each test has its own client, so its own distribution numbers). */
let skjp: string;
const sio = 'Сергеев Иван Олегович';
let sioId: number;
let made = 0;

/** A realistic client: phones, a director contact, a counterparty since 2024, two distributions of different schemes. */
async function arrangeClient(name: string): Promise<number> {
  const k = made++;
  const { id } = await e.api('clients.create', {
    name,
    inn: '2536000006',
    // One client per ИНН/КПП: each test's client is another branch (КПП) of the same organisation.
    kpp: `2536${String(k + 1).padStart(2, '0')}001`,
    city: 'Владивосток',
    region: 'Приморский край',
    status: 'active',
    sioId,
    phones: [{ raw: '8 (423) 222-33-44', note: 'приёмная' }],
    emails: [{ email: 'office@romashka.ru' }],
  });
  await e.api('contacts.save', { clientId: id, fullName: 'Петрова Анна Сергеевна', position: 'Директор', roles: ['director', 'lpr'], phones: [{ raw: '+7 914 555-66-77' }] });
  await e.api('clients.changeCounterparty', {
    clientId: id,
    effectiveFrom: '2024-01-01',
    basis: 'Договор № 15 от 01.01.2024',
    counterparty: {
      fullName: 'Общество с ограниченной ответственностью «Ромашка»',
      shortName: 'ООО «Ромашка»',
      inn: '2536000006',
      kpp: '253601001',
      bik: '044525225',
      corrAccount: '30101810400000000225',
      account: '40702810938000000001',
      bankName: 'ПАО Сбербанк',
      directorName: 'Петрова А. С.',
      directorPosition: 'Директор',
    },
  });
  await addSystems(e.api);
  await e.api('distributions.save', { clientId: id, systemCode: 'SKJP', distrNumber: 123 + k, comp: 2, scheme: 'nss', schemeFrom: '2025-01-01', chatEnabled: true });
  await e.api('distributions.save', { clientId: id, systemCode: 'BUHS', distrNumber: 4567 + k, scheme: 'standard', schemeFrom: '2024-01-01' });
  skjp = `SKJP_${String(123 + k).padStart(6, '0')}_02`;
  return id;
}

beforeAll(async () => {
  e = await startE2E();
  sioId = await e.employee('sio-sergeev', ['sio'], sio);
  page = await e.newPage();
  await e.login(page);
  card = new ClientCardPage(page);
});
afterAll(() => e?.close());
// Every test works on a client of its own, made through the API: none depends on what another changed.
beforeEach(async () => {
  clientId = await arrangeClient('ООО «Ромашка»');
});

describe('client card', () => {
  it('opens with the key facts in the header and the tab in the URL', async () => {
    await card.open(clientId);
    expect(await card.name.textContent()).toBe('ООО «Ромашка»');
    expect(await card.headerFact('inn').textContent()).toContain('2536000006 / 253601001');
    expect(await card.headerFact('phone').textContent()).toContain('+7 (423) 222-33-44');
    expect(await card.headerFact('sio').textContent()).toContain(sio);
    expect(await card.headerFact('counterparty').textContent()).toContain('ООО «Ромашка»');
    expect(await card.header.getByText('Смешанная').count()).toBe(1);
    expect(await card.stageBadge('calling').getAttribute('data-ready')).toBe('false');
    await card.tab('Дистрибутивы и схемы сервиса');
    expect(card.hash()).toBe(`#/clients/${clientId}/distributions`);
    const row = page.getByTestId(`distr-row-${skjp}`);
    expect(await row.textContent()).toContain('НСС с 01.01.2025');
    await card.settle();
    await e.screenshot(page, 'client-card-distributions');
    await card.tab('Контакты');
    expect(await page.getByTestId('contacts-table').textContent()).toContain('+7 (914) 555-66-77');
    await card.settle();
    await e.screenshot(page, 'client-card-contacts');
  });

  it('saves an edited phone on «Общие»', async () => {
    await card.open(clientId, 'general');
    await card.phoneInput(0).fill('423 2-99-88-77');
    expect(await page.getByText('Будет сохранён как +7 (423) 299-88-77').count()).toBe(1);
    await card.saveGeneral();
    await expect.poll(() => card.headerFact('phone').textContent()).toContain('+7 (423) 299-88-77');
    const saved = await e.api('clients.get', { id: clientId });
    expect(saved.client.phones.map((p) => p.formatted)).toEqual(['+7 (423) 299-88-77']);
    expect(saved.client.phones[0]!.note).toBe('приёмная');
    await card.settle();
    await e.screenshot(page, 'client-card-general');
  });

  it('refuses an unrecognised phone with a Russian message and saves nothing', async () => {
    await card.open(clientId, 'general');
    const before = await e.api('clients.get', { id: clientId });
    const tables = tableHashes(e.core.db.$client);
    await card.phoneInput(0).fill('12-ab');
    expect(await page.getByText('Телефон не распознан: например, +7 (423) 222-33-44').count()).toBe(1);
    await card.saveGeneral();
    const after = await e.api('clients.get', { id: clientId });
    expect(after.client.version).toBe(before.client.version);
    expect(after.client.phones[0]!.formatted).toBe('+7 (423) 222-33-44');
    expect(changedTables(tables, tableHashes(e.core.db.$client))).toEqual([]);
    await page.getByRole('button', { name: 'Отменить изменения' }).click();
    expect(await card.phoneInput(0).inputValue()).toBe('+7 (423) 222-33-44');
  });

  it('marks a key client with a responsible: badge in the header and an event', async () => {
    await e.employee('head-1', ['head'], 'Кузнецова Мария Павловна');
    await card.open(clientId);
    expect(await card.keyBadge.count()).toBe(0);
    await card.markKey('Кузнецова Мария Павловна');
    await card.keyBadge.waitFor();
    expect(await card.keyResponsible.textContent()).toContain('Кузнецова Мария Павловна');
    await card.tab('События');
    await expect.poll(() => card.eventTexts()).toContain('Клиент отмечен как ключевой, ответственный — Кузнецова Мария Павловна');
    const saved = await e.api('clients.get', { id: clientId });
    expect(saved.client.isKey).toBe(true);
    expect(saved.client.keyResponsible?.fullName).toBe('Кузнецова Мария Павловна');
    await card.settle();
    await e.screenshot(page, 'client-card-events');
  });

  it('changes the counterparty from a date and shows both periods in history', async () => {
    await card.open(clientId, 'requisites');
    await card.openCounterpartyForm();
    await card.cpField('prefill').check();
    expect(await card.cpField('inn').inputValue()).toBe('2536000006');
    await card.cpField('effectiveFrom').fill('01.03.2025');
    await card.cpField('basis').fill('Доп. соглашение № 2 от 20.02.2025');
    await card.cpField('fullName').fill('Общество с ограниченной ответственностью «Ромашка-Плюс»');
    await card.cpField('shortName').fill('ООО «Ромашка-Плюс»');
    await card.cpField('inn').fill('7707083893');
    await card.cpField('kpp').fill('773601001');
    await card.cpField('ogrn').fill('1027700132195');
    await card.settle();
    await e.screenshot(page, 'client-card-counterparty-form');
    await card.cpField('save').click();
    await page.getByTestId('counterparty-form').waitFor({ state: 'detached' });
    await expect.poll(() => card.historyRows().count()).toBe(2);
    const rows = await card.historyRows().allTextContents();
    expect(rows[0]).toContain('с 01.03.2025 по настоящее время');
    expect(rows[0]).toContain('ООО «Ромашка-Плюс»');
    expect(rows[0]).toContain('Доп. соглашение № 2 от 20.02.2025');
    expect(rows[1]).toContain('с 01.01.2024 по 28.02.2025');
    expect(rows[1]).toContain('ООО «Ромашка»');
    expect(await page.getByTestId('cp-current-inn').textContent()).toBe('7707083893 / 773601001');
    const onOldDate = await e.api('clients.counterpartyOn', { clientId, date: '2025-02-28' });
    expect(onOldDate?.inn).toBe('2536000006');
    await card.settle();
    await e.screenshot(page, 'client-card-requisites');
  });

  it('refuses an invalid ИНН in the counterparty form with a Russian message and saves nothing', async () => {
    await card.open(clientId, 'requisites');
    const before = await e.api('clients.get', { id: clientId });
    const tables = tableHashes(e.core.db.$client);
    await card.openCounterpartyForm();
    await card.cpField('effectiveFrom').fill('01.06.2026');
    await card.cpField('fullName').fill('ООО «Ошибка»');
    await card.cpField('inn').fill('7707083894');
    // Shown as the user types, before any save.
    await expect.poll(() => card.cpFieldError('inn').textContent()).toBe('ИНН: контрольная сумма не сходится — проверьте цифры');
    await card.cpField('inn').fill('77070');
    await expect.poll(() => card.cpFieldError('inn').textContent()).toBe('ИНН должен содержать 10 или 12 цифр');
    await card.cpField('save').click();
    expect(await page.getByTestId('counterparty-form').isVisible()).toBe(true);
    await card.settle();
    await e.screenshot(page, 'client-card-invalid-inn');
    // Esc in the open calendar closes only the calendar; the next Esc closes the dialog.
    await card.cpField('effectiveFrom').click();
    await page.locator('.mantine-Popover-dropdown').filter({ visible: true, hasText: 'Пн' }).waitFor();
    await page.keyboard.press('Escape');
    await card.settle();
    expect(await page.getByTestId('counterparty-form').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('counterparty-form').waitFor({ state: 'detached' });
    // Esc closed only the dialog: the card is still open.
    expect(card.hash()).toBe(`#/clients/${clientId}/requisites`);
    const after = await e.api('clients.get', { id: clientId });
    expect(after.counterpartyHistory.length).toBe(before.counterpartyHistory.length);
    expect(after.client.version).toBe(before.client.version);
    expect(changedTables(tables, tableHashes(e.core.db.$client))).toEqual([]);
  });

  it('confirms the fields of «Обзвонка» and shows the stage status in the header', async () => {
    await card.open(clientId, 'readiness');
    expect(await card.stageBadge('calling').getAttribute('data-ready')).toBe('false');
    // The values are suggested from the card: name, phone and the director contact.
    await page.getByTestId('readiness-confirm-all-calling').click();
    expect(await page.getByTestId('readiness-value-org_name').inputValue()).toBe('ООО «Ромашка»');
    expect(await page.getByTestId('readiness-value-phone').inputValue()).toBe('+7 (423) 222-33-44');
    expect(await page.getByTestId('readiness-value-head_fio').inputValue()).toBe('Петрова Анна Сергеевна');
    await card.settle();
    await e.screenshot(page, 'client-card-readiness-form');
    await page.getByTestId('readiness-save').click();
    await page.getByTestId('readiness-form').waitFor({ state: 'detached' });
    await expect.poll(() => card.stageBadge('calling').getAttribute('data-ready')).toBe('true');
    const saved = await e.api('clients.get', { id: clientId });
    const calling = saved.readiness.find((s) => s.code === 'calling')!;
    expect(calling.ready).toBe(true);
    const until = calling.readyUntil!.split('-').reverse().join('.');
    expect(await card.stageBadge('calling').textContent()).toBe(`Обзвонка до ${until}`);
    expect(await card.readinessField('calling', 'head_fio').textContent()).toContain('свежее до');
    expect(await card.stageBadge('sale').getAttribute('data-ready')).toBe('false');
    await card.settle();
    await e.screenshot(page, 'client-card-readiness');
  });

  it('follows changes from another workstation: keeps typed edits, merges changes to other fields, asks only where the same field changed', async () => {
    await card.open(clientId, 'general');
    const eventsTab = page.getByRole('tab', { name: /^События/ });
    const eventsBefore = (await e.api('clients.get', { id: clientId })).events.length;
    await page.getByTestId('general-city').fill('Находка');
    // Another workstation adds a note: the card version moves on, but the client's own fields did not change.
    await e.api('events.add', { clientId, text: 'Звонок из бухгалтерии' });
    await expect.poll(() => eventsTab.textContent()).toBe(`События (${eventsBefore + 1})`);
    expect(await page.getByTestId('general-clashes').count()).toBe(0);
    await card.saveGeneral();
    await expect.poll(async () => (await e.api('clients.get', { id: clientId })).client.city).toBe('Находка');
    // The form is clean once the save has come back (a field typed in the instant before that is the product race
    // noted on the issue: the next edit starts after it).
    await expect.poll(() => page.getByTestId('general-save').isDisabled(), { timeout: 15_000 }).toBe(true);

    // Now another workstation renames the client while this one edits the city: both changes land.
    await page.getByTestId('general-city').fill('Артём');
    let current = await e.api('clients.get', { id: clientId });
    await e.api('clients.update', { id: clientId, version: current.client.version, name: 'ООО «Ромашка» (Приморье)' });
    await expect.poll(() => card.name.textContent()).toBe('ООО «Ромашка» (Приморье)');
    await expect.poll(() => page.getByTestId('general-name').inputValue()).toBe('ООО «Ромашка» (Приморье)');
    expect(await page.getByTestId('general-city').inputValue()).toBe('Артём');
    expect(await page.getByTestId('general-clashes').count()).toBe(0);
    await card.saveGeneral();
    await expect.poll(async () => (await e.api('clients.get', { id: clientId })).client.city).toBe('Артём');
    expect((await e.api('clients.get', { id: clientId })).client.name).toBe('ООО «Ромашка» (Приморье)');
    await expect.poll(() => page.getByTestId('general-save').isDisabled(), { timeout: 15_000 }).toBe(true);

    // Both change the city (and the other side the region): only the city asks; the typed value is kept until chosen.
    await page.getByTestId('general-city').fill('Уссурийск');
    await page.getByTestId('general-comment').fill('звонить после обеда');
    current = await e.api('clients.get', { id: clientId });
    await e.api('clients.update', { id: clientId, version: current.client.version, city: 'Большой Камень', region: 'Приморье' });
    await page.getByTestId('general-clash-city').waitFor();
    expect(await page.getByTestId('general-clash-city').textContent()).toContain('Большой Камень');
    expect(await page.locator('[data-testid^="general-clash-"][data-testid$="region"]').count()).toBe(0);
    expect(await page.getByTestId('general-city').inputValue()).toBe('Уссурийск');
    expect(await page.getByTestId('general-region').inputValue()).toBe('Приморье');
    expect(await page.getByTestId('general-comment').inputValue()).toBe('звонить после обеда');
    // Saving before choosing is refused; choosing «моё» saves all three.
    await card.saveGeneral();
    expect((await e.api('clients.get', { id: clientId })).client.city).toBe('Большой Камень');
    await page.getByTestId('general-clash-mine-city').click();
    await card.saveGeneral();
    await expect.poll(async () => (await e.api('clients.get', { id: clientId })).client.city).toBe('Уссурийск');
    const after = (await e.api('clients.get', { id: clientId })).client;
    expect([after.region, after.comment, after.name]).toEqual(['Приморье', 'звонить после обеда', 'ООО «Ромашка» (Приморье)']);
  });

  it('keeps typed edits when a save meets a newer version it had not heard of: merged, then saved again', async () => {
    // A workstation whose push channel is down: it learns of the other save only from the refused save.
    const p2 = await e.newPage();
    await p2.route('**/api/events**', (r) => r.abort());
    await e.login(p2);
    const card2 = new ClientCardPage(p2);
    await card2.open(clientId, 'general');
    await p2.getByTestId('general-city').fill('Спасск');
    const current = await e.api('clients.get', { id: clientId });
    await e.api('clients.update', { id: clientId, version: current.client.version, region: 'Приморский край (юг)' });
    await card2.saveGeneral();
    await expect.poll(() => p2.getByTestId('general-region').inputValue()).toBe('Приморский край (юг)');
    expect(await p2.getByTestId('general-city').inputValue()).toBe('Спасск');
    expect((await e.api('clients.get', { id: clientId })).client.city).not.toBe('Спасск');
    await card2.saveGeneral();
    await expect.poll(async () => (await e.api('clients.get', { id: clientId })).client.city).toBe('Спасск');
    expect((await e.api('clients.get', { id: clientId })).client.region).toBe('Приморский край (юг)');
    await p2.close();
  });

  it('adds a contact with roles and a characteristic with a comment, then archives it after confirmation', async () => {
    await card.open(clientId, 'contacts');
    await page.getByTestId('contact-add').click();
    const form = page.getByTestId('contact-form');
    await form.waitFor();
    await page.getByTestId('contact-fullName').fill('Смирнова Ольга Петровна');
    await form.getByText('Главный бухгалтер', { exact: true }).click();
    await page.getByTestId('contact-phones-raw-0').fill('89145556678');
    await page.getByTestId('contact-emails-email-0').fill('buh@romashka.ru');
    await form.getByText('Семинары', { exact: true }).click();
    await form.getByLabel('Комментарий: Семинары').fill('ходит на налоговые');
    await card.settle();
    await e.screenshot(page, 'client-card-contact-form');
    await page.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid^="contact-row-"]', { hasText: 'Смирнова Ольга Петровна' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Главный бухгалтер');
    expect(text).toContain('+7 (914) 555-66-78');
    expect(text).toContain('Интересы: Семинары (ходит на налоговые)');
    await row.getByRole('button', { name: 'В архив: Смирнова Ольга Петровна' }).click();
    await page.getByRole('button', { name: 'В архив', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    const saved = await e.api('clients.get', { id: clientId });
    expect(saved.contacts.find((c) => c.fullName === 'Смирнова Ольга Петровна')?.active).toBe(false);
    await card.tab('События');
    await expect.poll(() => card.eventTexts()).toContain('Контакт Смирнова Ольга Петровна перенесён в архив');
  });

  it('adds a distribution and changes its scheme from a date, keeping the history', async () => {
    await card.open(clientId, 'distributions');
    const dist = new DistributionFormPage(page);
    await dist.openNew();
    await dist.chooseSystem('BUHS —');
    await dist.number.fill('777');
    expect(await dist.preview.textContent()).toContain('BUHS_000777 · Бухгалтер');
    await page.getByTestId('distr-schemeFrom').fill('01.01.2025');
    // The calendar is open over the buttons, as it is for a user typing the date: Ctrl+Enter saves from the field.
    await page.keyboard.press('Control+Enter');
    const row = page.getByTestId('distr-row-BUHS_000777');
    await row.waitFor();
    await row.getByRole('button', { name: 'Сменить схему BUHS_000777' }).click();
    const form = page.getByTestId('scheme-form');
    await form.locator('input[placeholder="ДД.ММ.ГГГГ"]').fill('01.10.2026');
    await form.getByRole('button', { name: 'Сменить схему' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('НСС с 01.10.2026');
    expect(await row.textContent()).toContain('Стандартная с 01.01.2025');
    expect(await row.locator('[data-scheme]').getAttribute('data-scheme')).toBe('nss');
    const saved = await e.api('clients.get', { id: clientId });
    expect(saved.distributions.find((d) => d.code === 'BUHS_000777')?.schemeHistory.map((h) => [h.scheme, h.effectiveFrom])).toEqual([
      ['nss', '2026-10-01'],
      ['standard', '2025-01-01'],
    ]);
    await card.settle();
    await e.screenshot(page, 'client-card-distributions-scheme');
  });

  it('does not offer key-client marking to a sales manager', async () => {
    const headId = await e.employee('head-2', ['head'], 'Головина Ирина Сергеевна');
    await e.api('clients.setKey', { id: clientId, isKey: true, responsibleId: headId });
    await e.employee('sales-1', ['sales'], 'Продажин Павел');
    const other = await e.newPage();
    await e.login(other, 'sales-1', 'password-123');
    const salesCard = new ClientCardPage(other);
    await salesCard.open(clientId);
    expect(await salesCard.keyBadge.count()).toBe(1);
    expect(await other.getByTestId('key-button').count()).toBe(0);
    await other.context().close();
  });

  it('goes back to the list on Esc, asking first when «Общие» has unsaved edits', async () => {
    await card.open(clientId, 'general');
    await page.getByTestId('general-city').fill('Уссурийск');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await page.getByText('Уйти без сохранения?').waitFor();
    await page.getByRole('button', { name: 'Остаться' }).click();
    await page.getByText('Уйти без сохранения?').waitFor({ state: 'detached' });
    expect(card.hash()).toBe(`#/clients/${clientId}/general`);
    expect(await page.getByTestId('general-city').inputValue()).toBe('Уссурийск');
    await page.getByRole('button', { name: 'Отменить изменения' }).click();
    await card.tab('События');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => card.hash()).toBe('#/clients');
  });
});
