// E2E: the K+ systems catalogue screen, distributions pasted in any spelling, duplicate clients stopped and branches shown,
// a head merging duplicates (old links follow), and a question from an unknown kit linked to a client with its kit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addSystems } from '../helpers/systems';
import { innLegal } from '../../src-main/demo/requisites.gen';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail } from '../mail/build';
import { ClientCardPage } from './pages/ClientCardPage';
import { ClientsPage, NewClientDialogUi } from './pages/ClientsPage';
import { DistributionFormPage } from './pages/DistributionFormPage';
import { MergeDialogPage } from './pages/MergeDialogPage';
import { SystemsSettingsPage } from './pages/SystemsSettingsPage';
import { TasksPage } from './pages/TasksPage';

let e: E2E;
let admin: Page;
const INN = innLegal('2536', '10001');

beforeAll(async () => {
  e = await startE2E();
  await addSystems(e.api, ['SKJP', 'BUHS', 'ROS']); // SKJP № 1, BUHS № 2, ROS without a number
  admin = await e.newPage();
  await e.login(admin);
});
afterAll(() => e?.close());

it('the administrator keeps the systems catalogue: unique numbers and codes, a number filled in later', async () => {
  const systems = new SystemsSettingsPage(admin);
  await systems.open();
  expect(await systems.row('ROS').textContent()).toContain('не указан');
  await systems.add();
  await systems.field('code').fill('bUhS');
  await systems.field('name').fill('Бухгалтер');
  await systems.save();
  expect(await systems.fieldError('code').textContent()).toBe('Система с таким кодом уже есть в справочнике');
  await systems.field('code').fill('QSA');
  await systems.field('name').fill('Вопросы-ответы');
  await systems.field('number').fill('2');
  await systems.save();
  expect(await systems.fieldError('number').textContent()).toBe('Этот номер уже у системы BUHS');
  await systems.field('number').fill('6');
  await systems.save();
  await systems.dialog.waitFor({ state: 'detached' });
  expect(await systems.row('QSA').textContent()).toContain('Вопросы-ответы');
  await systems.edit('ROS');
  await systems.field('number').fill('4');
  await systems.save();
  await expect.poll(() => systems.row('ROS').textContent()).toMatch(/^4ROS/);
  expect((await e.api('systems.list', {})).map((s) => [s.code, s.number])).toEqual([
    ['BUHS', 2],
    ['QSA', 6],
    ['ROS', 4],
    ['SKJP', 1],
  ]);
  await e.screenshot(admin, 'systems-catalogue');
  // Everyone reads it; only the administrator edits it.
  await e.employee('head1', ['head'], 'Руководов Павел');
  const head = await e.newPage();
  await e.login(head, 'head1', 'password-123');
  await new SystemsSettingsPage(head).open();
  expect(await head.getByTestId('systems-table').textContent()).toContain('Вопросы-ответы');
  expect(await head.getByTestId('system-add').count()).toBe(0);
  await head.context().close();
});

it('a distribution is entered as people paste it: code form, spaced form and number form fill system, number and computer', async () => {
  const { id } = await e.api('clients.create', { name: 'ООО «Приморье»' });
  const card = new ClientCardPage(admin);
  await card.open(id, 'distributions');
  const dist = new DistributionFormPage(admin);
  for (const [pasted, system, comp, code] of [
    ['SKJP_000777_02', 'SKJP — Юрист (№ 1)', '2', 'SKJP_000777_02'],
    ['BUHS 778-3', 'BUHS — Бухгалтер (№ 2)', '3', 'BUHS_000778_03'],
    ['1_000779_02', 'SKJP — Юрист (№ 1)', '2', 'SKJP_000779_02'],
  ] as const) {
    await dist.openNew();
    await dist.paste(pasted);
    expect(await dist.system.inputValue(), pasted).toBe(system);
    expect(await dist.comp.inputValue(), pasted).toBe(comp);
    expect(await dist.preview.textContent(), pasted).toContain(code);
    await dist.save();
    await admin.getByTestId(`distr-row-${code}`).waitFor();
  }
  // Names of systems beside the codes.
  expect(await admin.getByTestId('distr-row-BUHS_000778_03').getByTestId('distr-system-name').textContent()).toBe('Бухгалтер');
  // A system number the catalogue does not know is said, not guessed, and nothing is saved.
  await dist.openNew();
  await dist.paste('5_000780');
  await dist.save();
  expect(await dist.fieldError(dist.number).textContent()).toContain('Система № 5 не найдена в справочнике систем К+');
  expect(await dist.system.inputValue()).toBe('');
  await e.screenshot(admin, 'distribution-unknown-system-number');
  await admin.keyboard.press('Escape');
  const saved = await e.api('clients.get', { id });
  expect(saved.distributions.map((d) => [d.code, d.systemName])).toEqual([
    ['BUHS_000778_03', 'Бухгалтер'],
    ['SKJP_000777_02', 'Юрист'],
    ['SKJP_000779_02', 'Юрист'],
  ]);
});

