// Intake of one message: store the raw source, then a task or a queue entry, and advance the cursor — all in one transaction.
import crypto from 'node:crypto';
import { Ctx, type Clock } from '../../api/context';
import { tx, type Db } from '../../db/connection';
import type { PushMessage } from '../../../src-shared/events';
import { stmt } from '../../db/stmt';
import type { MessageStatus, QueueReason } from '../../../src-shared/mail-types';
import { blankDecoded, bodyText, type Classification, type DecodedMail } from './parsed';
import { mailParseTask } from './mail.workers';
import { WorkerError, type WorkerErrorCode, type WorkerPool } from '../../workers/pool';
import { loadRules } from './rules.repo';
import { holdsLease } from './lease';
import { createTask } from '../tasks/create';
import { findImportedTwin, linkImportedQuestion } from '../chat/questions.join';

export interface Prepared {
  raw: Buffer;
  decoded: DecodedMail;
  cls: Classification;
}

/** Parse failures that are the message's fault, and the queue reason each becomes. */
const UNREADABLE: Partial<Record<WorkerErrorCode, QueueReason>> = {
  WORKER_TOO_LARGE: 'too_large',
  WORKER_CRASHED: 'too_large',
  WORKER_TIMEOUT: 'parse_timeout',
  WORKER_FAILED: 'error',
};

/**
 * A message the parser could not read within its budgets: kept whole for a person, with nothing read from it. Its id
 * is the hash of its bytes (as for a message without Message-ID), so the same message delivered again is a duplicate.
 */
async function unreadable(raw: Buffer, reason: QueueReason, err: WorkerError): Promise<Prepared> {
  // WebCrypto hashes on libuv's thread pool: a 25 MB message does not hold the event loop.
  const digest = Buffer.from(await crypto.subtle.digest('SHA-256', raw)).toString('hex');
  const decoded = blankDecoded(`<${digest}@no-message-id>`, `${err.code}: ${err.message}`.slice(0, 300));
  return { raw, decoded, cls: { matched: false, reason, rule: null, kind: null, requestNumber: null, fields: {} } };
}

/**
 * The slow part (MIME decoding and classification), done before the transaction so it never holds the write lock, and
 * on a pool thread within the size and time budgets of `mail.parse`: a hostile message costs a thread its budget, never
 * the event loop, and lands in the queue with the reason. Only a closing pool (shutdown) propagates. The rules are the
 * enabled ones unless given (the rules tester passes a draft).
 */
export async function prepareMessage(deps: { db: Db; pool: WorkerPool }, raw: Buffer, rules = loadRules(deps.db)): Promise<Prepared> {
  try {
    const { decoded, cls } = await deps.pool.run(mailParseTask, { raw, rules });
    return { raw, decoded, cls };
  } catch (err) {
    const reason = err instanceof WorkerError ? UNREADABLE[err.code] : undefined;
    if (!reason) throw err;
    return unreadable(raw, reason, err as WorkerError);
  }
}

/** Where a message came from; null for mail fed in by hand (CLI import, tests). */
export interface MailSource {
  mailboxId: number;
  folder: string;
  uidValidity: number;
  uid: number;
  /** The lease owner the job runs as. */
  ownerId: string;
}

export type Outcome = 'task' | 'duplicate_message' | 'duplicate_request' | 'queued' | 'stale';

export interface CommitResult {
  outcome: Outcome;
  messageRowId: number | null;
  taskId: number | null;
}

export class LeaseLostError extends Error {
  constructor(mailboxId: number) {
    super(`lease on mailbox ${mailboxId} lost`);
    this.name = 'LeaseLostError';
  }
}

