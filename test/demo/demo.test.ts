// The demo loads once into an empty database through the real API: every role can sign in, requisites are valid,
// and the data shows the card's features (two counterparty periods, mixed schemes, key clients, readiness states).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core';
import { DEMO_PASSWORD, DEMO_STAFF, loadDemo } from '../../src-main/demo/demo';
import { ROLES } from '../../src-shared/roles';
import { normalizePhone } from '../../src-shared/validation/phone';
import { checkAccount, checkBik, checkCorrAccount, checkInn, checkKpp, checkOgrn, checkOgrnip } from '../../src-shared/validation/requisites';
import type { ClientCard } from '../../src-shared/types';
import { TestClock, tempDbPath } from '../helpers/core';

const NOW = '2026-11-27T09:00:00.000Z';
let core: Core;
let token: string;
const dbPath = tempDbPath('crm-demo-');

const all = <T>(sql: string, ...args: unknown[]) => core.db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => core.db.$client.prepare(sql).get(...args) as T;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.call(method, input, token);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

beforeAll(async () => {
  core = createCore({ dbPath, clock: new TestClock(new Date(NOW)), log: () => undefined });
  expect(await loadDemo(core.db, { now: new Date(NOW) })).toBe(true);
  const login = await core.call('auth.login', { login: 'admin', password: DEMO_PASSWORD }, null);
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  token = (login.data as { token: string }).token;
}, 60_000);
afterAll(() => {
  core.close();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('demo data', () => {
  it('loads only into a database without employees', async () => {
    const before = one<{ n: number }>('SELECT COUNT(*) AS n FROM clients').n;
    expect(await loadDemo(core.db, { now: new Date(NOW) })).toBe(false);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM clients').n).toBe(before);
  });

  it('has staff of every role, each able to sign in with the one demo password, and no leftover sessions', async () => {
    const roles = new Set(all<{ role: string }>('SELECT DISTINCT role FROM employee_roles').map((r) => r.role));
    for (const r of ROLES) expect(roles, r).toContain(r);
    expect(all('SELECT 1 FROM employees WHERE department_id IS NULL')).toHaveLength(0);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM employee_directions').n).toBeGreaterThan(5);
    // Loader sessions are deleted; the one here is the admin's from beforeAll.
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM sessions').n).toBe(1);
    for (const m of DEMO_STAFF.filter((s) => ['head', 'sio', 'pm', 'chat', 'caller', 'sales'].includes(s.login))) {
      const r = await core.call('auth.login', { login: m.login, password: DEMO_PASSWORD }, null);
      expect(r.ok, m.login).toBe(true);
      if (r.ok) expect((r.data as { user: { roles: string[] } }).user.roles).toEqual([...m.roles].sort());
    }
  });

  it('has a few hundred clients with valid requisites, phones and e-mails', () => {
    const clients = all<{ inn: string | null; kpp: string | null; status: string }>('SELECT inn, kpp, status FROM clients');
    expect(clients.length).toBeGreaterThanOrEqual(200);
    for (const c of clients) {
      if (c.inn) expect(checkInn(c.inn), c.inn).toBeNull();
      if (c.kpp) expect(checkKpp(c.kpp), c.kpp).toBeNull();
    }
    expect(new Set(clients.map((c) => c.status))).toEqual(new Set(['prospect', 'active', 'suspended', 'closed']));
    const cps = all<{ inn: string; kpp: string | null; ogrn: string; bik: string; account: string; corr: string }>(
      'SELECT inn, kpp, ogrn, bik, account, corr_account AS corr FROM counterparties',
    );
    expect(cps.length).toBeGreaterThan(100);
    for (const cp of cps) {
      expect(checkInn(cp.inn)).toBeNull();
      if (cp.kpp) expect(checkKpp(cp.kpp)).toBeNull();
      expect(cp.ogrn.length === 15 ? checkOgrnip(cp.ogrn) : checkOgrn(cp.ogrn), cp.ogrn).toBeNull();
      expect(checkBik(cp.bik)).toBeNull();
      expect(checkAccount(cp.account, cp.bik), cp.account).toBeNull();
      expect(checkCorrAccount(cp.corr, cp.bik), cp.corr).toBeNull();
    }
    for (const p of all<{ raw: string; digits: string }>('SELECT raw, digits FROM phones')) expect(normalizePhone(p.raw)?.digits, p.raw).toBe(p.digits);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM emails WHERE email NOT LIKE '%_@_%._%'").n).toBe(0);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM contacts').n).toBeGreaterThan(clients.length);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM contact_characteristics WHERE comment IS NOT NULL').n).toBeGreaterThan(20);
  });

  it('shows a counterparty change from a date as two periods on the card', async () => {
    const moved = all<{ c: number }>('SELECT client_id AS c FROM client_counterparties GROUP BY client_id HAVING COUNT(*) = 2');
    expect(moved.length).toBeGreaterThanOrEqual(3);
    const card = await call<ClientCard>('clients.get', { id: moved[0]!.c });
    expect(card.counterpartyHistory).toHaveLength(2);
    expect(card.counterpartyHistory[1]!.effectiveTo).not.toBeNull();
    expect(card.counterpartyHistory[0]!.basis).toMatch(/^Дополнительное соглашение № 2 от \d\d\.\d\d\.\d{4}$/);
    expect(card.events.map((e) => e.kind)).toContain('counterparty_changed');
  });

  it('mixes service schemes, with history, and numbers computers of network kits', async () => {
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM distributions WHERE comp > 1').n).toBeGreaterThan(5);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT 1 FROM distribution_schemes GROUP BY distribution_id HAVING COUNT(*) > 1)').n).toBeGreaterThan(10);
    const list = await call<{ items: { schemes: string | null }[] }>('clients.search', { query: '', limit: 1000 });
    const summaries = new Set(list.items.map((i) => i.schemes));
    for (const s of ['nss', 'standard', 'mixed', null]) expect(summaries, String(s)).toContain(s);
  });

  it('has key clients with a responsible, and manual and automatic events dated over time', () => {
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM clients WHERE is_key = 1 AND key_responsible_id IS NOT NULL').n).toBeGreaterThan(10);
    const kinds = new Set(all<{ kind: string }>('SELECT DISTINCT kind FROM client_events').map((r) => r.kind));
    for (const k of ['created', 'manual', 'key_set', 'counterparty_changed', 'scheme_changed', 'distribution_added', 'readiness_gained']) expect(kinds, k).toContain(k);
    const span = one<{ first: string; last: string }>('SELECT MIN(at) AS first, MAX(at) AS last FROM client_events');
    expect(span.first < '2025-06-01').toBe(true);
    expect(span.last <= NOW).toBe(true);
    expect(one<{ n: number }>('SELECT COUNT(DISTINCT author_id) AS n FROM client_events WHERE kind = \'manual\'').n).toBeGreaterThan(5);
  });

  it('has clients ready for «Обзвонка», for «Продажа», and stale ones', async () => {
    const ready = async (stage: string) => (await call<{ total: number }>('clients.search', { query: '', filters: { readyStage: stage } })).total;
    const calling = await ready('calling');
    const sale = await ready('sale');
    expect(sale).toBeGreaterThan(20);
    expect(calling).toBeGreaterThan(sale);
    const stale = one<{ n: number }>(
      `SELECT COUNT(DISTINCT v.client_id) AS n FROM client_readiness_values v
       WHERE v.confirmed_at < date(?, '-180 days') AND NOT EXISTS (SELECT 1 FROM client_readiness r WHERE r.client_id = v.client_id AND r.ready_until >= ?)`,
      NOW.slice(0, 10),
      NOW.slice(0, 10),
    ).n;
    expect(stale).toBeGreaterThan(20);
  });

  it('is searchable right away (the search index was kept by the API)', async () => {
    const c = one<{ id: number; inn: string; name: string }>("SELECT id, inn, name FROM clients WHERE inn IS NOT NULL AND status = 'active' LIMIT 1");
    const byInn = await call<{ items: { id: number }[] }>('clients.search', { query: c.inn });
    expect(byInn.items.map((i) => i.id)).toContain(c.id);
    const d = one<{ c: number; s: string; n: number }>('SELECT client_id AS c, system_code AS s, distr_number AS n FROM distributions LIMIT 1');
    const byDistr = await call<{ items: { id: number }[] }>('clients.search', { query: `${d.s.toLowerCase()} ${d.n}` });
    expect(byDistr.items.map((i) => i.id)).toContain(d.c);
  });
});
