// Contract: the РИЦ's working calendar (working days and hours, holidays, time zone) that task deadlines count in.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, ANY_STAFF } from '../roles';
import { isoDate } from './common';
import type { WorkCalendar } from '../calendar';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });

/** The day's start before its end and at least one working day are checked by the handler (fields of one object). */
export const workCalendarInput = z.object({
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(
        (v) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: v });
            return true;
          } catch {
            return false;
          }
        },
        { message: 'time_zone' },
      ),
    workDays: z.array(z.number().int().min(1).max(7)).max(7),
    dayStart: hhmm,
    dayEnd: hhmm,
    holidays: z.array(isoDate).max(400),
    workingWeekends: z.array(isoDate).max(100),
  });

export const calendarApi = {
  'settings.workCalendar.get': method<WorkCalendar>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  /** Saves the calendar; deadlines of tasks made from now on count in it (existing ones keep theirs). */
  'settings.workCalendar.save': method<{ ok: true }>()({ input: workCalendarInput, access: ADMINS, write: true }),
};
