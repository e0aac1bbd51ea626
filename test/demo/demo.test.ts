// The demo loads once into an empty database through the real API: every role can sign in, requisites are valid,
// and the data shows the card's features (two counterparty periods, mixed schemes, key clients, readiness states).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core';
import { DEMO_PASSWORD, DEMO_STAFF, loadDemo } from '../../src-main/demo/demo';
import { queueDemoUsr } from '../../src-main/demo/usr';
import { queueDemoGlavbukhList } from '../../src-main/demo/glavbukh-list';
import type { GbListReview } from '../../src-shared/glavbukh';
import { runBatch } from '../../src-main/features/imports/process';
import { ROLES } from '../../src-shared/roles';
import { accountOk, bikOk, corrAccountOk, innOk, kppOk, ogrnOk } from '../helpers/requisites-ref';
import type { ClientCard } from '../../src-shared/types';
import { TestClock, tempDbPath } from '../helpers/core';
import { changedTables, tableHashes } from '../helpers/tables';

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
    const before = tableHashes(core.db.$client);
    expect(await loadDemo(core.db, { now: new Date(NOW) })).toBe(false);
    expect(changedTables(before, tableHashes(core.db.$client))).toEqual([]);
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
    // Checked against references written from the definitions: the demo asks the product's validators for check digits.
    for (const c of clients) {
      if (c.inn) expect(innOk(c.inn), c.inn).toBe(true);
      if (c.kpp) expect(kppOk(c.kpp), c.kpp).toBe(true);
    }
    expect(new Set(clients.map((c) => c.status))).toEqual(new Set(['prospect', 'active', 'suspended', 'closed']));
    const cps = all<{ inn: string; kpp: string | null; ogrn: string; bik: string; account: string; corr: string }>(
      'SELECT inn, kpp, ogrn, bik, account, corr_account AS corr FROM counterparties',
    );
    expect(cps.length).toBeGreaterThan(100);
    for (const cp of cps) {
      expect(innOk(cp.inn), cp.inn).toBe(true);
      if (cp.kpp) expect(kppOk(cp.kpp), cp.kpp).toBe(true);
      expect(ogrnOk(cp.ogrn), cp.ogrn).toBe(true);
      expect(bikOk(cp.bik), cp.bik).toBe(true);
      expect(accountOk(cp.account, cp.bik), cp.account).toBe(true);
      expect(corrAccountOk(cp.corr, cp.bik), cp.corr).toBe(true);
    }
    // Every stored number is the written one's digits without the trunk prefix (+7 / 8) or the extension — derived here
    // by hand, not by asking normalizePhone, which stored them.
    const phones = all<{ raw: string; digits: string }>('SELECT raw, digits FROM phones');
    expect(phones.length).toBeGreaterThan(clients.length);
    for (const p of phones) {
      const all = p.raw.split(/доб/i)[0]!.replace(/\D/g, '');
      expect(p.digits, p.raw).toBe(all.length === 11 && /^[78]/.test(all) ? all.slice(1) : all);
    }
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

  it('has half a year of НСС work: the report shows clients over the plan’s gap, seminars attended and cycles due', async () => {
    const month = NOW.slice(0, 7);
    const from = `${Number(month.slice(0, 4)) - (Number(month.slice(5)) <= 3 ? 1 : 0)}-${String(((Number(month.slice(5)) + 8) % 12) + 1).padStart(2, '0')}`;
    const r = await call<{ totals: { clients: number; contacts: number; glCalls: number; seminars: number; overGapClients: number; cyclesDue: number } }>('nss.report', { fromMonth: from, toMonth: month });
    expect(r.totals.clients).toBeGreaterThan(20);
    expect(r.totals.glCalls).toBeGreaterThan(20);
    expect(r.totals.seminars).toBeGreaterThan(0);
    expect(r.totals.overGapClients).toBeGreaterThan(0);
    expect(r.totals.overGapClients).toBeLessThan(r.totals.clients);
    expect(r.totals.cyclesDue).toBeGreaterThan(0);
  });

  it('keeps Онлайн-диалог as a history: on from the installation by its СИО, off from the day a client closed', () => {
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM distribution_chat WHERE enabled = 1 AND set_by IS NOT NULL').n).toBeGreaterThan(10);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM distribution_chat WHERE enabled = 0').n).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM distributions WHERE chat_enabled = 1').n).toBe(0);
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

