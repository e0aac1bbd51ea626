// Handlers for sign-in with throttling of repeated wrong passwords, first-run setup and password change.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { AppError } from '../../api/errors';
import type { Ctx } from '../../api/context';
import { tx } from '../../db/connection';
import { createSession, hashToken, loadSessionUser } from './sessions';
import { dummyHash, hashPassword, verifyPassword } from './passwords';

/** Free attempts before the delay starts; then it doubles per failure up to the cap. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}

function attempts(ctx: Ctx, login: string) {
  return ctx.db.$client.prepare('SELECT failures, last_failure_at AS lastFailureAt FROM login_attempts WHERE login = ?').get(login) as
    | { failures: number; lastFailureAt: string }
    | undefined;
}

function employeeByLogin(ctx: Ctx, login: string) {
  return ctx.db.$client.prepare('SELECT id, password_hash AS hash, active FROM employees WHERE login = ? COLLATE NOCASE').get(login) as
    | { id: number; hash: string; active: number }
    | undefined;
}

export const authHandlers: HandlerMap<'auth.login' | 'auth.status' | 'auth.setup' | 'auth.logout' | 'auth.me' | 'auth.changePassword'> = {
  'auth.login': prepared<'auth.login', number>({
    async prepare(input, ctx) {
      const key = input.login.toLowerCase();
      const a = attempts(ctx, key);
      if (a) {
        const wait = new Date(a.lastFailureAt).getTime() + throttleDelayMs(a.failures) - ctx.clock.now().getTime();
        if (wait > 0) throw new AppError('RATE_LIMITED', undefined, undefined, wait);
      }
      const emp = employeeByLogin(ctx, input.login);
      // Verify against a dummy hash for unknown logins so that timing does not reveal which logins exist.
      const ok = await verifyPassword(input.password, emp?.hash ?? (await dummyHash()));
      if (!ok || !emp || !emp.active) {
        // Recorded in its own transaction: the failure must count even though the call fails.
        tx(ctx.db, () => {
          ctx.db.$client
            .prepare(
              `INSERT INTO login_attempts (login, failures, last_failure_at) VALUES (?, 1, ?)
               ON CONFLICT(login) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at`,
            )
            .run(key, ctx.nowIso());
          ctx.audit('auth', emp?.id ?? null, 'login_failed', { login: key });
        });
        throw new AppError('UNAUTHORIZED', 'wrong login or password');
      }
      return emp.id;
    },
    run(input, ctx, employeeId) {
      const key = input.login.toLowerCase();
      const sql = ctx.db.$client;
      sql.prepare('DELETE FROM login_attempts WHERE login = ?').run(key);
      const session = createSession(ctx.db, employeeId, ctx.clock.now());
      const user = loadSessionUser(ctx.db, employeeId)!;
      ctx.audit('auth', user.id, 'login');
      return { ...session, user };
    },
  }),
  'auth.status': (_input, ctx) => {
    const row = ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM employees').get() as { n: number };
    return { needsSetup: row.n === 0 };
  },
  'auth.setup': prepared<'auth.setup', string>({
    prepare: (input) => hashPassword(input.password),
    run(input, ctx, hash) {
      const sql = ctx.db.$client;
      const { n } = sql.prepare('SELECT COUNT(*) AS n FROM employees').get() as { n: number };
      // Only an empty database can be claimed this way; afterwards employees are added by an administrator.
      if (n > 0) throw new AppError('FORBIDDEN', 'already set up');
      const id = Number(
        sql
          .prepare('INSERT INTO employees (login, full_name, password_hash, active, created_at) VALUES (?, ?, ?, 1, ?)')
          .run(input.login, input.fullName, hash, ctx.nowIso()).lastInsertRowid,
      );
      sql.prepare("INSERT INTO employee_roles (employee_id, role) VALUES (?, 'admin')").run(id);
      ctx.audit('employee', id, 'setup');
      return { ...createSession(ctx.db, id, ctx.clock.now()), user: loadSessionUser(ctx.db, id)! };
    },
  }),
  'auth.logout': (_input, ctx) => {
    if (ctx.token) ctx.db.$client.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(ctx.token));
    return { ok: true };
  },
  'auth.me': (_input, ctx) => ctx.me,
  'auth.changePassword': prepared<'auth.changePassword', string>({
    async prepare(input, ctx) {
      const row = ctx.db.$client.prepare('SELECT password_hash AS hash FROM employees WHERE id = ?').get(ctx.me.id) as { hash: string };
      if (!(await verifyPassword(input.oldPassword, row.hash))) {
        throw new AppError('BAD_INPUT', 'wrong password', [{ path: 'oldPassword', reason: 'wrong_password' }]);
      }
      return hashPassword(input.newPassword);
    },
    run(_input, ctx, hash) {
      const sql = ctx.db.$client;
      sql.prepare('UPDATE employees SET password_hash = ? WHERE id = ?').run(hash, ctx.me.id);
      // Other sessions of this employee end: a changed password should lock out whoever knew the old one.
      sql.prepare('DELETE FROM sessions WHERE employee_id = ? AND token_hash != ?').run(ctx.me.id, hashToken(ctx.token ?? ''));
      ctx.audit('employee', ctx.me.id, 'password_changed');
      return { ok: true };
    },
  }),
};
