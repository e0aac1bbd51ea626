// Reads the test ids of matching elements, minus a common prefix: the rows' keys in the order shown.
import type { Locator } from 'playwright-core';

export async function testIdsAfter(rows: Locator, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const row of await rows.all()) out.push(((await row.getAttribute('data-testid')) ?? '').slice(prefix.length));
  return out;
}
