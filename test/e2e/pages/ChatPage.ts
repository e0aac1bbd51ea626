// Page object of the «Чат» section: the sessions table and dialog, unknown kits with their link dialog, the operator mapping.
import type { Locator, Page } from 'playwright-core';

export class ChatPage {
  constructor(readonly page: Page) {}

  async open(tab: 'Сессии' | 'Неизвестные комплекты' | 'Операторы' = 'Сессии'): Promise<void> {
    await this.page.getByTestId('nav-chat').click();
    await this.page.getByRole('tab', { name: tab, exact: true }).click();
  }
  get count(): Locator {
    return this.page.getByTestId('chat-sessions-count');
  }
  sessionRows(): Locator {
    return this.page.getByTestId('chat-sessions-table').locator('tr[data-session-id]');
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Сессия чата' });
  }
  kitRows(): Locator {
    return this.page.getByTestId('chat-kit-row');
  }
  async linkKit(row: Locator, typed: string, client: string): Promise<void> {
    await row.getByTestId('chat-kit-link').click();
    await this.page.getByTestId('chat-link-client').fill(typed);
    await this.page.getByRole('option', { name: client }).first().click();
    await this.page.getByTestId('chat-link-save').click();
  }
  operatorRow(personal: string): Locator {
    return this.page.getByTestId('chat-operator-row').filter({ hasText: personal });
  }
  async mapOperator(personal: string, employee: string): Promise<void> {
    await this.page.getByRole('combobox', { name: `Сотрудник для «${personal}»` }).click();
    await this.page.getByRole('option', { name: employee }).first().click();
  }
}
