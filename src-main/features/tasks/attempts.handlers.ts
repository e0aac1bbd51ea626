// Call attempts on a task («Попытка связи»): logged without closing it, with the next contact time as a reminder.
import type { HandlerMap } from '../../api/handler';
import { AppError, badField } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { addClientEvent } from '../clients/events';
import { visibleTask } from './tasks.handlers';

export const attemptsHandlers: HandlerMap<'tasks.attempt'> = {
  'tasks.attempt': (input, ctx) => {
    const t = visibleTask(ctx, input.id);
    if (t.status === 'done' || t.status === 'declined') throw new AppError('CONFLICT', 'task is closed', [{ path: 'id', reason: 'task_closed' }]);
    const now = ctx.nowIso();
    if (input.nextContactAt != null && input.nextContactAt <= now) throw badField('nextContactAt', 'past');
    const assigneeId = t.assigneeId ?? ctx.me.id;
    const r = stmt(ctx.db, 'INSERT INTO task_attempts (task_id, at, employee_id, outcome, comment, next_contact_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      t.id,
      now,
      ctx.me.id,
      input.outcome,
      input.comment,
      input.nextContactAt,
    );
    // An attempt is work on the task: a new one goes into work with its assignee (or the caller when it had none).
    stmt(
      ctx.db,
      `UPDATE tasks SET status = 'in_work', assignee_id = ?, taken_at = coalesce(taken_at, ?), next_contact_at = ?, updated_at = ? WHERE id = ?`,
    ).run(assigneeId, now, input.nextContactAt, now, t.id);
    // One pending reminder per task: the latest attempt's time replaces an earlier one not yet shown.
    stmt(ctx.db, "DELETE FROM notifications WHERE task_id = ? AND kind = 'task_reminder' AND read = 0 AND at > ?").run(t.id, now);
    if (input.nextContactAt != null) {
      const client = t.clientId != null ? (stmt(ctx.db, 'SELECT name FROM clients WHERE id = ?').get(t.clientId) as { name: string }).name : null;
      stmt(ctx.db, "INSERT INTO notifications (employee_id, at, kind, task_id, data, read) VALUES (?, ?, 'task_reminder', ?, ?, 0)").run(
        assigneeId,
        input.nextContactAt,
        t.id,
        JSON.stringify({ kind: t.kind, client, outcome: input.outcome, comment: input.comment }),
      );
    }
    if (t.clientId != null)
      addClientEvent(ctx, t.clientId, 'task_attempt', { taskId: t.id, kind: t.kind, outcome: input.outcome, comment: input.comment, nextContactAt: input.nextContactAt, by: ctx.me.fullName });
    ctx.audit('task', t.id, 'attempt', { outcome: input.outcome, comment: input.comment, nextContactAt: input.nextContactAt });
    ctx.emit('task.changed', { taskId: t.id, directionId: t.directionId, assigneeId, formerAssigneeId: t.assigneeId !== assigneeId ? t.assigneeId : null, status: 'in_work', created: false });
    if (t.clientId != null) ctx.emit('client.changed', { clientId: t.clientId, by: ctx.me.id });
    return { ok: true, attemptId: Number(r.lastInsertRowid) };
  },
};
