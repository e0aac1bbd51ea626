// Three-way merge of typed edits with a newer version: only the same field changed on both sides asks.
import { describe, expect, it } from 'vitest';
import { mergeEdits } from '../../src-renderer/components/mergeEdits';

describe('mergeEdits', () => {
  const base = { name: 'ООО «А»', city: 'Владивосток', phones: [{ raw: '1' }], comment: '' };
  it('keeps typed values, takes changes to other fields, and names only the fields changed on both sides', () => {
    const mine = { ...base, name: 'ООО «А+»', comment: 'моё' };
    const theirs = { ...base, city: 'Находка', phones: [{ raw: '2' }], comment: 'их' };
    expect(mergeEdits(base, mine, theirs)).toEqual({
      values: { name: 'ООО «А+»', city: 'Находка', phones: [{ raw: '2' }], comment: 'моё' },
      clashes: ['comment'],
    });
  });
  it('is no clash when both sides typed the same value', () => {
    const v = { ...base, city: 'Артём' };
    expect(mergeEdits(base, v, v).clashes).toEqual([]);
  });
});
