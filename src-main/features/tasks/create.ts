// Creating a task (поручение): client matching, assignment rules, deadline per kind, the client's timeline, a notification.
import type { Ctx } from '../../api/context';
import { touchNss } from '../nss/aggregate';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError, badField } from '../../api/errors';
import type { AssignedBy, MailFields, MatchedBy, TaskKind } from '../../../src-shared/mail-types';
import { addClientEvent } from '../clients/events';
import { addWorkingMinutes, readWorkCalendar } from '../calendar/workcal';
import { createProspect, matchClient } from './match';

export interface NewTask {
  kind: TaskKind;
  fields: MailFields;
  requestNumber: string | null;
  /** The stored mail message it came from. */
  messageId: number | null;
  /** A client chosen by a person (from the queue); otherwise matched or created. */
  clientId?: number | null;
  /** An assignee chosen by a person; otherwise by the rules. */
  assigneeId?: number | null;
  /** A deadline chosen by a person (UTC ISO); otherwise the kind's, in working time. */
  deadline?: string | null;
}

export type CreateResult = { taskId: number; duplicateOf: null } | { taskId: null; duplicateOf: number };

function isActive(db: Db, id: number | null): id is number {
  if (id == null) return false;
  const r = stmt(db, 'SELECT active FROM employees WHERE id = ?').get(id) as { active: number } | undefined;
  return !!r?.active;
}

/** The direction's active employees in turn; the turn is kept in the database so every process shares it. */
function nextInDirection(db: Db, directionId: number): number | null {
  const ids = (
    stmt(db, 'SELECT e.id FROM employee_directions d JOIN employees e ON e.id = d.employee_id WHERE d.direction_id = ? AND e.active = 1 ORDER BY e.id').all(directionId) as {
      id: number;
    }[]
  ).map((r) => r.id);
  if (ids.length === 0) return null;
  const last = (stmt(db, 'SELECT last_employee_id AS l FROM task_round_robin WHERE direction_id = ?').get(directionId) as { l: number } | undefined)?.l ?? 0;
  const next = ids.find((id) => id > last) ?? ids[0]!;
  stmt(db, 'INSERT INTO task_round_robin (direction_id, last_employee_id) VALUES (?, ?) ON CONFLICT(direction_id) DO UPDATE SET last_employee_id = excluded.last_employee_id').run(
    directionId,
    next,
  );
  return next;
}

/** A key client's responsible, else the client's СИО, else its personal manager, else the direction in turn. */
export function pickAssignee(db: Db, clientId: number | null, directionId: number): { id: number | null; by: AssignedBy } {
  if (clientId != null) {
    const c = stmt(db, 'SELECT is_key AS k, key_responsible_id AS kr, sio_id AS sio, pm_id AS pm FROM clients WHERE id = ?').get(clientId) as
      | { k: number; kr: number | null; sio: number | null; pm: number | null }
      | undefined;
    if (c) {
      if (c.k && isActive(db, c.kr)) return { id: c.kr, by: 'key_responsible' };
      if (isActive(db, c.sio)) return { id: c.sio, by: 'sio' };
      if (isActive(db, c.pm)) return { id: c.pm, by: 'pm' };
    }
  }
  const next = nextInDirection(db, directionId);
  return next == null ? { id: null, by: 'none' } : { id: next, by: 'round_robin' };
}

export function kindSetting(db: Db, kind: TaskKind): { directionId: number; deadlineMinutes: number } {
  const r = stmt(db, 'SELECT direction_id AS d, deadline_minutes AS m FROM task_kinds WHERE kind = ?').get(kind) as { d: number; m: number } | undefined;
  if (!r) throw new AppError('INTERNAL', `no settings for task kind ${kind}`);
  return { directionId: r.d, deadlineMinutes: r.m };
}

/** Tells the employee: a notification row now, a push event after commit. */
export function notifyAssigned(ctx: Ctx, employeeId: number, taskId: number, data: Record<string, unknown>): void {
  const r = stmt(ctx.db, "INSERT INTO notifications (employee_id, at, kind, task_id, data, read) VALUES (?, ?, 'task_assigned', ?, ?, 0)").run(
    employeeId,
    ctx.nowIso(),
    taskId,
    JSON.stringify(data),
  );
  ctx.emit('notification.new', { employeeId, notificationId: Number(r.lastInsertRowid), taskId });
}