/** Guards of a job's write: it still owns the mailbox, and the message lies beyond the cursor of the same UIDVALIDITY. */
function checkSource(db: Db, src: MailSource): boolean {
  if (!holdsLease(db, src.mailboxId, src.ownerId)) throw new LeaseLostError(src.mailboxId);
  const st = stmt(db, 'SELECT uid_validity AS v, last_uid AS u FROM mail_sync_state WHERE mailbox_id = ? AND folder = ?').get(src.mailboxId, src.folder) as
    | { v: number | null; u: number }
    | undefined;
  return !!st && st.v === src.uidValidity && src.uid > st.u;
}

function advance(ctx: Ctx, src: MailSource, receivedAt: string, counts: { duplicate: number; unrecognised: number }): void {
  const lag = Math.max(0, ctx.clock.now().getTime() - Date.parse(receivedAt));
  stmt(
    ctx.db,
    `UPDATE mail_sync_state SET last_uid = ?, last_message_at = ?, lag_ms = ?, processed = processed + 1,
       duplicates = duplicates + ?, unrecognised = unrecognised + ?, pending = max(pending - 1, 0)
     WHERE mailbox_id = ? AND folder = ?`,
  ).run(src.uid, receivedAt, Number.isFinite(lag) ? lag : null, counts.duplicate, counts.unrecognised, src.mailboxId, src.folder);
}

