// Handlers of the working calendar settings.
import type { HandlerMap } from '../../api/handler';
import { badField } from '../../api/errors';
import { readWorkCalendar, saveWorkCalendar } from './workcal';

export const calendarHandlers: HandlerMap<'settings.workCalendar.get' | 'settings.workCalendar.save'> = {
  'settings.workCalendar.get': (_input, ctx) => readWorkCalendar(ctx.db),
  'settings.workCalendar.save': (input, ctx) => {
    if (input.dayStart >= input.dayEnd) throw badField('dayEnd', 'time_order');
    if (input.workDays.length === 0 && input.workingWeekends.length === 0) throw badField('workDays', 'required');
    const cal = { ...input, workDays: [...new Set(input.workDays)].sort(), holidays: [...new Set(input.holidays)].sort(), workingWeekends: [...new Set(input.workingWeekends)].sort() };
    saveWorkCalendar(ctx.db, cal);
    ctx.audit('work_calendar', null, 'save', cal);
    ctx.emit('refs.changed', {});
    return { ok: true };
  },
};
