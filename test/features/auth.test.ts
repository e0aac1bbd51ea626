// Sign-in, sessions and employee safety rules on a real SQLite file, with a controllable clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core';
import { SESSION_HOURS } from '../../src-main/features/auth/sessions';
import { TestClock, tempDbPath, testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

const login = (l: string, password: string) => env.core.call('auth.login', { login: l, password }, null);
const me = (token: string) => env.core.call('auth.me', {}, token);
const advance = (ms: number) => env.clock.set(new Date(env.clock.now().getTime() + ms).toISOString());
const sql = () => env.core.db.$client;

async function employeeRow(login: string, token = env.adminToken) {
  const list = await env.as(token, 'employees.list', {});
  const row = list.find((e) => e.login === login);
  if (!row) throw new Error(`no employee ${login}`);
  return row;
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes, never as plaintext', async () => {
    await env.employee('ivanov', ['sales']);
    await env.employee('petrov', ['sales']);
    const rows = sql().prepare('SELECT login, password_hash AS hash FROM employees ORDER BY login').all() as { login: string; hash: string }[];
    for (const r of rows) {
      expect(r.hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(r.hash).not.toContain('password');
    }
    const [iv, pe] = [rows.find((r) => r.login === 'ivanov')!, rows.find((r) => r.login === 'petrov')!];
    // Same password, different salt.
    expect(iv.hash).not.toBe(pe.hash);
  });

  it('lets the right password in and keeps the wrong one and unknown logins out', async () => {
    await env.employee('ivanov', ['sales']);
    const ok = await login('ivanov', 'password-123');
    expect(ok.ok).toBe(true);
    const token = (ok as { data: { token: string } }).data.token;
    expect(await me(token)).toMatchObject({ ok: true, data: { login: 'ivanov', roles: ['sales'] } });
    expect(await login('IVANOV', 'password-123')).toMatchObject({ ok: true });
    expect(await login('ivanov', 'password-124')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await login('nobody', 'password-123')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });
});