describe('demo documents', () => {
  type Report = { total: number; counts: Record<string, number>; rows: { state: string }[] };

  it('fills our requisites with a РИЦ whose ИНН, КПП, ОГРН, БИК and accounts pass the checks', async () => {
    const our = await call<{ fullName: string; inn: string; kpp: string; ogrn: string; bik: string; corrAccount: string; account: string; signers: { code: string; name: string }[] }>(
      'settings.ourRequisites.get',
      {},
    );
    expect(our.fullName).toMatch(/Региональный информационный центр/);
    expect([innOk(our.inn), kppOk(our.kpp), ogrnOk(our.ogrn), bikOk(our.bik), corrAccountOk(our.corrAccount, our.bik), accountOk(our.account, our.bik)]).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(our.signers.map((s) => s.code)).toEqual(['director', 'sales_head']);
    expect(our.signers.every((s) => s.name.length > 5)).toBe(true);
  });

  it('gives about sixty clients a contract (both forms) with specifications binding their distributions, agreements, invoices and acts', () => {
    const byType = new Map(all<{ type: string; n: number }>('SELECT type, COUNT(*) AS n FROM documents GROUP BY type').map((r) => [r.type, r.n]));
    expect(byType.get('contract')).toBeGreaterThanOrEqual(50);
    expect(byType.get('contract')).toBeLessThanOrEqual(70);
    expect(byType.get('specification')!).toBeGreaterThan(byType.get('contract')!);
    expect(byType.get('invoice')).toBeGreaterThan(150);
    expect(byType.get('act')).toBeGreaterThan(150);
    // Clients on ЭДО get a УПД instead of an act from the month of their agreement.
    expect(byType.get('upd')).toBeGreaterThan(0);
    expect(new Set(all<{ form: string }>("SELECT DISTINCT form FROM documents WHERE type = 'contract'").map((r) => r.form))).toEqual(new Set(['es', 'standard']));
    const kinds = new Set(all<{ k: string }>("SELECT DISTINCT agreement_kind AS k FROM documents WHERE type = 'additional_agreement'").map((r) => r.k));
    expect(kinds).toEqual(new Set(['general', 'counterparty_change']));
    // Every contracted client has each of its distributions in exactly one active specification of its contract.
    const loose = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM distributions d WHERE d.client_id IN (SELECT client_id FROM documents WHERE type = 'contract')
         AND (SELECT COUNT(*) FROM specification_distributions s WHERE s.distribution_id = d.id AND s.active = 1) <> 1`,
    ).n;
    const specSpan = one<{ n: number }>(
      "SELECT COUNT(*) AS n FROM distributions WHERE client_id IN (SELECT client_id FROM documents WHERE type = 'specification')",
    ).n;
    expect(loose / specSpan).toBeLessThan(0.1);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM documents WHERE type IN ('invoice', 'act', 'upd') AND amount_kop <= 0").n).toBe(0);
    expect(one<{ d: string }>('SELECT MAX(date) AS d FROM documents').d <= NOW.slice(0, 10)).toBe(true);
  });

  it('numbers each series in date order', () => {
    const rows = all<{ type: string; year: number; seq: number; date: string }>('SELECT type, series_year AS year, seq, date FROM documents ORDER BY type, series_year, seq');
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (a.type === b.type && a.year === b.year) expect(b.date >= a.date, `${b.type} ${b.year}-${b.seq}`).toBe(true);
    }
  });

  it('has documents in every return state for the report', async () => {
    const report = await call<Report>('reports.documentReturns', { from: '2020-01-01', to: '2027-12-31', limit: 10 });
    for (const s of ['overdue', 'awaited', 'returned_late', 'returned_in_time']) expect(report.counts[s], s).toBeGreaterThan(5);
    expect(report.rows[0]!.state).toBe('overdue');
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM documents WHERE returned_via = 'edo'").n).toBeGreaterThan(10);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM documents WHERE returned_by_id IS NOT NULL').n).toBeGreaterThan(10);
    const owed = one<{ c: number }>("SELECT client_id AS c FROM documents WHERE return_track = 1 AND planned_return < ? LIMIT 1", NOW.slice(0, 10)).c;
    const summary = await call<{ owed: number; overdue: number }>('documents.owedSummary', { clientId: owed });
    expect(summary.overdue).toBeGreaterThan(0);
  });

  it('bills a client that changed its counterparty to the old one before the change date and to the new one after it', async () => {
    const acts = all<{ c: number; date: string; cp: number; from: string; next: number }>(
      `SELECT d.client_id AS c, d.date, d.counterparty_id AS cp, l.effective_from AS "from", l.counterparty_id AS next
         FROM documents d JOIN client_counterparties l ON l.client_id = d.client_id
        WHERE d.type = 'act' AND l.effective_from > (SELECT MIN(effective_from) FROM client_counterparties WHERE client_id = d.client_id)`,
    );
    const clients = [...new Set(acts.map((a) => a.c))].filter((c) => acts.some((a) => a.c === c && a.date < a.from) && acts.some((a) => a.c === c && a.date >= a.from));
    expect(clients.length).toBeGreaterThanOrEqual(1);
    const mine = acts.filter((a) => a.c === clients[0]);
    for (const a of mine) expect(a.cp === a.next, a.date).toBe(a.date >= a.from);
    const agreement = one<{ id: number }>("SELECT id FROM documents WHERE type = 'additional_agreement' AND agreement_kind = 'counterparty_change' AND client_id = ?", clients[0]);
    const card = await call<{ newCounterparty: { id: number } | null; changeFrom: string }>('documents.get', { id: agreement.id });
    expect(card.newCounterparty?.id).toBe(mine[0]!.next);
    expect(card.changeFrom).toBe(mine[0]!.from);
  });
  it('prints: a contract with its specifications, the change of counterparty and the acts around it', async () => {
    const agreement = one<{ id: number; c: number }>("SELECT id, client_id AS c FROM documents WHERE agreement_kind = 'counterparty_change' ORDER BY date LIMIT 1");
    const ids = all<{ id: number }>("SELECT id FROM documents WHERE client_id = ? AND type IN ('contract', 'additional_agreement', 'act') ORDER BY date LIMIT 20", agreement.c).map((r) => r.id);
    const printed = await call<{ details: { pages: number | null; bytes: number }[] }>('print.render', { documentIds: ids, together: false, includeSpecifications: true });
    expect(printed.details.length).toBeGreaterThan(ids.length);
    for (const f of printed.details) expect(f.pages ?? 0).toBeGreaterThan(0);
  });
});

describe('demo mail and tasks', () => {
  it('made tasks of every kind and status from КЦ mail, with contact results, comments and a repeat kept with its task', () => {
    const statuses = new Map(all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM tasks GROUP BY status').map((r) => [r.status, r.n]));
    for (const s of ['new', 'in_work', 'done', 'declined']) expect(statuses.get(s), s).toBeGreaterThan(1);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(25);
    const kinds = new Set(all<{ kind: string }>('SELECT DISTINCT kind FROM tasks').map((r) => r.kind));
    for (const k of ['lead_price', 'lead_demo', 'lead_trial', 'question', 'other']) expect(kinds, k).toContain(k);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE status IN ('done', 'declined') AND (result IS NULL OR comment IS NULL)").n).toBe(0);
    const how = new Set(all<{ m: string }>('SELECT DISTINCT matched_by AS m FROM tasks').map((r) => r.m));
    for (const m of ['distribution', 'email', 'created', 'manual']) expect(how, m).toContain(m);
    const assigned = new Set(all<{ a: string }>('SELECT DISTINCT assigned_by AS a FROM tasks').map((r) => r.a));
    for (const a of ['sio', 'round_robin', 'key_responsible']) expect(assigned, a).toContain(a);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM mail_messages WHERE parse_status = 'duplicate_request'").n).toBe(1);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM tasks WHERE created_at > ? OR taken_at > ? OR closed_at > ?', NOW, NOW, NOW).n).toBe(0);
    // The newest request came in minutes before "now", so a visitor sees fresh mail.
    const newest = one<{ at: string }>('SELECT MAX(created_at) AS at FROM tasks').at;
    expect(Date.parse(NOW) - Date.parse(newest)).toBeLessThan(30 * 60_000);
    // Some new tasks are past their deadline and some are fresh.
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE status = 'new' AND deadline < ?", NOW).n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE status = 'new' AND deadline >= ?", NOW).n).toBeGreaterThan(0);
  });

  it('shows the СИО their own tasks and unread notifications', async () => {
    const r = await core.call('auth.login', { login: 'sio', password: DEMO_PASSWORD }, null);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const sio = (r.data as { token: string }).token;
    const list = await core.call('tasks.list', { mine: true }, sio);
    if (!list.ok) throw new Error(JSON.stringify(list.error));
    const items = (list.data as { items: { status: string; kind: string }[] }).items;
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['new', 'in_work', 'done']));
    const bell = await core.call('notifications.list', {}, sio);
    if (!bell.ok) throw new Error(JSON.stringify(bell.error));
    expect((bell.data as { unread: number }).unread).toBeGreaterThan(0);
  });

  it('leaves unrecognised mail in the queue: a broken message, a letter no rule knows, a lead without contacts; one was made a task', async () => {
    const open = await call<{ items: { reason: string; message: { subject: string | null } }[] }>('mail.queue.list', {});
    expect(new Set(open.items.map((i) => i.reason))).toEqual(new Set(['broken_mime', 'no_rule', 'no_fields']));
    const done = await call<{ items: { taskId: number | null }[] }>('mail.queue.list', { status: 'converted' });
    expect(done.items).toHaveLength(1);
    expect(done.items[0]!.taskId).not.toBeNull();
    // Texts survived their charsets: no replacement marks in what the parser read.
    const garbled = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM mail_messages
        WHERE json_extract(fields, '$.org') LIKE '%?%' OR json_extract(fields, '$.fio') LIKE '%?%' OR subject LIKE '%?%' OR text LIKE '%\uFFFD%'`,
    ).n;
    expect(garbled).toBe(0);
  });
});

