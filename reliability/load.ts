// Load generators over HTTP: N closed-loop clients flat out, and workstations that think between actions like people do.
import type { Core } from '../src-main/core';
import { createSession } from '../src-main/features/auth/sessions';
import { post, prng, sleep } from './support';

export interface LoadStats {
  calls: number;
  errors: number;
  /** Answers by status, e.g. { 200: 1234, 429: 3 }. */
  statuses: Record<number, number>;
  latencies: number[];
  seconds: number;
}

/** Sessions for `count` workstations spread over `employees` staff members (sessions are made directly: no password hashing). */
export async function workstationTokens(core: Core, adminToken: string, employees: number, count: number): Promise<string[]> {
  const ids: number[] = [];
  for (let i = 0; i < employees; i++) {
    const r = await core.call('employees.save', { login: `ws${i}`, fullName: `Сотрудник ${i}`, roles: ['sales', 'sio'], password: 'password-123' }, adminToken);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    ids.push((r.data as { id: number }).id);
  }
  return Array.from({ length: count }, (_, i) => createSession(core.db, ids[i % ids.length]!, new Date()).token);
}

/** Search fragments and client ids that exist, so the load reads real rows. */
export function workload(core: Core): { fragments: string[]; clientIds: number[] } {
  const names = core.db.$client.prepare('SELECT id, name FROM clients ORDER BY random() LIMIT 400').all() as { id: number; name: string }[];
  const fragments = names.map((n) => n.name.replace(/[«»"]/g, '').split(/\s+/).find((w) => w.length >= 4)?.slice(0, 5) ?? n.name.slice(0, 4));
  return { fragments, clientIds: names.map((n) => n.id) };
}

function record(stats: LoadStats, r: { status: number; ms: number }): void {
  stats.calls++;
  stats.latencies.push(r.ms);
  stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
  if (r.status !== 200) stats.errors++;
}

const empty = (): LoadStats => ({ calls: 0, errors: 0, statuses: {}, latencies: [], seconds: 0 });

/** `clients` loops, each sending the next call as soon as the last answered: 70 % search, 20 % card, 10 % task list. */
export async function flatOut(url: string, tokens: string[], clients: number, ms: number, w: ReturnType<typeof workload>, seed = 1): Promise<LoadStats> {
  const stats = empty();
  const until = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const rnd = prng(seed * 1000 + c);
      const token = tokens[c % tokens.length]!;
      while (performance.now() < until) {
        const x = rnd();
        const r =
          x < 0.7
            ? await post(url, 'clients.search', { query: w.fragments[Math.floor(rnd() * w.fragments.length)], limit: 50 }, token)
            : x < 0.9
              ? await post(url, 'clients.get', { id: w.clientIds[Math.floor(rnd() * w.clientIds.length)] }, token)
              : await post(url, 'tasks.list', { limit: 100 }, token);
        record(stats, r);
      }
    }),
  );
  stats.seconds = (performance.now() - t0) / 1000;
  return stats;
}

/**
 * Workstations as people use them: think (0.5–4 s), then type a search letter by letter (3 calls), open a card,
 * look at the task list, now and then save a new client. One session each.
 */
export async function workstations(url: string, tokens: string[], ms: number, w: ReturnType<typeof workload>, seed = 2): Promise<LoadStats & { writes: number }> {
  const stats = { ...empty(), writes: 0 };
  const until = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      const rnd = prng(seed * 1000 + i);
      // Workstations do not start in step.
      await sleep(rnd() * 2000);
      while (performance.now() < until) {
        await sleep(500 + rnd() * 3500);
        if (performance.now() >= until) break;
        const x = rnd();
        if (x < 0.5) {
          const frag = w.fragments[Math.floor(rnd() * w.fragments.length)]!;
          for (let k = 3; k <= Math.min(5, frag.length); k++) record(stats, await post(url, 'clients.search', { query: frag.slice(0, k), limit: 50 }, token));
        } else if (x < 0.8) {
          record(stats, await post(url, 'clients.get', { id: w.clientIds[Math.floor(rnd() * w.clientIds.length)] }, token));
        } else if (x < 0.95) {
          record(stats, await post(url, 'tasks.list', { limit: 100 }, token));
        } else {
          stats.writes++;
          record(stats, await post(url, 'clients.create', { name: `ООО «Нагрузка ${i}-${stats.writes}»` }, token));
        }
      }
    }),
  );
  stats.seconds = (performance.now() - t0) / 1000;
  return stats;
}
