// Integration tests of documents on a real SQLite file: numbering, specifications ↔ distributions, bad input refused with nothing saved, returns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { changedTables, tableHashes, type TableHashes } from '../helpers/tables';
import { CHANGE_DATE, NEW_CP, OLD_CP, seedContractSet, seedDocClient } from './fixtures';
import { addSystems } from '../helpers/systems';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

/** Content of every table: a refused write must leave existing rows as they were, not only their number. */
const snapshot = () => tableHashes(env.core.db.$client);
const changedSince = (before: TableHashes) => changedTables(before, snapshot());

describe('numbering', () => {
  it('numbers each type per year, continues after a number chosen by hand and refuses a taken one', async () => {
    const c = await seedDocClient(env);
    const mk = (date: string, seq?: number) => env.admin('documents.create', { type: 'act', clientId: c.clientId, date, amountKop: 100, seq });
    expect((await mk('2026-11-01')).number).toBe('А-2026-0001');
    expect((await mk('2026-11-02')).number).toBe('А-2026-0002');
    expect((await mk('2025-12-31')).number).toBe('А-2025-0001');
    expect((await mk('2026-11-03', 10)).number).toBe('А-2026-0010');
    expect(await env.admin('documents.nextNumber', { type: 'act', date: '2026-12-01' })).toEqual({ number: 'А-2026-0011', seq: 11 });
    expect((await mk('2026-11-04')).number).toBe('А-2026-0011');
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-01' });
    expect(contract.number).toBe('Д-2026-0001');
    const before = snapshot();
    const r = await env.core.call('documents.create', { type: 'act', clientId: c.clientId, date: '2026-06-01', seq: 10 }, env.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'seq', reason: 'duplicate' }] } });
    expect(changedSince(before)).toEqual([]);
  });
});

describe('specifications and distributions', () => {
  it('shows on the contract which distribution is in which specification, and keeps a distribution in one active specification', async () => {
    const c = await seedDocClient(env);
    const { contract, spec1, spec2 } = await seedContractSet(env, c);
    const card = await env.admin('documents.get', { id: contract.id });
    expect(card.children.map((x) => x.number)).toEqual([spec1.number, spec2.number]);
    expect(card.distributionMap.map((m) => [m.code, m.specificationNumber])).toEqual([
      ['BUHS_004567', spec1.number],
      ['SKJP_000123_02', spec1.number],
      ['SKRO_000089', spec2.number],
    ]);
    const s1 = await env.admin('documents.get', { id: spec1.id });
    expect(s1.amountKop).toBe(3_234_56);
    expect(s1.distributions.map((d) => d.code)).toEqual(['SKJP_000123_02', 'BUHS_004567']);

    const before = snapshot();
    const dup = await env.core.call(
      'documents.create',
      { type: 'specification', clientId: c.clientId, date: '2026-11-20', parentId: contract.id, distributions: [{ distributionId: c.distIds[2]! }] },
      env.adminToken,
    );
    expect(dup).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'distributions.0.distributionId', reason: 'in_other_specification' }] } });
    expect(changedSince(before)).toEqual([]);

    // Cancelling the second specification frees its distribution for a new one; restoring the old one then conflicts.
    await env.admin('documents.update', { id: spec2.id, version: 1, status: 'cancelled' });
    const spec3 = await env.admin('documents.create', {
      type: 'specification',
      clientId: c.clientId,
      date: '2026-11-20',
      parentId: contract.id,
      distributions: [{ distributionId: c.distIds[2]!, priceKop: 700_00 }],
    });
    expect((await env.admin('documents.get', { id: contract.id })).distributionMap.find((m) => m.code === 'SKRO_000089')?.specificationId).toBe(spec3.id);
    const restore = await env.core.call('documents.update', { id: spec2.id, version: 2, status: 'issued' }, env.adminToken);
    expect(restore).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ reason: 'in_other_specification' }] } });
    const cancelContract = await env.core.call('documents.update', { id: contract.id, version: 1, status: 'cancelled' }, env.adminToken);
    expect(cancelContract).toMatchObject({ ok: false, error: { issues: [{ path: 'status', reason: 'has_active_children' }] } });
  });
});

