// Handlers of the working calendar settings.
import type { HandlerMap } from '../../api/handler';
import { readWorkCalendar, saveWorkCalendar } from './workcal';

export const calendarHandlers: HandlerMap<'settings.workCalendar.get' | 'settings.workCalendar.save'> = {
  'settings.workCalendar.get': (_input, ctx) => readWorkCalendar(ctx.db),
  'settings.workCalendar.save': (input, ctx) => {
    const cal = { ...input, workDays: [...new Set(input.workDays)].sort(), holidays: [...new Set(input.holidays)].sort(), workingWeekends: [...new Set(input.workingWeekends)].sort() };
    saveWorkCalendar(ctx.db, cal);
    ctx.audit('work_calendar', null, 'save', cal);
    ctx.emit('refs.changed', {});
    return { ok: true };
  },
};
