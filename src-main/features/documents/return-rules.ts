// Planned return of signed originals: the date from a document's date and its type's period, and the return state on a day.
import type { DocumentStatus, ReturnPeriod, ReturnState } from '../../../src-shared/doc-types';

function ymd(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Last day of the month `monthsAhead` after the date's month (UTC arithmetic: day 0 of the following month). */
function monthEnd(date: string, monthsAhead: number): string {
  const [y, m] = ymd(date);
  return iso(new Date(Date.UTC(y, m - 1 + monthsAhead + 1, 0)));
}

export function addDaysIso(date: string, days: number): string {
  const [y, m, d] = ymd(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = ymd(a);
  const [yb, mb, db] = ymd(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/**
 * Days a return is (or was) late, for display: 0 when either stored date is not a calendar day. Rows written
 * before dates were range-checked can hold `+010000-01`; one such row must not break a list or a report.
 */
export function daysLate(planned: string, until: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(planned) && /^\d{4}-\d{2}-\d{2}$/.test(until) ? daysBetween(planned, until) : 0;
}

/** Planned return date = document date + the period of its type; null when the type is not returned. */
export function plannedReturnDate(date: string, period: ReturnPeriod): string | null {
  switch (period.kind) {
    case 'days':
      if (period.days == null || !Number.isInteger(period.days) || period.days < 0) throw new RangeError(`bad return period: ${period.days}`);
      return addDaysIso(date, period.days);
    case 'month_end':
      return monthEnd(date, 0);
    case 'next_month_end':
      return monthEnd(date, 1);
    case 'none':
      return null;
  }
}

/**
 * The stored tracking code (indexed by the return report): 0 not tracked, 1 not returned yet, 2 returned in
 * time, 3 returned late. Returned on the planned day itself is in time.
 */
export function returnTrack(status: DocumentStatus, planned: string | null, returnedAt: string | null): 0 | 1 | 2 | 3 {
  if (status !== 'issued') return 0;
  if (returnedAt) return planned == null || returnedAt <= planned ? 2 : 3;
  return planned == null ? 0 : 1;
}

export interface ReturnStatus {
  state: ReturnState;
  /** Still missing: days since the planned date; brought late: days it was late; otherwise 0. */
  daysOverdue: number;
}

/** The state on `today`: a document is overdue from the day after its planned date. */
export function returnStatus(status: DocumentStatus, planned: string | null, returnedAt: string | null, today: string): ReturnStatus {
  const track = returnTrack(status, planned, returnedAt);
  switch (track) {
    case 0:
      return { state: 'not_tracked', daysOverdue: 0 };
    case 2:
      return { state: 'returned_in_time', daysOverdue: 0 };
    case 3:
      return { state: 'returned_late', daysOverdue: daysLate(planned!, returnedAt!) };
    case 1:
      return today > planned! ? { state: 'overdue', daysOverdue: daysLate(planned!, today) } : { state: 'awaited', daysOverdue: 0 };
  }
}

/**
 * The same rule as {@link plannedReturnDate} as an SQL expression over a date column, so that a changed
 * setting recomputes a million documents in one UPDATE; a test checks both agree day by day.
 */
export function plannedReturnSql(period: ReturnPeriod, column: string): string {
  switch (period.kind) {
    case 'days':
      if (period.days == null || !Number.isInteger(period.days) || period.days < 0) throw new RangeError(`bad return period: ${period.days}`);
      return `date(${column}, '+${period.days} days')`;
    case 'month_end':
      return `date(${column}, 'start of month', '+1 month', '-1 day')`;
    case 'next_month_end':
      return `date(${column}, 'start of month', '+2 months', '-1 day')`;
    case 'none':
      return 'NULL';
  }
}
