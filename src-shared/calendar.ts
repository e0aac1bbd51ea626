// The РИЦ's working calendar: working days and hours, holidays and worked days off, and its time zone.

export interface WorkCalendar {
  /** IANA zone of the РИЦ (e.g. Asia/Vladivostok): the day and hours below are its wall clock. */
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workDays: number[];
  /** Start and end of the working day, HH:MM. */
  dayStart: string;
  dayEnd: string;
  /** Days off on working weekdays (public holidays), YYYY-MM-DD. */
  holidays: string[];
  /** Working days on weekend days (a moved working Saturday), YYYY-MM-DD. */
  workingWeekends: string[];
}

export const DEFAULT_WORK_CALENDAR: WorkCalendar = {
  timeZone: 'Europe/Moscow',
  workDays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '18:00',
  holidays: [],
  workingWeekends: [],
};
