// Page object of the client card: header facts, tabs and the card's dialogs, as a user reaches them.
import type { Locator, Page } from 'playwright-core';

export type CardTabName = 'Общие' | 'Контакты' | 'Реквизиты' | 'Дистрибутивы и схемы сервиса' | 'События' | 'Готовность';

export class ClientCardPage {
  constructor(readonly page: Page) {}

  async open(clientId: number, tab = ''): Promise<void> {
    // A hash change inside the loaded app (same document): the session stays signed in.
    await this.page.goto(`${this.page.url().split('#')[0]}#/clients/${clientId}${tab ? `/${tab}` : ''}`);
    await this.page.locator(`[data-testid="client-card"][data-client-id="${clientId}"]`).waitFor();
  }

  get header(): Locator {
    return this.page.getByTestId('card-header');
  }
  get name(): Locator {
    return this.page.getByTestId('card-name');
  }
  get keyBadge(): Locator {
    return this.header.getByTestId('key-badge');
  }
  get keyResponsible(): Locator {
    return this.header.getByTestId('key-responsible-name');
  }
  headerFact(name: 'phone' | 'inn' | 'sio' | 'pm' | 'counterparty'): Locator {
    return this.header.getByTestId(`fact-${name}`);
  }
  stageBadge(code: string): Locator {
    return this.header.getByTestId(`stage-badge-${code}`);
  }

  async tab(name: CardTabName): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }
  /** Hash part of the URL, e.g. `#/clients/1/events`. */
  hash(): string {
    return new URL(this.page.url()).hash;
  }

  /** Lets dialog and notification transitions finish, so a screenshot shows what the user sees. */
  async settle(): Promise<void> {
    await this.page.waitForTimeout(400);
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }
  /** Picks an option of a Mantine Select found by its test id. */
  async choose(select: Locator, option: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: option }).click();
  }

  // «Общие»
  phoneInput(i: number): Locator {
    return this.page.getByTestId(`general-phones-raw-${i}`);
  }
  async saveGeneral(): Promise<void> {
    await this.page.getByTestId('general-save').click();
  }

  // «Ключевой клиент…»
  async markKey(responsible: string): Promise<void> {
    await this.header.getByTestId('key-button').click();
    await this.choose(this.dialog.getByTestId('key-responsible'), responsible);
    await this.dialog.getByRole('button', { name: 'Сохранить' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  // «События»
  eventTexts(): Promise<string[]> {
    return this.page.getByTestId('event-text-shown').allTextContents();
  }

  // «Реквизиты»
  async openCounterpartyForm(): Promise<Locator> {
    await this.page.getByTestId('cp-change').click();
    const form = this.page.getByTestId('counterparty-form');
    await form.waitFor();
    return form;
  }
  cpField(name: string): Locator {
    return this.page.getByTestId(`cp-${name}`);
  }
  /** Message shown next to a field of the counterparty form. */
  cpFieldError(name: string): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: this.cpField(name) }).locator('.mantine-InputWrapper-error');
  }
  historyRows(): Locator {
    return this.page.getByTestId('cp-history-row');
  }

  // «Готовность»
  async confirmStage(stageCode: string, values: Record<string, string> = {}): Promise<void> {
    await this.page.getByTestId(`readiness-confirm-all-${stageCode}`).click();
    const form = this.page.getByTestId('readiness-form');
    await form.waitFor();
    for (const [code, value] of Object.entries(values)) await this.page.getByTestId(`readiness-value-${code}`).fill(value);
    await this.page.getByTestId('readiness-save').click();
    await form.waitFor({ state: 'detached' });
  }
  readinessField(stageCode: string, fieldCode: string): Locator {
    return this.page.getByTestId(`readiness-field-${stageCode}-${fieldCode}`);
  }
}
