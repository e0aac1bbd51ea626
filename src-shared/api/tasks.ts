// Contract: tasks (поручения) from mail and by hand, their per-kind settings, and employees' notifications.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, ANY_STAFF, MANAGERS } from '../roles';
import { id, isoDate, optText, reqText } from './common';

export const smtpInput = z.object({
  enabled: z.boolean(),
  host: z
    .string()
    .trim()
    .min(1, { message: 'required' })
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, { message: 'host' }),
  port: z.number().int().min(1).max(65535).default(587),
  /** true: TLS from the start (465); false: STARTTLS when the server offers it. */
  tls: z.boolean().default(false),
  user: optText(320),
  /** Set only to change it. */
  password: z.string().min(1).max(1000).optional(),
  from: z.string().trim().max(254).pipe(z.email({ message: 'email' })),
  delayMinutes: z.number().int().min(0).max(24 * 60).default(15),
});
export type SmtpInput = z.input<typeof smtpInput>;
import { ATTEMPT_OUTCOMES, CLOSING_RESULTS, CONTACT_RESULTS, TASK_KINDS, TASK_STATUSES } from '../mail-types';
import type { ContactResult, NotificationPrefs, NotificationRow, SmtpSettingsView, TaskCard, TaskKindSetting, TaskListItem, TaskReport } from '../mail-types';

export const taskListInput = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  kind: z.enum(TASK_KINDS).optional(),
  assigneeId: id.optional(),
  /** Only tasks assigned to the caller. */
  mine: z.boolean().optional(),
  directionId: id.optional(),
  clientId: id.optional(),
  /** Only new and in-work tasks. */
  open: z.boolean().optional(),
  /** Only open tasks past their deadline. */
  overdue: z.boolean().optional(),
  limit: z.number().int().min(1).max(5000).default(500),
});
export type TaskListInput = z.input<typeof taskListInput>;

/** A task made by hand (a call-back the chat operator asks the СИО or the personal manager for, a note to a colleague). */
export const taskCreateInput = z.object({
  kind: z.enum(TASK_KINDS).default('other'),
  clientId: id,
  /** Chosen by the person; otherwise the rules pick (key responsible, СИО, ПМ, the direction in turn). */
  assigneeId: id.nullish(),
  /** UTC instant; the kind's deadline in working time when omitted. */
  deadline: z.iso
    .datetime({ offset: true, message: 'datetime' })
    .nullish()
    .transform((v) => (v ? new Date(v).toISOString() : null)),
  text: reqText(4000),
  /** The person to call back, when known. */
  contactId: id.nullish(),
  fio: optText(200),
  phone: optText(64),
  email: optText(254),
});
export type TaskCreateInput = z.input<typeof taskCreateInput>;

