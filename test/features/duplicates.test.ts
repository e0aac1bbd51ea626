// One client per ИНН/КПП: refused duplicates naming the other client, branches allowed with a notice, the unique index, old bases upgraded.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { openDbAt } from '../helpers/old-db';
import { innLegal, innPerson } from '../../src-main/demo/requisites.gen';

let env: TestEnv;
afterEach(() => env?.close());

const INN = innLegal('2536', '10001');
const IP_INN = innPerson('2536', '100017');

async function failure(p: Promise<{ ok: boolean; error?: unknown }>) {
  const r = await p;
  expect(r.ok).toBe(false);
  return (r as { error: { code: string; issues?: { path: string; reason: string; ref?: { id: number; name: string } }[] } }).error;
}
const clientCount = () => (env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;

describe('creating and editing', () => {
  it('refuses the ИНН and КПП of another client with CONFLICT naming it, and saves nothing', async () => {
    env = await testEnv();
    const first = await env.admin('clients.create', { name: 'ООО «Ромашка»', inn: INN, kpp: '253601001' });
    const before = clientCount();
    const err = await failure(env.core.call('clients.create', { name: 'Ромашка (дубль)', inn: INN, kpp: '253601001', phones: [{ raw: '+7 423 222-33-44' }] }, env.adminToken));
    expect(err).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'inn', reason: 'duplicate_client', ref: { id: first.id, name: 'ООО «Ромашка»' } }] });
    expect(clientCount()).toBe(before);
    expect(env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM phones').get()).toEqual({ n: 0 });
  });

  it('takes the same ИНН with another КПП as a branch and says so', async () => {
    env = await testEnv();
    const head = await env.admin('clients.create', { name: 'ООО «Ромашка»', inn: INN, kpp: '253601001' });
    const branch = await env.admin('clients.create', { name: 'Ромашка, филиал в Находке', inn: INN, kpp: '250845001' });
    expect(branch.branches).toEqual([{ id: head.id, name: 'ООО «Ромашка»', kpp: '253601001', duplicate: false }]);
    // A client without a КПП is not the same as one with it.
    const noKpp = await env.admin('clients.create', { name: 'Ромашка без КПП', inn: INN });
    expect(noKpp.branches.map((b) => b.id).sort()).toEqual([head.id, branch.id].sort());
    const card = await env.admin('clients.get', { id: head.id });
    expect(card.sameInn).toEqual([
      { id: noKpp.id, name: 'Ромашка без КПП', kpp: null, duplicate: false },
      { id: branch.id, name: 'Ромашка, филиал в Находке', kpp: '250845001', duplicate: false },
    ]);
  });

  it('compares a 12-digit ИНН alone: an entrepreneur has no КПП', async () => {
    env = await testEnv();
    const ip = await env.admin('clients.create', { name: 'ИП Петров', inn: IP_INN });
    const err = await failure(env.core.call('clients.create', { name: 'ИП Петров П. П.', inn: IP_INN, kpp: '253601001' }, env.adminToken));
    expect(err.issues![0]).toMatchObject({ reason: 'duplicate_client', ref: { id: ip.id } });
  });

  it('refuses an edit that makes a duplicate, and saves edits that leave the ИНН/КПП alone', async () => {
    env = await testEnv();
    const a = await env.admin('clients.create', { name: 'ООО «Ромашка»', inn: INN, kpp: '253601001' });
    const b = await env.admin('clients.create', { name: 'ООО «Василёк»', inn: INN, kpp: '250845001' });
    const card = await env.admin('clients.get', { id: b.id });
    const err = await failure(env.core.call('clients.update', { id: b.id, version: card.client.version, kpp: '253601001' }, env.adminToken));
    expect(err).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'inn', reason: 'duplicate_client', ref: { id: a.id } }] });
    expect((await env.admin('clients.get', { id: b.id })).client).toMatchObject({ kpp: '250845001', version: card.client.version });
    const r = await env.admin('clients.update', { id: b.id, version: card.client.version, inn: INN, kpp: '250845001', city: 'Находка' });
    expect(r.branches.map((x) => x.id)).toEqual([a.id]);
  });

  it('answers the form while typing: nothing for half an ИНН, the duplicate and branches for a whole one', async () => {
    env = await testEnv();
    const sales = await env.employee('sales1', ['sales']);
    const a = await env.admin('clients.create', { name: 'ООО «Ромашка»', inn: INN, kpp: '253601001' });
    const b = await env.admin('clients.create', { name: 'Ромашка, филиал', inn: INN, kpp: '250845001' });
    expect(await env.as(sales.token, 'clients.checkInn', { inn: INN.slice(0, 7) })).toEqual({ duplicate: null, branches: [] });
    expect(await env.as(sales.token, 'clients.checkInn', { inn: ` ${INN} `, kpp: '253601001' })).toEqual({
      duplicate: { id: a.id, name: 'ООО «Ромашка»', kpp: '253601001', duplicate: true },
      branches: [{ id: b.id, name: 'Ромашка, филиал', kpp: '250845001', duplicate: false }],
    });
    // The client being edited does not collide with itself.
    expect(await env.as(sales.token, 'clients.checkInn', { inn: INN, kpp: '253601001', excludeId: a.id })).toMatchObject({ duplicate: null });
  });

  it('is enforced by the database too: a unique index over ИНН and КПП', async () => {
    env = await testEnv();
    await env.admin('clients.create', { name: 'ООО «Ромашка»', inn: INN, kpp: '253601001' });
    const insert = env.core.db.$client.prepare(
      "INSERT INTO clients (name, name_lc, inn, kpp, status, created_at, updated_at) VALUES ('x', 'x', ?, ?, 'prospect', '2026-01-01', '2026-01-01')",
    );
    expect(() => insert.run(INN, '253601001')).toThrow(/UNIQUE/);
    expect(() => insert.run(IP_INN, null)).not.toThrow();
    expect(() => insert.run(IP_INN, '253601001')).toThrow(/UNIQUE/);
    expect(() => insert.run(INN, '250845001')).not.toThrow();
  });
});

