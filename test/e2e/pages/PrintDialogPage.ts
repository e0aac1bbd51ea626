// Page object of the print dialog: documents picked, one file or each apart, and the PDF preview with its file list.
import type { Locator, Page } from 'playwright-core';

export class PrintDialogPage {
  constructor(readonly page: Page) {}

  get pick(): Locator {
    return this.page.getByTestId('print-pick');
  }
  /** Numbers of the documents ticked in the pick list. */
  async picked(): Promise<string[]> {
    const rows = this.pick.locator('[data-testid^="print-pick-"]');
    const out: string[] = [];
    for (const row of await rows.all()) {
      if (await row.getByRole('checkbox').isChecked()) out.push(((await row.getAttribute('data-testid')) ?? '').slice('print-pick-'.length));
    }
    return out;
  }
  async mode(label: 'Одним файлом' | 'Каждый отдельно'): Promise<void> {
    await this.page.getByTestId('print-mode').getByText(label).click();
  }
  /** Renders and waits for the preview's frame to load the first file. */
  async render(): Promise<void> {
    await this.page.getByTestId('print-render').click();
    await this.page.locator('[data-testid="pdf-preview"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  }
  get preview(): Locator {
    return this.page.getByTestId('pdf-preview');
  }
  /** The file being previewed (its server path). */
  async previewPath(): Promise<string> {
    return (await this.page.getByTestId('preview-name').getAttribute('data-path')) ?? '';
  }
  get files(): Locator {
    return this.page.getByTestId('print-file');
  }
  async filePaths(): Promise<string[]> {
    return Promise.all((await this.files.all()).map(async (f) => (await f.getAttribute('data-path')) ?? ''));
  }
  async back(): Promise<void> {
    await this.page.getByTestId('print-back').click();
    await this.pick.waitFor();
  }
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('pdf-preview-panel').waitFor({ state: 'detached' });
  }
}
