// Dates at the boundary stay in a sensible window, and a row with a broken date already stored never breaks a list or a card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../src-shared/api';
import { DATE_MAX, DATE_MIN, isoDate } from '../../src-shared/api/common';
import { formatDate, formatDateLong } from '../../src-shared/format';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedContractSet, seedDocClient } from './fixtures';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

describe('dates at the boundary', () => {
  it('are accepted from DATE_MIN to DATE_MAX and refused outside, with the reason `date`', () => {
    expect([DATE_MIN, DATE_MAX]).toEqual(['1990-01-01', '2100-12-31']);
    for (const ok of ['1990-01-01', '2026-11-27', '2100-12-31']) expect(isoDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['1989-12-31', '2101-01-01', '9999-12-31', '0001-01-01', '+010000-01', '2026-02-30']) {
      const r = isoDate.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message, bad).toBe('date');
    }
  });

  it('refuse a contract dated 9999-12-31 with BAD_INPUT, and nothing is stored', async () => {
    const c = await seedDocClient(env);
    const before = (env.core.db.$client.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    for (const date of ['9999-12-31', '1900-01-01']) {
      const r = await env.core.call('documents.create', { type: 'contract', clientId: c.clientId, date }, env.adminToken);
      expect(r, date).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'date', reason: 'date' }] } });
    }
    expect((env.core.db.$client.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(before);
  });

  it('every date field of the contract goes through the one shared helper', () => {
    // A field accepting '2026-11-01' but refusing '2026-02-30' is a date field; it must refuse '9999-12-31' too.
    const offenders: string[] = [];
    const visit = (name: string, schema: unknown, path: string, depth: number) => {
      const def = (schema as { _zod?: { def?: { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; element?: unknown } } })._zod?.def;
      if (!def || depth > 6) return;
      if (def.shape) for (const [k, v] of Object.entries(def.shape)) visit(name, v, `${path}.${k}`, depth + 1);
      for (const inner of [def.innerType, def.in, def.element]) if (inner) visit(name, inner, path, depth + 1);
      const s = schema as { safeParse(v: unknown): { success: boolean } };
      if (def.type === 'string' && s.safeParse('2026-11-01').success && !s.safeParse('2026-02-30').success && s.safeParse('9999-12-31').success) {
        offenders.push(`${name}${path}`);
      }
    };
    for (const [name, def] of Object.entries(api)) visit(name, def.input, '', 0);
    expect(offenders).toEqual([]);
  });
});

describe('a stored row with a broken date', () => {
  it('does not break documents.list, documents.get, documents.owedSummary or the return report', async () => {
    const c = await seedDocClient(env);
    const { contract, spec1 } = await seedContractSet(env, c);
    const sql = env.core.db.$client;
    // As the old code stored it for a contract dated 9999-12-31 (Date#toISOString of year 10000), plus other broken dates.
    sql.prepare("UPDATE documents SET date = '9999-12-31', planned_return = '+010000-01' WHERE id = ?").run(contract.id);
    sql.prepare("UPDATE documents SET planned_return = '2026-12-31', returned_at = '+010000-01', returned_via = 'paper', return_track = 3 WHERE id = ?").run(spec1.id);

    const list = await env.core.call('documents.list', { clientId: c.clientId }, env.adminToken);
    expect(list.ok).toBe(true);
    const items = (list as { data: { items: { id: number; plannedReturn: string | null }[] } }).data.items;
    expect(items.find((i) => i.id === contract.id)?.plannedReturn).toBe('+010000-01');
    expect(await env.core.call('documents.list', {}, env.adminToken)).toMatchObject({ ok: true });
    for (const returnState of ['overdue', 'awaited', 'returned_late'] as const) {
      expect(await env.core.call('documents.list', { returnState }, env.adminToken), returnState).toMatchObject({ ok: true });
    }
    expect(await env.core.call('documents.owedSummary', { clientId: c.clientId }, env.adminToken)).toMatchObject({ ok: true });
    for (const id of [contract.id, spec1.id]) expect(await env.core.call('documents.get', { id }, env.adminToken)).toMatchObject({ ok: true });
    const report = await env.core.call('reports.documentReturns', { from: '2026-01-01', to: '2027-12-31' }, env.adminToken);
    expect(report).toMatchObject({ ok: true });
    expect(await env.core.call('clients.get', { id: c.clientId }, env.adminToken)).toMatchObject({ ok: true });
  });

  it('is shown as stored by the shared formatters instead of throwing (screens and print forms)', () => {
    expect(formatDate('+010000-01')).toBe('+010000-01');
    expect(formatDate('2026-11-27')).toBe('27.11.2026');
    expect(formatDateLong('garbage')).toBe('garbage');
  });
});
