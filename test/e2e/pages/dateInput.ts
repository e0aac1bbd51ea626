// Page helper for the app's one date field: types a date key by key, as a person does, and reads its message.
import type { Locator, Page } from 'playwright-core';

/** Clears the field and types `text` one key at a time (mid-typing states are where two-digit years used to slip in). */
export async function typeDate(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Backspace');
  await field.pressSequentially(text, { delay: 20 });
}

/** The message shown under the date field with this test id. */
export function dateMessage(page: Page, testId: string): Locator {
  return page.locator('.mantine-InputWrapper-root', { has: page.getByTestId(testId) }).locator('.mantine-InputWrapper-error').first();
}
