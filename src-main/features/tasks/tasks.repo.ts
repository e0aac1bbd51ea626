// Reading tasks: who may see which (own, own directions', all for admins and heads), the list and the card.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { SessionUser } from '../../../src-shared/types';
import type {
  AssignedBy,
  AttemptOutcome,
  TaskAttempt,
  ContactResult,
  MailFields,
  MailMessageView,
  MatchedBy,
  MessageStatus,
  QueueReason,
  TaskCard,
  TaskKind,
  TaskListItem,
  TaskStatus,
} from '../../../src-shared/mail-types';
import type { SystemCatalog } from '../../../src-shared/systems';
import { loadCatalog } from '../systems/systems.repo';
import { describeKit, kitListText } from './kit';

/** Who sees what: `all` for admins and heads, otherwise own tasks and the tasks of own directions. */
export interface TaskScope {
  all: boolean;
  employeeId: number | null;
}

export function scopeOf(user: SessionUser): TaskScope {
  return { all: user.roles.includes('admin') || user.roles.includes('head'), employeeId: user.id };
}

/**
 * The one rule of task visibility, as SQL over a task aliased `t` with the parameters of {@link scopeParams}.
 * Lists, cards, mail messages, timeline events and push events all use it.
 */
export const TASK_VISIBLE = `(@all = 1 OR t.assignee_id = @me OR t.direction_id IN (SELECT direction_id FROM employee_directions WHERE employee_id = @me))`;

export function scopeParams(scope: TaskScope): { all: 0 | 1; me: number } {
  return { all: scope.all ? 1 : 0, me: scope.employeeId ?? 0 };
}

export interface TaskFilter {
  status?: TaskStatus;
  kind?: TaskKind;
  assigneeId?: number;
  mine?: boolean;
  directionId?: number;
  clientId?: number;
  open?: boolean;
  overdue?: boolean;
  limit: number;
}

const OPEN = "t.status IN ('new', 'in_work')";

const WHERE = `${TASK_VISIBLE}
  AND (@status IS NULL OR t.status = @status)
  AND (@kind IS NULL OR t.kind = @kind)
  AND (@assigneeId IS NULL OR t.assignee_id = @assigneeId)
  AND (@mine = 0 OR t.assignee_id = @me)
  AND (@directionId IS NULL OR t.direction_id = @directionId)
  AND (@clientId IS NULL OR t.client_id = @clientId)
  AND (@open IS NULL OR (${OPEN}) = @open)
  AND (@overdue IS NULL OR (${OPEN} AND t.deadline < @now) = @overdue)`;

const COLUMNS = `t.id, t.kind, t.status, t.direction_id AS directionId, d.code AS directionCode, d.name AS directionName,
  t.client_id AS clientId, c.name AS clientName, t.assignee_id AS assigneeId, e.full_name AS assigneeName,
  t.request_number AS requestNumber, t.fields, t.created_at AS createdAt, t.deadline, t.result,
  t.next_contact_at AS nextContactAt, (SELECT COUNT(*) FROM task_attempts a WHERE a.task_id = t.id) AS attemptCount`;

const FROM = `FROM tasks t JOIN directions d ON d.id = t.direction_id
  LEFT JOIN clients c ON c.id = t.client_id LEFT JOIN employees e ON e.id = t.assignee_id`;

interface RawTask {
  id: number;
  kind: TaskKind;
  status: TaskStatus;
  directionId: number;
  directionCode: string;
  directionName: string;
  clientId: number | null;
  clientName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  requestNumber: string | null;
  fields: string;
  createdAt: string;
  deadline: string;
  result: ContactResult | null;
  nextContactAt: string | null;
  attemptCount: number;
}

function toItem(r: RawTask, now: string, cat: SystemCatalog): TaskListItem {
  const f = JSON.parse(r.fields) as MailFields;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    direction: { id: r.directionId, code: r.directionCode, name: r.directionName },
    client: r.clientId != null ? { id: r.clientId, name: r.clientName ?? '' } : null,
    assignee: r.assigneeId != null ? { id: r.assigneeId, fullName: r.assigneeName ?? '' } : null,
    requestNumber: r.requestNumber,
    contactName: f.fio ?? null,
    org: f.org ?? null,
    phone: f.phone ?? null,
    email: f.email ?? null,
    kit: f.system ? kitListText(cat, f.system) : null,
    createdAt: r.createdAt,
    deadline: r.deadline,
    overdue: (r.status === 'new' || r.status === 'in_work') && r.deadline < now,
    result: r.result,
    nextContactAt: r.nextContactAt,
    attemptCount: r.attemptCount,
  };
}

function params(scope: TaskScope, f: Partial<TaskFilter>, now: string) {
  const b = (v: boolean | undefined) => (v == null ? null : v ? 1 : 0);
  return {
    ...scopeParams(scope),
    status: f.status ?? null,
    kind: f.kind ?? null,
    assigneeId: f.assigneeId ?? null,
    mine: f.mine ? 1 : 0,
    directionId: f.directionId ?? null,
    clientId: f.clientId ?? null,
    open: b(f.open),
    overdue: b(f.overdue),
    now,
  };
}

