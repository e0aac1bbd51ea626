// Throttling of password guesses: failures counted per (login, client address) and per address, before the slow hash.
import type { Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { Limiter, type Release } from './limiter';
import { DUMMY_HASH, verifyPassword } from './passwords';

/** Free attempts per login and address before the delay starts; then it doubles per failure up to the cap. */
export const FREE_ATTEMPTS = 3;
/**
 * Free failures per address across all logins: one workstation (or attacker) trying many logins is slowed down
 * too, while a stranger's failures elsewhere never delay the owner at their own workstation.
 */
export const ADDRESS_FREE_ATTEMPTS = 10;
const MAX_DELAY_MS = 5 * 60_000;
/** A key quiet this long starts from zero again, and its row is removed. */
const FORGET_AFTER_MS = 24 * 3600_000;
/** At most one `login_failed` audit row per key and window (the row carries the running count). */
const AUDIT_WINDOW_MS = 15 * 60_000;
/** Hard cap on stored keys; the oldest go first. */
export const MAX_ATTEMPT_ROWS = 10_000;
/** Hashes of one login at a time, and how many more may wait; from many addresses at once the rest are refused. */
const HASHES_PER_LOGIN = 2;
const WAITING_PER_LOGIN = 4;
const BUSY_RETRY_MS = 1000;
/** The `login` of the address-wide row (a real login is never empty). */
const ANY_LOGIN = '';

export function throttleDelayMs(failures: number, free = FREE_ATTEMPTS): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - free, 20));
}

interface AttemptRow {
  failures: number;
  lastFailureAt: string;
  auditedAt: string | null;
}

function attemptRow(ctx: Ctx, login: string, address: string): AttemptRow | undefined {
  return stmt(ctx.db, 'SELECT failures, last_failure_at AS lastFailureAt, audited_at AS auditedAt FROM login_attempts WHERE login = ? AND address = ?').get(
    login,
    address,
  ) as AttemptRow | undefined;
}

function waitMs(row: AttemptRow | undefined, free: number, now: number): number {
  if (!row) return 0;
  const last = Date.parse(row.lastFailureAt);
  if (now - last >= FORGET_AFTER_MS) return 0;
  return Math.max(0, last + throttleDelayMs(row.failures, free) - now);
}

function record(ctx: Ctx, login: string, address: string, now: number): void {
  const forget = new Date(now - FORGET_AFTER_MS).toISOString();
  const upsert = stmt(
    ctx.db,
    `INSERT INTO login_attempts (login, address, failures, last_failure_at) VALUES (@login, @address, 1, @now)
     ON CONFLICT(login, address) DO UPDATE SET
       failures = CASE WHEN last_failure_at < @forget THEN 1 ELSE failures + 1 END, last_failure_at = excluded.last_failure_at`,
  );
  const at = new Date(now).toISOString();
  upsert.run({ login, address, now: at, forget });
  upsert.run({ login: ANY_LOGIN, address, now: at, forget });
  // Bounded whatever comes in: quiet keys are forgotten, and past the cap the oldest go.
  stmt(ctx.db, 'DELETE FROM login_attempts WHERE last_failure_at < ?').run(forget);
  const { n } = stmt(ctx.db, 'SELECT count(*) AS n FROM login_attempts').get() as { n: number };
  if (n > MAX_ATTEMPT_ROWS) {
    stmt(ctx.db, 'DELETE FROM login_attempts WHERE rowid IN (SELECT rowid FROM login_attempts ORDER BY last_failure_at, rowid LIMIT ?)').run(n - MAX_ATTEMPT_ROWS);
  }
}

/**
 * Takes back one counted attempt (it was not tried, or it succeeded). The previous time of the last failure is
 * restored unless another failure was recorded meanwhile, so a success leaves no fresh delay behind.
 */