function insertMessage(ctx: Ctx, p: Prepared, src: MailSource | null, receivedAt: string, status: MessageStatus, reason: QueueReason | null, error: string | null): number {
  const c = p.cls;
  const r = stmt(
    ctx.db,
    `INSERT INTO mail_messages (mailbox_id, folder, uid_validity, uid, message_id, received_at, sent_at, from_addr, from_name, subject, raw, text, size,
       parse_status, kind, rule_id, request_number, fields, reason, error, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    src?.mailboxId ?? null,
    src?.folder ?? null,
    src?.uidValidity ?? null,
    src?.uid ?? null,
    p.decoded.messageId,
    receivedAt,
    p.decoded.sentAt,
    p.decoded.from,
    p.decoded.fromName,
    p.decoded.subject,
    p.raw,
    bodyText(p.decoded),
    p.raw.length,
    status,
    c.kind,
    c.rule?.id ?? null,
    c.requestNumber,
    JSON.stringify(c.fields),
    reason,
    error ?? (p.decoded.broken ? p.decoded.broken : null),
    ctx.nowIso(),
  );
  return Number(r.lastInsertRowid);
}

function enqueue(ctx: Ctx, messageRowId: number, reason: QueueReason): void {
  const r = stmt(ctx.db, "INSERT INTO mail_queue (message_id, reason, status, created_at) VALUES (?, ?, 'open', ?)").run(messageRowId, reason, ctx.nowIso());
  ctx.emit('mail.queue.changed', { queueId: Number(r.lastInsertRowid) });
}

/**
 * Stores the message and its result; the caller runs this inside one transaction. A Message-ID seen
 * before stores nothing new (the cursor still moves), and a lead whose request number has a task is
 * kept as a repeat of that task.
 */
export function commitMessage(ctx: Ctx, p: Prepared, src: MailSource | null, receivedAt: string): CommitResult {
  if (src && !checkSource(ctx.db, src)) return { outcome: 'stale', messageRowId: null, taskId: null };
  const seen = stmt(ctx.db, 'SELECT id FROM mail_messages WHERE message_id = ?').get(p.decoded.messageId) as { id: number } | undefined;
  if (seen) {
    if (src) advance(ctx, src, receivedAt, { duplicate: 1, unrecognised: 0 });
    return { outcome: 'duplicate_message', messageRowId: seen.id, taskId: null };
  }
  const c = p.cls;
  if (!c.matched) {
    const id = insertMessage(ctx, p, src, receivedAt, c.reason === 'broken_mime' ? 'broken' : 'unrecognised', c.reason, null);
    enqueue(ctx, id, c.reason);
    if (src) advance(ctx, src, receivedAt, { duplicate: 0, unrecognised: 1 });
    return { outcome: 'queued', messageRowId: id, taskId: null };
  }
  const id = insertMessage(ctx, p, src, receivedAt, 'task', null, null);
  // The same question may have come first in a «Задать вопрос» export (one question, one record): a task made for it
  // on import takes this e-mail as its message; an imported question without a task joins the task made now.
  const twin = c.kind === 'question' ? findImportedTwin(ctx.db, c.fields, p.decoded.sentAt ?? receivedAt) : null;
  if (twin?.taskId != null && !twin.taskHasMail) {
    stmt(ctx.db, 'UPDATE tasks SET message_id = ?, updated_at = ? WHERE id = ?').run(id, ctx.nowIso(), twin.taskId);
    if (src) advance(ctx, src, receivedAt, { duplicate: 1, unrecognised: 0 });
    return { outcome: 'duplicate_request', messageRowId: id, taskId: twin.taskId };
  }
  const r = createTask(ctx, { kind: c.kind, fields: c.fields, requestNumber: c.requestNumber, messageId: id });
  if (r.duplicateOf != null) {
    stmt(ctx.db, "UPDATE mail_messages SET parse_status = 'duplicate_request' WHERE id = ?").run(id);
    if (src) advance(ctx, src, receivedAt, { duplicate: 1, unrecognised: 0 });
    return { outcome: 'duplicate_request', messageRowId: id, taskId: r.duplicateOf };
  }
  if (twin) linkImportedQuestion(ctx.db, twin.questionId, r.taskId);
  if (src) advance(ctx, src, receivedAt, { duplicate: 0, unrecognised: 0 });
  return { outcome: 'task', messageRowId: id, taskId: r.taskId };
}

/**
 * When making the task failed unexpectedly, the message still lands in the queue with the error and the
 * cursor moves on: a bad message never stops the job. (Runs in a fresh transaction after the failed one.)
 */
export function commitFailure(ctx: Ctx, p: Prepared, src: MailSource | null, receivedAt: string, err: unknown): CommitResult {
  if (src && !checkSource(ctx.db, src)) return { outcome: 'stale', messageRowId: null, taskId: null };
  const seen = stmt(ctx.db, 'SELECT id FROM mail_messages WHERE message_id = ?').get(p.decoded.messageId) as { id: number } | undefined;
  let id = seen?.id ?? null;
  if (id == null) {
    id = insertMessage(ctx, p, src, receivedAt, 'unrecognised', 'error', String((err as Error)?.stack ?? err).slice(0, 2000));
    enqueue(ctx, id, 'error');
  }
  if (src) advance(ctx, src, receivedAt, { duplicate: seen ? 1 : 0, unrecognised: seen ? 0 : 1 });
  return { outcome: seen ? 'duplicate_message' : 'queued', messageRowId: id, taskId: null };
}

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  pool: WorkerPool;
  publish: (msg: PushMessage) => void;
}

/**
 * Prepares and commits one message: its own transaction, push events after commit. An unexpected failure
 * goes to the queue through commitFailure; only a lost lease (another process owns the mailbox now) and
 * database failures propagate, so the job stops writing.
 */
export async function ingestMessage(deps: IntakeDeps, raw: Buffer, src: MailSource | null, receivedAt: string, prepared?: Prepared): Promise<CommitResult> {
  const p = prepared ?? (await prepareMessage(deps, raw));
  let ctx = new Ctx(deps.db, null, deps.clock, null);
  let result: CommitResult;
  try {
    result = tx(deps.db, () => commitMessage(ctx, p, src, receivedAt));
  } catch (err) {
    if (err instanceof LeaseLostError || isBusy(err)) throw err;
    ctx = new Ctx(deps.db, null, deps.clock, null);
    result = tx(deps.db, () => commitFailure(ctx, p, src, receivedAt, err));
  }
  for (const m of ctx.pending) deps.publish(m);
  return result;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL' || code === 'SQLITE_READONLY';
}
