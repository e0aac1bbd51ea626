// Codes and output types of mail intake and tasks (поручения), shared by main and the renderer.
import type { EmployeeRef } from './types';

/** Task kinds: the three K+ site leads and «Задать вопрос» questions; `other` is made by hand from the queue. */
export const TASK_KINDS = ['lead_price', 'lead_demo', 'lead_trial', 'question', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** Kinds a parsing rule can produce. */
export const RULE_KINDS = ['lead_price', 'lead_demo', 'lead_trial', 'question'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const TASK_STATUSES = ['new', 'in_work', 'done', 'declined'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The contact result recorded when a task is closed; the renderer words each code. */
export const CONTACT_RESULTS = [
  'sold',
  'demo_installed',
  'trial_given',
  'price_sent',
  'answered',
  'callback_later',
  'refused',
  'no_answer',
  'wrong_contact',
  'duplicate',
  'other',
] as const;
export type ContactResult = (typeof CONTACT_RESULTS)[number];

/** Results that close a task (sold, demo installed, refused …); «no answer» and «call back later» are attempts, not closings. */
export const CLOSING_RESULTS = CONTACT_RESULTS.filter((r) => r !== 'callback_later' && r !== 'no_answer');

/** What a call attempt («Попытка связи») ended with; the task stays open. */
export const ATTEMPT_OUTCOMES = ['no_answer', 'busy', 'callback', 'left_message', 'unavailable', 'other'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface TaskAttempt {
  id: number;
  at: string;
  by: EmployeeRef | null;
  outcome: AttemptOutcome;
  comment: string | null;
  nextContactAt: string | null;
}

/** Fields a rule's labels can name; the parser fills the ones it finds. */
export const MAIL_FIELDS = [
  'type',
  'number',
  'date',
  'fio',
  'org',
  'inn',
  'city',
  'email',
  'phone',
  'comment',
  'actions',
  'page',
  'system',
  'question',
] as const;
export type MailField = (typeof MAIL_FIELDS)[number];
export type MailFields = Partial<Record<MailField, string>>;

/**
 * Why a message went to the unrecognised queue. `too_large`: over the parser's size budget (or its thread ran out of
 * memory on it); `parse_timeout`: the parser ran past its time budget — both are kept unread rather than stop intake.
 */
export const QUEUE_REASONS = ['no_rule', 'no_fields', 'broken_mime', 'error', 'too_large', 'parse_timeout'] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];
export const QUEUE_STATUSES = ['open', 'converted', 'dismissed'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** What became of a stored message. */
export type MessageStatus = 'task' | 'duplicate_request' | 'unrecognised' | 'broken';

/** How the client of a task was found. */
export type MatchedBy = 'distribution' | 'inn' | 'email' | 'phone' | 'created' | 'manual';
/** Why the task went to its assignee. */
export type AssignedBy = 'key_responsible' | 'sio' | 'pm' | 'round_robin' | 'manual' | 'taken' | 'none';

export interface TaskListItem {
  id: number;
  kind: TaskKind;
  status: TaskStatus;
  direction: { id: number; code: string; name: string };
  client: { id: number; name: string } | null;
  assignee: EmployeeRef | null;
  requestNumber: string | null;
  /** Who asked: ФИО, organisation, phone and e-mail from the request. */
  contactName: string | null;
  org: string | null;
  phone: string | null;
  email: string | null;
  /** The kit the request names (questions): in list form when the catalogue knows its system, else as written. */
  kit: string | null;
  createdAt: string;
  deadline: string;
  /** Open and past its deadline now. */
  overdue: boolean;
  result: ContactResult | null;
  /** When to call again, from the last attempt (UTC ISO). */
  nextContactAt: string | null;
  /** Call attempts logged on the task. */
  attemptCount: number;
}

export interface MailMessageView {
  id: number;
  messageId: string;
  receivedAt: string;
  sentAt: string | null;
  from: string | null;
  fromName: string | null;
  subject: string | null;
  /** The body as text (HTML converted), for reading on screen. */
  text: string;
  /** The whole source, for «show original». */
  raw: string;
  status: MessageStatus;
  reason: QueueReason | null;
  fields: MailFields;
}

/** The kit a request names, and what the base knows of it. */
export interface TaskKit {
  /** As the request wrote it. */
  text: string;
  /** List form (`SKJP_000777_02`) when the catalogue knows the system. */
  code: string | null;
  systemCode: string | null;
  systemName: string | null;
  /** The client whose distribution it is, when the base has it. */
  owner: { id: number; name: string } | null;
  /** Why it cannot be added to a client: its system number or code is not in the catalogue, or it is no kit at all. */
  problem: 'unknown_system_number' | 'unknown_system_code' | 'unparsed' | null;
}

export interface TaskCard extends TaskListItem {
  fields: MailFields;
  kitInfo: TaskKit | null;
  matchedBy: MatchedBy | null;
  clientCreated: boolean;
  assignedBy: AssignedBy;
  takenAt: string | null;
  closedAt: string | null;
  comment: string | null;
  createdBy: EmployeeRef | null;
  message: MailMessageView | null;
  /** Call attempts, newest first. */
  attempts: TaskAttempt[];
  /** Other messages that repeated this request (forwarded twice). */
  repeats: { id: number; receivedAt: string; subject: string | null }[];
}

export interface MailboxRow {
  id: number;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  folder: string;
  enabled: boolean;
  hasPassword: boolean;
}

export interface MailboxHealth {
  mailboxId: number;
  name: string;
  folder: string;
  enabled: boolean;
  connected: boolean;
  /** The last check is older than the job's heartbeat allows: the sync has stalled. */
  stale: boolean;
  lastCheckAt: string | null;
  lastMessageAt: string | null;
  lagMs: number | null;
  pending: number;
  processed: number;
  duplicates: number;
  unrecognised: number;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Who holds the mailbox now (host:pid), and until when. */
  owner: string | null;
  ownerUntil: string | null;
}

export interface QueueItem {
  id: number;
  status: QueueStatus;
  reason: QueueReason;
  createdAt: string;
  message: { id: number; receivedAt: string; from: string | null; subject: string | null; size: number };
  taskId: number | null;
  resolvedBy: EmployeeRef | null;
  resolvedAt: string | null;
}

export interface MailRuleRow {
  id: number;
  kind: RuleKind;
  name: string;
  sort: number;
  enabled: boolean;
  subjectPatterns: string[];
  typePatterns: string[];
  labels: Partial<Record<MailField, string[]>>;
  requireAny: MailField[];
  updatedAt: string;
}

export interface RuleTestResult {
  /** The message parsed as MIME; false for broken mail. */
  decoded: boolean;
  subject: string | null;
  text: string;
  matched: boolean;
  ruleId: number | null;
  kind: RuleKind | null;
  requestNumber: string | null;
  fields: MailFields;
  /** Why it would go to the queue, when it would. */
  reason: QueueReason | null;
  /** Patterns that are not valid regular expressions. */
  badPatterns: string[];
}

export interface NotificationRow {
  id: number;
  at: string;
  /** `edo_rejected`: a document of the employee's client was rejected in ЭДО (data: documentId, number, type, reason). */
  kind: 'task_assigned' | 'task_reminder' | 'edo_rejected';
  read: boolean;
  taskId: number | null;
  data: Record<string, unknown> | null;
}

export interface TaskKindSetting {
  kind: TaskKind;
  directionId: number;
  deadlineMinutes: number;
}

/** The SMTP server that sends e-mail copies of notifications an employee has not read in time. */
export interface SmtpSettingsView {
  enabled: boolean;
  host: string;
  port: number;
  tls: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string;
  /** An unread notification is mailed after this many minutes. */
  delayMinutes: number;
  lastSentAt: string | null;
  /** The SMTP server's answer to the last failed send, cleared by the next success. */
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface NotificationPrefs {
  /** E-mail me a task I have not seen in the app within the delay. */
  emailWhenAway: boolean;
  /** Where it goes (the employee's e-mail), or null when none is set. */
  email: string | null;
}

/** One group of tasks in the report: the renderer pivots these by kind, status, result and employee. */
export interface TaskReportRow {
  kind: TaskKind;
  status: TaskStatus;
  result: ContactResult | null;
  assignee: EmployeeRef | null;
  count: number;
  /** Tasks of the group still open past their deadline, or closed after it. */
  late: number;
  /** Minutes from the message's arrival (or the task's creation) to first contact (taken or closed). */
  firstContactAvgMin: number | null;
  firstContactMaxMin: number | null;
  /** Minutes from arrival to closing (the answer, for questions). */
  closeAvgMin: number | null;
}

export interface TaskReport {
  from: string;
  to: string;
  rows: TaskReportRow[];
  /**
   * «Задать вопрос» questions of the period that came only in the КЦ's export: no e-mailed twin and no task made on
   * import, so they are not in `rows` (those joined with a task are counted there, once). `withoutClient`: of them,
   * those whose kit is no client's.
   */
  importedQuestions: { count: number; withoutClient: number };
}