function unrecord(ctx: Ctx, login: string, address: string, at: string, previous: AttemptRow | undefined): void {
  stmt(
    ctx.db,
    `UPDATE login_attempts SET failures = failures - 1,
       last_failure_at = CASE WHEN last_failure_at = @at AND @previous IS NOT NULL THEN @previous ELSE last_failure_at END
     WHERE login = @login AND address = @address`,
  ).run({ login, address, at, previous: previous?.lastFailureAt ?? null });
  stmt(ctx.db, 'DELETE FROM login_attempts WHERE login = ? AND address = ? AND failures <= 0').run(login, address);
}

const limiters = new WeakMap<object, Map<string, Limiter>>();

function loginLimiter(ctx: Ctx, login: string): { limiter: Limiter; done: () => void } {
  let byLogin = limiters.get(ctx.db.$client);
  if (!byLogin) limiters.set(ctx.db.$client, (byLogin = new Map()));
  let limiter = byLogin.get(login);
  if (!limiter) byLogin.set(login, (limiter = new Limiter(HASHES_PER_LOGIN, WAITING_PER_LOGIN)));
  const l = limiter;
  return { limiter: l, done: () => l.idle && byLogin.get(login) === l && byLogin.delete(login) };
}

/** One verified password: report how it ended, so that the count stays right. */
export interface Attempt {
  ok: boolean;
  /** A wrong password (or an unknown or inactive account): audited at most once per key and window. */
  failed(employeeId: number | null, action?: string): void;
  /**
   * The right password, inside the handler's transaction: this login's count at this address is cleared, and the
   * address-wide count takes this attempt back but keeps the other failures, so an attacker cannot reset it by
   * signing in with an account of their own.
   */
  succeeded(): void;
}

/**
 * Checks `password` against `stored` (null: an unknown login, verified against a dummy hash for equal timing)
 * under the throttle. Before the first await — so parallel guesses see each other — it checks both delays,
 * reserves a hashing turn of this login, and counts the attempt as a failure in one IMMEDIATE transaction.
 */
export async function throttledVerify(ctx: Ctx, login: string, password: string, stored: string | null): Promise<Attempt> {
  const key = { login: login.toLowerCase(), address: ctx.caller.address };
  const now = ctx.clock.now().getTime();
  const at = new Date(now).toISOString();
  const { limiter, done } = loginLimiter(ctx, key.login);
  const before = tx(ctx.db, () => {
    const own = attemptRow(ctx, key.login, key.address);
    const anyLogin = attemptRow(ctx, ANY_LOGIN, key.address);
    const wait = Math.max(waitMs(own, FREE_ATTEMPTS, now), waitMs(anyLogin, ADDRESS_FREE_ATTEMPTS, now));
    if (wait > 0) throw new AppError('RATE_LIMITED', undefined, undefined, wait);
    if (limiter.full) throw new AppError('RATE_LIMITED', 'busy', undefined, BUSY_RETRY_MS);
    record(ctx, key.login, key.address, now);
    return { own, anyLogin };
  });
  const release: Release = await limiter.tryAcquire()!;
  let ok: boolean;
  try {
    ok = await verifyPassword(password, stored ?? DUMMY_HASH);
  } catch (err) {
    // The hashing gate was full: nothing was tried, so nothing counts.
    tx(ctx.db, () => {
      unrecord(ctx, key.login, key.address, at, before.own);
      unrecord(ctx, ANY_LOGIN, key.address, at, before.anyLogin);
    });
    throw err;
  } finally {
    release();
    done();
  }
  return {
    ok,
    failed(employeeId, action = 'login_failed') {
      tx(ctx.db, () => {
        const row = attemptRow(ctx, key.login, key.address);
        if (!row || (row.auditedAt && now - Date.parse(row.auditedAt) < AUDIT_WINDOW_MS)) return;
        stmt(ctx.db, 'UPDATE login_attempts SET audited_at = ? WHERE login = ? AND address = ?').run(at, key.login, key.address);
        ctx.audit('auth', employeeId, action, { login: key.login, address: key.address, failures: row.failures });
      });
    },
    succeeded() {
      stmt(ctx.db, 'DELETE FROM login_attempts WHERE login = ? AND address = ?').run(key.login, key.address);
      unrecord(ctx, ANY_LOGIN, key.address, at, before.anyLogin);
    },
  };
}