it('a second client with the same ИНН and КПП is stopped with a link to the first; another КПП is a branch, saved with a notice', async () => {
  const first = await e.api('clients.create', { name: 'ООО «Ромашка»', inn: INN, kpp: '253601001' });
  const list = new ClientsPage(admin);
  await list.open();
  await admin.getByTestId('new-client').click();
  const dialog = new NewClientDialogUi(admin);
  await dialog.field('Наименование').fill('Ромашка');
  await dialog.field('ИНН').fill(INN);
  await dialog.field('КПП').fill('253601001');
  const notice = admin.getByTestId('same-inn-duplicate');
  await notice.waitFor();
  expect(await notice.textContent()).toContain('Клиент с таким ИНН уже есть: ООО «Ромашка»');
  expect(await notice.getByTestId('same-inn-link').getAttribute('href')).toBe(`#/clients/${first.id}`);
  await dialog.submit();
  await expect.poll(() => dialog.fieldError('ИНН')).toBe('Клиент с таким ИНН уже есть: ООО «Ромашка»');
  expect((await e.api('clients.search', { query: INN })).items.map((c) => c.id)).toEqual([first.id]);
  await e.screenshot(admin, 'new-client-duplicate');

  await dialog.field('КПП').fill('250845001');
  await admin.getByTestId('same-inn-branches').waitFor();
  expect(await notice.count()).toBe(0);
  await dialog.submit();
  await admin.getByTestId('card-branches').waitFor();
  expect(await admin.getByTestId('card-branches').textContent()).toContain('ООО «Ромашка» (КПП 253601001)');
});

