// Working time of the РИЦ: reading its calendar from settings and adding working minutes to an instant (task deadlines).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { DEFAULT_TIME_ZONE, localDate, ricTimeZone } from '../../api/context';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../../../src-shared/calendar';

export const WORK_CALENDAR_KEY = 'work_calendar';

/** The calendar as saved; the zone is the РИЦ's `timezone` setting, which other features read too. */
export function readWorkCalendar(db: Db): WorkCalendar {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(WORK_CALENDAR_KEY) as { value: string } | undefined;
  let saved: Partial<WorkCalendar> = {};
  try {
    saved = row ? (JSON.parse(row.value) as Partial<WorkCalendar>) : {};
  } catch {
    saved = {};
  }
  return { ...DEFAULT_WORK_CALENDAR, ...saved, timeZone: ricTimeZone(db) };
}

export function saveWorkCalendar(db: Db, cal: WorkCalendar): void {
  const { timeZone, ...rest } = cal;
  const put = stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  put.run(WORK_CALENDAR_KEY, JSON.stringify(rest));
  put.run('timezone', JSON.stringify(timeZone));
}

const parts = new Map<string, Intl.DateTimeFormat>();
/** Wall-clock fields of an instant in a zone. */
function wall(at: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number } {
  let f = parts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    parts.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute) };
}

/** The instant of a wall-clock time in a zone (two passes settle the offset around DST changes). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  const target = Date.UTC(y, m - 1, d, h, min);
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const w = wall(guess, timeZone);
    guess += target - Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
  }
  return guess;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  if (cal.holidays.includes(date)) return false;
  if (cal.workingWeekends.includes(date)) return true;
  return cal.workDays.includes(isoWeekday(date));
}

function zoneOf(cal: WorkCalendar): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: cal.timeZone });
    return cal.timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/**
 * The instant `minutes` of working time after `from`: time outside working hours does not count, so a lead that
 * arrives on Sunday night is due on Monday morning, `minutes` after the day starts. A calendar without working
 * time (no working days) falls back to plain minutes.
 */
export function addWorkingMinutes(cal: WorkCalendar, from: Date, minutes: number): Date {
  const tz = zoneOf(cal);
  if (cal.dayEnd <= cal.dayStart || (cal.workDays.length === 0 && cal.workingWeekends.length === 0)) return new Date(from.getTime() + minutes * 60_000);
  let left = minutes * 60_000;
  let at = from.getTime();
  let date = localDate(from, tz);
  // Ten years of days is more than any deadline; the bound keeps a calendar of holidays only from looping forever.
  for (let i = 0; i < 3660; i++, date = nextDay(date)) {
    if (!isWorkingDay(cal, date)) continue;
    const start = Math.max(at, zonedInstant(date, cal.dayStart, tz));
    const end = zonedInstant(date, cal.dayEnd, tz);
    if (start >= end) continue;
    if (start + left <= end) return new Date(start + left);
    left -= end - start;
    at = end;
  }
  return new Date(from.getTime() + minutes * 60_000);
}

/** The first instant of a РИЦ calendar day and of the day after `to`, for reports grouped by the РИЦ's days. */
export function localDayRange(db: Db, from: string, to: string): { fromIso: string; toExclIso: string } {
  const tz = ricTimeZone(db);
  return { fromIso: new Date(zonedInstant(from, '00:00', tz)).toISOString(), toExclIso: new Date(zonedInstant(nextDay(to), '00:00', tz)).toISOString() };
}
