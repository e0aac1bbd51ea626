// Test helpers: a core on a fresh temporary SQLite file, with an administrator and helpers to add employees.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src-main/core';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api';
import type { Role } from '../../src-shared/roles';
import type { Clock } from '../../src-main/api/context';
import type { PoolOptions } from '../../src-main/workers/pool';
import { DEMO_PASSWORD, loadDemo } from '../../src-main/demo/demo';

export function tempDbPath(prefix = 'crm-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return path.join(dir, 'crm.db');
}

export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-27T09:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

export interface TestEnv {
  core: Core;
  clock: TestClock;
  adminToken: string;
  /** Calls as the given token and throws on error (for arranging data). */
  as<M extends MethodName>(token: string, method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  admin<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Adds an employee with the roles and returns its id and a session token. */
  employee(login: string, roles: Role[]): Promise<{ id: number; token: string }>;
  /** Closes the database at once; resolves when the worker threads have ended. */
  close(): Promise<void>;
}

/**
 * `now` starts the clock elsewhere than 27.11.2026 09:00 UTC.
 * `demo` fills the database first with the demo data (clients, documents, tasks, mail…) at the clock's time, for checks
 * that must see existing rows stay as they were; the administrator is then the demo's `admin`.
 * `pool` sets the worker pool's budgets (a test of work over budget).
 */
export async function testEnv(opts: { dbPath?: string; now?: Date; demo?: { clients: number }; pool?: PoolOptions } = {}): Promise<TestEnv> {
  const clock = new TestClock(opts.now);
  const core = createCore({ dbPath: opts.dbPath ?? tempDbPath(), clock, log: () => undefined, pool: opts.pool });
  const as = async <M extends MethodName>(token: string, method: M, input: MethodInput<M>) => {
    const r = await core.call(method, input, token);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.data as MethodOutput<M>;
  };
  let adminToken: string;
  if (opts.demo) {
    if (!(await loadDemo(core.db, { now: clock.now(), clients: opts.demo.clients }))) throw new Error('the demo loads only into an empty database');
    adminToken = (await as('', 'auth.login', { login: 'admin', password: DEMO_PASSWORD })).token;
  } else {
    const setup = await core.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null);
    if (!setup.ok) throw new Error(JSON.stringify(setup.error));
    adminToken = (setup.data as { token: string }).token;
  }
  return {
    core,
    clock,
    adminToken,
    as,
    admin: (method, input) => as(adminToken, method, input),
    async employee(login, roles) {
      const { id } = await as(adminToken, 'employees.save', { login, fullName: `Сотрудник ${login}`, roles, password: 'password-123' });
      const { token } = await as('', 'auth.login', { login, password: 'password-123' });
      return { id, token };
    },
    close: () => core.close(),
  };
}