it('a head merges duplicates from the card: a preview of what moves, one step, and old links lead to the survivor', async () => {
  const vector = await e.api('clients.create', { name: 'ООО «Вектор»', inn: innLegal('2540', '20002'), kpp: '254001001', city: 'Владивосток' });
  await e.api('contacts.save', { clientId: vector.id, fullName: 'Смирнова Ольга', roles: ['chief_accountant'] });
  // A duplicate an older version let in: entered straight into the base, flagged by the upgrade.
  const old = Number(
    e.core.db.$client
      .prepare(
        "INSERT INTO clients (name, name_lc, inn, kpp, status, created_at, updated_at, duplicate_pending) VALUES ('Вектор ООО', 'вектор ооо', ?, '254001001', 'active', '2025-01-01', '2025-01-01', 1)",
      )
      .run(innLegal('2540', '20002')).lastInsertRowid,
  );
  await e.api('contacts.save', { clientId: old, fullName: 'смирнова  ольга', roles: ['lpr'] });
  await e.api('distributions.save', { clientId: old, systemCode: 'SKJP', distrNumber: 4242 });
  await e.api('events.add', { clientId: old, text: 'Просили перезвонить в январе' });

  const page = await e.newPage();
  await e.login(page, 'head1', 'password-123');
  const card = new ClientCardPage(page);
  await card.open(old);
  const dup = page.getByTestId('card-duplicates');
  expect(await dup.textContent()).toContain('Дубль: те же ИНН и КПП у ООО «Вектор»');
  await page.getByTestId(`merge-with-${vector.id}`).click();
  const merge = new MergeDialogPage(page);
  await merge.dialog.waitFor();
  await merge.keep('Оставить «ООО «Вектор»»');
  await merge.moves.waitFor();
  expect(await merge.move('distributions.client_id').textContent()).toBe('Дистрибутивы1—');
  expect(await merge.move('contacts.client_id').textContent()).toContain('совпадают по ФИО');
  await e.screenshot(page, 'merge-preview');
  await merge.confirm();
  await page.locator(`[data-testid="client-card"][data-client-id="${vector.id}"]`).waitFor();
  await card.tab('Контакты');
  await expect.poll(async () => (await e.api('clients.get', { id: vector.id })).contacts.map((c) => [c.fullName, c.roles.sort().join()])).toEqual([
    ['Смирнова Ольга', 'chief_accountant,lpr'],
  ]);
  expect((await e.api('clients.get', { id: vector.id })).distributions.map((d) => d.code)).toEqual(['SKJP_004242']);
  // The old card's address now opens the survivor.
  await page.goto(`${page.url().split('#')[0]}#/clients/${old}`);
  await page.locator(`[data-testid="client-card"][data-client-id="${vector.id}"]`).waitFor();
  expect(new URL(page.url()).hash).toBe(`#/clients/${vector.id}`);
  await card.tab('События');
  await expect.poll(() => card.eventTexts()).toContain('Просили перезвонить в январе');
  expect((await card.eventTexts()).some((t) => t.startsWith('Присоединён клиент «Вектор ООО»'))).toBe(true);

  // Any two cards, picked by hand from the header.
  const prospect = await e.api('clients.create', { name: 'Вектор (из письма)', emails: [{ email: 'buh@vector.example' }] });
  await card.open(vector.id);
  await merge.openFromHeader();
  await merge.pickOther('из письма', 'Вектор (из письма)');
  await merge.moves.waitFor();
  expect(await merge.move('emails.client_id').textContent()).toContain('1');
  await merge.confirm();
  await expect.poll(async () => (await e.api('clients.get', { id: vector.id })).client.emails.map((m) => m.email)).toEqual(['buh@vector.example']);
  expect(await e.core.call('clients.get', { id: prospect.id }, e.adminToken)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  await page.context().close();
});

it('a question from a kit not in the base shows the kit and is linked to a client, adding the kit to it', async () => {
  const refs = await e.api('refs.get', {});
  const hotline = refs.directions.find((d) => d.code === 'hotline')!.id;
  await e.api('employees.save', { login: 'hot1', fullName: 'Горячева Анна', roles: ['pm'], directionIds: [hotline], password: 'password-123' });
  const client = await e.api('clients.create', { name: 'ООО «Северный ветер»' });
  const raw = buildMail({
    subject: 'Задать вопрос: вопрос пользователя 1_000555',
    text: ['Вопрос из сервиса «Задать вопрос».', '', 'Система: 1_000555', 'ФИО: Тарасова Елена', 'E-mail: tarasova@mail.example', 'Вопрос: Как сдать 6-НДФЛ?', ''].join('\n'),
  });
  const r = await ingestMessage({ db: e.core.db, pool: e.core.pool, clock: e.clock, publish: e.core.bus.publish }, raw, null, e.clock.now().toISOString());
  expect((await e.api('clients.search', { query: 'Тарасова' })).items).toEqual([]);

  const page = await e.newPage();
  await e.login(page, 'hot1', 'password-123');
  const tasks = new TasksPage(page);
  await tasks.open();
  expect(await tasks.row(r.taskId!).getByTestId('task-row-kit').textContent()).toContain('SKJP_000555');
  await tasks.row(r.taskId!).click();
  await tasks.card.waitFor();
  expect(await page.getByTestId('task-kit').textContent()).toBe('SKJP_000555 · Юрист — в базе нет такого дистрибутива');
  await page.getByTestId('task-link-client').click();
  await page.getByTestId('link-client-dialog').waitFor();
  await page.getByTestId('link-client-picker').fill('Северный');
  await page.getByRole('option', { name: 'ООО «Северный ветер»' }).click();
  expect(await page.getByTestId('link-add-kit').isChecked()).toBe(true);
  await e.screenshot(page, 'task-link-client');
  await page.getByTestId('link-save').click();
  await page.getByTestId('task-client-link').waitFor();
  expect(await page.getByTestId('task-client-link').textContent()).toBe('ООО «Северный ветер»');
  expect(await page.getByTestId('task-kit').textContent()).toContain('дистрибутив клиента «ООО «Северный ветер»»');
  expect((await e.api('clients.get', { id: client.id })).distributions.map((d) => d.code)).toEqual(['SKJP_000555']);
  await page.context().close();
});