describe('an old base with duplicates', () => {
  it('upgrades without failing: duplicates are flagged for a merge, the rest is under the index, new duplicates refused', async () => {
    const file = tempDbPath();
    const old = openDbAt(file, '0006_documents_defaults');
    const ins = old.$client.prepare("INSERT INTO clients (name, name_lc, inn, kpp, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', '2025-01-01', '2025-01-01')");
    const id = (name: string, inn: string | null, kpp: string | null) => Number(ins.run(name, name.toLowerCase(), inn, kpp).lastInsertRowid);
    const first = id('Ромашка', INN, '253601001');
    const second = id('Ромашка (2)', ` ${INN}`, '253601001 '); // spaces typed in an old version
    const third = id('Ромашка (3)', INN, '253601001');
    const branch = id('Ромашка, филиал', INN, '250845001');
    const empty = id('Без ИНН', '', null);
    const ip1 = id('ИП Петров', IP_INN, null);
    const ip2 = id('ИП Петров (2)', IP_INN, '253601001');
    old.$client.close();

    env = await testEnv({ dbPath: file });
    const flags = Object.fromEntries(
      (env.core.db.$client.prepare('SELECT id, inn, duplicate_pending AS p FROM clients ORDER BY id').all() as { id: number; inn: string | null; p: number }[]).map((r) => [r.id, [r.inn, r.p]]),
    );
    expect(flags).toEqual({
      [first]: [INN, 0],
      [second]: [INN, 1],
      [third]: [INN, 1],
      [branch]: [INN, 0],
      [empty]: [null, 0],
      [ip1]: [IP_INN, 0],
      [ip2]: [IP_INN, 1],
    });
    const indexes = env.core.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'clients_inn_kpp_uq'").all();
    expect(indexes).toHaveLength(1);
    // The card of a duplicate says so; editing its phone still works; a new duplicate does not get in.
    const card = await env.admin('clients.get', { id: second });
    expect(card.sameInn.filter((c) => c.duplicate).map((c) => c.id)).toEqual([first, third]);
    await env.admin('clients.update', { id: second, version: card.client.version, name: 'Ромашка (2)', inn: INN, kpp: '253601001', phones: [{ raw: '+7 423 222-33-44' }] });
    expect((await failure(env.core.call('clients.create', { name: 'Ещё одна', inn: INN, kpp: '253601001' }, env.adminToken))).issues![0]!.ref!.id).toBe(first);
    // A corrected КПП takes the duplicate out of the group and under the index.
    const c3 = await env.admin('clients.get', { id: third });
    await env.admin('clients.update', { id: third, version: c3.client.version, kpp: '254001001' });
    expect(env.core.db.$client.prepare('SELECT duplicate_pending AS p FROM clients WHERE id = ?').get(third)).toEqual({ p: 0 });
  });
});
