// Handlers for mailboxes and their health, parsing rules (save, test on a stored message), the unrecognised queue and stored messages.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { MailFields, MailRuleRow, QueueItem, QueueReason, QueueStatus, RuleTestResult } from '../../../src-shared/mail-types';
import type { RuleInput } from '../../../src-shared/api/mail';
import { listMailboxes, mailboxHealth, saveMailbox } from './mailboxes.repo';
import { getRule, listRules, loadRules, toRuleDef } from './rules.repo';
import { bodyText, compilePattern, type Classification, type DecodedMail, type RuleDef } from './parsed';
import { prepareMessage } from './intake';
import { canSeeMessage, messageView, scopeOf } from '../tasks/tasks.repo';
import { createTask } from '../tasks/create';

interface RawQueue {
  id: number;
  status: QueueStatus;
  reason: QueueReason;
  createdAt: string;
  messageRowId: number;
  receivedAt: string;
  fromAddr: string | null;
  subject: string | null;
  size: number;
  taskId: number | null;
  resolvedById: number | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
}

const QUEUE_SELECT = `SELECT q.id, q.status, q.reason, q.created_at AS createdAt, m.id AS messageRowId, m.received_at AS receivedAt, m.from_addr AS fromAddr,
  m.subject, m.size, q.task_id AS taskId, q.resolved_by AS resolvedById, e.full_name AS resolvedByName, q.resolved_at AS resolvedAt
  FROM mail_queue q JOIN mail_messages m ON m.id = q.message_id LEFT JOIN employees e ON e.id = q.resolved_by`;

function queueItem(r: RawQueue): QueueItem {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt,
    message: { id: r.messageRowId, receivedAt: r.receivedAt, from: r.fromAddr, subject: r.subject, size: r.size },
    taskId: r.taskId,
    resolvedBy: r.resolvedById != null ? { id: r.resolvedById, fullName: r.resolvedByName ?? '' } : null,
    resolvedAt: r.resolvedAt,
  };
}

function openQueueItem(ctx: Ctx, id: number): RawQueue {
  const r = stmt(ctx.db, `${QUEUE_SELECT} WHERE q.id = ?`).get(id) as RawQueue | undefined;
  if (!r) throw notFound('queue item');
  if (r.status !== 'open') throw new AppError('CONFLICT', 'queue item already handled', [{ path: 'id', reason: 'queue_handled' }]);
  return r;
}

function resolveQueue(ctx: Ctx, id: number, status: QueueStatus, taskId: number | null): void {
  stmt(ctx.db, 'UPDATE mail_queue SET status = ?, task_id = ?, resolved_by = ?, resolved_at = ? WHERE id = ?').run(status, taskId, ctx.me.id, ctx.nowIso(), id);
  ctx.audit('mail_queue', id, status === 'converted' ? 'make_task' : 'dismiss', { taskId });
  ctx.emit('mail.queue.changed', { queueId: id });
}

function draftRule(r: RuleInput & { id?: number }): RuleDef {
  return {
    id: r.id ?? 0,
    kind: r.kind,
    name: r.name,
    sort: r.sort ?? 0,
    enabled: true,
    subjectPatterns: r.subjectPatterns ?? [],
    typePatterns: r.typePatterns ?? [],
    labels: r.labels ?? {},
    requireAny: r.requireAny ?? [],
  };
}

function testResult(d: DecodedMail, c: Classification, rules: RuleDef[]): RuleTestResult {
  const badPatterns = rules.flatMap((r) => [...r.subjectPatterns, ...r.typePatterns]).filter((p) => compilePattern(p) === null);
  return {
    decoded: d.broken === null,
    subject: d.subject,
    text: bodyText(d),
    matched: c.matched,
    ruleId: c.rule && c.rule.id > 0 ? c.rule.id : null,
    kind: c.kind,
    requestNumber: c.requestNumber,
    fields: c.fields,
    reason: c.matched ? null : c.reason,
    badPatterns,
  };
}

export const mailHandlers: HandlerMap<
  | 'mail.mailboxes.list'
  | 'mail.mailboxes.save'
  | 'mail.mailboxes.syncNow'
  | 'mail.health'
  | 'mail.queue.list'
  | 'mail.queue.get'
  | 'mail.queue.makeTask'
  | 'mail.queue.dismiss'
  | 'mail.rules.list'
  | 'mail.rules.save'
  | 'mail.rules.test'
  | 'mail.messages.get'
