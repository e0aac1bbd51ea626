// Page object of the unrecognised mail queue: the list, an opened message, making a task from it, dismissing it.
import type { Locator, Page } from 'playwright-core';

export class QueuePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-tasks').click();
    await this.page.getByTestId('open-queue').click();
    await this.page.getByRole('heading', { name: 'Нераспознанные письма' }).waitFor();
  }

  item(queueId: number): Locator {
    return this.page.locator(`[data-queue-id="${queueId}"]`);
  }

  get opened(): Locator {
    return this.page.getByTestId('queue-opened');
  }

  async openItem(queueId: number): Promise<void> {
    await this.item(queueId).click();
    await this.opened.waitFor();
  }

  /** Opens the make-task dialog; returns it. */
  async startMakeTask(): Promise<Locator> {
    await this.page.getByTestId('queue-make-task').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }

  /** Picks an option of a Mantine select inside the dialog by its visible label. */
  async choose(select: Locator, option: string, typed?: string): Promise<void> {
    await select.click();
    if (typed) await select.fill(typed);
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async dismiss(): Promise<void> {
    await this.page.getByTestId('queue-dismiss').click();
    await this.page.getByTestId('confirm-dismiss').click();
  }
}
