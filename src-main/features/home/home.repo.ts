// Queries of «Мой день»: the caller's day (tasks, calls, owed documents, lapsing readiness) and a department's load.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { EmployeeLoad, LapsingReadiness, OwedDocument } from '../../../src-shared/home';
import type { Role } from '../../../src-shared/roles';
import { addDaysIso, daysLate } from '../documents/return-rules';
import { TASK_VISIBLE, scopeParams, type TaskScope } from '../tasks/tasks.repo';

/** "My clients": those where the employee is СИО, ПМ or responsible for a key client. */
const MY_CLIENT = '(c.sio_id = @me OR c.pm_id = @me OR c.key_responsible_id = @me)';

/** Unreturned documents of my clients (and the ones I am СИО of), overdue first; at most `limit`. */
export function owedDocuments(db: Db, me: number, today: string, limit: number): { items: OwedDocument[]; total: number } {
  const where = `d.return_track = 1 AND d.planned_return IS NOT NULL AND (d.sio_id = @me OR ${MY_CLIENT})`;
  const total = (stmt(db, `SELECT count(*) AS n FROM documents d JOIN clients c ON c.id = d.client_id WHERE ${where}`).get({ me }) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT d.id, d.type, d.number, d.client_id AS clientId, c.name AS clientName, d.planned_return AS plannedReturn
     FROM documents d JOIN clients c ON c.id = d.client_id WHERE ${where} ORDER BY d.planned_return, d.id LIMIT @limit`,
  ).all({ me, limit }) as Omit<OwedDocument, 'daysOverdue'>[];
  return { items: rows.map((r) => ({ ...r, daysOverdue: r.plannedReturn < today ? daysLate(r.plannedReturn, today) : 0 })), total };
}

/** My clients' readiness for a stage that ends within seven days from today, soonest first. */
export function lapsingReadiness(db: Db, me: number, today: string): LapsingReadiness[] {
  return stmt(
    db,
    `SELECT c.id AS clientId, c.name AS clientName, st.name AS stageName, r.ready_until AS readyUntil
     FROM client_readiness r JOIN clients c ON c.id = r.client_id JOIN readiness_stages st ON st.id = r.stage_id
     WHERE r.ready_until BETWEEN @today AND @weekEnd AND ${MY_CLIENT}
     ORDER BY r.ready_until, c.name, st.sort LIMIT 200`,
  ).all({ me, today, weekEnd: addDaysIso(today, 6) }) as LapsingReadiness[];
}

/**
 * Active employees of a department (all of them when `departmentId` is null) with the load the caller may see:
 * task counts follow the task visibility rule of the caller's scope.
 */
export function departmentLoad(db: Db, scope: TaskScope, departmentId: number | null, now: string, today: string): EmployeeLoad[] {
  const rows = stmt(
    db,
    `SELECT e.id, e.full_name AS fullName,
       (SELECT group_concat(r.role) FROM employee_roles r WHERE r.employee_id = e.id) AS roles,
       (SELECT count(*) FROM tasks t WHERE t.assignee_id = e.id AND t.status IN ('new', 'in_work') AND ${TASK_VISIBLE}) AS openTasks,
       (SELECT count(*) FROM tasks t WHERE t.assignee_id = e.id AND t.status IN ('new', 'in_work') AND t.deadline < @now AND ${TASK_VISIBLE}) AS overdueTasks,
       (SELECT count(*) FROM tasks t WHERE t.assignee_id = e.id AND t.status IN ('new', 'in_work') AND t.next_contact_at <= @now AND ${TASK_VISIBLE}) AS callsDue,
       (SELECT count(*) FROM clients c WHERE c.sio_id = e.id OR c.pm_id = e.id) AS clients,
       (SELECT count(*) FROM documents d JOIN clients c ON c.id = d.client_id
         WHERE d.return_track = 1 AND d.planned_return < @today AND (c.sio_id = e.id OR c.pm_id = e.id)) AS overdueDocuments
     FROM employees e
     WHERE e.active = 1 AND (@dep IS NULL OR e.department_id = @dep)
     ORDER BY overdueTasks DESC, openTasks DESC, e.full_name`,
  ).all({ ...scopeParams(scope), now, today, dep: departmentId }) as (Omit<EmployeeLoad, 'employee' | 'roles'> & { id: number; fullName: string; roles: string | null })[];
  return rows.map(({ id, fullName, roles, ...load }) => ({ employee: { id, fullName }, roles: (roles ? roles.split(',') : []) as Role[], ...load }));
}
