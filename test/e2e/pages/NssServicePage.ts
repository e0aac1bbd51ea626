// Page objects of НСС seminars (#/nss/seminars and a seminar's drawer) and the client card's «НСС» tab (cycles, seminars).
import type { Locator, Page } from 'playwright-core';
import { typeDate } from './dateInput';

export class SeminarsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(`window.location.hash = '/nss/seminars'`);
    await this.page.getByTestId('seminars-screen').waitFor();
  }
  /** «Новый семинар»: fills the dialog and saves; the seminar's drawer opens. */
  async create(s: { title: string; date: string; time: string; capacity?: number }): Promise<void> {
    await this.page.getByTestId('seminar-new').click();
    await this.page.getByTestId('seminar-title').fill(s.title);
    await typeDate(this.page.getByTestId('seminar-date'), s.date);
    await this.page.getByTestId('seminar-time').fill(s.time);
    if (s.capacity != null) await this.page.getByTestId('seminar-capacity').fill(String(s.capacity));
    await this.page.getByTestId('seminar-save').click();
    await this.page.getByTestId('seminar-form').waitFor({ state: 'detached' });
    await this.drawer.waitFor();
  }
  get table(): Locator {
    return this.page.getByTestId('seminars-table');
  }
  get drawer(): Locator {
    return this.page.getByTestId('seminar-people');
  }
  /** Registers the client's only contact person (picked by typing part of the client's name). */
  async register(query: string, clientName: string): Promise<void> {
    await this.page.getByTestId('seminar-client').fill(query);
    await this.page.getByRole('option', { name: clientName }).click();
    await this.page.locator('[data-testid="seminar-contact"]:not([disabled])').waitFor();
    await this.page.getByTestId('seminar-register-save').click();
  }
  get people(): Locator {
    return this.drawer.locator('tbody tr');
  }
}

export class NssTabPage {
  constructor(readonly page: Page) {}

  async open(clientId: number): Promise<void> {
    await this.page.evaluate(`window.location.hash = '/clients/${clientId}/nss'`);
    await this.page.getByTestId('nss-tab').waitFor();
  }
  get seminars(): Locator {
    return this.page.getByTestId('nss-client-seminars');
  }
  get cycles(): Locator {
    return this.page.getByTestId('nss-cycles').locator('tbody tr');
  }
  /** «Предложить по спецификации» with the newest specification, then saves the proposed cycle as it is. */
  async proposeAndSave(): Promise<void> {
    await this.page.getByTestId('cycle-propose-open').click();
    await this.page.getByTestId('cycle-propose-go').click();
    await this.page.getByTestId('cycle-save').click();
    await this.page.getByTestId('cycle-save').waitFor({ state: 'detached' });
  }
  async renewFirstActive(): Promise<void> {
    await this.page.getByTestId('cycle-renew').first().click();
    await this.page.getByTestId('cycle-renew-confirm').click();
    await this.page.getByTestId('cycle-renew-confirm').waitFor({ state: 'detached' });
  }
}
