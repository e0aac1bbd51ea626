// The answer-quality scoring formula, in one place for the server (stored scores) and the review screen (live preview).
import { SCALE_RANGE, type QualityRatings, type ScoredCategory } from './quality';

/** Where a value sits on its scale, 0…1. */
export function normalized(c: Pick<ScoredCategory, 'scale'>, value: number): number {
  const { min, max } = SCALE_RANGE[c.scale];
  return (value - min) / (max - min);
}

/** Whether a value is one of the scale's points (integers from min to max). */
export function validRating(c: Pick<ScoredCategory, 'scale'>, value: number): boolean {
  const { min, max } = SCALE_RANGE[c.scale];
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Score 0–100 = Σ(weight × (value − min)/(max − min)) / Σ weight over the rated categories (N/A = null is left out).
 * A critical category rated below half of its scale makes the whole review 0. Every category N/A (or only zero
 * weights rated) → null: there is no score, and the server refuses to save such a review.
 */
export function reviewScore(categories: ScoredCategory[], ratings: QualityRatings): number | null {
  let sum = 0;
  let weights = 0;
  let failed = false;
  categories.forEach((c, i) => {
    const v = ratings[i];
    if (v == null) return;
    const n = normalized(c, v);
    if (c.critical && n < 0.5) failed = true;
    sum += c.weight * n;
    weights += c.weight;
  });
  if (weights <= 0) return failed ? 0 : null;
  if (failed) return 0;
  return Math.round((sum / weights) * 100 * 100) / 100;
}
