// The only router of the contract: method lookup, authentication, role check, input validation, transaction.
import type { z } from 'zod';
import { api, isMethodName } from '../../src-shared/api';
import type { ApiIssue, ApiResult } from '../../src-shared/errors';
import type { PushMessage } from '../../src-shared/events';
import type { Db } from '../db/connection';
import { tx } from '../db/connection';
import { AppError } from './errors';
import { Ctx, LOCAL_CALLER, type Caller, type Clock } from './context';
import { handlers } from './handlers';
import { userForToken } from '../features/auth/sessions';
import type { WorkerPool } from '../workers/pool';

export interface DispatchDeps {
  db: Db;
  clock: Clock;
  pool: WorkerPool;
  publish: (msg: PushMessage) => void;
  log?: (msg: string, err?: unknown) => void;
}

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    // Custom checks carry their machine reason as the message; built-in ones use zod's code.
    reason: i.code === 'custom' ? i.message : i.code === 'invalid_format' && i.message === 'email' ? 'email' : i.message && /^[a-z_]+$/.test(i.message) ? i.message : i.code,
  }));
}

export async function dispatch(
  deps: DispatchDeps,
  name: string,
  rawInput: unknown,
  token: string | null,
  caller: Caller = LOCAL_CALLER,
): Promise<ApiResult<unknown>> {
  try {
    if (!isMethodName(name)) throw new AppError('UNKNOWN_METHOD', name);
    const def = api[name];
    const user = token ? userForToken(deps.db, token, deps.clock.now()) : null;
    if (def.access !== 'public') {
      if (!user) throw new AppError('UNAUTHORIZED');
      if (!user.roles.some((r) => (def.access as readonly string[]).includes(r))) throw new AppError('FORBIDDEN', name);
    }
    const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) throw new AppError('BAD_INPUT', undefined, zodIssues(parsed.error));
    const ctx = new Ctx(deps.db, user, deps.clock, token, caller, deps.pool, deps.publish);
    const handler = handlers[name] as unknown as
      | ((input: unknown, ctx: Ctx) => unknown)
      | { prepare: (input: unknown, ctx: Ctx) => Promise<unknown>; run: (input: unknown, ctx: Ctx, p: unknown) => unknown };
    let data: unknown;
    if (typeof handler === 'function') {
      data = def.write ? tx(deps.db, () => handler(parsed.data, ctx)) : handler(parsed.data, ctx);
    } else {
      const prep = await handler.prepare(parsed.data, ctx);
      // A reading method's `run` only hands over what `prepare` made: no write lock for it.
      data = def.write ? tx(deps.db, () => handler.run(parsed.data, ctx, prep)) : handler.run(parsed.data, ctx, prep);
    }
    if (data instanceof Promise) throw new Error(`handler ${name} returned a promise`);
    for (const msg of ctx.pending) deps.publish(msg);
    return { ok: true, data };
  } catch (err) {
    if (err instanceof AppError) {
      return {
        ok: false,
        error: { code: err.code, detail: err.detail, issues: err.issues, retryAfterMs: err.retryAfterMs },
      };
    }
    const sqliteCode = (err as { code?: string }).code;
    if (sqliteCode === 'SQLITE_CONSTRAINT_UNIQUE' || sqliteCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return { ok: false, error: { code: 'CONFLICT', detail: 'duplicate' } };
    }
    if (sqliteCode === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      return { ok: false, error: { code: 'BAD_INPUT', detail: 'reference', issues: [{ path: '', reason: 'reference' }] } };
    }
    (deps.log ?? console.error)(`INTERNAL in ${name}`, err);
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}