describe('throttling of wrong passwords', () => {
  it('answers RATE_LIMITED with retryAfterMs after repeated failures, even for the right password, then lets in after the delay', async () => {
    await env.employee('ivanov', ['sales']);
    for (let i = 0; i < 3; i++) expect(await login('ivanov', `wrong-${i}`)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const limited = await login('ivanov', 'password-123');
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const wait = (limited as { error: { retryAfterMs: number } }).error.retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    // The same login in another case is the same account.
    expect(await login('IVANOV', 'password-123')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });

    advance(wait - 1);
    expect(await login('ivanov', 'password-123')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    advance(1);
    expect(await login('ivanov', 'password-123')).toMatchObject({ ok: true });
    // A success clears the count: the next mistake is answered normally.
    expect(await login('ivanov', 'wrong')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('doubles the delay with each further failure', async () => {
    await env.employee('ivanov', ['sales']);
    for (let i = 0; i < 3; i++) await login('ivanov', 'wrong');
    const first = (await login('ivanov', 'wrong')) as { error: { retryAfterMs: number } };
    advance(first.error.retryAfterMs);
    expect(await login('ivanov', 'wrong')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const second = (await login('ivanov', 'wrong')) as { error: { code: string; retryAfterMs: number } };
    expect(second.error.code).toBe('RATE_LIMITED');
    expect(second.error.retryAfterMs).toBe(first.error.retryAfterMs * 2);
  });

  it('throttles unknown logins too, without touching other accounts', async () => {
    await env.employee('ivanov', ['sales']);
    for (let i = 0; i < 3; i++) await login('ghost', 'wrong');
    expect(await login('ghost', 'wrong')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await login('ivanov', 'password-123')).toMatchObject({ ok: true });
  });
});

describe('sessions', () => {
  it(`expire after ${SESSION_HOURS} hours`, async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    advance(SESSION_HOURS * 3600_000 - 60_000);
    expect(await me(token)).toMatchObject({ ok: true });
    advance(60_000);
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await env.core.call('clients.search', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('end on logout, leaving the other sessions of the employee alone', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const other = ((await login('ivanov', 'password-123')) as { data: { token: string } }).data.token;
    expect(await env.core.call('auth.logout', {}, token)).toMatchObject({ ok: true });
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await me(other)).toMatchObject({ ok: true });
  });

  it('stop working when the employee is deactivated, and the employee cannot sign in', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const row = await employeeRow('ivanov');
    await env.admin('employees.save', { id: row.id, login: row.login, fullName: row.fullName, roles: row.roles, active: false });
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await login('ivanov', 'password-123')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // Reactivated, the employee signs in again; the old session stays dead.
    await env.admin('employees.save', { id: row.id, login: row.login, fullName: row.fullName, roles: row.roles, active: true });
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await login('ivanov', 'password-123')).toMatchObject({ ok: true });
  });

  it('store only a hash of the token', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const rows = sql().prepare('SELECT token_hash AS h FROM sessions').all() as { h: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.h)).not.toContain(token);
  });
});

describe('first administrator', () => {
  it('can be created only on an empty database', async () => {
    const clock = new TestClock();
    const core = createCore({ dbPath: tempDbPath(), clock, log: () => undefined });
    try {
      expect(await core.call('auth.status', {}, null)).toEqual({ ok: true, data: { needsSetup: true } });
      const first = await core.call('auth.setup', { login: 'boss', fullName: 'Начальник', password: 'boss-password' }, null);
      expect(first).toMatchObject({ ok: true, data: { user: { login: 'boss', roles: ['admin'] } } });
      expect(await core.call('auth.status', {}, null)).toEqual({ ok: true, data: { needsSetup: false } });
      const second = await core.call('auth.setup', { login: 'intruder', fullName: 'Чужой', password: 'intruder-password' }, null);
      expect(second).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const logins = core.db.$client.prepare('SELECT login FROM employees').all();
      expect(logins).toEqual([{ login: 'boss' }]);
    } finally {
      core.close();
    }
  });

  it('is refused on the test database, which already has one', async () => {
    const r = await env.core.call('auth.setup', { login: 'another', fullName: 'Ещё один', password: 'another-password' }, null);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the last administrator', () => {
  it('cannot be demoted or deactivated (CONFLICT), while one of two can', async () => {
    const admin = await employeeRow('admin');
    const base = { id: admin.id, login: admin.login, fullName: admin.fullName };
    const demote = await env.core.call('employees.save', { ...base, roles: ['head'] }, env.adminToken);
    expect(demote).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'roles', reason: 'last_admin' }] } });
    const deactivate = await env.core.call('employees.save', { ...base, roles: ['admin'], active: false }, env.adminToken);
    expect(deactivate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Nothing changed: still an active administrator with a working session.
    expect(await employeeRow('admin')).toMatchObject({ roles: ['admin'], active: true });
    expect(await me(env.adminToken)).toMatchObject({ ok: true });

    const deputy = await env.employee('deputy', ['admin']);
    expect(await env.core.call('employees.save', { ...base, roles: ['head'] }, env.adminToken)).toMatchObject({ ok: true });
    expect((await employeeRow('admin', deputy.token)).roles).toEqual(['head']);
  });

  it('cannot be lost by deactivating the other administrator either', async () => {
    const { token } = await env.employee('deputy', ['admin']);
    const admin = await employeeRow('admin');
    await env.admin('employees.save', { id: admin.id, login: admin.login, fullName: admin.fullName, roles: ['head'] });
    const deputy = await employeeRow('deputy', token);
    const r = await env.core.call('employees.save', { id: deputy.id, login: deputy.login, fullName: deputy.fullName, roles: ['admin'], active: false }, token);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('changing one’s password', () => {
  it('ends the other sessions, keeps this one, and swaps the passwords', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const other = ((await login('ivanov', 'password-123')) as { data: { token: string } }).data.token;
    const wrong = await env.core.call('auth.changePassword', { oldPassword: 'not-mine-123', newPassword: 'new-password-1' }, token);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'oldPassword', reason: 'wrong_password' }] } });
    expect(await me(other)).toMatchObject({ ok: true });

    expect(await env.core.call('auth.changePassword', { oldPassword: 'password-123', newPassword: 'new-password-1' }, token)).toMatchObject({ ok: true });
    expect(await me(token)).toMatchObject({ ok: true });
    expect(await me(other)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await login('ivanov', 'password-123')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await login('ivanov', 'new-password-1')).toMatchObject({ ok: true });
  });

  it('refuses a new password shorter than 8 characters', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const r = await env.core.call('auth.changePassword', { oldPassword: 'password-123', newPassword: 'short' }, token);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'newPassword', reason: 'password_short' }] } });
  });
});
