// Page object of «Поручения»: the list with its scope and filters, the header bell, and the task card with its actions.
import type { Locator, Page } from 'playwright-core';

export class TasksPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-tasks').click();
    await this.page.getByRole('heading', { name: 'Поручения' }).waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('tasks-table');
  }

  get empty(): Locator {
    return this.page.getByTestId('tasks-empty');
  }

  row(taskId: number): Locator {
    return this.page.locator(`[data-task-id="${taskId}"]`).first();
  }

  async scope(label: 'Мои' | 'Направление' | 'Все'): Promise<void> {
    await this.page.getByTestId('tasks-scope').getByText(label, { exact: false }).first().click();
  }

  /** The number on the bell, read from its data attribute (0 when none). */
  async bellCount(): Promise<number> {
    return Number(await this.page.getByTestId('bell-counter').getAttribute('data-count'));
  }

  async waitBellCount(n: number): Promise<void> {
    await this.page.locator(`[data-testid="bell-counter"][data-count="${n}"]`).waitFor();
  }

  async openBell(): Promise<Locator> {
    await this.page.getByTestId('bell').click();
    const dropdown = this.page.getByTestId('bell-dropdown');
    await dropdown.waitFor();
    return dropdown;
  }

  // The card.
  get card(): Locator {
    return this.page.getByTestId('task-card');
  }

  async status(): Promise<string> {
    return (await this.card.locator('[data-status]').first().getAttribute('data-status')) ?? '';
  }

  async take(): Promise<void> {
    await this.page.getByTestId('task-take').click();
    await this.card.locator('[data-status="in_work"]').first().waitFor();
  }

  /** Completes (or declines) through the dialog: picks the result by its Russian label and types the comment. */
  async close(kind: 'complete' | 'decline', result: string, comment: string): Promise<void> {
    await this.page.getByTestId(kind === 'complete' ? 'task-complete' : 'task-decline').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('task-result').click();
    await this.page.getByRole('option', { name: result, exact: true }).click();
    await dialog.getByTestId('task-comment').fill(comment);
    await dialog.getByTestId('task-dialog-save').click();
    await dialog.waitFor({ state: 'detached' });
  }

  get history(): Locator {
    return this.page.getByTestId('task-history');
  }

  /** Lets transitions (dialogs, notifications) finish before a screenshot. */
  async settle(): Promise<void> {
    await this.page.waitForTimeout(400);
  }
}