describe('demo USR files', () => {
  it('queues a СИО upload that the import job turns into fresh, stale and unknown kits and one duplicate', async () => {
    const queued = queueDemoUsr(core.db, new Date(NOW));
    expect(queued).toBeGreaterThan(20);
    const batch = one<{ id: number; createdBy: number }>('SELECT id, created_by AS createdBy FROM import_batches ORDER BY id DESC LIMIT 1');
    expect(one<{ n: number }>("SELECT count(*) AS n FROM employee_roles WHERE employee_id = ? AND role = 'sio'", batch.createdBy).n).toBe(1);
    await runBatch({ db: core.db, pool: core.pool, clock: new TestClock(new Date(NOW)), publish: () => undefined }, batch.id);
    const statuses = all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM import_results WHERE batch_id = ? GROUP BY status', batch.id);
    const by = Object.fromEntries(statuses.map((r) => [r.status, r.n]));
    expect(by).toEqual({ stored: queued - 2, unknown_kit: 1, duplicate: 1 });
    // The card and the list filter have both kinds to show: kits updated within 14 days and kits past the limit.
    const kits = all<{ lastUpdate: string }>('SELECT last_update AS lastUpdate FROM usr_kits WHERE distribution_id IS NOT NULL');
    const age = (d: string) => (Date.parse(NOW.slice(0, 10)) - Date.parse(d)) / 86_400_000;
    expect(kits.filter((k) => age(k.lastUpdate) <= 14).length).toBeGreaterThan(5);
    expect(kits.filter((k) => age(k.lastUpdate) > 14).length).toBeGreaterThan(2);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM usr_kits WHERE distribution_id IS NULL').n).toBe(1);
    // No file is dated after the demo's today.
    expect(one<{ d: string }>('SELECT max(file_at) AS d FROM usr_files').d.slice(0, 10) <= NOW.slice(0, 10)).toBe(true);
  });
});

