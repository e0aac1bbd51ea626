// Page object of «Импорт»: pick files, wait for the batch, read each file's result and the journal.
import type { Locator, Page } from 'playwright-core';

export class ImportsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-imports').click();
    await this.page.getByTestId('imports-screen').waitFor();
  }

  /** Picks files as the file dialog would, and waits until their batch has finished. */
  async importFiles(files: { name: string; mimeType?: string; buffer: Buffer }[]): Promise<void> {
    await this.page.getByTestId('import-input').setInputFiles(files.map((f) => ({ mimeType: 'application/octet-stream', ...f })));
    await this.page.locator('[data-testid="import-batch"][data-state="done"]').waitFor({ timeout: 30_000 });
  }

  /** The row of one file in the batch on screen. */
  result(name: string): Locator {
    return this.page.getByTestId('import-results').locator(`tr[data-name="${name}"]`);
  }

  async statusOf(name: string): Promise<string | null> {
    return this.result(name).getAttribute('data-status');
  }

  journalRows(): Locator {
    return this.page.getByTestId('import-journal').locator('tbody tr');
  }
}
