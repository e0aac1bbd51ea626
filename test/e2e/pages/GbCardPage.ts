// Page object of the client card's «Главбух» tab and its certificate dialog.
import type { Locator, Page } from 'playwright-core';
import { typeDate } from './dateInput';

export class GbCardPage {
  constructor(readonly page: Page) {}

  async open(clientId: number): Promise<void> {
    await this.page.evaluate(`window.location.hash = '/clients/${clientId}/glavbukh'`);
    await this.section.waitFor();
  }
  get section(): Locator {
    return this.page.getByTestId('gb-section');
  }
  get headerBadge(): Locator {
    return this.page.getByTestId('card-header').getByTestId('gb-badge');
  }
  get history(): Locator {
    return this.page.getByTestId('gb-history');
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /сертификат/i });
  }
  get holder(): Locator {
    return this.page.getByTestId('gb-holder');
  }
  /** Opens «Добавить сертификат» and fills it (certified). */
  async fill(number: string, validUntil: string, issuedOn?: string): Promise<void> {
    await this.page.getByTestId('gb-add').click();
    await this.page.getByTestId('gb-number').fill(number);
    if (issuedOn) await typeDate(this.page.getByTestId('gb-issued'), issuedOn);
    await typeDate(this.page.getByTestId('gb-valid-until'), validUntil);
  }
  async save(): Promise<void> {
    await this.page.getByTestId('gb-save').click();
  }
  /** Cancels the dialog, confirming that typed data may go. */
  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Отмена' }).click();
    const confirm = this.page.getByRole('button', { name: 'Закрыть', exact: true });
    const save = this.page.getByTestId('gb-save');
    // With typed data the form asks first, and the question may take a moment to appear: wait for it or for the
    // dialog to go, whichever comes (a bare isVisible() right after the click missed it on a loaded machine).
    await Promise.race([confirm.waitFor({ state: 'visible' }).catch(() => undefined), save.waitFor({ state: 'detached' }).catch(() => undefined)]);
    if (await confirm.isVisible()) await confirm.click();
    await save.waitFor({ state: 'detached' });
  }
}