describe('demo certified list', () => {
  it("queues the КЦ's list for the head; it stages with rows in every state a review deals with", async () => {
    const rows = queueDemoGlavbukhList(core.db, new Date(NOW));
    expect(rows).toBeGreaterThan(10);
    const batch = one<{ id: number; createdBy: number }>('SELECT id, created_by AS createdBy FROM import_batches ORDER BY id DESC LIMIT 1');
    expect(one<{ n: number }>("SELECT count(*) AS n FROM employee_roles WHERE employee_id = ? AND role = 'head'", batch.createdBy).n).toBe(1);
    await runBatch({ db: core.db, pool: core.pool, clock: new TestClock(new Date(NOW)), publish: () => undefined }, batch.id);
    const res = one<{ status: string; kind: string; stageId: number }>(
      'SELECT r.status, f.kind, s.id AS stageId FROM import_results r JOIN import_files f ON f.id = r.file_id JOIN import_stages s ON s.result_id = r.id WHERE r.batch_id = ?',
      batch.id,
    );
    expect(res).toMatchObject({ status: 'staged', kind: 'glavbukh.list' });
    const review = await call<GbListReview>('glavbukh.list.review', { stageId: res.stageId, limit: 500 });
    expect(review.mappingSource).toBe('guessed');
    expect(review.mappingErrors).toEqual([]);
    expect(review.total).toBe(rows);
    expect(review.counts.matched).toBeGreaterThanOrEqual(rows - 4);
    expect(review.rows.some((r) => r.by === 'name')).toBe(true);
    expect(review.counts.unmatched + review.counts.duplicate).toBeGreaterThanOrEqual(2);
    expect(review.open).toBeGreaterThanOrEqual(2);
  });
});

describe('demo loading', () => {
  it('is all or nothing: a failure late in the load (mail no rule reads) leaves the database as it was', async () => {
    const p = tempDbPath('crm-demo-fail-');
    const c = createCore({ dbPath: p, clock: new TestClock(new Date(NOW)), log: () => undefined });
    try {
      c.db.$client.exec('DELETE FROM mail_rules');
      const before = tableHashes(c.db.$client);
      await expect(loadDemo(c.db, { now: new Date(NOW), clients: 120 })).rejects.toThrow(/demo mail: expected task, got queued/);
      expect(changedTables(before, tableHashes(c.db.$client))).toEqual([]);
      expect(c.db.$client.inTransaction).toBe(false);
    } finally {
      c.close();
      fs.rmSync(path.dirname(p), { recursive: true, force: true });
    }
  });
});