> = {
  'mail.mailboxes.list': (_input, ctx) => listMailboxes(ctx.db),

  'mail.mailboxes.save': (input, ctx) => {
    const id = saveMailbox(ctx.db, input, ctx.nowIso());
    if (id == null) throw notFound('mailbox');
    // The password is never written to the audit log.
    const { password, ...logged } = input;
    ctx.audit('mailbox', id, input.id ? 'update' : 'create', { ...logged, passwordChanged: password != null });
    ctx.emit('mail.mailboxes.changed', { mailboxId: id, syncNow: true });
    return { id };
  },

  'mail.mailboxes.syncNow': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM mailboxes WHERE id = ?').get(input.id)) throw notFound('mailbox');
    ctx.emit('mail.mailboxes.changed', { mailboxId: input.id, syncNow: true });
    return { ok: true };
  },

  'mail.health': (_input, ctx) => mailboxHealth(ctx.db, ctx.clock.now().getTime()),

  'mail.queue.list': (input, ctx) => {
    const total = (stmt(ctx.db, 'SELECT COUNT(*) AS n FROM mail_queue WHERE status = ?').get(input.status) as { n: number }).n;
    const rows = stmt(ctx.db, `${QUEUE_SELECT} WHERE q.status = ? ORDER BY q.id DESC LIMIT ?`).all(input.status, input.limit) as RawQueue[];
    return { items: rows.map(queueItem), total };
  },

  'mail.queue.get': (input, ctx) => {
    const r = stmt(ctx.db, `${QUEUE_SELECT} WHERE q.id = ?`).get(input.id) as RawQueue | undefined;
    // A queued message that became a task is the task's now: its source is for those who may see the task.
    if (!r || !canSeeMessage(ctx.db, scopeOf(ctx.me), r.messageRowId)) throw notFound('queue item');
    return { ...queueItem(r), mail: messageView(ctx.db, r.messageRowId)! };
  },

  'mail.queue.makeTask': (input, ctx) => {
    const q = openQueueItem(ctx, input.id);
    const msg = stmt(ctx.db, 'SELECT kind, request_number AS requestNumber, fields FROM mail_messages WHERE id = ?').get(q.messageRowId) as {
      kind: string | null;
      requestNumber: string | null;
      fields: string | null;
    };
    const fields: MailFields = { ...(msg.fields ? (JSON.parse(msg.fields) as MailFields) : {}) };
    // What the person typed wins; an emptied field is removed.
    for (const [k, v] of Object.entries(input.fields) as [keyof MailFields, string | undefined][]) {
      if (v) fields[k] = v;
      else delete fields[k];
    }
    const requestNumber = input.requestNumber ?? (msg.kind === input.kind ? msg.requestNumber : null);
    const r = createTask(ctx, { kind: input.kind, fields, requestNumber, messageId: q.messageRowId, clientId: input.clientId, assigneeId: input.assigneeId });
    if (r.taskId == null) {
      throw new AppError('CONFLICT', `request already has task ${r.duplicateOf}`, [{ path: 'requestNumber', reason: 'duplicate' }]);
    }
    stmt(ctx.db, "UPDATE mail_messages SET parse_status = 'task', kind = ?, request_number = ?, fields = ? WHERE id = ?").run(
      input.kind,
      requestNumber,
      JSON.stringify(fields),
      q.messageRowId,
    );
    resolveQueue(ctx, q.id, 'converted', r.taskId);
    return { taskId: r.taskId };
  },

  'mail.queue.dismiss': (input, ctx) => {
    const q = openQueueItem(ctx, input.id);
    resolveQueue(ctx, q.id, 'dismissed', null);
    return { ok: true };
  },

  'mail.rules.list': (_input, ctx) => listRules(ctx.db),

  'mail.rules.save': (input, ctx) => {
    const now = ctx.nowIso();
    const values = [
      input.kind,
      input.name,
      input.sort,
      input.enabled ? 1 : 0,
      JSON.stringify(input.subjectPatterns),
      JSON.stringify(input.typePatterns),
      JSON.stringify(input.labels),
      JSON.stringify(input.requireAny),
      now,
      ctx.me.id,
    ];
    let id = input.id;
    if (id == null) {
      id = Number(
        stmt(
          ctx.db,
          `INSERT INTO mail_rules (kind, name, sort, enabled, subject_patterns, type_patterns, labels, require_any, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values).lastInsertRowid,
      );
    } else {
      const before: MailRuleRow | null = getRule(ctx.db, id);
      if (!before) throw notFound('rule');
      stmt(
        ctx.db,
        `UPDATE mail_rules SET kind = ?, name = ?, sort = ?, enabled = ?, subject_patterns = ?, type_patterns = ?, labels = ?, require_any = ?,
           updated_at = ?, updated_by = ? WHERE id = ?`,
      ).run(...values, id);
    }
    ctx.audit('mail_rule', id, input.id ? 'update' : 'create', input);
    return { id };
  },

  // The stored message is parsed again on the worker pool, with the same budgets as intake.
  'mail.rules.test': prepared<'mail.rules.test', RuleTestResult>({
    prepare: async (input, ctx) => {
      const row = stmt(ctx.db, 'SELECT raw FROM mail_messages WHERE id = ?').get(input.messageId) as { raw: Buffer } | undefined;
      if (!row) throw notFound('message');
      let rules: RuleDef[];
      if (input.rule) rules = [draftRule({ ...input.rule, id: input.rule.id ?? input.ruleId })];
      else if (input.ruleId != null) {
        const saved = getRule(ctx.db, input.ruleId);
        if (!saved) throw notFound('rule');
        rules = [{ ...toRuleDef(saved), enabled: true }];
      } else rules = loadRules(ctx.db);
      const p = await prepareMessage({ db: ctx.db, pool: ctx.pool }, Buffer.from(row.raw), rules);
      return testResult(p.decoded, p.cls, rules);
    },
    run: (_input, _ctx, result) => result,
  }),

  'mail.messages.get': (input, ctx) => {
    // Someone else's task's message is reported as missing, as the task itself is.
    const m = canSeeMessage(ctx.db, scopeOf(ctx.me), input.id) ? messageView(ctx.db, input.id) : null;
    if (!m) throw notFound('message');
    return m;
  },
};