export const tasksApi = {
  /** Creates a task by hand for a client; the assignee is notified as for mail tasks. Open to every role (chat operators too). */
  'tasks.create': method<{ taskId: number }>()({ input: taskCreateInput, access: ANY_STAFF, write: true }),
  /** Tasks the caller may see (own, own directions'; all for admins and heads), overdue first, then by deadline. */
  'tasks.list': method<{ items: TaskListItem[]; total: number }>()({ input: taskListInput, access: ANY_STAFF, write: false }),
  /** A task with the original message. */
  'tasks.get': method<TaskCard>()({ input: z.object({ id }), access: ANY_STAFF, write: false }),
  /** Takes a task into work (and over, when someone else of the direction had it). */
  'tasks.take': method<{ ok: true }>()({ input: z.object({ id }), access: ANY_STAFF, write: true }),
  /** Closes a task as done; only closing results («no answer», «call back later» are attempts: `tasks.attempt`). */
  'tasks.complete': method<{ ok: true }>()({
    input: z.object({ id, result: z.enum(CLOSING_RESULTS as [ContactResult, ...ContactResult[]]), comment: optText(4000) }),
    access: ANY_STAFF,
    write: true,
  }),
  /**
   * Logs a call attempt («Попытка связи») without closing the task: the outcome, a comment and, when given, the next
   * contact time (UTC, in the future), which also becomes a reminder in the assignee's notifications at that time.
   */
  'tasks.attempt': method<{ ok: true; attemptId: number }>()({
    input: z.object({
      id,
      outcome: z.enum(ATTEMPT_OUTCOMES),
      comment: optText(4000),
      nextContactAt: z.iso.datetime({ offset: true, message: 'datetime' }).nullish().transform((v) => (v ? new Date(v).toISOString() : null)),
    }),
    access: ANY_STAFF,
    write: true,
  }),
  /** Declines a task: the reason is required. */
  'tasks.decline': method<{ ok: true }>()({
    input: z.object({ id, result: z.enum(CONTACT_RESULTS).default('refused'), comment: reqText(4000) }),
    access: ANY_STAFF,
    write: true,
  }),
  /**
   * Links a task that came without a client (a question from a kit not in the base) to a client; `addDistribution`
   * also adds the request's kit to that client's distributions (client editors only).
   */
  'tasks.linkClient': method<{ ok: true; distributionId: number | null }>()({
    input: z.object({ id, clientId: id, addDistribution: z.boolean().default(false) }),
    access: ANY_STAFF,
    write: true,
  }),
  'tasks.assign': method<{ ok: true }>()({ input: z.object({ id, assigneeId: id }), access: MANAGERS, write: true }),
  /** Tasks created in [from, to] (the РИЦ's calendar days) grouped by kind, status, result and assignee, with contact and closing times. */
  'tasks.report': method<TaskReport>()({
    input: z
      .object({ from: isoDate, to: isoDate, kind: z.enum(TASK_KINDS).optional(), directionId: id.optional() })
      .refine((v) => v.from <= v.to, { path: ['to'], message: 'date_order' }),
    access: MANAGERS,
    write: false,
  }),
  /** The same report as an XLSX workbook (leads, questions, the rows), for the browser or the window to save. */
  'tasks.reportXlsx': method<{ fileName: string; base64: string }>()({
    input: z
      .object({ from: isoDate, to: isoDate, kind: z.enum(TASK_KINDS).optional(), directionId: id.optional() })
      .refine((v) => v.from <= v.to, { path: ['to'], message: 'date_order' }),
    access: MANAGERS,
    write: false,
  }),
  'tasks.kinds.list': method<TaskKindSetting[]>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'tasks.kinds.save': method<{ ok: true }>()({
    input: z.object({ kind: z.enum(TASK_KINDS), directionId: id, deadlineMinutes: z.number().int().min(5).max(60 * 24 * 60) }),
    access: ADMINS,
    write: true,
  }),
  'notifications.list': method<{ items: NotificationRow[]; unread: number }>()({
    input: z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(100) }),
    access: ANY_STAFF,
    write: false,
  }),
  'notifications.smtp.get': method<SmtpSettingsView | null>()({ input: z.object({}), access: ADMINS, write: false }),
  'notifications.smtp.save': method<{ ok: true }>()({ input: smtpInput, access: ADMINS, write: true }),
  /** Sends a test message with the saved settings; the error is the server's answer, for the administrator. */
  'notifications.smtp.test': method<{ sent: boolean; error: string | null }>()({
    input: z.object({ to: z.string().trim().max(254).pipe(z.email({ message: 'email' })) }),
    access: ADMINS,
    write: false,
  }),
  'notifications.prefs.get': method<NotificationPrefs>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'notifications.prefs.save': method<{ ok: true }>()({ input: z.object({ emailWhenAway: z.boolean() }), access: ANY_STAFF, write: true }),
  /** Marks the given notifications read, or all of the caller's when `ids` is omitted. */
  'notifications.markRead': method<{ ok: true }>()({
    input: z.object({ ids: z.array(id).max(1000).optional() }),
    access: ANY_STAFF,
    write: true,
  }),
};
