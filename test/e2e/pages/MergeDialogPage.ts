// Page object of «Объединить клиентов» on the client card: the other card, which one stays, the preview and the confirmation.
import type { Locator, Page } from 'playwright-core';

export class MergeDialogPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('merge-dialog');
  }
  get moves(): Locator {
    return this.page.getByTestId('merge-moves');
  }
  move(ref: string): Locator {
    return this.page.getByTestId(`merge-move-${ref}`);
  }

  async openFromHeader(): Promise<void> {
    await this.page.getByTestId('merge-button').click();
    await this.dialog.waitFor();
  }

  /** Finds the other card by typing, as in any client picker, and picks it. */
  async pickOther(query: string, option: string): Promise<void> {
    const input = this.page.getByTestId('merge-other');
    await input.fill(query);
    await this.page.getByRole('option', { name: option }).click();
  }

  async keep(label: string): Promise<void> {
    await this.dialog.getByTestId('merge-keep').getByText(label).click();
  }

  async confirm(): Promise<void> {
    await this.page.getByTestId('merge-sure').check();
    await this.page.getByTestId('merge-confirm').click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
