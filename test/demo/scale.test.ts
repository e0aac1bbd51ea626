// The scale seed: exact counts, unique distributions, a consistent search index and readiness, and a second run on top.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedClients } from '../../src-main/demo/scale';
import { normalizePhone } from '../../src-shared/validation/phone';
import { innOk } from '../helpers/requisites-ref';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
  await env.employee('sio1', ['sio']);
  await env.employee('pm1', ['pm']);
});
afterEach(() => env.close());

const count = (table: string) => (env.core.db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('seedClients', () => {
  it('adds clients with about two contacts and exactly two distributions each, and indexes them for search', async () => {
    const r = seedClients(env.core.db, { clients: 2000, today: '2026-11-27' });
    expect(r).toMatchObject({ clients: 2000, distributions: 4000, contacts: 4000 });
    expect(count('clients')).toBe(2000);
    expect(count('distributions')).toBe(4000);
    expect(count('contacts')).toBe(4000);
    expect(count('client_search')).toBe(2000);
    expect(count('distribution_schemes')).toBeGreaterThanOrEqual(4000);
    expect(count('client_counterparties')).toBe(2000);
    expect(r.phones).toBe(count('phones'));
    const sql = env.core.db.$client;
    // Everyone has an СИО from the staff, and the generated values are valid.
    expect(sql.prepare('SELECT COUNT(*) AS n FROM clients WHERE sio_id IS NULL').get()).toEqual({ n: 0 });
    for (const c of sql.prepare('SELECT inn FROM clients LIMIT 300').all() as { inn: string }[]) expect(innOk(c.inn), c.inn).toBe(true);
    for (const p of sql.prepare('SELECT raw, digits FROM phones LIMIT 300').all() as { raw: string; digits: string }[]) {
      expect(normalizePhone(p.raw)?.digits, p.raw).toBe(p.digits);
    }
    expect(sql.prepare('SELECT COUNT(*) AS n FROM distributions WHERE comp > 1').get()).not.toEqual({ n: 0 });

    const c = sql.prepare('SELECT c.id, c.inn, c.name, p.digits FROM clients c JOIN phones p ON p.client_id = c.id WHERE c.id = 777').get() as {
      id: number;
      inn: string;
      name: string;
      digits: string;
    };
    const d = sql.prepare('SELECT system_code AS s, distr_number AS n, comp FROM distributions WHERE client_id = 777 LIMIT 1').get() as { s: string; n: number; comp: number };
    for (const query of [c.inn, `8${c.digits}`, `${d.s}_${String(d.n).padStart(6, '0')}${d.comp > 1 ? `_0${d.comp}` : ''}`, c.name.slice(5, 10)]) {
      const found = await env.admin('clients.search', { query, limit: 1000 });
      expect(found.items.map((i) => i.id), query).toContain(777);
    }
    // Readiness rows agree with the stage rule: ready stages appear in the list.
    const ready = await env.admin('clients.search', { query: '', filters: { readyStage: 'calling' }, limit: 1 });
    expect(ready.total).toBeGreaterThan(50);
  });

  it('runs again on top of existing data, skipping distribution numbers in use', () => {
    seedClients(env.core.db, { clients: 500, seed: 1 });
    seedClients(env.core.db, { clients: 500, seed: 1 });
    expect(count('clients')).toBe(1000);
    expect(count('distributions')).toBe(2000);
    expect(count('client_search')).toBe(1000);
    const dup = env.core.db.$client
      .prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM distributions GROUP BY system_code, distr_number, comp HAVING COUNT(*) > 1)')
      .get();
    expect(dup).toEqual({ n: 0 });
  });
});
