// Login throttling that holds: parallel guesses, delays keyed by login and client address, bounded hashing,
// bounded rows, and the same mechanism for a password change; on a real SQLite file with the test clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src-shared/errors';
import { hashPassword, scryptGate } from '../../src-main/features/auth/passwords';
import { Limiter } from '../../src-main/features/auth/limiter';
import { ADDRESS_FREE_ATTEMPTS, FREE_ATTEMPTS, MAX_ATTEMPT_ROWS } from '../../src-main/features/auth/throttle';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

const from = (address: string) => ({ address });
const login = (l: string, password: string, address = '10.0.0.1') => env.core.call('auth.login', { login: l, password }, null, from(address));
const advance = (ms: number) => env.clock.set(new Date(env.clock.now().getTime() + ms).toISOString());
const codeOf = (r: ApiResult<unknown>) => (r.ok ? 'OK' : r.error.code);
const count = (sql: string, ...args: unknown[]) => (env.core.db.$client.prepare(sql).get(...args) as { n: number }).n;

function tally(results: ApiResult<unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[codeOf(r)] = (out[codeOf(r)] ?? 0) + 1;
  return out;
}

describe('parallel guesses', () => {
  it('are counted before hashing: of 40 simultaneous logins (39 wrong, 1 right) only the free attempts are tried', async () => {
    await env.employee('ivanov', ['sales']);
    const calls = Array.from({ length: 40 }, (_, i) => login('ivanov', i === 20 ? 'password-123' : `wrong-${i}`));
    const results = await Promise.all(calls);
    const t = tally(results);
    expect(t.UNAUTHORIZED ?? 0).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(t.RATE_LIMITED).toBeGreaterThanOrEqual(40 - FREE_ATTEMPTS);
    // The right password sent in the middle of the burst got no token.
    expect(codeOf(results[20]!)).toBe('RATE_LIMITED');
    expect(count('SELECT count(*) AS n FROM sessions s JOIN employees e ON e.id = s.employee_id WHERE e.login = ?', 'ivanov')).toBe(1);
  });

  it('from many addresses at once hash one login at most two at a time, the rest wait their turn or are refused', async () => {
    await env.employee('ivanov', ['sales']);
    const started = scryptGate.started;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login('ivanov', `wrong-${i}`, `10.1.0.${i + 1}`)));
    const t = tally(results);
    // Every address still had free attempts, so only the per-login bound refused some.
    expect(t.RATE_LIMITED).toBeGreaterThan(0);
    expect(scryptGate.started - started).toBe(t.UNAUTHORIZED);
    expect(t.UNAUTHORIZED).toBeLessThan(12);
  });
});

describe('delays keyed by login and client address', () => {
  it('a stranger’s failures do not lock the owner out at their own workstation', async () => {
    await env.employee('ivanov', ['sales']);
    for (let i = 0; i < 10; i++) {
      advance(10 * 60_000);
      await login('ivanov', `guess-${i}`, '203.0.113.9');
    }
    expect(codeOf(await login('ivanov', 'guess-x', '203.0.113.9'))).toBe('RATE_LIMITED');
    expect(codeOf(await login('ivanov', 'password-123', '10.0.0.7'))).toBe('OK');
    // The stranger is still held back (and the owner's success did not clear the stranger's count).
    expect(codeOf(await login('ivanov', 'password-123', '203.0.113.9'))).toBe('RATE_LIMITED');
  });

  it('one address spraying many logins is slowed down after a number of failures across logins', async () => {
    await env.employee('ivanov', ['sales']);
    const codes: string[] = [];
    for (let i = 0; i < ADDRESS_FREE_ATTEMPTS + 5; i++) codes.push(codeOf(await login(`ghost${i}`, 'wrong', '198.51.100.4')));
    expect(codes.slice(0, ADDRESS_FREE_ATTEMPTS).every((c) => c === 'UNAUTHORIZED')).toBe(true);
    expect(codes.slice(ADDRESS_FREE_ATTEMPTS)).toContain('RATE_LIMITED');
    // Another workstation is not affected.
    expect(codeOf(await login('ivanov', 'password-123', '10.0.0.7'))).toBe('OK');
  });

  it('a signed-in attacker cannot reset the address count by signing in with their own account', async () => {
    await env.employee('mallory', ['sales']);
    for (let i = 0; i < ADDRESS_FREE_ATTEMPTS; i++) await login(`ghost${i}`, 'wrong', '198.51.100.5');
    expect(codeOf(await login('mallory', 'password-123', '198.51.100.5'))).toBe('RATE_LIMITED');
    advance(60_000);
    expect(codeOf(await login('mallory', 'password-123', '198.51.100.5'))).toBe('OK');
    expect(codeOf(await login('ghost-next', 'wrong', '198.51.100.5'))).toBe('UNAUTHORIZED');
    expect(codeOf(await login('ghost-next2', 'wrong', '198.51.100.5'))).toBe('RATE_LIMITED');
  });
});

