// Page object of «Качество ответов»: the review screen (keyboard scoring) and the report «Операторы чата».
import type { Locator, Page } from 'playwright-core';

export class QualityPage {
  constructor(readonly page: Page) {}

  async openSession(id: number): Promise<void> {
    await this.page.evaluate(`window.location.hash = '#/chat/quality/session/${id}'`);
    await this.page.getByTestId('dialog-text').waitFor();
  }

  category(i: number): Locator {
    return this.page.getByTestId(`category-${i}`);
  }

  /** Types keys as a reviewer does: the current category takes each digit (or N) and moves on. */
  async typeRatings(keys: string[]): Promise<void> {
    await this.category(0).focus();
    for (const k of keys) await this.page.keyboard.press(k);
  }

  async comment(text: string): Promise<void> {
    await this.page.getByTestId('review-comment').fill(text);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('review-save').click();
  }

  score(): Locator {
    return this.page.getByTestId('review-score');
  }

  async openOperatorsReport(): Promise<Locator> {
    await this.page.getByTestId('nav-reports').click();
    await this.page.getByTestId('report-nav-chat-operators').click();
    const table = this.page.getByTestId('operators-table');
    await table.waitFor();
    return table;
  }

  async openMyReviews(): Promise<Locator> {
    await this.page.getByTestId('nav-chat-quality').click();
    const table = this.page.getByTestId('quality-reviews');
    await table.waitFor();
    return table;
  }
}
