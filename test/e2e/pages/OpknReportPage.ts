// Page object of the report «ОПКН»: its period, rows, totals and «Выгрузить USR».
import type { Download, Locator, Page } from 'playwright-core';
import { typeDate } from './dateInput';

export class OpknReportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.page.url().split('#')[0]}#/reports/opkn`);
    await this.root.waitFor();
  }

  get root(): Locator {
    return this.page.getByTestId('report-opkn');
  }

  get rows(): Locator {
    return this.page.getByTestId('opkn-row');
  }

  get totals(): Locator {
    return this.page.getByTestId('opkn-totals');
  }

  /** Dates as typed: 01.02.2026. */
  async period(from: string, to: string): Promise<void> {
    await typeDate(this.page.getByTestId('period-from'), from);
    await this.page.keyboard.press('Tab');
    await typeDate(this.page.getByTestId('period-to'), to);
    await this.page.keyboard.press('Tab');
  }

  async downloadZip(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.page.getByTestId('report-usr-zip').click()]);
    return download;
  }
}
