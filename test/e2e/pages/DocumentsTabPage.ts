// Page object of the client card's «Документы» tab: contract blocks, the document form, return marks and the owed badge.
import type { Locator, Page } from 'playwright-core';
import { testIdsAfter } from './testIds';

export class DocumentsTabPage {
  constructor(readonly page: Page) {}

  async open(clientId: number): Promise<void> {
    await this.page.goto(`${this.page.url().split('#')[0]}#/clients/${clientId}/documents`);
    await this.page.getByTestId('documents-tab').waitFor();
  }

  get tab(): Locator {
    return this.page.getByTestId('documents-tab');
  }
  get owedBadge(): Locator {
    return this.page.getByTestId('owed-badge');
  }
  contract(number: string): Locator {
    return this.page.getByTestId(`contract-${number}`);
  }
  row(number: string): Locator {
    return this.page.getByTestId(`doc-row-${number}`);
  }
  /** Numbers of the rows shown, in order. */
  async rowNumbers(): Promise<string[]> {
    return testIdsAfter(this.tab.locator('[data-testid^="doc-row-"]'), 'doc-row-');
  }

  get form(): Locator {
    return this.page.getByTestId('document-form');
  }
  async newContract(): Promise<void> {
    await this.page.getByTestId('new-contract').click();
    await this.form.waitFor();
  }
  async newChild(type: 'specification' | 'additional_agreement' | 'invoice' | 'act' | 'upd' | 'invoice_factura', contractNumber: string): Promise<void> {
    await this.page.getByTestId(`new-${type}-${contractNumber}`).click();
    await this.form.waitFor();
  }
  async pickDistribution(code: string, price?: string): Promise<void> {
    await this.page.getByTestId(`spec-dist-check-${code}`).check();
    if (price != null) await this.page.getByTestId(`spec-dist-price-${code}`).fill(price);
  }
  distributionRow(code: string): Locator {
    return this.page.getByTestId(`spec-dist-${code}`);
  }
  /** The last «… сохранён(а, о)» notification that save() read. */
  savedText = '';
  /** Saves and waits for the dialog to close; returns the number the notification announced. */
  async save(): Promise<string> {
    await this.page.getByTestId('doc-save').click();
    await this.form.waitFor({ state: 'detached' });
    // «Договор … сохранён», «Спецификация … сохранена», «Дополнительное соглашение … сохранено».
    const note = this.page.locator('.mantine-Notification-description', { hasText: /сохран(ён|ена|ено)/ }).last();
    const text = (await note.textContent()) ?? '';
    this.savedText = text;
    return /№ (\S+)/.exec(text)?.[1] ?? '';
  }
  /** Message shown next to a form field found by its test id. */
  fieldError(testId: string): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: this.page.getByTestId(testId) }).locator('.mantine-InputWrapper-error').first();
  }
  async cancelForm(): Promise<void> {
    await this.form.getByRole('button', { name: 'Отмена' }).click();
    await this.form.waitFor({ state: 'detached' });
  }

  async markReturned(number: string, broughtBy?: string): Promise<void> {
    await this.row(number).getByTestId('doc-return').click();
    const form = this.page.getByTestId('return-form');
    await form.waitFor();
    if (broughtBy) await form.getByLabel('или кто (курьер, сам клиент)').fill(broughtBy);
    await this.page.getByTestId('return-save').click();
    await form.waitFor({ state: 'detached' });
  }

  async printContract(number: string): Promise<void> {
    await this.page.getByTestId(`print-contract-${number}`).click();
    await this.page.getByTestId('print-pick').waitFor();
  }

  /** Lets dialog and notification transitions finish, so a screenshot shows what the user sees. */
  async settle(): Promise<void> {
    await this.page.waitForTimeout(400);
  }
}
