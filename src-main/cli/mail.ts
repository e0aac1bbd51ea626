// CLI commands of mail intake: `mail add`, `mail sync [--once]`, `tasks list [--json]`.
import { WorkerPool } from '../workers/pool';
import fs from 'node:fs';
import { openDb, tx, type Db } from '../db/connection';
import { systemClock } from '../api/context';
import { Bus } from '../api/bus';
import { mailboxInput } from '../../src-shared/api/mail';
import { TASK_KINDS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../../src-shared/mail-types';
import { enabledMailboxIds, saveMailbox } from '../features/mail/mailboxes.repo';
import { leaseOf, newOwnerId } from '../features/mail/lease';
import { listTasks } from '../features/tasks/tasks.repo';
import { MailboxWorker } from '../jobs/imap.job';
import { startMailJobs } from '../jobs/runner';
import { holdDatabase, DatabaseBusyError, type Hold } from '../db/holder';
import { CliError, existingFile, parseOptions, requireOption, usageError } from './util';

export const MAIL_USAGE = `  mail add   --db F --host H --port P --user U --password-file F [--tls|--no-tls] [--folder INBOX] [--name N]
                                           add a mailbox to read (the password is stored encrypted)
  mail sync  --db F [--once] [--mailbox ID]
                                           read the mailboxes: continuously (IDLE), or everything new and exit
  tasks list --db F [--json] [--status S] [--kind K] [--assignee ID]
                                           print tasks (поручения), overdue first`;

function readSecret(file: string): string {
  return fs.readFileSync(existingFile(file, 'Password file'), 'utf8').replace(/\r?\n$/, '');
}

async function mailAdd(args: string[]): Promise<void> {
  const o = parseOptions(args, {
    db: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    user: { type: 'string' },
    'password-file': { type: 'string' },
    tls: { type: 'boolean' },
    'no-tls': { type: 'boolean' },
    folder: { type: 'string' },
    name: { type: 'string' },
  });
  const file = requireOption(o.db, 'db');
  const host = requireOption(o.host, 'host');
  const user = requireOption(o.user, 'user');
  const password = readSecret(requireOption(o['password-file'], 'password-file'));
  if (o.tls && o['no-tls']) throw usageError('--tls and --no-tls exclude each other');
  const tls = !o['no-tls'];
  const port = o.port ? Number(o.port) : tls ? 993 : 143;
  const parsed = mailboxInput.safeParse({ name: o.name ?? `${user}@${host}`, host, port, tls, user, password, folder: o.folder ?? 'INBOX' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw usageError(`--${String(issue.path[0] ?? 'input')}: ${issue.message}`);
  }
  const db = openDb(file);
  try {
    const id = tx(db, () => saveMailbox(db, parsed.data, new Date().toISOString()))!;
    console.log(`Mailbox ${id} added: ${parsed.data.user} at ${host}:${port} (${tls ? 'TLS' : 'no TLS'}), folder ${parsed.data.folder}.`);
  } finally {
    db.$client.close();
  }
}

function mailboxIds(db: Db, only: string | undefined): number[] {
  const ids = enabledMailboxIds(db);
  if (only === undefined) return ids;
  const id = Number(only);
  if (!ids.includes(id)) throw new CliError(`no enabled mailbox ${only}`);
  return [id];
}

/** Waits for the lease long enough for a live owner's to lapse; a dead local owner's is taken at once. */
async function syncOnce(db: Db, pool: WorkerPool, ids: number[]): Promise<void> {
  const ownerId = newOwnerId();
  for (const id of ids) {
    const worker = new MailboxWorker(id, { db, pool, clock: systemClock, publish: () => undefined, ownerId });
    const until = Date.now() + 35_000;
    for (;;) {
      const r = await worker.runOnce();
      if (!r.busy) {
        const c = r.counts;
        console.log(`Mailbox ${id}: ${c.task} tasks, ${c.queued} queued, ${c.duplicate_message + c.duplicate_request} duplicates skipped.`);
        break;
      }
      if (Date.now() > until) throw new CliError(`mailbox ${id} is being read by ${leaseOf(db, id)?.ownerId ?? 'another process'}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function heldOrExplained(file: string): Hold {
  try {
    return holdDatabase(file);
  } catch (err) {
    throw err instanceof DatabaseBusyError ? new CliError(err.message) : err;
  }
}

async function mailSync(args: string[]): Promise<void> {
  const o = parseOptions(args, { db: { type: 'string' }, once: { type: 'boolean' }, mailbox: { type: 'string' } });
  const file = existingFile(requireOption(o.db, 'db'), 'Database');
  // A reader that may run for days holds the database like the server does, so `restore` waits for it.
  const hold = heldOrExplained(file);
  const db = openDb(file);
  const pool = new WorkerPool();
  try {
    const ids = mailboxIds(db, o.mailbox);
    if (ids.length === 0) {
      console.log('No enabled mailboxes: add one with `mail add`.');
      return;
    }
    if (o.once) return await syncOnce(db, pool, ids);
    const jobs = startMailJobs({ db, bus: new Bus(), pool }, { log: (m) => console.error(m) });
    console.log(`mail sync: reading ${ids.length} mailbox(es); Ctrl+C stops.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await jobs.stop();
  } finally {
    db.$client.close();
    hold.release();
    await pool.close();
  }
}

export async function mailCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return mailAdd(rest);
  if (sub === 'sync') return mailSync(rest);
  throw usageError(sub ? `unknown mail command "${sub}" (mail add, mail sync)` : 'missing mail command: mail add | mail sync');
}

export async function tasksCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw usageError(sub ? `unknown tasks command "${sub}" (only "tasks list" exists)` : 'missing tasks command: tasks list');
  const o = parseOptions(rest, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    status: { type: 'string' },
    kind: { type: 'string' },
    assignee: { type: 'string' },
    limit: { type: 'string' },
  });
  if (o.status && !(TASK_STATUSES as readonly string[]).includes(o.status)) throw usageError(`--status must be one of ${TASK_STATUSES.join(', ')}`);
  if (o.kind && !(TASK_KINDS as readonly string[]).includes(o.kind)) throw usageError(`--kind must be one of ${TASK_KINDS.join(', ')}`);
  const db = openDb(existingFile(requireOption(o.db, 'db'), 'Database'), {});
  try {
    const { items } = listTasks(
      db,
      { all: true, employeeId: null },
      {
        status: o.status as TaskStatus | undefined,
        kind: o.kind as TaskKind | undefined,
        assigneeId: o.assignee ? Number(o.assignee) : undefined,
        limit: o.limit ? Number(o.limit) : 100_000,
      },
      new Date().toISOString(),
    );
    if (o.json) {
      process.stdout.write(JSON.stringify(items, null, 2) + '\n');
      return;
    }
    for (const t of items) {
      console.log([t.id, t.kind, t.status, t.overdue ? 'OVERDUE' : '', t.deadline, t.requestNumber ?? '', t.client?.name ?? '', t.assignee?.fullName ?? '—'].join('\t'));
    }
    console.log(`${items.length} task(s)`);
  } finally {
    db.$client.close();
  }
}