/** Overdue first, then open ones by deadline, then closed ones newest first. */
export function listTasks(db: Db, scope: TaskScope, f: TaskFilter, now: string): { items: TaskListItem[]; total: number } {
  const p = params(scope, f, now);
  const total = (stmt(db, `SELECT COUNT(*) AS n FROM tasks t WHERE ${WHERE}`).get(p) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT ${COLUMNS} ${FROM} WHERE ${WHERE}
     ORDER BY (${OPEN} AND t.deadline < @now) DESC, (${OPEN}) DESC,
       CASE WHEN ${OPEN} THEN t.deadline END ASC, t.created_at DESC, t.id DESC
     LIMIT @limit`,
  ).all({ ...p, limit: f.limit }) as RawTask[];
  const cat = loadCatalog(db);
  return { items: rows.map((r) => toItem(r, now, cat)), total };
}

export function canSee(db: Db, scope: TaskScope, taskId: number): boolean {
  if (scope.all) return true;
  return !!stmt(db, `SELECT 1 FROM tasks t WHERE t.id = @id AND ${TASK_VISIBLE}`).get({ id: taskId, ...scopeParams(scope) });
}

/**
 * A stored message follows its task: the task made from it, or (a repeat of a request) the task of that
 * request. A message of no task (unrecognised mail in the queue) is open to everyone the method admits.
 */
export function canSeeMessage(db: Db, scope: TaskScope, messageId: number): boolean {
  if (scope.all) return true;
  const r = stmt(
    db,
    `WITH own AS (
       SELECT t.* FROM tasks t WHERE t.message_id = @id
       UNION ALL
       SELECT t.* FROM mail_messages m JOIN tasks t ON t.kind = m.kind AND t.request_number = m.request_number
       WHERE m.id = @id AND m.parse_status = 'duplicate_request')
     SELECT (SELECT count(*) FROM own) AS tasks, (SELECT count(*) FROM own t WHERE ${TASK_VISIBLE}) AS visible`,
  ).get({ id: messageId, ...scopeParams(scope) }) as { tasks: number; visible: number };
  return r.tasks === 0 || r.visible > 0;
}

/** How much of the source the card carries; the rest is cut (attachments can be large). */
const RAW_LIMIT = 256 * 1024;

export function messageView(db: Db, id: number): MailMessageView | null {
  const r = stmt(
    db,
    `SELECT id, message_id AS messageId, received_at AS receivedAt, sent_at AS sentAt, from_addr AS fromAddr, from_name AS fromName, subject,
       text, substr(raw, 1, ${RAW_LIMIT}) AS raw, parse_status AS status, reason, fields FROM mail_messages WHERE id = ?`,
  ).get(id) as
    | {
        id: number;
        messageId: string;
        receivedAt: string;
        sentAt: string | null;
        fromAddr: string | null;
        fromName: string | null;
        subject: string | null;
        text: string;
        raw: Buffer;
        status: MessageStatus;
        reason: QueueReason | null;
        fields: string | null;
      }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    messageId: r.messageId,
    receivedAt: r.receivedAt,
    sentAt: r.sentAt,
    from: r.fromAddr,
    fromName: r.fromName,
    subject: r.subject,
    text: r.text,
    raw: Buffer.from(r.raw).toString('utf8'),
    status: r.status,
    reason: r.reason,
    fields: r.fields ? (JSON.parse(r.fields) as MailFields) : {},
  };
}

export function loadTask(db: Db, id: number, now: string): TaskCard | null {
  const r = stmt(
    db,
    `SELECT ${COLUMNS}, t.matched_by AS matchedBy, t.client_created AS clientCreated, t.assigned_by AS assignedBy, t.taken_at AS takenAt,
       t.closed_at AS closedAt, t.comment, t.created_by AS createdById, cb.full_name AS createdByName, t.message_id AS messageRowId
     ${FROM} LEFT JOIN employees cb ON cb.id = t.created_by WHERE t.id = ?`,
  ).get(id) as
    | (RawTask & {
        matchedBy: MatchedBy | null;
        clientCreated: number;
        assignedBy: AssignedBy;
        takenAt: string | null;
        closedAt: string | null;
        comment: string | null;
        createdById: number | null;
        createdByName: string | null;
        messageRowId: number | null;
      })
    | undefined;
  if (!r) return null;
  const repeats = r.requestNumber
    ? (stmt(
        db,
        `SELECT id, received_at AS receivedAt, subject FROM mail_messages WHERE kind = ? AND request_number = ? AND parse_status = 'duplicate_request' ORDER BY id`,
      ).all(r.kind, r.requestNumber) as { id: number; receivedAt: string; subject: string | null }[])
    : [];
  const fields = JSON.parse(r.fields) as MailFields;
  const cat = loadCatalog(db);
  return {
    ...toItem(r, now, cat),
    fields,
    kitInfo: fields.system ? describeKit(db, cat, fields.system) : null,
    matchedBy: r.matchedBy,
    clientCreated: !!r.clientCreated,
    assignedBy: r.assignedBy,
    takenAt: r.takenAt,
    closedAt: r.closedAt,
    comment: r.comment,
    createdBy: r.createdById != null ? { id: r.createdById, fullName: r.createdByName ?? '' } : null,
    message: r.messageRowId != null ? messageView(db, r.messageRowId) : null,
    attempts: attemptsOf(db, id),
    repeats,
  };
}

/** A task's call attempts, newest first. */
export function attemptsOf(db: Db, taskId: number): TaskAttempt[] {
  const rows = stmt(
    db,
    `SELECT a.id, a.at, a.employee_id AS byId, e.full_name AS byName, a.outcome, a.comment, a.next_contact_at AS nextContactAt
     FROM task_attempts a LEFT JOIN employees e ON e.id = a.employee_id WHERE a.task_id = ? ORDER BY a.at DESC, a.id DESC`,
  ).all(taskId) as { id: number; at: string; byId: number | null; byName: string | null; outcome: AttemptOutcome; comment: string | null; nextContactAt: string | null }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    by: r.byId != null ? { id: r.byId, fullName: r.byName ?? '' } : null,
    outcome: r.outcome,
    comment: r.comment,
    nextContactAt: r.nextContactAt,
  }));
}