describe('bad input is refused with the field path and nothing saved', () => {
  it('refuses a missing counterparty on the date, a specification without distributions, a negative amount, another client’s distribution', async () => {
    const c = await seedDocClient(env);
    const other = await env.admin('clients.create', { name: 'ООО «Другой клиент»' });
    await env.admin('clients.changeCounterparty', { clientId: other.id, effectiveFrom: '2025-01-01', counterparty: { fullName: 'ООО «Другой клиент»', inn: '7707083893' } });
    const bare = await env.admin('clients.create', { name: 'ИП Петров' });
    await addSystems(env.admin, ['SKJP']);
    const { id: foreign } = await env.admin('distributions.save', { clientId: other.id, systemCode: 'SKJP', distrNumber: 999 });
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-02' });
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['before the first counterparty', { type: 'act', clientId: c.clientId, date: '2024-12-31', amountKop: 100 }, 'date', 'no_counterparty'],
      ['a client without any counterparty', { type: 'contract', clientId: bare.id, date: '2026-11-02' }, 'date', 'no_counterparty'],
      ['a specification without distributions', { type: 'specification', clientId: c.clientId, date: '2026-11-02', parentId: contract.id, distributions: [] }, 'distributions', 'required'],
      ['a specification without a contract', { type: 'specification', clientId: c.clientId, date: '2026-11-02', distributions: [{ distributionId: c.distIds[0] }] }, 'parentId', 'required'],
      ['a negative amount', { type: 'invoice', clientId: c.clientId, date: '2026-11-02', amountKop: -1 }, 'amountKop', 'too_small'],
      ['a negative line price', { type: 'act', clientId: c.clientId, date: '2026-11-02', lines: [{ name: 'Услуги', priceKop: -5 }] }, 'lines.0.priceKop', 'too_small'],
      [
        'another client’s distribution',
        { type: 'specification', clientId: c.clientId, date: '2026-11-02', parentId: contract.id, distributions: [{ distributionId: foreign }] },
        'distributions.0.distributionId',
        'other_client',
      ],
      ['an amount disagreeing with the lines', { type: 'act', clientId: c.clientId, date: '2026-11-02', amountKop: 5, lines: [{ name: 'Услуги', priceKop: 100 }] }, 'amountKop', 'lines_mismatch'],
      ['another client’s contract', { type: 'additional_agreement', clientId: other.id, date: '2026-11-02', parentId: contract.id }, 'parentId', 'other_client'],
    ];
    for (const [label, input, path, reason] of cases) {
      const before = snapshot();
      const r = await env.core.call('documents.create', input, env.adminToken);
      expect(r, label).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      const issues = r.ok ? [] : (r.error.issues ?? []);
      expect(issues, label).toContainEqual({ path, reason });
      expect(changedSince(before), label).toEqual([]);
    }
  });

  it('refuses documents to roles that do not prepare them', async () => {
    const c = await seedDocClient(env);
    const { token } = await env.employee('chat1', ['chat']);
    const r = await env.core.call('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-02' }, token);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const sio = await env.employee('sio1', ['sio']);
    expect(await env.as(sio.token, 'documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-02' })).toMatchObject({ number: 'Д-2026-0001' });
  });
});

describe('counterparty on the document date', () => {
  it('stores the counterparty valid on the date and re-resolves it when the date moves across the change', async () => {
    const c = await seedDocClient(env);
    const before = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-05-31', amountKop: 100 });
    const after = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: CHANGE_DATE, amountKop: 100 });
    expect((await env.admin('documents.get', { id: before.id })).counterparty.inn).toBe(OLD_CP.inn);
    expect((await env.admin('documents.get', { id: after.id })).counterparty.inn).toBe(NEW_CP.inn);
    await env.admin('documents.update', { id: before.id, version: 1, date: '2026-06-15' });
    expect((await env.admin('documents.get', { id: before.id })).counterparty.inn).toBe(NEW_CP.inn);
  });

  it('registers a change of counterparty from a date through an additional agreement', async () => {
    const c = await seedDocClient(env, { withChange: false });
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-01-15' });
    const ag = await env.admin('documents.create', {
      type: 'additional_agreement',
      clientId: c.clientId,
      date: '2026-05-20',
      parentId: contract.id,
      agreementKind: 'counterparty_change',
      changeFrom: CHANGE_DATE,
      newCounterparty: NEW_CP,
    });
    const card = await env.admin('clients.get', { id: c.clientId });
    expect(card.counterpartyHistory.map((l) => [l.effectiveFrom, l.counterparty.inn, l.basis])).toEqual([
      [CHANGE_DATE, NEW_CP.inn, `Дополнительное соглашение № ${ag.number} от 20.05.2026`],
      ['2025-01-01', OLD_CP.inn, null],
    ]);
    const doc = await env.admin('documents.get', { id: ag.id });
    expect([doc.counterparty.inn, doc.newCounterparty?.inn, doc.changeFrom]).toEqual([OLD_CP.inn, NEW_CP.inn, CHANGE_DATE]);
    const before = snapshot();
    const again = await env.core.call(
      'documents.create',
      {
        type: 'additional_agreement',
        clientId: c.clientId,
        date: '2026-05-21',
        parentId: contract.id,
        agreementKind: 'counterparty_change',
        changeFrom: CHANGE_DATE,
        newCounterparty: { fullName: 'ООО «Третья сторона»', inn: '7707083893' },
      },
      env.adminToken,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'changeFrom', reason: 'date_taken' }] } });
    expect(changedSince(before)).toEqual([]);
    // The party being replaced cannot be the new one.
    const same = await env.core.call(
      'documents.create',
      { type: 'additional_agreement', clientId: c.clientId, date: '2026-05-21', parentId: contract.id, agreementKind: 'counterparty_change', changeFrom: '2026-07-01', newCounterpartyId: card.counterpartyHistory[0]!.counterparty.id },
      env.adminToken,
    );
    expect(same).toMatchObject({ ok: false, error: { issues: [{ path: 'newCounterpartyId', reason: 'same_counterparty' }] } });
  });
});

