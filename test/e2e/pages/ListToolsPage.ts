// Page object of the list tools shared by the client list and the documents register: «Мои фильтры», «Столбцы», «В XLSX», ticking and bulk actions.
import type { Download, Locator, Page } from 'playwright-core';

export class ListToolsPage {
  constructor(readonly page: Page) {}

  async saveFilter(name: string): Promise<void> {
    await this.page.getByTestId('saved-filters').click();
    await this.page.getByRole('menuitem', { name: 'Сохранить текущий фильтр…' }).click();
    await this.page.getByTestId('filter-name').fill(name);
    await this.page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await this.page.getByTestId('filter-name').waitFor({ state: 'detached' });
  }

  async savedFilterNames(): Promise<string[]> {
    await this.page.getByTestId('saved-filters').click();
    const menu = this.page.getByTestId('saved-filters-menu');
    await menu.waitFor();
    const names = (await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== 'Сохранить текущий фильтр…');
    await this.page.keyboard.press('Escape');
    return names;
  }

  async applyFilter(name: string): Promise<void> {
    await this.page.getByTestId('saved-filters').click();
    // The item's accessible name also carries its delete button's label.
    await this.page.getByTestId('saved-filters-menu').getByRole('menuitem').filter({ hasText: name }).first().click();
  }

  /** Switches a column on or off in «Столбцы». */
  async toggleColumn(title: string): Promise<void> {
    await this.page.getByTestId('columns-menu').click();
    await this.page.getByTestId('columns-list').getByLabel(title, { exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  headers(table: Locator): Promise<string[]> {
    return table.locator('thead th').allInnerTexts().then((t) => t.map((x) => x.trim()).filter(Boolean));
  }

  async exportXlsx(testId: 'clients-export' | 'documents-export'): Promise<Download> {
    // The first export starts a pool thread (TypeScript compiled on the fly there): on a busy machine that takes seconds.
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.page.getByTestId(testId).click()]);
    return download;
  }

  /** Ticks the client rows with these names. */
  async pick(names: string[]): Promise<void> {
    for (const n of names) await this.page.locator('tbody tr', { hasText: n }).getByTestId('pick-client').check();
  }

  /** Runs a bulk action up to its confirmation and returns the confirmation's text; `apply` confirms it. */
  async bulk(button: 'bulk-sio' | 'bulk-pm' | 'bulk-status', option: string): Promise<string> {
    await this.page.getByTestId(button).click();
    await this.page.getByTestId('bulk-value').click();
    await this.page.getByRole('option', { name: option }).click();
    await this.page.getByTestId('bulk-next').click();
    return this.page.getByTestId('bulk-confirm-text').innerText();
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('bulk-apply').click();
    await this.page.getByTestId('bulk-dialog').waitFor({ state: 'detached' });
  }
}
