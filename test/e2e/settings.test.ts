// E2E: «Настройки» — the administrator manages employees and readiness stages; other roles see only their profile.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { SettingsPage } from './pages/SettingsPage';
import { changedTables, tableHashes } from '../helpers/tables';

let e: E2E;
let adminPage: Page;
let settings: SettingsPage;

beforeAll(async () => {
  e = await startE2E();
  adminPage = await e.newPage();
  await e.login(adminPage);
  settings = new SettingsPage(adminPage);
});
afterAll(() => e?.close());

it('the administrator adds a СИО who can sign in and does not see the administrator tabs', async () => {
  await settings.open('Сотрудники');
  await settings.startAddEmployee({ fullName: 'Сидоров Иван Петрович', login: 'sidorov', roles: ['СИО'], email: 'sidorov@ric.example', password: 'sio-password-1' });
  await e.screenshot(adminPage, 'settings-employee-dialog');
  await settings.saveWithKeyboard();
  await settings.dialog.waitFor({ state: 'detached' });
  const row = settings.employeeRow('sidorov');
  await row.waitFor();
  expect(await row.textContent()).toContain('СИО');
  expect(await row.textContent()).toContain('Работает');
  await e.screenshot(adminPage, 'settings-employees');

  const saved = (await e.api('employees.list', {})).find((x) => x.login === 'sidorov');
  expect(saved).toMatchObject({ fullName: 'Сидоров Иван Петрович', roles: ['sio'], email: 'sidorov@ric.example', active: true });

  const sioPage = await e.newPage();
  await e.login(sioPage, 'sidorov', 'sio-password-1');
  const sioSettings = new SettingsPage(sioPage);
  await sioSettings.open();
  expect(await sioSettings.tabNames()).toEqual(['Профиль', 'Системы К+']);
  expect(await sioSettings.tab('Сотрудники').count()).toBe(0);
  expect(await sioPage.getByTestId('profile-facts').textContent()).toContain('СИО');
  // A bookmarked administrator's tab is explained, not shown.
  await sioSettings.goto('/settings/employees');
  await sioPage.getByText('Вкладка «Сотрудники» доступна только администратору').waitFor();
  expect(await sioPage.getByTestId('employees-table').count()).toBe(0);
  await e.screenshot(sioPage, 'settings-sio-profile');
  await sioPage.context().close();
});

it('refuses a duplicate login with a Russian message next to the field and saves nothing', async () => {
  await e.employee('kuznetsov', ['sio'], 'Кузнецов Пётр');
  await settings.open('Сотрудники');
  const before = tableHashes(e.core.db.$client);
  await settings.startAddEmployee({ fullName: 'Другой Кузнецов', login: 'KUZNETSOV', roles: ['Обзвонка'], password: 'another-pass-1' });
  await settings.saveDialog();
  await settings.dialog.getByText('Этот логин уже занят другим сотрудником').waitFor();
  expect(await settings.dialog.getByLabel('Логин').getAttribute('aria-invalid')).toBe('true');
  await e.screenshot(adminPage, 'settings-duplicate-login');
  expect(changedTables(before, tableHashes(e.core.db.$client))).toEqual([]);
  await adminPage.keyboard.press('Escape');
  await settings.dialog.waitFor({ state: 'detached' });
});

it('shows field messages as the user types and on save', async () => {
  await settings.open('Сотрудники');
  await settings.startAddEmployee({ login: 'кириллица', password: 'short' });
  await settings.dialog.getByText('Логин: латинские буквы, цифры, точка, дефис, подчёркивание').waitFor();
  await settings.dialog.getByText('Пароль должен быть не короче 8 символов').waitFor();
  await settings.saveDialog();
  await settings.dialog.getByText('Введите ФИО').waitFor();
  await settings.dialog.getByText('Выберите хотя бы одну роль').waitFor();
  await adminPage.keyboard.press('Escape');
  await settings.dialog.waitFor({ state: 'detached' });
});

it('refuses to demote the only administrator with a Russian message', async () => {
  await settings.open('Сотрудники');
  await settings.editEmployee('Админов Админ');
  await settings.fillEmployee({ roles: ['Руководитель'], removeRoles: ['Администратор'] });
  await settings.saveDialog();
  await settings.dialog.getByText(/Нельзя лишить прав последнего администратора/).waitFor();
  await e.screenshot(adminPage, 'settings-last-admin');
  const admin = (await e.api('employees.list', {})).find((x) => x.login === 'admin');
  expect(admin?.roles).toEqual(['admin']);
  await adminPage.keyboard.press('Escape');
  await settings.dialog.waitFor({ state: 'detached' });
});

