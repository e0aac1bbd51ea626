// The per-call context handed to handlers: database, caller, clock, audit and push events.
import type { Db } from '../db/connection';
import type { SessionUser } from '../../src-shared/types';
import type { PushEventName, PushEvents, PushMessage } from '../../src-shared/events';
import { auditLog } from '../db/schema';
import { AppError } from './errors';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export class Ctx {
  /** Events are sent only after the transaction commits. */
  readonly pending: PushMessage[] = [];

  constructor(
    readonly db: Db,
    readonly user: SessionUser | null,
    readonly clock: Clock,
    readonly token: string | null,
  ) {}

  /** The signed-in employee; the dispatcher guarantees one for non-public methods. */
  get me(): SessionUser {
    if (!this.user) throw new AppError('UNAUTHORIZED');
    return this.user;
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  /** Today's date (UTC) as YYYY-MM-DD. */
  today(): string {
    return this.nowIso().slice(0, 10);
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
