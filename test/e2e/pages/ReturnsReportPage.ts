// Page object of the report «Возврат документов»: period, counts per state, the table in report order, XLSX and PDF.
import type { Download, Locator, Page } from 'playwright-core';

const ru = (iso: string) => iso.split('-').reverse().join('.');

export class ReturnsReportPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('report-document-returns');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.page.url().split('#')[0]}#/reports/document-returns`);
    await this.root.waitFor();
    await this.page.getByTestId('returns-count-awaited').waitFor();
  }

  /** Which view is chosen: everything unreturned as of today (the opening one) or a period. */
  async scope(): Promise<'unreturned' | 'period'> {
    const checked = this.root.getByTestId('returns-scope').locator('input:checked');
    return (await checked.getAttribute('value')) as 'unreturned' | 'period';
  }

  async chooseScope(label: 'Не возвращены на сегодня' | 'За период'): Promise<void> {
    await this.root.getByTestId('returns-scope').getByText(label).click();
  }

  /** Switches to a period, types it as a user would (27.11.2026) and waits for the report to answer. */
  async period(from: string, to: string): Promise<void> {
    if ((await this.scope()) !== 'period') await this.chooseScope('За период');
    for (const [id, value] of [
      ['period-from', from],
      ['period-to', to],
    ] as const) {
      const input = this.root.getByTestId(id);
      await input.fill(ru(value));
      await input.press('Enter');
      await input.blur();
    }
  }

  async count(state: 'overdue' | 'awaited' | 'returned_late' | 'returned_in_time'): Promise<number> {
    return Number(await this.root.getByTestId(`returns-count-${state}`).getAttribute('data-count'));
  }

  /** Rows as [number, state, days overdue]. */
  async rows(): Promise<[string, string, string][]> {
    const out: [string, string, string][] = [];
    for (const row of await this.root.locator('[data-testid^="returns-row-"]').all()) {
      const id = (await row.getAttribute('data-testid')) ?? '';
      out.push([id.slice('returns-row-'.length), (await row.getAttribute('data-state')) ?? '', ((await row.locator('td').nth(1).textContent()) ?? '').trim()]);
    }
    return out;
  }

  async exportXlsx(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByTestId('returns-xlsx').click()]);
    return download;
  }

  async printPdf(): Promise<void> {
    await this.root.getByTestId('returns-pdf').click();
    await this.page.locator('[data-testid="pdf-preview"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  }
}