/**
 * Creates the task inside the caller's transaction. A lead whose request number already has a task of
 * its kind yields that task instead (the КЦ forwards some requests twice).
 */
export function createTask(ctx: Ctx, t: NewTask): CreateResult {
  const db = ctx.db;
  if (t.requestNumber) {
    const dup = stmt(db, 'SELECT id FROM tasks WHERE kind = ? AND request_number = ?').get(t.kind, t.requestNumber) as { id: number } | undefined;
    if (dup) return { taskId: null, duplicateOf: dup.id };
  }
  const setting = kindSetting(db, t.kind);
  let clientId: number | null = null;
  let matchedBy: MatchedBy | null = null;
  if (t.clientId != null) {
    if (!stmt(db, 'SELECT 1 FROM clients WHERE id = ?').get(t.clientId)) throw badField('clientId', 'not_found');
    clientId = t.clientId;
    matchedBy = 'manual';
  } else {
    const m = matchClient(db, t.fields);
    if (m) {
      clientId = m.clientId;
      matchedBy = m.by;
    } else if (t.kind !== 'question') {
      clientId = createProspect(ctx, t.fields);
      if (clientId != null) matchedBy = 'created';
    }
    // A question comes from a K+ installation, so its asker is a client already: an unknown kit is a gap in the base,
    // not a new prospect. The task shows the kit and waits for «Привязать к клиенту» (tasks.linkClient).
  }
  let assignee: { id: number | null; by: AssignedBy };
  if (t.assigneeId != null) {
    if (!isActive(db, t.assigneeId)) throw badField('assigneeId', 'employee');
    assignee = { id: t.assigneeId, by: 'manual' };
  } else assignee = pickAssignee(db, clientId, setting.directionId);

  const now = ctx.clock.now();
  // The deadline counts working time of the РИЦ: a lead of Sunday night is due on Monday morning.
  const deadline = t.deadline ?? addWorkingMinutes(readWorkCalendar(db), now, setting.deadlineMinutes).toISOString();
  const r = stmt(
    db,
    `INSERT INTO tasks (kind, direction_id, client_id, assignee_id, assigned_by, status, request_number, message_id, fields, client_created,
       matched_by, created_at, deadline, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.kind,
    setting.directionId,
    clientId,
    assignee.id,
    assignee.by,
    t.requestNumber,
    t.messageId,
    JSON.stringify(t.fields),
    matchedBy === 'created' ? 1 : 0,
    matchedBy,
    now.toISOString(),
    deadline,
    ctx.user?.id ?? null,
    now.toISOString(),
  );
  const taskId = Number(r.lastInsertRowid);
  // A «Задать вопрос» question is ЛК in the НСС figures of its client.
  if (t.kind === 'question') touchNss(db, clientId, [now.toISOString()]);
  const assigneeName = assignee.id ? (stmt(db, 'SELECT full_name AS n FROM employees WHERE id = ?').get(assignee.id) as { n: string }).n : null;
  if (clientId != null) {
    addClientEvent(ctx, clientId, 'task_created', { taskId, kind: t.kind, requestNumber: t.requestNumber, assignee: assigneeName, deadline });
    ctx.emit('client.changed', { clientId, by: ctx.user?.id ?? null });
  }
  ctx.audit('task', taskId, 'create', { kind: t.kind, clientId, assigneeId: assignee.id, assignedBy: assignee.by, matchedBy, messageId: t.messageId });
  if (assignee.id != null) {
    const clientName = clientId != null ? (stmt(db, 'SELECT name FROM clients WHERE id = ?').get(clientId) as { name: string }).name : null;
    notifyAssigned(ctx, assignee.id, taskId, { kind: t.kind, client: clientName, requestNumber: t.requestNumber, deadline });
  }
  ctx.emit('task.changed', { taskId, directionId: setting.directionId, assigneeId: assignee.id, formerAssigneeId: null, status: 'new', created: true });
  return { taskId, duplicateOf: null };
}
