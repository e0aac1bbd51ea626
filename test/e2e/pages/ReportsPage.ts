// Page object of «Отчёты»: the report list and the tasks report with its chart, tables and XLSX export.
import type { Download, Locator, Page } from 'playwright-core';

export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-reports').click();
    await this.page.getByRole('heading', { name: 'Отчёты' }).waitFor();
  }

  get tasksReport(): Locator {
    return this.page.getByTestId('report-tasks');
  }

  async exportXlsx(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('report-xlsx').click()]);
    return download;
  }
}
