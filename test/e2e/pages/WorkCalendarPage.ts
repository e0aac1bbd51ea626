// Page object of the settings tab «Рабочий календарь»: weekdays, hours, holidays and worked days off, saving.
import type { Locator, Page } from 'playwright-core';

export class WorkCalendarPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('work-calendar');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByRole('tab', { name: 'Рабочий календарь', exact: true }).click();
    await this.root.waitFor();
  }

  /** ISO weekdays (1 = Monday) that are ticked. */
  async workDays(): Promise<number[]> {
    const out: number[] = [];
    for (let d = 1; d <= 7; d++) if (await this.root.getByTestId(`cal-day-${d}`).isChecked()) out.push(d);
    return out;
  }

  async toggleDay(d: number): Promise<void> {
    await this.root.locator(`label[for="${await this.root.getByTestId(`cal-day-${d}`).getAttribute('id')}"]`).click();
  }

  field(name: 'start' | 'end' | 'holidays' | 'weekends'): Locator {
    return this.root.getByTestId(`cal-${name}`);
  }

  /** The message shown under a field (Mantine links it through aria-describedby). */
  async error(name: 'start' | 'end' | 'holidays' | 'weekends'): Promise<string> {
    const id = (await this.field(name).getAttribute('aria-describedby')) ?? '';
    const ids = id.split(' ').filter((x) => x.endsWith('-error'));
    return ids.length ? ((await this.page.locator(`[id="${ids[0]}"]`).textContent()) ?? '') : '';
  }

  async save(): Promise<void> {
    await this.root.getByTestId('cal-save').click();
  }
}