it('deactivation asks for confirmation and then blocks sign-in', async () => {
  await e.employee('petrova', ['caller'], 'Петрова Анна');
  await settings.open('Отделы');
  await settings.open('Сотрудники');
  await settings.employeeRow('petrova').waitFor();
  await adminPage.getByRole('button', { name: 'Отключить: Петрова Анна' }).click();
  const confirm = adminPage.getByTestId('confirm-deactivate');
  await confirm.waitFor();
  await adminPage.getByText('Отключить сотрудника?').waitFor();
  await settings.settle();
  await e.screenshot(adminPage, 'settings-deactivate-confirm');
  await confirm.click();
  // A badge that fits every employee: «Отключён» was wrong for Петрова.
  await expect.poll(() => settings.employeeRow('petrova').textContent()).toContain('Вход запрещён');
  expect((await e.api('employees.list', {})).find((x) => x.login === 'petrova')?.active).toBe(false);
  const r = await e.core.call('auth.login', { login: 'petrova', password: 'password-123' }, null);
  expect(r.ok).toBe(false);
});

it('a department is added and renamed; a duplicate name is refused in Russian', async () => {
  await settings.open('Отделы');
  await adminPage.getByText('Отделов пока нет').waitFor();
  const input = adminPage.getByLabel('Название нового отдела');
  await input.fill('Отдел продаж');
  await input.press('Enter');
  await adminPage.getByTestId('departments-table').getByText('Отдел продаж').waitFor();
  await input.fill('Отдел продаж');
  await input.press('Enter');
  await adminPage.getByText('Отдел с таким названием уже есть').waitFor();
  await adminPage.getByRole('button', { name: 'Переименовать: Отдел продаж' }).click();
  await settings.dialog.getByLabel('Название').fill('Отдел продаж и маркетинга');
  await settings.dialog.getByLabel('Название').press('Control+Enter');
  await settings.dialog.waitFor({ state: 'detached' });
  expect((await e.api('refs.get', {})).departments.map((d) => d.name)).toEqual(['Отдел продаж и маркетинга']);
  await e.screenshot(adminPage, 'settings-departments');
});

it('saves a change of a stage’s required fields', async () => {
  await settings.open('Готовность');
  await settings.editStage('Обзвонка');
  expect(await settings.stageField('E-mail для связи').isChecked()).toBe(false);
  await settings.stageField('E-mail для связи').check();
  await settings.stageField('Актуальный телефон').uncheck();
  await settings.dialog.getByLabel('Срок свежести, дней').fill('120');
  await e.screenshot(adminPage, 'settings-stage-dialog');
  await settings.saveDialog();
  await settings.dialog.waitFor({ state: 'detached' });
  const stage = (await e.api('refs.get', {})).readinessStages.find((s) => s.code === 'calling');
  expect(stage?.fieldCodes.sort()).toEqual(['email', 'head_fio', 'org_name']);
  expect(stage?.freshnessDays).toBe(120);
  await expect.poll(() => adminPage.getByTestId('stage-row-calling').textContent()).toContain('E-mail для связи');
  await e.screenshot(adminPage, 'settings-readiness');
});

it('an employee changes the own password; a mismatch is caught before sending', async () => {
  await e.employee('ivanova', ['pm'], 'Иванова Ольга');
  const page = await e.newPage();
  await e.login(page, 'ivanova', 'password-123');
  const s = new SettingsPage(page);
  await s.open('Профиль');
  await s.changePassword('password-123', 'new-password-1', 'new-password-2');
  await page.getByText('Пароли не совпадают').waitFor();
  await s.changePassword('wrong-old-pass', 'new-password-1');
  await page.getByText('Неверный текущий пароль').waitFor();
  await s.changePassword('password-123', 'new-password-1');
  await page.getByTestId('password-changed').waitFor();
  await e.screenshot(page, 'settings-profile-password');
  expect((await e.core.call('auth.login', { login: 'ivanova', password: 'new-password-1' }, null)).ok).toBe(true);
  expect((await e.core.call('auth.login', { login: 'ivanova', password: 'password-123' }, null)).ok).toBe(false);
  await page.context().close();
});
