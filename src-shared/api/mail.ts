// Contract: mailboxes and their health, parsing rules (edited and tested by an administrator), the unrecognised mail queue.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, MANAGERS, type Role } from '../roles';
import { id, optText, reqText } from './common';
import { MAIL_FIELDS, QUEUE_STATUSES, RULE_KINDS, TASK_KINDS } from '../mail-types';
import type { MailboxHealth, MailboxRow, MailMessageView, MailRuleRow, QueueItem, RuleTestResult } from '../mail-types';

/** A pattern must compile as a case-insensitive Unicode regular expression. */
const pattern = z
  .string()
  .min(1, { message: 'required' })
  .max(500)
  .superRefine((v, ctx) => {
    try {
      new RegExp(v, 'iu');
    } catch {
      ctx.addIssue({ code: 'custom', message: 'regex' });
    }
  });

/** Who handles incoming mail that made no task: managers and the staff that talk to clients (not the call centre or chat). */
const MAIL_HANDLERS: readonly Role[] = ['admin', 'head', 'sales', 'sio', 'pm'];

const label = z.string().trim().min(1, { message: 'required' }).max(100);

export const ruleInput = z.object({
  id: id.optional(),
  kind: z.enum(RULE_KINDS),
  name: reqText(200),
  sort: z.number().int().min(0).max(10_000).default(100),
  enabled: z.boolean().default(true),
  subjectPatterns: z.array(pattern).max(50).default([]),
  typePatterns: z.array(pattern).max(50).default([]),
  labels: z.partialRecord(z.enum(MAIL_FIELDS), z.array(label).max(50)).default({}),
  requireAny: z.array(z.enum(MAIL_FIELDS)).max(MAIL_FIELDS.length).default([]),
});
export type RuleInput = z.input<typeof ruleInput>;

export const mailboxInput = z
  .object({
    id: id.optional(),
    name: reqText(200),
    host: z
      .string()
      .trim()
      .min(1, { message: 'required' })
      .max(253)
      .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, { message: 'host' }),
    port: z.number().int().min(1).max(65535).default(993),
    tls: z.boolean().default(true),
    user: reqText(320),
    /** Required for a new mailbox; on edit, set only to change it. */
    password: z.string().min(1).max(1000).optional(),
    folder: z.string().trim().min(1).max(200).default('INBOX'),
    enabled: z.boolean().default(true),
  })
  .refine((v) => v.id != null || v.password != null, { path: ['password'], message: 'required' });
export type MailboxInput = z.input<typeof mailboxInput>;

const fieldsInput = z.partialRecord(z.enum(MAIL_FIELDS), z.string().trim().max(4000));

export const mailApi = {
  'mail.mailboxes.list': method<MailboxRow[]>()({ input: z.object({}), access: ADMINS, write: false }),
  'mail.mailboxes.save': method<{ id: number }>()({ input: mailboxInput, access: ADMINS, write: true }),
  /** Asks the job to check the mailbox now (it runs continuously anyway). */
  'mail.mailboxes.syncNow': method<{ ok: true }>()({ input: z.object({ id }), access: ADMINS, write: false }),
  'mail.health': method<MailboxHealth[]>()({ input: z.object({}), access: MANAGERS, write: false }),
  'mail.queue.list': method<{ items: QueueItem[]; total: number }>()({
    input: z.object({ status: z.enum(QUEUE_STATUSES).default('open'), limit: z.number().int().min(1).max(1000).default(200) }),
    access: MAIL_HANDLERS,
    write: false,
  }),
  'mail.queue.get': method<QueueItem & { mail: MailMessageView }>()({ input: z.object({ id }), access: MAIL_HANDLERS, write: false }),
  /** Makes a task from a queued message; fields typed by the person replace what the parser read. */
  'mail.queue.makeTask': method<{ taskId: number }>()({
    input: z.object({
      id,
      kind: z.enum(TASK_KINDS),
      clientId: id.nullish(),
      assigneeId: id.nullish(),
      requestNumber: optText(50),
      fields: fieldsInput.default({}),
    }),
    access: MAIL_HANDLERS,
    write: true,
  }),
  'mail.queue.dismiss': method<{ ok: true }>()({ input: z.object({ id }), access: MAIL_HANDLERS, write: true }),
  'mail.rules.list': method<MailRuleRow[]>()({ input: z.object({}), access: ADMINS, write: false }),
  'mail.rules.save': method<{ id: number }>()({ input: ruleInput, access: ADMINS, write: true }),
  /**
   * Runs the parser over a stored message: with a draft `rule` (the editor's unsaved state), with the
   * saved rule `ruleId` alone, or with all enabled rules as the job would.
   */
  'mail.rules.test': method<RuleTestResult>()({
    input: z.object({ messageId: id, ruleId: id.optional(), rule: ruleInput.optional() }),
    access: ADMINS,
    write: false,
  }),
  /** A stored message, for the task card and the queue. */
  'mail.messages.get': method<MailMessageView>()({ input: z.object({ id }), access: MAIL_HANDLERS, write: false }),
};
