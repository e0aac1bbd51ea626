// Shared pieces of the reliability parts: a database with data and sessions, the server host as a child process, timed HTTP calls, figures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../src-main/core';
import { seedClients } from '../src-main/demo/scale';
import { ROLES } from '../src-shared/roles';
import type { ApiResult } from '../src-shared/errors';
import { percentile, ms } from '../bench/stats';
import { spawnTs, killHard, type Child } from '../test/helpers/child';
export { prng } from '../test/mail/build';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');
export const SERVER_MAIN = path.join(ROOT, 'src-main/server/main.ts');
export const CLI_MAIN = path.join(ROOT, 'src-main/cli/main.ts');
export const API_WRITER = path.join(ROOT, 'test/helpers/api-writer.ts');
export const ADMIN_PASSWORD = 'admin-password';
export const STAFF_PASSWORD = 'password-123';

export interface Prepared {
  core: Core;
  adminToken: string;
  /** An employee with every role, so every method's access list lets it in. */
  allRoles: { id: number; login: string; token: string };
}

async function ok<T>(r: Promise<ApiResult<unknown>>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data as T;
}

/** A database with an administrator, an employee holding every role, and `clients` generated clients (wall clock: children check sessions by it). */
export async function prepareDb(dbPath: string, clients: number): Promise<Prepared> {
  const core = createCore({ dbPath, log: () => undefined });
  const { token: adminToken } = await ok<{ token: string }>(core.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: ADMIN_PASSWORD }, null));
  const { id } = await ok<{ id: number }>(core.call('employees.save', { login: 'all', fullName: 'Все роли', roles: [...ROLES], password: STAFF_PASSWORD }, adminToken));
  const { token } = await ok<{ token: string }>(core.call('auth.login', { login: 'all', password: STAFF_PASSWORD }, null));
  if (clients > 0) seedClients(core.db, { clients, seed: 11 });
  return { core, adminToken, allRoles: { id, login: 'all', token } };
}

export interface ServerChild {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

/**
 * The server host (`src-main/server/main.ts`) in its own process on 127.0.0.1 and a free port, as a РИЦ runs it;
 * `entry` may name another checkout's, for a before/after comparison.
 */
export async function startServerChild(dbPath: string, entry = SERVER_MAIN): Promise<ServerChild> {
  const child = spawnTs(entry, ['--db', dbPath, '--port', '0', '--host', '127.0.0.1'], (o) => /РИЦ CRM server: http:\/\/127\.0\.0\.1:\d+/.test(o));
  await child.ready;
  const m = /РИЦ CRM server: (http:\/\/127\.0\.0\.1:\d+)\//.exec(child.output());
  if (!m) {
    await killHard(child);
    throw new Error(`the server did not start: ${child.output()}`);
  }
  return {
    url: m[1]!,
    child,
    async stop() {
      if (child.proc.exitCode === null) {
        child.proc.kill('SIGTERM');
        const t = setTimeout(() => child.proc.kill('SIGKILL'), 5000);
        await child.exited;
        clearTimeout(t);
      }
    },
  };
}

export interface Timed {
  status: number;
  ms: number;
  body: ApiResult<unknown> | null;
}

/** One API call over HTTP, timed from send to the parsed answer; a network failure is status 0. */
export async function post(url: string, method: string, input: unknown, token: string | null): Promise<Timed> {
  const t = performance.now();
  try {
    const res = await fetch(`${url}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    const body = (await res.json().catch(() => null)) as ApiResult<unknown> | null;
    return { status: res.status, ms: performance.now() - t, body };
  } catch {
    return { status: 0, ms: performance.now() - t, body: null };
  }
}

export const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** `p50 1.2 ms · p95 3.4 ms · p99 9.9 ms` */
export function latencies(samples: number[]): string {
  return `p50 ${ms(percentile(samples, 50))} · p95 ${ms(percentile(samples, 95))} · p99 ${ms(percentile(samples, 99))}`;
}
