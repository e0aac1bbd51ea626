// Handlers for tasks (list, card, take, complete, decline, assign) and their per-kind settings.
import { prepared, type HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { dropReminders, moveReminders } from './reminders';
import type { ContactResult, TaskKind, TaskKindSetting, TaskStatus } from '../../../src-shared/mail-types';
import { addClientEvent } from '../clients/events';
import { canSee, listTasks, loadTask, scopeOf } from './tasks.repo';
import { notifyAssigned } from './create';
import { taskReport } from './tasks.report';
import { taskReportXlsxTask } from './tasks.workers';

interface TaskRow {
  id: number;
  kind: TaskKind;
  status: TaskStatus;
  directionId: number;
  clientId: number | null;
  assigneeId: number | null;
  takenAt: string | null;
}

/** The task, if the caller may see it; someone else's task is reported as missing, not as forbidden. */
export function visibleTask(ctx: Ctx, id: number): TaskRow {
  const row = stmt(
    ctx.db,
    'SELECT id, kind, status, direction_id AS directionId, client_id AS clientId, assignee_id AS assigneeId, taken_at AS takenAt FROM tasks WHERE id = ?',
  ).get(id) as TaskRow | undefined;
  if (!row || !canSee(ctx.db, scopeOf(ctx.me), id)) throw notFound('task');
  return row;
}

function openTask(ctx: Ctx, id: number): TaskRow {
  const row = visibleTask(ctx, id);
  if (row.status === 'done' || row.status === 'declined') throw new AppError('CONFLICT', 'task is closed', [{ path: 'id', reason: 'task_closed' }]);
  return row;
}

function changed(ctx: Ctx, t: TaskRow, status: TaskStatus, assigneeId: number | null): void {
  ctx.emit('task.changed', { taskId: t.id, directionId: t.directionId, assigneeId, formerAssigneeId: t.assigneeId !== assigneeId ? t.assigneeId : null, status, created: false });
  if (t.clientId != null) ctx.emit('client.changed', { clientId: t.clientId, by: ctx.me.id });
}

function close(ctx: Ctx, id: number, status: 'done' | 'declined', result: ContactResult, comment: string | null): { ok: true } {
  const t = openTask(ctx, id);
  const now = ctx.nowIso();
  const assigneeId = t.assigneeId ?? ctx.me.id;
  stmt(ctx.db, 'UPDATE tasks SET status = ?, result = ?, comment = ?, closed_at = ?, assignee_id = ?, taken_at = coalesce(taken_at, ?), updated_at = ? WHERE id = ?').run(
    status,
    result,
    comment,
    now,
    assigneeId,
    now,
    now,
    id,
  );
  dropReminders(ctx.db, id, now);
  if (t.clientId != null) addClientEvent(ctx, t.clientId, status === 'done' ? 'task_done' : 'task_declined', { taskId: id, kind: t.kind, result, comment, by: ctx.me.fullName });
  ctx.audit('task', id, status === 'done' ? 'complete' : 'decline', { result, comment });
  changed(ctx, t, status, assigneeId);
  return { ok: true };
}

export const tasksHandlers: HandlerMap<
  | 'tasks.list'
  | 'tasks.get'
  | 'tasks.take'
  | 'tasks.complete'
  | 'tasks.decline'
  | 'tasks.assign'
  | 'tasks.kinds.list'
  | 'tasks.kinds.save'
  | 'tasks.report'
  | 'tasks.reportXlsx'
> = {
  'tasks.list': (input, ctx) => listTasks(ctx.db, scopeOf(ctx.me), input, ctx.nowIso()),

  'tasks.get': (input, ctx) => {
    visibleTask(ctx, input.id);
    return loadTask(ctx.db, input.id, ctx.nowIso())!;
  },

  'tasks.take': (input, ctx) => {
    const t = openTask(ctx, input.id);
    const now = ctx.nowIso();
    if (t.status === 'in_work' && t.assigneeId === ctx.me.id) return { ok: true };
    const takenOver = t.assigneeId !== ctx.me.id;
    stmt(
      ctx.db,
      `UPDATE tasks SET status = 'in_work', assignee_id = ?, assigned_by = CASE WHEN ? THEN 'taken' ELSE assigned_by END,
         taken_at = coalesce(taken_at, ?), updated_at = ? WHERE id = ?`,
    ).run(ctx.me.id, takenOver ? 1 : 0, now, now, input.id);
    if (takenOver) moveReminders(ctx.db, t.id, ctx.me.id, now);
    if (t.clientId != null) addClientEvent(ctx, t.clientId, 'task_taken', { taskId: t.id, kind: t.kind, by: ctx.me.fullName });
    ctx.audit('task', t.id, 'take', { from: t.assigneeId, to: ctx.me.id });
    changed(ctx, t, 'in_work', ctx.me.id);
    return { ok: true };
  },

  'tasks.complete': (input, ctx) => close(ctx, input.id, 'done', input.result, input.comment),

  'tasks.decline': (input, ctx) => close(ctx, input.id, 'declined', input.result, input.comment),

  'tasks.assign': (input, ctx) => {
    const t = openTask(ctx, input.id);
    const e = stmt(ctx.db, 'SELECT active, full_name AS n FROM employees WHERE id = ?').get(input.assigneeId) as { active: number; n: string } | undefined;
    if (!e?.active) throw badField('assigneeId', 'employee');
    if (t.assigneeId === input.assigneeId) return { ok: true };
    stmt(ctx.db, "UPDATE tasks SET assignee_id = ?, assigned_by = 'manual', updated_at = ? WHERE id = ?").run(input.assigneeId, ctx.nowIso(), t.id);
    moveReminders(ctx.db, t.id, input.assigneeId, ctx.nowIso());
    if (t.clientId != null) addClientEvent(ctx, t.clientId, 'task_assigned', { taskId: t.id, kind: t.kind, assignee: e.n, by: ctx.me.fullName });
    ctx.audit('task', t.id, 'assign', { from: t.assigneeId, to: input.assigneeId });
    const client = t.clientId != null ? (stmt(ctx.db, 'SELECT name FROM clients WHERE id = ?').get(t.clientId) as { name: string }).name : null;
    notifyAssigned(ctx, input.assigneeId, t.id, { kind: t.kind, client, by: ctx.me.fullName });
    changed(ctx, t, t.status, input.assigneeId);
    return { ok: true };
  },

  'tasks.report': (input, ctx) => taskReport(ctx.db, input, ctx.nowIso()),

  // The report's rows are grouped by SQL (fast); the workbook is built on the worker pool.
  'tasks.reportXlsx': prepared<'tasks.reportXlsx', { fileName: string; base64: string }>({
    prepare: (input, ctx) => ctx.offload(taskReportXlsxTask, taskReport(ctx.db, input, ctx.nowIso())),
    run: (_input, _ctx, result) => result,
  }),

  'tasks.kinds.list': (_input, ctx) =>
    stmt(ctx.db, 'SELECT kind, direction_id AS directionId, deadline_minutes AS deadlineMinutes FROM task_kinds ORDER BY kind').all() as TaskKindSetting[],

  'tasks.kinds.save': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM directions WHERE id = ?').get(input.directionId)) throw badField('directionId', 'not_found');
    stmt(
      ctx.db,
      `INSERT INTO task_kinds (kind, direction_id, deadline_minutes) VALUES (?, ?, ?)
       ON CONFLICT(kind) DO UPDATE SET direction_id = excluded.direction_id, deadline_minutes = excluded.deadline_minutes`,
    ).run(input.kind, input.directionId, input.deadlineMinutes);
    ctx.audit('task_kind', null, 'save', input);
    ctx.emit('refs.changed', {});
    return { ok: true };
  },
};
