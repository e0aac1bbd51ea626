// Handler of «Мой день»: each part is filtered to the caller; the department part only for heads and administrators.
import type { HandlerMap } from '../../api/handler';
import { ricTimeZone } from '../../api/context';
import { stmt } from '../../db/stmt';
import { zonedInstant } from '../calendar/workcal';
import { addDaysIso } from '../documents/return-rules';
import { listTasks, scopeOf } from '../tasks/tasks.repo';
import { departmentLoad, lapsingReadiness, owedDocuments } from './home.repo';

export const homeHandlers: HandlerMap<'home.myDay'> = {
  'home.myDay': (_input, ctx) => {
    const me = ctx.me;
    const now = ctx.nowIso();
    const today = ctx.today();
    const endOfToday = new Date(zonedInstant(addDaysIso(today, 1), '00:00', ricTimeZone(ctx.db))).toISOString();
    const scope = scopeOf(me);
    // My open tasks, overdue first then by deadline (the list's order); a person's open tasks are a few hundred at most.
    const open = listTasks(ctx.db, scope, { mine: true, open: true, limit: 1000 }, now).items;
    const calls = open
      .filter((t) => t.nextContactAt != null && t.nextContactAt < endOfToday)
      .sort((a, b) => a.nextContactAt!.localeCompare(b.nextContactAt!) || a.id - b.id);
    const docs = owedDocuments(ctx.db, me.id, today, 50);
    const head = me.roles.includes('head') || me.roles.includes('admin');
    let department = null;
    if (head) {
      const dep = stmt(ctx.db, 'SELECT d.id, d.name FROM employees e JOIN departments d ON d.id = e.department_id WHERE e.id = ?').get(me.id) as
        | { id: number; name: string }
        | undefined;
      department = { name: dep?.name ?? null, employees: departmentLoad(ctx.db, scope, dep?.id ?? null, now, today) };
    }
    return {
      today,
      now,
      tasks: open.filter((t) => t.deadline < endOfToday),
      calls,
      documents: docs.items,
      documentsTotal: docs.total,
      readiness: lapsingReadiness(ctx.db, me.id, today),
      department,
    };
  },
};
