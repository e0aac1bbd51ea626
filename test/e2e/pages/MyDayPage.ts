// Page object of «Мой день», the start screen: its four parts and the head's department table.
import type { Locator, Page } from 'playwright-core';

export type MyDayPart = 'my-tasks' | 'my-calls' | 'my-documents' | 'my-readiness';

export class MyDayPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('my-day');
  }
  get department(): Locator {
    return this.page.getByTestId('department');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-home').click();
    await this.root.waitFor();
  }

  async count(part: MyDayPart): Promise<number> {
    return Number(await this.root.getByTestId(part).getAttribute('data-count'));
  }

  /** The rows' test ids of a part, in screen order. */
  async rows(part: MyDayPart): Promise<string[]> {
    const out: string[] = [];
    for (const row of await this.root.getByTestId(part).locator('tbody tr').all()) out.push((await row.getAttribute('data-testid')) ?? '');
    return out;
  }

  row(testId: string): Locator {
    return this.root.locator(`[data-testid="${testId}"]`);
  }

  loadRow(employeeId: number): Locator {
    return this.department.getByTestId(`load-row-${employeeId}`);
  }
}
