// The register's filters (СИО, return state on today), who brought an original back, and the push that refreshes open client screens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../src-shared/events';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedDocClient, type DocClient } from './fixtures';

let env: TestEnv;
let c: DocClient;
let sio: { id: number; token: string };
const ids: Record<string, number> = {};

// Today is 2026-11-27 in tests; contracts are due 10 days after their date.
beforeEach(async () => {
  env = await testEnv();
  sio = await env.employee('sio1', ['sio']);
  c = await seedDocClient(env, { sioId: sio.id });
  const mk = async (key: string, date: string, extra: Record<string, unknown> = {}) => {
    ids[key] = (await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date, ...extra })).id;
  };
  await mk('overdue', '2026-11-01'); // planned 11-11
  await mk('dueToday', '2026-11-17'); // planned 11-27: still awaited today
  await mk('awaited', '2026-11-25');
  await mk('inTime', '2026-11-02');
  await mk('late', '2026-10-01');
  await mk('noSio', '2026-11-03', { sioId: null });
  await mk('draft', '2026-11-04', { status: 'draft' });
  await env.admin('documents.markReturned', { id: ids.inTime!, date: '2026-11-10', broughtById: sio.id });
  await env.admin('documents.markReturned', { id: ids.late!, date: '2026-11-20', broughtBy: 'курьер клиента' });
});
afterEach(() => env.close());

const list = async (filter: Record<string, unknown>) => (await env.admin('documents.list', { clientId: c.clientId, ...filter })).items.map((d) => d.id).sort((a, b) => a - b);
const sorted = (...keys: string[]) => keys.map((k) => ids[k]!).sort((a, b) => a - b);

describe('documents register', () => {
  it('filters by return state as of today, the same split as the report', async () => {
    expect(await list({ returnState: 'overdue' })).toEqual(sorted('overdue', 'noSio'));
    expect(await list({ returnState: 'awaited' })).toEqual(sorted('dueToday', 'awaited'));
    expect(await list({ returnState: 'returned_in_time' })).toEqual(sorted('inTime'));
    expect(await list({ returnState: 'returned_late' })).toEqual(sorted('late'));
    const r = await env.admin('documents.list', { clientId: c.clientId, returnState: 'overdue' });
    expect(r.total).toBe(2);
    expect(r.items.every((d) => d.returnState === 'overdue')).toBe(true);
  });

  it('filters by СИО and combines with the state', async () => {
    expect(await list({ sioId: sio.id })).not.toContain(ids.noSio);
    expect(await list({ sioId: sio.id, returnState: 'overdue' })).toEqual(sorted('overdue'));
  });

  it('names who brought the original: the employee, or what was written by hand', async () => {
    const { items } = await env.admin('documents.list', { clientId: c.clientId, limit: 100 });
    const by = (k: string) => items.find((d) => d.id === ids[k])!.returnedByName;
    expect(by('inTime')).toBe('Сотрудник sio1');
    expect(by('late')).toBe('курьер клиента');
    expect(by('awaited')).toBeNull();
  });

  it('tells open screens of the client after a document is created, edited or marked', async () => {
    const seen: PushMessage[] = [];
    const off = env.core.bus.subscribe((m) => seen.push(m));
    const { id } = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-26' });
    await env.admin('documents.markReturned', { id, date: '2026-11-27' });
    await env.admin('documents.unmarkReturned', { id });
    const refused = await env.core.call('documents.markReturned', { id, date: '2026-11-20' }, env.adminToken);
    off();
    expect(refused.ok).toBe(false);
    const forClient = seen.filter((m) => m.event === 'client.changed' && (m.data as { clientId: number }).clientId === c.clientId);
    // One per successful write; the refused call (before the document's date) sends nothing.
    expect(forClient).toHaveLength(3);
  });
});
