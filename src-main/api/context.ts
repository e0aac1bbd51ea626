// The per-call context handed to handlers: database, caller, clock, audit and push events.
import type { Db } from '../db/connection';
import type { SessionUser } from '../../src-shared/types';
import type { PushEventName, PushEvents, PushMessage } from '../../src-shared/events';
import { auditLog } from '../db/schema';
import { AppError } from './errors';
import { stmt } from '../db/stmt';
import { WorkerError, type WorkerPool } from '../workers/pool';
import type { TaskRef } from '../workers/registry';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      // An unknown zone in settings must not break every call: fall back to Moscow time.
      f = new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

export function ricTimeZone(db: Db): string {
  const row = stmt(db, "SELECT value FROM settings WHERE key = 'timezone'").get() as { value: string } | undefined;
  if (!row) return DEFAULT_TIME_ZONE;
  try {
    const v = JSON.parse(row.value) as unknown;
    return typeof v === 'string' && v ? v : DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Who is on the other end of a call, as far as the host can tell. */
export interface Caller {
  /**
   * The client address sign-in throttling is keyed by: the socket's, or the nearest X-Forwarded-For hop behind
   * a trusted proxy (HTTP host); `local` for the workstation itself (IPC of the desktop app, the CLI, jobs).
   */
  address: string;
}
export const LOCAL_CALLER: Caller = Object.freeze({ address: 'local' });

export class Ctx {
  /** Events are sent only after the transaction commits. */
  readonly pending: PushMessage[] = [];

  constructor(
    readonly db: Db,
    readonly user: SessionUser | null,
    readonly clock: Clock,
    readonly token: string | null,
    readonly caller: Caller = LOCAL_CALLER,
    private readonly workers: WorkerPool | null = null,
    private readonly publisher: ((msg: PushMessage) => void) | null = null,
  ) {}

  /**
   * Sends a push event at once, outside any transaction: progress of long work a reading method waits for (a USR
   * ZIP). Everything that reports changed data goes through `emit`, sent after the commit.
   */
  publishNow<K extends PushEventName>(event: K, data: PushEvents[K]): void {
    this.publisher?.({ event, data } as PushMessage);
  }

  /** The worker pool, for a handler's `prepare` (print, exports); calls made by jobs have none. */
  get pool(): WorkerPool {
    if (!this.workers) throw new Error('no worker pool in this context');
    return this.workers;
  }

  /**
   * Runs a task on the pool for this call. Work over its budgets (a period too long to export, too many documents at
   * once) is the caller's to narrow: BAD_INPUT with the reason `too_heavy`; anything else fails as usual.
   */
  async offload<I, O>(ref: TaskRef<I, O>, input: I): Promise<O> {
    try {
      return await this.pool.run(ref, input);
    } catch (err) {
      if (err instanceof WorkerError && (err.code === 'WORKER_TOO_LARGE' || err.code === 'WORKER_TIMEOUT' || err.code === 'WORKER_CRASHED')) {
        throw new AppError('BAD_INPUT', err.message, [{ path: '', reason: 'too_heavy' }]);
      }
      throw err;
    }
  }

  /** The signed-in employee; the dispatcher guarantees one for non-public methods. */
  get me(): SessionUser {
    if (!this.user) throw new AppError('UNAUTHORIZED');
    return this.user;
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  /** Today's date in the РИЦ's time zone (a setting) as YYYY-MM-DD: in Vladivostok the day starts 7 hours before UTC's. */
  today(): string {
    return localDate(this.clock.now(), ricTimeZone(this.db));
  }

  emit<K extends PushEventName>(event: K, data: PushEvents[K]): void {
    this.pending.push({ event, data } as PushMessage);
  }

  audit(entity: string, entityId: number | null, action: string, changes?: unknown): void {
    this.db
      .insert(auditLog)
      .values({
        at: this.nowIso(),
        employeeId: this.user?.id ?? null,
        entity,
        entityId,
        action,
        changes: changes === undefined ? null : JSON.stringify(changes),
      })
      .run();
  }
}

/** Field-by-field difference for the audit log: { field: [before, after] }. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const a = before[key];
    const b = after[key];
    if (b !== undefined && JSON.stringify(a) !== JSON.stringify(b)) out[key as string] = [a, b];
  }
  return out;
}
