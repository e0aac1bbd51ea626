// Page object of the «Главбух» section: a new certification request (clients, «Проверить», «Исправить», «Выгрузить заявку») and the archive.
import type { Locator, Page } from 'playwright-core';

export class GlavbukhPage {
  constructor(readonly page: Page) {}

  async open(tab: 'new' | 'archive' = 'new'): Promise<void> {
    await this.page.goto(`${this.page.url().split('#')[0]}#/glavbukh/${tab}`);
    await this.page.getByTestId(`gb-tab-${tab}`).waitFor();
  }
  async addClient(typed: string, name: string): Promise<void> {
    await this.page.getByTestId('gb-add-client').fill(typed);
    await this.page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  }
  get check(): Locator {
    return this.page.getByTestId('gb-check');
  }
  get exportButton(): Locator {
    return this.page.getByTestId('gb-export');
  }
  problems(): Promise<string[]> {
    return this.page.getByTestId('gb-problem').allTextContents();
  }
  get fixLinks(): Locator {
    return this.page.getByTestId('gb-fix');
  }
  get archiveRows(): Locator {
    return this.page.getByTestId('gb-archive-row');
  }
}
