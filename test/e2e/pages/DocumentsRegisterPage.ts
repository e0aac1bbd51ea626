// Page object of the «Документы» register: filters, the row count, rows, and the document card a row opens.
import type { Locator, Page } from 'playwright-core';
import { testIdsAfter } from './testIds';

export class DocumentsRegisterPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-documents').click();
    await this.page.getByTestId('documents-register').waitFor();
  }

  get count(): Locator {
    return this.page.getByTestId('register-count');
  }
  row(number: string): Locator {
    return this.page.getByTestId(`register-row-${number}`);
  }
  async rowNumbers(): Promise<string[]> {
    return testIdsAfter(this.page.locator('[data-testid^="register-row-"]'), 'register-row-');
  }
  /** Picks an option of a filter's Select. */
  async filter(testId: 'filter-type' | 'filter-state', option: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    // Exact: «Счёт» is also the start of «Счёт-фактура».
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
  get documentScreen(): Locator {
    return this.page.getByTestId('document-screen');
  }
}
