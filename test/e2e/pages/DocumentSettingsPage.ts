// Page object of Настройки → «Документы»: return periods (with the recomputation message), clause templates, our requisites.
import type { Locator, Page } from 'playwright-core';

export class DocumentSettingsPage {
  constructor(readonly page: Page) {}

  async open(part: 'Сроки возврата' | 'Шаблоны пунктов договоров' | 'Наши реквизиты'): Promise<void> {
    await this.page.goto(`${this.page.url().split('#')[0]}#/settings/documents`);
    await this.page.getByTestId('document-settings').waitFor();
    await this.page.getByTestId('document-settings-part').getByText(part).click();
  }

  async setPeriod(type: string, kind: string, days?: number): Promise<void> {
    await this.page.getByTestId(`period-kind-${type}`).click();
    await this.page.getByRole('option', { name: kind }).click();
    if (days != null) await this.page.getByTestId(`period-days-${type}`).fill(String(days));
  }
  /** Saves the periods and returns the notification's text. */
  async savePeriods(): Promise<string> {
    await this.page.getByTestId('periods-save').click();
    const note = this.page.locator('.mantine-Notification-description', { hasText: 'Сроки сохранены' }).last();
    await note.waitFor();
    return (await note.textContent()) ?? '';
  }
  ourField(name: string): Locator {
    return this.page.getByTestId(`our-${name}`);
  }
  ourFieldError(name: string): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: this.ourField(name) }).locator('.mantine-InputWrapper-error');
  }
  get templateBody(): Locator {
    return this.page.getByTestId('template-body');
  }
  templateError(): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: this.templateBody }).locator('.mantine-InputWrapper-error');
  }
}
