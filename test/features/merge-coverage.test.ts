// The merge covers the schema as it is: every foreign key to clients (and to contacts, for joined namesakes) has a rule, and plain moves meet no unique constraint.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { referencesTo, uniqueKeys } from '../../src-main/features/clients/merge.refs';
import { CLIENT_RULES, CONTACT_RULES } from '../../src-main/features/clients/merge.rules';
import { unhandledReferences } from '../../src-main/features/clients/merge';

let env: TestEnv;
afterEach(() => env?.close());

describe('merge rules against the schema', () => {
  it('handle every foreign key to clients and contacts that the migrated schema has', async () => {
    env = await testEnv();
    const db = env.core.db;
    const toClients = referencesTo(db, 'clients').map((r) => `${r.table}.${r.column}`);
    const toContacts = referencesTo(db, 'contacts').map((r) => `${r.table}.${r.column}`);
    // The schema is read, not listed here: a table added later shows up in these lists by itself.
    expect(toClients).toEqual(expect.arrayContaining(['contacts.client_id', 'documents.client_id', 'tasks.client_id', 'client_tombstones.survivor_id']));
    for (const ref of toClients) expect(CLIENT_RULES, `no merge rule for ${ref}: add one to merge.rules.ts`).toHaveProperty([ref]);
    for (const ref of toContacts) expect(CONTACT_RULES, `no contact-join rule for ${ref}: add one to merge.rules.ts`).toHaveProperty([ref]);
    expect(unhandledReferences(db)).toEqual([]);
  });

  it('use a plain move only where no unique constraint holds the column', async () => {
    env = await testEnv();
    const db = env.core.db;
    for (const [target, rules] of [
      ['clients', CLIENT_RULES],
      ['contacts', CONTACT_RULES],
    ] as const) {
      for (const ref of referencesTo(db, target)) {
        const rule = rules[`${ref.table}.${ref.column}`]!;
        if (rule.kind !== 'move') continue;
        const holding = uniqueKeys(db, ref.table).filter((cols) => cols.includes(ref.column));
        expect(holding, `${ref.table}.${ref.column} is in a unique key ${JSON.stringify(holding)}: its rule must settle collisions`).toEqual([]);
      }
    }
  });

  it('refuses to merge, changing nothing, when a table refers to clients without a rule', async () => {
    env = await testEnv();
    const a = await env.admin('clients.create', { name: 'ООО «Ромашка»' });
    const b = await env.admin('clients.create', { name: 'Ромашка ООО' });
    // A feature added later with its own table: the merge must not cascade its rows away with the merged client.
    env.core.db.$client.exec('CREATE TABLE chat_sessions_later (id INTEGER PRIMARY KEY, client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE)');
    env.core.db.$client.prepare('INSERT INTO chat_sessions_later (client_id) VALUES (?)').run(b.id);
    expect(unhandledReferences(env.core.db)).toEqual(['chat_sessions_later.client_id']);
    const [av, bv] = [await env.admin('clients.get', { id: a.id }), await env.admin('clients.get', { id: b.id })];
    const r = await env.core.call('clients.merge', { survivorId: a.id, mergedId: b.id, survivorVersion: av.client.version, mergedVersion: bv.client.version }, env.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(env.core.db.$client.prepare('SELECT client_id AS c FROM chat_sessions_later').all()).toEqual([{ c: b.id }]);
    expect((await env.admin('clients.get', { id: b.id })).client.version).toBe(bv.client.version);
  });
});
