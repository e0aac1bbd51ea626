// Merging two clients: the preview, everything moved in one transaction with collisions settled, the tombstone, roles and versions.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { openDbAt } from '../helpers/old-db';
import { addSystems } from '../helpers/systems';
import { innLegal } from '../../src-main/demo/requisites.gen';
import { Ctx } from '../../src-main/api/context';
import { tx } from '../../src-main/db/connection';
import { createTask } from '../../src-main/features/tasks/create';
import { OLD_CP, NEW_CP } from '../documents/fixtures';

let env: TestEnv;
afterEach(() => env?.close());

const rows = <T>(sql: string, ...args: unknown[]) => env.core.db.$client.prepare(sql).all(...args) as T[];

/** Two clients entered for one organisation, each with something in every table that refers to a client. */
async function twoClients() {
  env = await testEnv();
  await addSystems(env.admin);
  const refs = await env.admin('refs.get', {});
  const [x, y] = refs.characteristicGroups[0]!.items;
  const a = await env.admin('clients.create', { name: 'ООО «Ромашка»', status: 'prospect', phones: [{ raw: '+7 423 222-33-44' }] });
  const b = await env.admin('clients.create', {
    name: 'Ромашка ООО',
    inn: innLegal('2536', '10001'),
    city: 'Владивосток',
    status: 'active',
    comment: 'Звонить после обеда',
    phones: [{ raw: '8 (423) 222-33-44' }, { raw: '+7 914 700-11-22' }],
    emails: [{ email: 'buh@romashka.example' }],
  });
  await env.admin('contacts.save', { clientId: a.id, fullName: 'Иванова Анна Петровна', roles: ['chief_accountant', 'lpr'], characteristics: [{ characteristicId: x!.id, comment: 'звонить утром' }] });
  await env.admin('contacts.save', {
    clientId: b.id,
    fullName: 'иванова  анна петровна',
    position: 'Главный бухгалтер',
    roles: ['chief_accountant'],
    phones: [{ raw: '+7 914 000-00-01' }],
    characteristics: [
      { characteristicId: x!.id, comment: 'любит семинары' },
      { characteristicId: y!.id, comment: null },
    ],
  });
  await env.admin('contacts.save', { clientId: b.id, fullName: 'Петров Пётр', roles: ['director'] });
  await env.admin('distributions.save', { clientId: b.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
  await env.admin('clients.changeCounterparty', { clientId: a.id, effectiveFrom: '2025-01-01', counterparty: OLD_CP });
  await env.admin('clients.changeCounterparty', { clientId: b.id, effectiveFrom: '2025-01-01', counterparty: NEW_CP });
  await env.admin('clients.changeCounterparty', { clientId: b.id, effectiveFrom: '2026-01-01', counterparty: NEW_CP });
  await env.admin('documents.create', { type: 'act', clientId: b.id, date: '2026-02-01', amountKop: 100 });
  env.clock.set('2026-11-01T09:00:00Z');
  await env.admin('readiness.confirm', { clientId: a.id, fieldCode: 'phone', value: '+7 423 222-33-44' });
  await env.admin('readiness.confirm', { clientId: b.id, fieldCode: 'org_name', value: 'Ромашка ООО' });
  env.clock.set('2026-11-20T09:00:00Z');
  await env.admin('readiness.confirm', { clientId: b.id, fieldCode: 'phone', value: '+7 914 700-11-22' });
  await env.admin('readiness.confirm', { clientId: a.id, fieldCode: 'org_name', value: 'ООО «Ромашка»' });
  await env.admin('readiness.confirm', { clientId: b.id, fieldCode: 'head_fio', value: 'Иванова Анна Петровна' });
  env.clock.set('2026-11-27T09:00:00Z');
  await env.admin('events.add', { clientId: b.id, text: 'Договорились о встрече' });
  const ctx = new Ctx(env.core.db, null, env.clock, null);
  const task = tx(env.core.db, () => createTask(ctx, { kind: 'other', fields: { fio: 'Петров Пётр' }, requestNumber: null, messageId: null, clientId: b.id }));
  // A third client merged into B earlier: its tombstone must follow to A.
  const c = await env.admin('clients.create', { name: 'Ромашка (старая запись)' });
  const [bv, cv] = [await env.admin('clients.get', { id: b.id }), await env.admin('clients.get', { id: c.id })];
  await env.admin('clients.merge', { survivorId: b.id, mergedId: c.id, survivorVersion: bv.client.version, mergedVersion: cv.client.version });
  return { a: a.id, b: b.id, c: c.id, taskId: task.taskId!, x: x!.id, y: y!.id };
}

describe('merge of two clients', () => {
  it('previews what moves and what meets, then moves it all and leaves a tombstone that old links follow', async () => {
    const w = await twoClients();
    const head = await env.employee('head1', ['head']);
    const [av, bv] = [await env.admin('clients.get', { id: w.a }), await env.admin('clients.get', { id: w.b })];
    const preview = await env.as(head.token, 'clients.mergePreview', { survivorId: w.a, mergedId: w.b });
    const moves = Object.fromEntries(preview.moves.map((m) => [m.ref, [m.count, m.collisions]]));
    expect(moves).toMatchObject({
      'contacts.client_id': [2, 1],
      'phones.client_id': [3, 0],
      'emails.client_id': [1, 0],
      'distributions.client_id': [1, 0],
      'documents.client_id': [1, 0],
      'tasks.client_id': [1, 0],
      'client_counterparties.client_id': [2, 1],
      'client_readiness_values.client_id': [3, 2],
      'client_tombstones.survivor_id': [1, 0],
    });
    expect(moves['client_events.client_id']![0]).toBeGreaterThan(5);
    expect(preview.sameContacts).toEqual(['иванова  анна петровна']);
    expect(preview.filled.sort()).toEqual(['city', 'comment', 'inn', 'status']);

    await env.as(head.token, 'clients.merge', { survivorId: w.a, mergedId: w.b, survivorVersion: av.client.version, mergedVersion: bv.client.version });

    const card = await env.admin('clients.get', { id: w.a });
    expect(card.client).toMatchObject({ name: 'ООО «Ромашка»', inn: innLegal('2536', '10001'), city: 'Владивосток', status: 'active', comment: 'Звонить после обеда' });
    // One person at both: one contact with both roles and characteristics (both comments kept); the other contact moved.
    expect(card.contacts.map((c) => c.fullName).sort()).toEqual(['Иванова Анна Петровна', 'Петров Пётр']);
    const ivanova = card.contacts.find((c) => c.fullName === 'Иванова Анна Петровна')!;
    expect(ivanova.roles.sort()).toEqual(['chief_accountant', 'lpr']);
    expect(ivanova.position).toBe('Главный бухгалтер');
    expect(ivanova.phones.map((p) => p.formatted)).toEqual(['+7 (914) 000-00-01']);
    expect(Object.fromEntries(ivanova.characteristics.map((c) => [c.characteristicId, c.comment]))).toEqual({ [w.x]: 'звонить утром; любит семинары', [w.y]: null });
    // The same phone once; the other phone and the e-mail moved.
    expect(card.client.phones.map((p) => p.formatted)).toEqual(['+7 (423) 222-33-44', '+7 (914) 700-11-22']);
    expect(card.client.emails.map((e) => e.email)).toEqual(['buh@romashka.example']);
    expect(card.distributions.map((d) => d.code)).toEqual(['SKJP_000123_02']);
    // The survivor's counterparty from 2025-01-01 stands; the merged client's later one moved.
    expect(card.counterpartyHistory.map((l) => [l.effectiveFrom, l.counterparty.inn])).toEqual([
      ['2026-01-01', NEW_CP.inn],
      ['2025-01-01', OLD_CP.inn],
    ]);
    // Readiness: the newer confirmation of each field.
    const values = Object.fromEntries(card.readiness[0]!.fields.map((f) => [f.code, f.value]));
    expect(values).toMatchObject({ phone: '+7 914 700-11-22', org_name: 'ООО «Ромашка»', head_fio: 'Иванова Анна Петровна' });
    expect(card.readiness.find((s) => s.code === 'calling')!.ready).toBe(true);
    expect((await env.admin('tasks.get', { id: w.taskId })).client).toEqual({ id: w.a, name: 'ООО «Ромашка»' });
    expect((await env.admin('documents.list', { clientId: w.a })).items).toHaveLength(1);
    // Both timelines: the merged client's history ends with its merge, and the survivor records what it took in.
    const kinds = card.events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['client_merged', 'merged_into', 'manual']));
    expect(card.events.find((e) => e.kind === 'client_merged')!.data).toMatchObject({ fromId: w.b, fromName: 'Ромашка ООО' });
    expect(rows('SELECT entity_id AS client, action FROM audit_log WHERE action IN (?, ?) ORDER BY audit_log.id', 'merge', 'merged_into')).toEqual([
      { client: w.b, action: 'merge' },
      { client: w.c, action: 'merged_into' },
      { client: w.a, action: 'merge' },
      { client: w.b, action: 'merged_into' },
    ]);
    // The merged client is gone from lists and search, and its id leads to the survivor, as does the older tombstone's.
    expect(rows('SELECT id FROM clients WHERE id IN (?, ?)', w.b, w.c)).toEqual([]);
    expect((await env.admin('clients.search', { query: 'Ромашка' })).items.map((i) => i.id)).toEqual([w.a]);
    for (const old of [w.b, w.c]) {
      const r = await env.core.call('clients.get', { id: old }, env.adminToken);
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ reason: 'merged', ref: { id: w.a, name: 'ООО «Ромашка»' } }] } });
    }
    const tomb = rows<{ summary: string }>('SELECT summary FROM client_tombstones WHERE id = ?', w.b)[0]!;
    expect(JSON.parse(tomb.summary)).toMatchObject({ client: { name: 'Ромашка ООО' }, dropped: { 'client_counterparties.client_id': [{ effective_from: '2025-01-01' }] } });
    expect(env.core.db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('is a head’s action on the versions previewed', async () => {
    const w = await twoClients();
    const sales = await env.employee('sales1', ['sales']);
    const [av, bv] = [await env.admin('clients.get', { id: w.a }), await env.admin('clients.get', { id: w.b })];
    const input = { survivorId: w.a, mergedId: w.b, survivorVersion: av.client.version, mergedVersion: bv.client.version };
    expect(await env.core.call('clients.merge', input, sales.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('clients.mergePreview', { survivorId: w.a, mergedId: w.b }, sales.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('clients.merge', { ...input, mergedId: w.a }, env.adminToken)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await env.admin('events.add', { clientId: w.b, text: 'Правка после просмотра' });
    expect(await env.core.call('clients.merge', input, env.adminToken)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(rows('SELECT id FROM clients WHERE id = ?', w.b)).toHaveLength(1);
  });
});

describe('merging duplicates of an old base', () => {
  it('leaves the unique index whole: the survivor takes over the ИНН/КПП entry', async () => {
    const file = tempDbPath();
    const old = openDbAt(file, '0006_documents_defaults');
    const ins = old.$client.prepare("INSERT INTO clients (name, name_lc, inn, kpp, status, created_at, updated_at) VALUES (?, ?, ?, '253601001', 'active', '2025-01-01', '2025-01-01')");
    const inn = innLegal('2536', '10001');
    const first = Number(ins.run('Ромашка', 'ромашка', inn).lastInsertRowid);
    const second = Number(ins.run('Ромашка (2)', 'ромашка (2)', inn).lastInsertRowid);
    old.$client.close();
    env = await testEnv({ dbPath: file });
    const [s, m] = [await env.admin('clients.get', { id: second }), await env.admin('clients.get', { id: first })];
    await env.admin('clients.merge', { survivorId: second, mergedId: first, survivorVersion: s.client.version, mergedVersion: m.client.version });
    expect(rows('SELECT id, duplicate_pending AS p FROM clients')).toEqual([{ id: second, p: 0 }]);
    const dup = await env.core.call('clients.create', { name: 'Снова Ромашка', inn, kpp: '253601001' }, env.adminToken);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ ref: { id: second } }] } });
    expect(() =>
      env.core.db.$client
        .prepare("INSERT INTO clients (name, name_lc, inn, kpp, status, created_at, updated_at) VALUES ('x', 'x', ?, '253601001', 'active', '2026-01-01', '2026-01-01')")
        .run(inn),
    ).toThrow(/UNIQUE/);
  });
});
