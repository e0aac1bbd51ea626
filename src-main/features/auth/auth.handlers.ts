// Handlers for sign-in with throttling of repeated wrong passwords, first-run setup and password change.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { AppError } from '../../api/errors';
import type { Ctx } from '../../api/context';
import { tx } from '../../db/connection';
import { createSession, hashToken, loadSessionUser } from './sessions';
import { hashPassword } from './passwords';
import { throttledVerify, type Attempt } from './throttle';

function employeeByLogin(ctx: Ctx, login: string) {
  return ctx.db.$client.prepare('SELECT id, password_hash AS hash, active FROM employees WHERE login = ? COLLATE NOCASE').get(login) as
    | { id: number; hash: string; active: number }
    | undefined;
}

function employeeCount(ctx: Ctx): number {
  return (ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM employees').get() as { n: number }).n;
}

export const authHandlers: HandlerMap<'auth.login' | 'auth.status' | 'auth.setup' | 'auth.logout' | 'auth.me' | 'auth.changePassword'> = {
  'auth.login': prepared<'auth.login', { employeeId: number; attempt: Attempt }>({
    async prepare(input, ctx) {
      const emp = employeeByLogin(ctx, input.login);
      // An unknown login is verified against a dummy hash, so that timing does not reveal which logins exist.
      const attempt = await throttledVerify(ctx, input.login, input.password, emp?.hash ?? null);
      if (!attempt.ok || !emp || !emp.active) {
        attempt.failed(emp?.id ?? null);
        throw new AppError('UNAUTHORIZED', 'wrong login or password');
      }
      return { employeeId: emp.id, attempt };
    },
    run(_input, ctx, { employeeId, attempt }) {
      attempt.succeeded();
      const session = createSession(ctx.db, employeeId, ctx.clock.now());
      const user = loadSessionUser(ctx.db, employeeId)!;
      ctx.audit('auth', user.id, 'login', { address: ctx.caller.address });
      return { ...session, user };
    },
  }),
  'auth.status': (_input, ctx) => ({ needsSetup: employeeCount(ctx) === 0 }),
  'auth.setup': prepared<'auth.setup', string>({
    prepare(input, ctx) {
      // Refused before hashing: a set-up database must not cost a hash per anonymous call.
      if (employeeCount(ctx) > 0) throw new AppError('FORBIDDEN', 'already set up');
      return hashPassword(input.password);
    },
    run(input, ctx, hash) {
      const sql = ctx.db.$client;
      // Checked again in the transaction: only an empty database can be claimed, even by two racing calls.
      if (employeeCount(ctx) > 0) throw new AppError('FORBIDDEN', 'already set up');
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
    // Open event streams of this session end at once, not at their next keep-alive.
    ctx.emit('session.changed', { employeeId: ctx.me.id });
    return { ok: true };
  },
  'auth.me': (_input, ctx) => ctx.me,
  'auth.changePassword': prepared<'auth.changePassword', { hash: string; attempt: Attempt }>({
    async prepare(input, ctx) {
      const row = ctx.db.$client.prepare('SELECT password_hash AS hash FROM employees WHERE id = ?').get(ctx.me.id) as { hash: string };
      // A stolen session must not become a way around sign-in throttling: wrong old passwords count the same.
      const attempt = await throttledVerify(ctx, ctx.me.login, input.oldPassword, row.hash);
      if (!attempt.ok) {
        attempt.failed(ctx.me.id, 'password_change_failed');
        throw new AppError('BAD_INPUT', 'wrong password', [{ path: 'oldPassword', reason: 'wrong_password' }]);
      }
      try {
        return { hash: await hashPassword(input.newPassword), attempt };
      } catch (err) {
        // The old password was right: a busy hashing gate must not leave it counted as a failure.
        tx(ctx.db, () => attempt.succeeded());
        throw err;
      }
    },
    run(_input, ctx, { hash, attempt }) {
      const sql = ctx.db.$client;
      attempt.succeeded();
      sql.prepare('UPDATE employees SET password_hash = ? WHERE id = ?').run(hash, ctx.me.id);
      // Other sessions of this employee end: a changed password should lock out whoever knew the old one.
      sql.prepare('DELETE FROM sessions WHERE employee_id = ? AND token_hash != ?').run(ctx.me.id, hashToken(ctx.token ?? ''));
      ctx.audit('employee', ctx.me.id, 'password_changed');
      ctx.emit('session.changed', { employeeId: ctx.me.id });
      return { ok: true };
    },
  }),
};