describe('what failures leave behind', () => {
  it('keeps one row per login and address, one login_failed audit row per key and window, and forgets old failures', async () => {
    await env.employee('ivanov', ['sales']);
    for (let i = 0; i < 8; i++) {
      await login('ivanov', `wrong-${i}`, '203.0.113.1');
      advance(6 * 60_000);
    }
    expect(count("SELECT count(*) AS n FROM login_attempts WHERE login = 'ivanov'")).toBe(1);
    const audited = () => count("SELECT count(*) AS n FROM audit_log WHERE action = 'login_failed'");
    // 8 failures over 48 minutes: one audit row per 15-minute window at most.
    expect(audited()).toBeLessThanOrEqual(4);
    expect(audited()).toBeGreaterThanOrEqual(3);
    const last = env.core.db.$client.prepare("SELECT changes FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC").get() as { changes: string };
    expect(JSON.parse(last.changes)).toMatchObject({ login: 'ivanov', address: '203.0.113.1' });

    advance(25 * 3600_000);
    await login('someone', 'wrong', '203.0.113.2');
    // A day later the old rows are gone; only the new failure's rows remain.
    expect(count("SELECT count(*) AS n FROM login_attempts WHERE address = '203.0.113.1'")).toBe(0);
    expect(codeOf(await login('ivanov', 'wrong-again', '203.0.113.1'))).toBe('UNAUTHORIZED');
  });

  it('caps the table: a flood of distinct logins and addresses keeps at most MAX_ATTEMPT_ROWS rows', async () => {
    const sql = env.core.db.$client;
    // Arrange a nearly full table directly (hashing thousands of passwords would only slow the test).
    const now = env.clock.now().toISOString();
    const insert = sql.prepare('INSERT INTO login_attempts (login, address, failures, last_failure_at) VALUES (?, ?, 1, ?)');
    sql.transaction(() => {
      for (let i = 0; i < MAX_ATTEMPT_ROWS; i++) insert.run(`user${i}`, `10.9.${i >> 8}.${i & 255}`, now);
    })();
    advance(1000);
    for (let i = 0; i < 3; i++) await login(`new${i}`, 'wrong', `172.16.0.${i}`);
    expect(count('SELECT count(*) AS n FROM login_attempts')).toBeLessThanOrEqual(MAX_ATTEMPT_ROWS);
    // The newest failures are the ones kept.
    expect(count("SELECT count(*) AS n FROM login_attempts WHERE login = 'new2'")).toBe(1);
  });
});

describe('password change', () => {
  it('throttles wrong old passwords like sign-in, even the right one during the delay', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const change = (oldPassword: string) =>
      env.core.call('auth.changePassword', { oldPassword, newPassword: 'new-password-1' }, token, from('10.0.0.1'));
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect(codeOf(await change(`wrong-${i}`))).toBe('BAD_INPUT');
    const limited = await change('password-123');
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    advance((limited as { error: { retryAfterMs: number } }).error.retryAfterMs);
    expect(codeOf(await change('password-123'))).toBe('OK');
  });

  it('parallel wrong old passwords are counted before hashing', async () => {
    const { token } = await env.employee('ivanov', ['sales']);
    const started = scryptGate.started;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => env.core.call('auth.changePassword', { oldPassword: `wrong-${i}`, newPassword: 'new-password-1' }, token)),
    );
    expect(tally(results).BAD_INPUT).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(scryptGate.started - started).toBeLessThanOrEqual(FREE_ATTEMPTS);
  });
});

