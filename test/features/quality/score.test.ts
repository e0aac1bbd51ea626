// The scoring formula: weights, scales (yes/no, 1–3, 1–5), N/A left out, a critical category below half → 0, all N/A → no score.
import { expect, it } from 'vitest';
import { reviewScore, validRating } from '../../../src-shared/quality-score';
import type { ScoredCategory } from '../../../src-shared/quality';

const cat = (p: Partial<ScoredCategory>): ScoredCategory => ({ id: 1, name: 'c', scale: '1_5', weight: 1, critical: false, ...p });

const card = [
  cat({ id: 1, name: 'Верно по существу', scale: '1_5', weight: 3, critical: true }),
  cat({ id: 2, name: 'Полнота', scale: '1_3', weight: 2 }),
  cat({ id: 3, name: 'Ссылки на документы К+', scale: 'yes_no', weight: 1 }),
  cat({ id: 4, name: 'Вежливость', scale: '1_5', weight: 1 }),
];

it('weighs each category by its normalised value', () => {
  // 3×(4−1)/4 + 2×(2−1)/2 + 1×1 + 1×(5−1)/4 = 2.25 + 1 + 1 + 1 = 5.25 of 7 → 75.
  expect(reviewScore(card, [4, 2, 1, 5])).toBe(75);
  expect(reviewScore(card, [5, 3, 1, 5])).toBe(100);
  // A "no" on yes/no is 0 of its weight: 3 + 2 + 0 + 1 = 6 of 7.
  expect(reviewScore(card, [5, 3, 0, 5])).toBe(85.71);
});

it('leaves N/A categories out of both sums', () => {
  // Without «Полнота» and «Вежливость»: 3×1 + 1×0 = 3 of 4.
  expect(reviewScore(card, [5, null, 0, null])).toBe(75);
  expect(reviewScore(card, [null, 1, null, null])).toBe(0);
});

it('scores the whole review 0 when a critical category is below half of its scale', () => {
  // 2 of 1–5 is 0.25 → 0, however good the rest.
  expect(reviewScore(card, [2, 3, 1, 5])).toBe(0);
  // 3 of 1–5 is exactly half: not below, counts normally: 3×0.5 + 2 + 1 + 1 = 5.5 of 7.
  expect(reviewScore(card, [3, 3, 1, 5])).toBe(78.57);
  // A critical yes/no answered "no".
  expect(reviewScore([cat({ scale: 'yes_no', critical: true }), cat({ id: 2 })], [0, 5])).toBe(0);
  // A critical category N/A does not fail the review.
  expect(reviewScore(card, [null, 3, 1, 5])).toBe(100);
});

it('gives no score when every category is N/A', () => {
  expect(reviewScore(card, [null, null, null, null])).toBeNull();
});

it('knows the points of each scale', () => {
  expect([0, 1, 2].map((v) => validRating(cat({ scale: 'yes_no' }), v))).toEqual([true, true, false]);
  expect([0, 1, 3, 4].map((v) => validRating(cat({ scale: '1_3' }), v))).toEqual([false, true, true, false]);
  expect([1, 5, 6, 2.5].map((v) => validRating(cat({ scale: '1_5' }), v))).toEqual([true, true, false, false]);
});
