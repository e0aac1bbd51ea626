// Page object of «USR-файлы»: the files list, one file's side panel, unknown kits.
import type { Locator, Page } from 'playwright-core';

export class UsrPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-usr').click();
    await this.page.getByTestId('usr-tab-files').waitFor();
  }

  rows(): Locator {
    return this.page.getByTestId('usr-file-row');
  }

  panel(): Locator {
    return this.page.getByTestId('usr-file-panel');
  }
}

/** Drops files on an element as a person dragging them from a folder would (a real `drop` event with a DataTransfer). */
export async function dropFiles(page: Page, testId: string, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: f.buffer.toString('base64') }));
  await page.evaluate(
    `(() => {
      const files = ${JSON.stringify(payload)};
      const dt = new DataTransfer();
      for (const f of files) {
        const bin = atob(f.data);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name, { type: 'application/octet-stream' }));
      }
      const target = document.querySelector('[data-testid="${testId}"]');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`,
  );
}
