// УПД and счёт-фактура as documents: a счёт-фактура only with VAT, amounts agreeing with the lines, a number series per type, return periods by default.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { changedTables, tableHashes } from '../helpers/tables';
import { seedDocClient, type DocClient } from '../documents/fixtures';

let env: TestEnv;
let c: DocClient;
beforeEach(async () => {
  env = await testEnv();
  c = await seedDocClient(env);
});
afterEach(() => env.close());

const snapshot = () => tableHashes(env.core.db.$client);
const LINE = { name: 'Информационные услуги', qty: 2, unit: 'мес.', priceKop: 500_00 };

/** A refused call: the issue with the path and reason, and not one row changed. */
async function refused(method: 'documents.create' | 'documents.update', input: unknown, path: string, reason: string): Promise<void> {
  const before = snapshot();
  const r = await env.core.call(method, input, env.adminToken);
  expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  expect(r.ok ? [] : r.error.issues).toContainEqual({ path, reason });
  expect(changedTables(before, snapshot())).toEqual([]);
}

describe('счёт-фактура only with VAT', () => {
  it('refuses one without VAT (the default and «none»), and an edit taking its VAT away', async () => {
    const base = { type: 'invoice_factura' as const, clientId: c.clientId, date: '2026-11-27', lines: [LINE] };
    await refused('documents.create', base, 'vatMode', 'vat_required');
    await refused('documents.create', { ...base, vatMode: 'none' }, 'vatMode', 'vat_required');
    const sf = await env.admin('documents.create', { ...base, vatMode: 'on_top', vatRate: 22 });
    expect(sf.number).toBe('СФ-2026-0001');
    const card = await env.admin('documents.get', { id: sf.id });
    expect(card).toMatchObject({ type: 'invoice_factura', amountKop: 1_220_00, vatKop: 220_00, vatMode: 'on_top', plannedReturn: null, returnState: 'not_tracked' });
    await refused('documents.update', { id: sf.id, version: card.version, vatMode: 'none' }, 'vatMode', 'vat_required');
    // Other edits and another VAT mode are fine.
    const upd = await env.admin('documents.update', { id: sf.id, version: card.version, vatMode: 'included', comment: 'исправлен' });
    expect((await env.admin('documents.get', { id: sf.id })).amountKop).toBe(1_000_00);
    expect(upd.version).toBe(card.version + 1);
  });

  it('takes a УПД without VAT (status 2) and with it (status 1)', async () => {
    const no = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-11-27', lines: [LINE] });
    const yes = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-11-27', vatMode: 'included', vatRate: 22, lines: [LINE] });
    expect([no.number, yes.number]).toEqual(['УПД-2026-0001', 'УПД-2026-0002']);
    expect((await env.admin('documents.get', { id: no.id })).vatMode).toBe('none');
    const { updStatus } = await import('../../src-shared/doc-types');
    expect([updStatus('none'), updStatus('included'), updStatus('on_top')]).toEqual([2, 1, 1]);
  });
});

describe('lines and amount', () => {
  it('computes the amount from the lines and refuses a different one, for both types', async () => {
    for (const type of ['upd', 'invoice_factura'] as const) {
      const input = { type, clientId: c.clientId, date: '2026-11-27', vatMode: 'on_top' as const, vatRate: 20, lines: [LINE, { name: 'Обучение', qty: 1.5, unit: 'ч', priceKop: 1_000_01 }] };
      // 1 000,00 + round(1,5 × 1 000,01) = 2 500,02; VAT 20 % on top = 500,00 → 3 000,02.
      await refused('documents.create', { ...input, amountKop: 2_500_02 }, 'amountKop', 'lines_mismatch');
      const ok = await env.admin('documents.create', { ...input, amountKop: 3_000_02 });
      const card = await env.admin('documents.get', { id: ok.id });
      expect(card.amountKop).toBe(3_000_02);
      expect(card.lines.map((l) => l.amountKop)).toEqual([1_000_00, 1_500_02]);
    }
  });

  it('belongs to a contract of the same client when it names one', async () => {
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-02' });
    const act = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-11-02', amountKop: 100 });
    await refused('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-11-27', parentId: act.id, amountKop: 100 }, 'parentId', 'not_contract');
    const upd = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-11-27', parentId: contract.id, amountKop: 100 });
    expect((await env.admin('documents.get', { id: upd.id })).parentNumber).toBe('Д-2026-0001');
    const card = await env.admin('documents.get', { id: contract.id });
    expect(card.children.map((d) => d.type)).toContain('upd');
  });
});

