// ISO weeks and periods in the РИЦ's time zone, turned into UTC instant bounds that chat_sessions.start_at compares against as text.
import { zonedInstant } from '../calendar/workcal';
import { addDays } from '../../db/stmt';

const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The Monday of an ISO week (`2026-W48`): week 1 is the one holding 4 January. */
export function weekMonday(week: string): string {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = `${year}-01-04`;
  return addDays(jan4, -(isoWeekday(jan4) - 1) + (n - 1) * 7);
}

/** The ISO week of a date, `YYYY-Www`. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const monday1 = addDays(jan4, -(isoWeekday(jan4) - 1));
  const n = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${monday1}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/**
 * [lo, hi) as UTC ISO instants for local dates from … to inclusive. Stored instants with or without milliseconds
 * compare correctly against these (`…00Z` sorts after `…00.000Z` of the same second).
 */
export function instantRange(from: string, to: string, timeZone: string): { lo: string; hi: string } {
  return {
    lo: new Date(zonedInstant(from, '00:00', timeZone)).toISOString(),
    hi: new Date(zonedInstant(addDays(to, 1), '00:00', timeZone)).toISOString(),
  };
}

export function weekRange(week: string, timeZone: string): { from: string; to: string; lo: string; hi: string } {
  const from = weekMonday(week);
  const to = addDays(from, 6);
  return { from, to, ...instantRange(from, to, timeZone) };
}
