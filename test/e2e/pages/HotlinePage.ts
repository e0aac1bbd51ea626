// Page object of «Настройки → hotline.txt»: the state card, the folder form, the warnings, download and write now.
import type { Locator, Page } from 'playwright-core';

export class HotlinePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByRole('tab', { name: 'hotline.txt', exact: true }).click();
    await this.card.waitFor();
  }

  get card(): Locator {
    return this.page.getByTestId('hotline-state');
  }

  /** no-folder | failed | ok | none */
  async waitForState(state: string): Promise<void> {
    await this.card.locator(`[data-hotline-state="${state}"]`).waitFor({ timeout: 15_000 });
  }

  async setFolder(folder: string): Promise<void> {
    await this.page.getByTestId('hotline-folder').fill(folder);
    await this.page.getByTestId('hotline-save-folder').click();
  }

  /** The downloaded file's name and text. */
  async download(): Promise<{ name: string; text: string }> {
    const [d] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('hotline-download').click()]);
    const stream = await d.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { name: d.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
