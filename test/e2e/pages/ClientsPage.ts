// Page objects for the client list, the «Новый клиент» dialog and the Ctrl+K command palette.
// This side is type-checked for Node, without DOM types: code run in the page uses strings (plain evaluate)
// or the minimal shape below (waitForFunction, whose string form the app's CSP refuses as eval).
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

interface PageDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; value?: string } | null;
}

export class ClientsPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('clients-screen');
  }
  get search(): Locator {
    return this.page.getByTestId('clients-search');
  }
  get table(): Locator {
    return this.page.getByTestId('clients-table');
  }
  /** Rows rendered in the DOM (virtualised: only those near the viewport). */
  get rows(): Locator {
    return this.table.locator('tbody tr[data-client-id]');
  }
  get selectedRow(): Locator {
    return this.table.locator('tbody tr[aria-selected="true"]');
  }
  get count(): Locator {
    return this.page.getByTestId('clients-count');
  }
  get empty(): Locator {
    return this.page.getByTestId('clients-empty');
  }

  async open(): Promise<void> {
    await this.page.evaluate(`window.location.hash = '#/clients'`);
    await this.search.waitFor();
    await this.settled();
  }

  /** Waits until the list shows the answer to what is typed in the search box. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const screen = doc.querySelector('[data-testid="clients-screen"]');
      const input = doc.querySelector('[data-testid="clients-search"]');
      return !!screen && !!input && screen.getAttribute('data-result-query') === (input.value ?? '').trim() && screen.getAttribute('data-pending') === 'false';
    });
  }

  /** Types like a person (so the debounce is exercised) and waits for the answer. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill('');
    await this.search.pressSequentially(text, { delay: 15 });
    await this.settled();
  }

  async rowNames(): Promise<string[]> {
    // By the column, not the position: a head's list starts with a tick column.
    return this.rows.locator('td[data-col="name"]').allInnerTexts();
  }

  async selectedId(): Promise<number> {
    return Number(await this.selectedRow.getAttribute('data-client-id'));
  }

  async hash(): Promise<string> {
    return this.page.evaluate<string>('window.location.hash');
  }

  async routeClientId(): Promise<number | null> {
    const m = /^#\/clients\/(\d+)/.exec(await this.hash());
    return m ? Number(m[1]) : null;
  }

  /** Id of the focused element's data-testid, to check where a shortcut put the focus. */
  async focusedTestId(): Promise<string | null> {
    return this.page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`);
  }

  async waitForCard(id: number): Promise<void> {
    // Enter pressed while the palette's answer is on its way opens the card once it lands: allow a busy server.
    await expect.poll(() => this.routeClientId(), { timeout: 10_000 }).toBe(id);
  }
}

export class NewClientDialogUi {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Новый клиент' });
  }
  /** A text field by its accessible name (the required-field asterisk is aria-hidden, so not part of it). */
  field(label: string): Locator {
    return this.dialog.getByRole('textbox', { name: label, exact: true });
  }
  /** The message shown next to a field (Mantine links it through aria-describedby). */
  async fieldError(label: string): Promise<string | null> {
    const input = this.field(label);
    if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
    if (ids.length === 0) return null;
    return this.page.locator(`[id="${ids[0]}"]`).innerText();
  }
  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Создать' }).click();
  }
}

export class CommandPaletteUi {
  constructor(readonly page: Page) {}

  get input(): Locator {
    return this.page.getByTestId('palette-input');
  }
  get clients(): Locator {
    return this.page.getByTestId('palette-client');
  }

  /** Opens the palette with the shortcut, after the previous one (if any) has finished closing. */
  async open(): Promise<void> {
    await this.input.waitFor({ state: 'hidden' });
    await this.page.keyboard.press('Control+K');
    await this.input.waitFor();
  }
}
