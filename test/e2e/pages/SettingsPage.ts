// Page object of «Настройки»: tabs, the employee table and dialog, departments, readiness stages, profile.
import type { Locator, Page } from 'playwright-core';

export interface EmployeeFields {
  fullName?: string;
  login?: string;
  /** Russian role labels to tick, e.g. ['СИО']. */
  roles?: string[];
  /** Role labels to untick. */
  removeRoles?: string[];
  email?: string;
  password?: string;
}

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(tab?: 'Профиль' | 'Сотрудники' | 'Отделы' | 'Готовность'): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByRole('heading', { name: 'Настройки' }).waitFor();
    if (tab) await this.tab(tab).click();
  }

  /** Lets dialog and notification transitions finish before a screenshot. */
  async settle(): Promise<void> {
    await this.page.waitForTimeout(400);
  }

  /** Follows an address typed or bookmarked by the user, e.g. '/settings/employees'. */
  async goto(route: string): Promise<void> {
    await this.page.evaluate(`window.location.hash = ${JSON.stringify(`#${route}`)}`);
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  async tabNames(): Promise<string[]> {
    return (await this.page.getByRole('tab').allTextContents()).map((t) => t.trim());
  }

  /** The open dialog (Mantine renders it with role="dialog"). */
  get dialog(): Locator {
    return this.page.getByRole('dialog').last();
  }

  employeeRow(login: string): Locator {
    return this.page.getByTestId(`employee-row-${login}`);
  }

  async fillEmployee(f: EmployeeFields): Promise<void> {
    const d = this.dialog;
    if (f.fullName !== undefined) await d.getByLabel('ФИО').fill(f.fullName);
    if (f.login !== undefined) await d.getByLabel('Логин').fill(f.login);
    for (const r of f.roles ?? []) await d.getByRole('checkbox', { name: r, exact: true }).check();
    for (const r of f.removeRoles ?? []) await d.getByRole('checkbox', { name: r, exact: true }).uncheck();
    if (f.email !== undefined) await d.getByLabel('E-mail').fill(f.email);
    if (f.password !== undefined) await d.getByLabel(/^(Новый )?[Пп]ароль/).fill(f.password);
  }

  async startAddEmployee(f: EmployeeFields): Promise<void> {
    await this.page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    await this.dialog.waitFor();
    await this.fillEmployee(f);
  }

  async editEmployee(fullName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Изменить: ${fullName}` }).click();
    await this.dialog.waitFor();
  }

  /** Saves the dialog with Ctrl+Enter, the way a keyboard user does. */
  async saveWithKeyboard(): Promise<void> {
    await this.dialog.getByLabel('ФИО').press('Control+Enter');
  }

  async saveDialog(): Promise<void> {
    await this.dialog.getByTestId('dialog-save').click();
  }

  async editStage(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Изменить этап: ${name}` }).click();
    await this.dialog.waitFor();
  }

  stageField(label: string): Locator {
    return this.dialog.getByRole('checkbox', { name: label, exact: true });
  }

  async changePassword(oldPassword: string, newPassword: string, repeat = newPassword): Promise<void> {
    await this.page.getByLabel('Текущий пароль').fill(oldPassword);
    await this.page.getByLabel('Новый пароль', { exact: true }).fill(newPassword);
    await this.page.getByLabel('Повторите новый пароль').fill(repeat);
    await this.page.getByRole('button', { name: 'Сменить пароль' }).click();
  }
}
