// Page object of the client card's «USR» tab and the «USR» settings tab.
import type { Download, Locator, Page } from 'playwright-core';

export class UsrCardPage {
  constructor(readonly page: Page) {}

  async open(clientId: number): Promise<void> {
    await this.page.goto(`${this.page.url().split('#')[0]}#/clients/${clientId}/usr`);
    await this.section.waitFor();
  }
  get section(): Locator {
    return this.page.getByTestId('usr-section');
  }
  get tabBadge(): Locator {
    return this.page.getByTestId('usr-tab-badge');
  }
  distribution(id: number): Locator {
    return this.page.getByTestId(`usr-distr-${id}`);
  }
  async download(fileId: number): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 30_000 }), this.page.getByTestId(`usr-file-${fileId}`).getByRole('button', { name: /Скачать/ }).click()]);
    return download;
  }
}

export class UsrSettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(`window.location.hash = '/settings/usr'`);
    await this.page.getByTestId('usr-housekeeping').waitFor();
  }
  get storage(): Locator {
    return this.page.getByTestId('usr-storage');
  }
}
