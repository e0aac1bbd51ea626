// Answer quality: the scorecard's scales, the shapes of samples, reviews and the operator report shared by main and renderer.
import type { EmployeeRef } from './types';

export const QUALITY_SCALES = ['yes_no', '1_3', '1_5'] as const;
export type QualityScale = (typeof QUALITY_SCALES)[number];

/** The values a scale allows: yes/no is 0 (no) or 1 (yes). */
export const SCALE_RANGE: Record<QualityScale, { min: number; max: number }> = {
  yes_no: { min: 0, max: 1 },
  '1_3': { min: 1, max: 3 },
  '1_5': { min: 1, max: 5 },
};

export interface QualityCategory {
  id: number;
  name: string;
  scale: QualityScale;
  weight: number;
  critical: boolean;
  position: number;
  active: boolean;
}

/** A category as a review was scored with it (the review keeps this copy; editing the scorecard later changes nothing). */
export interface ScoredCategory {
  id: number;
  name: string;
  scale: QualityScale;
  weight: number;
  critical: boolean;
}

/** One value per category, in the order of the categories; null = not applicable. */
export type QualityRatings = (number | null)[];

export interface QualitySettings {
  /** Sessions drawn per operator and week. */
  perOperator: number;
  /** A session shorter than this (seconds) is never drawn. */
  minDurationSec: number;
}
export const DEFAULT_QUALITY_SETTINGS: QualitySettings = { perOperator: 5, minDurationSec: 60 };

export interface QualityReview {
  id: number;
  sessionId: number;
  employee: EmployeeRef;
  reviewer: EmployeeRef;
  categories: ScoredCategory[];
  ratings: QualityRatings;
  score: number;
  comment: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A session as listed in a sample, a drill-down or a review list. */
export interface QualitySessionRow {
  id: number;
  startAt: string;
  durationSec: number | null;
  employee: EmployeeRef | null;
  clientId: number | null;
  clientName: string | null;
  fio: string | null;
  clientRating: string | null;
  /** The review's score, when the session was reviewed. */
  score: number | null;
  reviewId: number | null;
}

/** Everything the review screen shows: the dialog, who was on the other side, and the review when there is one. */
export interface QualitySessionView {
  session: QualitySessionRow & {
    finishAt: string | null;
    text: string | null;
    email: string | null;
    phone: string | null;
    systemNumber: number;
    distrNumber: number;
    comp: number;
    contact: { id: number; fullName: string } | null;
  };
  review: QualityReview | null;
  /** The categories to score with: the review's own copy, or the active scorecard for a new review. */
  categories: ScoredCategory[];
  /** Whether the caller may save (a head or administrator; the author or an administrator for an existing review). */
  canEdit: boolean;
}

export interface QualityReviewRow {
  id: number;
  sessionId: number;
  sessionStartAt: string;
  employee: EmployeeRef;
  reviewer: EmployeeRef;
  score: number;
  comment: string | null;
  clientRating: string | null;
  updatedAt: string;
}

/** One operator's line of the report «Операторы чата». */
export interface OperatorReportRow {
  employeeId: number;
  fullName: string;
  sessions: number;
  /** Seconds, over the sessions with a known duration; null when none. */
  avgDurationSec: number | null;
  medianDurationSec: number | null;
  /** Sessions per working day of the period (the РИЦ's work calendar). */
  perDay: number | null;
  /** Mean of the review scores (0–100) of the period's sessions; null without reviews. */
  qualityIndex: number | null;
  reviews: number;
  /** The clients' own ratings of the period's sessions (numeric ones), shown beside, never mixed into the index. */
  clientRatingAvg: number | null;
  clientRatings: number;
}

export interface OperatorReport {
  rows: OperatorReportRow[];
  /** Working days of the period (the per-day divisor) and calendar days. */
  workingDays: number;
  calendarDays: number;
}
