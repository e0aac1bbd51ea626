// Page object of the mail settings tabs: «Почта» (mailboxes and their health) and «Правила разбора» (rules and the tester).
import type { Locator, Page } from 'playwright-core';

export class MailSettingsPage {
  constructor(readonly page: Page) {}

  async open(tab: 'Почта' | 'Правила разбора'): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByRole('heading', { name: 'Настройки' }).waitFor();
    await this.page.getByRole('tab', { name: tab, exact: true }).click();
  }

  async addMailbox(m: { host: string; port: number; tls: boolean; user: string; password: string }): Promise<void> {
    await this.page.getByTestId('mailbox-add').click();
    const d = this.page.getByRole('dialog');
    await d.getByTestId('mailbox-host').fill(m.host);
    if (!m.tls) await d.getByTestId('mailbox-tls').click({ force: true });
    await d.getByTestId('mailbox-port').fill(String(m.port));
    await d.getByTestId('mailbox-user').fill(m.user);
    await d.getByTestId('mailbox-password').fill(m.password);
    await d.getByTestId('dialog-save').click();
    await d.waitFor({ state: 'detached' });
  }

  health(mailboxId: number): Locator {
    return this.page.getByTestId(`health-${mailboxId}`);
  }

  get tester(): Locator {
    return this.page.getByTestId('rule-tester');
  }
}