describe('planned return and return marks', () => {
  it('recomputes the planned date when the date changes and tells the caller', async () => {
    const c = await seedDocClient(env);
    const act = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-01-31', amountKop: 100 });
    expect(act.plannedReturn).toBe('2026-01-31');
    expect(await env.admin('documents.update', { id: act.id, version: 1, date: '2026-02-10' })).toEqual({ version: 2, plannedReturn: '2026-02-28', plannedReturnChanged: true });
    expect(await env.admin('documents.update', { id: act.id, version: 2, date: '2026-02-11' })).toMatchObject({ plannedReturnChanged: false });
    const invoice = await env.admin('documents.create', { type: 'invoice', clientId: c.clientId, date: '2026-02-10', amountKop: 100 });
    expect(invoice.plannedReturn).toBeNull();
  });

  it('recomputes documents not yet returned when a period setting changes and reports how many', async () => {
    const c = await seedDocClient(env);
    const ids: number[] = [];
    for (const date of ['2026-10-05', '2026-10-20', '2026-11-03']) ids.push((await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date })).id);
    await env.admin('documents.markReturned', { id: ids[0]!, date: '2026-10-12' });
    const act = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-10-05', amountKop: 1 });
    const r = await env.admin('settings.returnPeriods.save', { periods: [{ type: 'contract', kind: 'next_month_end' }, { type: 'act', kind: 'month_end' }] });
    expect(r).toEqual({ recomputed: 2 });
    const got = await Promise.all(ids.map((id) => env.admin('documents.get', { id })));
    expect(got.map((d) => d.plannedReturn)).toEqual(['2026-10-15', '2026-11-30', '2026-12-31']);
    expect((await env.admin('documents.get', { id: act.id })).plannedReturn).toBe('2026-10-31');
    expect((await env.admin('settings.returnPeriods.get', {})).contract).toEqual({ kind: 'next_month_end', days: null });
    expect(await env.admin('settings.returnPeriods.save', { periods: [{ type: 'contract', kind: 'none' }] })).toEqual({ recomputed: 2 });
    expect((await env.admin('documents.owedSummary', { clientId: c.clientId })).items.map((i) => i.type)).toEqual(['act']);
  });

  it('marks returned (paper or ЭДО), refuses a future date, and un-marks', async () => {
    const c = await seedDocClient(env);
    const sio = await env.employee('sio1', ['sio']);
    const { contract, spec1, spec2 } = await seedContractSet(env, c, '2026-11-02');
    // Planned 2026-11-12; today is 2026-11-27 in tests.
    await env.as(sio.token, 'documents.markReturned', { id: spec1.id, date: '2026-11-10', broughtById: sio.id });
    await env.admin('documents.markReturned', { id: spec2.id, date: '2026-11-20', via: 'edo' });
    const states = async () => Promise.all([contract.id, spec1.id, spec2.id].map(async (id) => (await env.admin('documents.get', { id })).returnState));
    expect(await states()).toEqual(['overdue', 'returned_in_time', 'returned_late']);
    const s1 = await env.admin('documents.get', { id: spec1.id });
    expect([s1.returnedAt, s1.returnedBy?.id, s1.returnedVia]).toEqual(['2026-11-10', sio.id, 'paper']);
    expect((await env.admin('documents.get', { id: spec2.id })).daysOverdue).toBe(8);
    const future = await env.core.call('documents.markReturned', { id: contract.id, date: '2026-11-28' }, env.adminToken);
    expect(future).toMatchObject({ ok: false, error: { issues: [{ path: 'date', reason: 'future' }] } });
    const owed = await env.admin('documents.owedSummary', { clientId: c.clientId });
    expect([owed.owed, owed.overdue, owed.oldestPlanned]).toEqual([1, 1, '2026-11-12']);
    await env.admin('documents.unmarkReturned', { id: spec1.id });
    expect(await states()).toEqual(['overdue', 'overdue', 'returned_late']);
  });
});
