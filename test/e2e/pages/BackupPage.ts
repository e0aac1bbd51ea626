// Page object of «Настройки → Резервные копии»: the health card, the schedule form, the copies and runs tables.
import type { Locator, Page } from 'playwright-core';

export class BackupPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByRole('tab', { name: 'Резервные копии', exact: true }).click();
    await this.health.waitFor();
  }

  get health(): Locator {
    return this.page.getByTestId('backup-health');
  }

  /** running | failed | none | ok */
  async state(): Promise<string | null> {
    return this.health.locator('[data-backup-state]').getAttribute('data-backup-state');
  }

  async waitForState(state: string): Promise<void> {
    await this.health.locator(`[data-backup-state="${state}"]`).waitFor({ timeout: 30_000 });
  }

  async runNow(): Promise<void> {
    await this.page.getByTestId('backup-run-now').click();
  }

  async setFolder(folder: string): Promise<void> {
    await this.page.getByTestId('backup-folder').fill(folder);
  }

  async setInterval(hours: number): Promise<void> {
    await this.page.getByTestId('backup-interval').fill(String(hours));
  }

  async save(): Promise<void> {
    await this.page.getByTestId('backup-save').click();
  }

  listRows(): Locator {
    return this.page.getByTestId('backup-list').locator('tbody tr');
  }

  runRows(): Locator {
    return this.page.getByTestId('backup-runs').locator('tbody tr');
  }
}
