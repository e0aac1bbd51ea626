// Page object of «Настройки → Системы К+»: the catalogue table and the system dialog.
import type { Locator, Page } from 'playwright-core';

export class SystemsSettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByRole('tab', { name: 'Системы К+', exact: true }).click();
    await this.page.getByText('Файлы КЦ называют систему номером').waitFor();
  }

  row(code: string): Locator {
    return this.page.getByTestId(`system-row-${code}`);
  }
  get dialog(): Locator {
    return this.page.getByTestId('system-form');
  }
  field(name: 'code' | 'name' | 'number'): Locator {
    return this.page.getByTestId(`system-${name}`);
  }
  fieldError(name: 'code' | 'name' | 'number'): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: this.field(name) }).locator('.mantine-InputWrapper-error');
  }

  async add(): Promise<void> {
    await this.page.getByTestId('system-add').click();
    await this.dialog.waitFor();
  }
  async edit(code: string): Promise<void> {
    await this.page.getByRole('button', { name: `Изменить систему ${code}` }).click();
    await this.dialog.waitFor();
  }
  async save(): Promise<void> {
    await this.page.getByTestId('dialog-save').click();
  }
}
