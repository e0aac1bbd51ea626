// Page object of the distribution dialog: the number field that takes a pasted kit, the system select from the catalogue, the computer.
import type { Locator, Page } from 'playwright-core';

export class DistributionFormPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('distr-form');
  }
  get number(): Locator {
    return this.page.getByTestId('distr-number');
  }
  get system(): Locator {
    return this.page.getByTestId('distr-system');
  }
  get comp(): Locator {
    return this.page.getByTestId('distr-comp');
  }
  get preview(): Locator {
    return this.page.getByTestId('distr-preview');
  }

  async openNew(): Promise<void> {
    await this.page.getByTestId('distr-add').click();
    await this.form.waitFor();
  }

  /** Pastes text into the number field, as from the clipboard (one input event). */
  async paste(text: string): Promise<void> {
    await this.number.fill(text);
  }

  /** Picks a system by the start of its option, e.g. `BUHS —`. */
  async chooseSystem(start: string): Promise<void> {
    await this.system.click();
    await this.page.getByRole('option', { name: new RegExp(`^${start}`) }).click();
  }

  /** The message next to a field of the dialog. */
  fieldError(field: Locator): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: field }).locator('.mantine-InputWrapper-error');
  }

  async save(): Promise<void> {
    await this.page.getByTestId('distr-save').click();
  }
}