describe('numbering', () => {
  it('keeps a series per type and year: an act, a УПД and a счёт-фактура each start at 0001, a hand-picked number is taken only in its own series', async () => {
    const mk = (type: 'act' | 'upd' | 'invoice_factura', date: string, seq?: number) =>
      env.admin('documents.create', { type, clientId: c.clientId, date, amountKop: 100, seq, ...(type === 'invoice_factura' ? { vatMode: 'included' as const, vatRate: 22 } : {}) });
    expect((await mk('act', '2026-11-01')).number).toBe('А-2026-0001');
    expect((await mk('upd', '2026-11-01')).number).toBe('УПД-2026-0001');
    expect((await mk('invoice_factura', '2026-11-01')).number).toBe('СФ-2026-0001');
    expect((await mk('upd', '2026-11-02')).number).toBe('УПД-2026-0002');
    expect((await mk('upd', '2025-12-31')).number).toBe('УПД-2025-0001');
    expect((await mk('act', '2026-11-03', 7)).number).toBe('А-2026-0007');
    expect((await mk('upd', '2026-11-03', 7)).number).toBe('УПД-2026-0007');
    expect(await env.admin('documents.nextNumber', { type: 'invoice_factura', date: '2026-12-01' })).toEqual({ number: 'СФ-2026-0002', seq: 2 });
    await refused('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-06-01', amountKop: 1, seq: 7 }, 'seq', 'duplicate');
  });
});

describe('return periods', () => {
  it('returns a УПД like an act until it has its own period, and never awaits a счёт-фактура', async () => {
    const periods = await env.admin('settings.returnPeriods.get', {});
    expect(periods.upd).toEqual(periods.act);
    expect(periods.invoice_factura).toEqual({ kind: 'none', days: null });
    const upd = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-10-05', amountKop: 100 });
    const act = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-10-05', amountKop: 100 });
    expect(upd.plannedReturn).toBe(act.plannedReturn);
    expect(upd.plannedReturn).toBe('2026-10-31');

    // Changing the act's period alone moves the УПД that follow it.
    expect(await env.admin('settings.returnPeriods.save', { periods: [{ type: 'act', kind: 'days', days: 10 }] })).toEqual({ recomputed: 2 });
    expect((await env.admin('documents.get', { id: upd.id })).plannedReturn).toBe('2026-10-15');
    expect((await env.admin('settings.returnPeriods.get', {})).upd).toEqual({ kind: 'days', days: 10 });

    // Saved from the settings screen (every type listed), the УПД keeps what was shown even when the act changes with it.
    const all = await env.admin('settings.returnPeriods.get', {});
    const list = Object.entries(all).map(([type, p]) => ({ type: type as keyof typeof all, ...p }));
    const r = await env.admin('settings.returnPeriods.save', { periods: list.map((p) => (p.type === 'act' ? { ...p, kind: 'month_end' as const, days: null } : p)) });
    expect(r).toEqual({ recomputed: 1 });
    expect((await env.admin('documents.get', { id: act.id })).plannedReturn).toBe('2026-10-31');
    expect((await env.admin('documents.get', { id: upd.id })).plannedReturn).toBe('2026-10-15');
    expect((await env.admin('settings.returnPeriods.get', {})).upd).toEqual({ kind: 'days', days: 10 });
  });

  it('shows an issued УПД in the return report and a returned one as returned', async () => {
    const upd = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-10-05', amountKop: 100 });
    await env.admin('documents.create', { type: 'invoice_factura', clientId: c.clientId, date: '2026-10-05', amountKop: 100, vatMode: 'included', vatRate: 22 });
    const report = await env.admin('reports.documentReturns', { type: 'upd' });
    expect(report.rows.map((x) => x.id)).toEqual([upd.id]);
    await env.admin('documents.markReturned', { id: upd.id, date: '2026-10-20', via: 'edo' });
    const after = await env.admin('reports.documentReturns', { type: 'upd', from: '2026-10-01', to: '2026-10-31' });
    expect(after.rows[0]).toMatchObject({ id: upd.id, state: 'returned_in_time', returnedVia: 'edo' });
    expect((await env.admin('reports.documentReturns', { type: 'invoice_factura', from: '2026-01-01', to: '2026-12-31' })).rows).toEqual([]);
  });
});
