// Page object of the chat operator window (#/chat/operator): the input, «Из буфера», the short list, the sections and the actions.
import type { Locator, Page } from 'playwright-core';

export class OperatorPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('operator-screen');
  }
  get input(): Locator {
    return this.page.getByTestId('op-input');
  }
  get clientName(): Locator {
    return this.page.getByTestId('op-client-name');
  }
  get contactName(): Locator {
    return this.page.getByTestId('op-contact-name');
  }
  get candidates(): Locator {
    return this.page.getByTestId('op-candidate');
  }
  section(name: 'client' | 'contact' | 'distributions' | 'tasks' | 'owed' | 'history'): Locator {
    return this.page.getByTestId(`op-${name}`);
  }

  async open(baseUrl: string, q = ''): Promise<void> {
    await this.page.goto(`${baseUrl}#/chat/operator${q ? `?q=${encodeURIComponent(q)}` : ''}`);
    await this.root.waitFor();
  }

  /** Types the text as a person does and looks it up with Enter. */
  async lookUp(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  async fromClipboard(): Promise<void> {
    await this.page.getByTestId('op-clipboard').click();
  }

  /** Opens the call-back dialog, picks the assignee by its label, writes the text and saves. */
  async callBack(assigneeLabel: string, text: string): Promise<void> {
    await this.page.getByTestId('op-action-callback').click();
    const form = this.page.getByTestId('op-callback-form');
    await form.waitFor();
    await form.getByText(assigneeLabel, { exact: true }).click();
    await form.getByTestId('op-callback-text').fill(text);
    await form.getByTestId('dialog-save').click();
    await form.waitFor({ state: 'detached' });
  }
}