describe('first-run setup', () => {
  it('refuses on a set-up database before hashing anything', async () => {
    const started = scryptGate.started;
    const r = await env.core.call('auth.setup', { login: 'intruder', fullName: 'Чужой', password: 'intruder-password' }, null);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(scryptGate.started).toBe(started);
  });
});

describe('the scrypt gate', () => {
  it('runs at most `limit` hashes at once on its own threads, one core always left to the event loop', async () => {
    expect(scryptGate.limit).toBeGreaterThanOrEqual(1);
    expect(scryptGate.limit).toBeLessThanOrEqual(Math.max(1, os.availableParallelism() - 1));
    const started = scryptGate.started;
    const hashes = Array.from({ length: scryptGate.limit + 2 }, () => hashPassword('some-password'));
    expect(scryptGate.active).toBe(scryptGate.limit);
    expect(scryptGate.waiting).toBe(2);
    expect(await Promise.all(hashes)).toHaveLength(scryptGate.limit + 2);
    expect(scryptGate.started - started).toBe(scryptGate.limit + 2);
    expect(scryptGate.idle).toBe(true);
  });

  it('refuses at once with RATE_LIMITED when its queue is full, and hashes again once it drains', async () => {
    // Every slot and queue place held by stand-ins: what a flood of sign-ins looks like to the next caller.
    const held = Array.from({ length: scryptGate.limit + scryptGate.maxWaiting }, () => scryptGate.tryAcquire()!);
    expect(scryptGate.full).toBe(true);
    await expect(hashPassword('some-password')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });
    const r = await env.core.call('auth.login', { login: 'admin', password: 'admin-password' }, null, from('10.0.0.9'));
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // The refused sign-in was never tried, so it does not count against the address.
    expect(count("SELECT count(*) AS n FROM login_attempts WHERE address = '10.0.0.9'")).toBe(0);
    for (const h of held) (await h)();
    expect(scryptGate.idle).toBe(true);
    expect(codeOf(await env.core.call('auth.login', { login: 'admin', password: 'admin-password' }, null, from('10.0.0.9')))).toBe('OK');
  });

  it('leaves libuv’s threads to file I/O during a flood of hashes', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-io-')), 'probe.txt');
    fs.writeFileSync(file, 'probe');
    let hashesDone = 0;
    const flood = Array.from({ length: scryptGate.limit + 4 }, () => hashPassword('flood-password').then(() => void hashesDone++));
    // Queued behind the hashes in libuv's pool (4 threads), the read would finish only after most of them.
    await fs.promises.readFile(file);
    const doneBeforeRead = hashesDone;
    await Promise.all(flood);
    expect(doneBeforeRead).toBeLessThanOrEqual(scryptGate.limit);
  });
});

describe('the limiter', () => {
  it('grants `limit` slots, queues `maxWaiting` in order, refuses beyond, and passes a freed slot to the next in line', async () => {
    const l = new Limiter(2, 2);
    const order: string[] = [];
    const a = l.tryAcquire()!;
    const b = l.tryAcquire()!;
    const c = l.tryAcquire()!.then((rel) => (order.push('c'), rel));
    const d = l.tryAcquire()!.then((rel) => (order.push('d'), rel));
    expect(l.tryAcquire()).toBeNull();
    expect([l.active, l.waiting, l.full]).toEqual([2, 2, true]);
    const releaseA = await a;
    releaseA();
    releaseA(); // twice is harmless
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect([l.active, l.waiting]).toEqual([2, 1]);
    (await b)();
    (await d)();
    releaseC();
    expect(order).toEqual(['c', 'd']);
    expect(l.idle).toBe(true);
    expect(l.started).toBe(4);
  });
});
