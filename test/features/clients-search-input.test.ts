// Any string a user can type or paste into the search box is a valid query: property-based over arbitrary strings.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await env.admin('clients.create', { name: 'ООО «Ромашка» "Плюс" (Владивосток) * NEAR', inn: '7707083893', phones: [{ raw: '+7 (423) 222-33-44' }] });
});
afterAll(() => env.close());

/** What FTS5 treats as syntax, and what pasted text carries: quotes, operators, control characters, emoji. */
const NASTY = ['\u0000', '"', "'", '*', '(', ')', 'NEAR(', 'AND', 'OR', 'NOT', ':', '^', '-', '+', '{', '}', '\\', '\u0001', '\t', '\n', '😀', '\uD800', '\uDFFF', '\u200B', '\uFEFF', ' '];

const fragments = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('ром', 'Ромашка', 'SKJP', '123', '7707', '+7 423'),
);
const query = fc.array(fragments, { maxLength: 30 }).map((parts) => parts.join('').slice(0, 200));

async function search(q: string) {
  return env.core.call('clients.search', { query: q }, env.adminToken);
}

describe('clients.search with arbitrary text', () => {
  it('answers every hand-picked hostile query with a result, never INTERNAL', async () => {
    const cases = ['a\u0000b', '\u0000', '"', '""', '"ром', 'ром"', '*', 'ром*', 'NEAR(ром маш)', 'NEAR(', '(((', ')))', 'a OR b', 'NOT ром', 'ром AND', '😀😀😀', '\uD800ab', 'ab\uDFFF', 'x'.repeat(200), '\u0001\u0002\u0003', 'col:ром', '^ром', '{name}: ром'];
    for (const q of cases) {
      const r = await search(q);
      expect(r.ok, JSON.stringify(q)).toBe(true);
    }
    // The quoting keeps a hostile-looking query a plain substring search: the stored name is found.
    const found = await search('"Плюс" (Владивосток) * NEAR');
    expect(found.ok && (found.data as { items: { name: string }[] }).items.map((i) => i.name)).toEqual(['ООО «Ромашка» "Плюс" (Владивосток) * NEAR']);
  });

  it('answers arbitrary strings (property-based) with a result, never INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const r = await search(q);
        if (!r.ok) throw new Error(`${JSON.stringify(q)} → ${JSON.stringify(r.error)}`);
      }),
      { numRuns: 400 },
    );
  });
});
