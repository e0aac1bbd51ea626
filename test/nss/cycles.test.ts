// НСС cycles through the API on a real SQLite file: the view state at the boundaries, save, renew (late too), lapse, propose from a specification, events, access.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { cycleView, cycleViewSql, nextCycleEnd, yearCycleEnd } from '../../src-main/features/nss/cycles';
import { addDays } from '../../src-main/db/stmt';
import { seedContractSet, seedDocClient } from '../documents/fixtures';
import { codeOf, nssClient, reasonOf } from './service-helpers';

let env: TestEnv;
afterEach(() => env?.close());

describe('cycleView', () => {
  const end = '2026-12-31';
  it('is ahead before the window, due from exactly dueDays before the end through the end day, overdue the day after', () => {
    expect(cycleView('active', end, addDays(end, -31), 30)).toBe('ahead');
    expect(cycleView('active', end, addDays(end, -30), 30)).toBe('due');
    expect(cycleView('active', end, end, 30)).toBe('due');
    expect(cycleView('active', end, addDays(end, 1), 30)).toBe('overdue');
    expect(cycleView('renewed', end, addDays(end, 1), 30)).toBe('renewed');
    expect(cycleView('lapsed', end, addDays(end, -100), 30)).toBe('lapsed');
  });

  it('the SQL twin answers the same at every boundary', async () => {
    env = await testEnv();
    const q = env.core.db.$client.prepare(`SELECT ${cycleViewSql(':s', ':e', ':t', ':n')} AS v`);
    for (const state of ['active', 'renewed', 'lapsed'])
      for (const shift of [-31, -30, -1, 0, 1, 40]) {
        const today = addDays(end, shift);
        const sql = (q.get({ s: state, e: end, t: today, n: 30 }) as { v: string }).v;
        expect([state, shift, sql]).toEqual([state, shift, cycleView(state, end, today, 30)]);
      }
  });

  it('a year cycle ends the day before the anniversary; a renewal keeps the length', () => {
    expect(yearCycleEnd('2026-03-01')).toBe('2027-02-28');
    expect(yearCycleEnd('2024-02-29')).toBe('2025-02-27');
    expect(nextCycleEnd('2026-01-01', '2026-12-31')).toBe('2027-12-31');
    expect(nextCycleEnd('2026-01-01', '2026-06-30')).toBe('2026-12-31');
    expect(nextCycleEnd('2026-01-01', '2026-01-10')).toBe('2026-01-20');
  });
});

describe('nss.cycles.*', () => {
  it('saves a cycle with the client’s own kits only, refuses an end not after the start, and lists it with its view', async () => {
    env = await testEnv(); // today 2026-11-27
    const c = await nssClient(env, 'nss');
    const other = await nssClient(env, 'nss', 'ООО Василёк');
    const bad = await env.core.call('nss.cycles.save', { clientId: c.clientId, startsOn: '2026-01-01', endsOn: '2026-01-01' }, env.adminToken);
    expect([codeOf(bad), reasonOf(bad)]).toEqual(['BAD_INPUT', 'not_after_start']);
    const foreign = await env.core.call('nss.cycles.save', { clientId: c.clientId, startsOn: '2026-01-01', endsOn: '2026-12-31', distributionIds: [other.kitId] }, env.adminToken);
    expect([codeOf(foreign), reasonOf(foreign)]).toEqual(['BAD_INPUT', 'not_of_client']);
    const { id } = await env.admin('nss.cycles.save', { clientId: c.clientId, startsOn: '2026-01-01', endsOn: '2026-12-27', distributionIds: [c.kitId], comment: 'Первый год' });
    let list = await env.admin('nss.cycles.list', { clientId: c.clientId });
    expect(list.dueDays).toBe(30);
    expect(list.items).toEqual([expect.objectContaining({ id, state: 'active', view: 'due', comment: 'Первый год', distributions: [{ id: c.kitId, kit: expect.stringMatching(/^SKJP_/) }] })]);
    await env.admin('nss.cycles.save', { id, clientId: c.clientId, startsOn: '2026-01-01', endsOn: '2027-12-31', distributionIds: [] });
    list = await env.admin('nss.cycles.list', { clientId: c.clientId });
    expect(list.items[0]).toMatchObject({ view: 'ahead', distributions: [] });
    const events = env.core.db.$client.prepare("SELECT kind FROM client_events WHERE client_id = ? AND kind LIKE 'nss_cycle%'").all(c.clientId) as { kind: string }[];
    expect(events.map((e) => e.kind)).toEqual(['nss_cycle_created']);
  });

  it('renews late: the next cycle from the old end + 1 day, the old one renewed today (after its end), a second renewal refused', async () => {
    env = await testEnv(); // today 2026-11-27
    const c = await nssClient(env, 'nss');
    const { id } = await env.admin('nss.cycles.save', { clientId: c.clientId, startsOn: '2025-11-01', endsOn: '2026-10-31', distributionIds: [c.kitId] });
    expect((await env.admin('nss.cycles.list', { clientId: c.clientId })).items[0]!.view).toBe('overdue');
    const next = await env.admin('nss.cycles.renew', { id });
    const list = await env.admin('nss.cycles.list', { clientId: c.clientId });
    expect(list.items.map((x) => [x.id, x.startsOn, x.endsOn, x.state, x.view, x.renewedBy, x.renewedOn])).toEqual([
      [next.id, '2026-11-01', '2027-10-31', 'active', 'ahead', null, null],
      [id, '2025-11-01', '2026-10-31', 'renewed', 'renewed', next.id, '2026-11-27'],
    ]);
    expect(list.items[0]!.distributions.map((d) => d.id)).toEqual([c.kitId]);
    const again = await env.core.call('nss.cycles.renew', { id }, env.adminToken);
    expect([codeOf(again), reasonOf(again)]).toEqual(['CONFLICT', 'renewed']);
    const ev = env.core.db.$client.prepare("SELECT data FROM client_events WHERE client_id = ? AND kind = 'nss_cycle_renewed'").get(c.clientId) as { data: string };
    expect(JSON.parse(ev.data)).toEqual({ previousEndsOn: '2026-10-31', startsOn: '2026-11-01', endsOn: '2027-10-31', late: true });
  });

  it('lapses with a reason (required), then neither renews nor lapses again', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const { id } = await env.admin('nss.cycles.save', { clientId: c.clientId, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const empty = await env.core.call('nss.cycles.lapse', { id, reason: '   ' }, env.adminToken);
    expect(codeOf(empty)).toBe('BAD_INPUT');
    await env.admin('nss.cycles.lapse', { id, reason: 'Перешли на стандарт' });
    const list = await env.admin('nss.cycles.list', { clientId: c.clientId });
    expect(list.items[0]).toMatchObject({ state: 'lapsed', view: 'lapsed', lapseReason: 'Перешли на стандарт' });
    expect(codeOf(await env.core.call('nss.cycles.renew', { id }, env.adminToken))).toBe('CONFLICT');
    expect(codeOf(await env.core.call('nss.cycles.lapse', { id, reason: 'ещё' }, env.adminToken))).toBe('CONFLICT');
  });

  it('proposes from a specification: its date, a year, only the kits НСС on that date; writes nothing; refuses another client’s document', async () => {
    env = await testEnv();
    const dc = await seedDocClient(env);
    // The third kit is standard from before the specification's date.
    await env.admin('distributions.setScheme', { id: dc.distIds[2]!, scheme: 'standard', effectiveFrom: '2026-10-01' });
    const { contract, spec1, spec2 } = await seedContractSet(env, dc, '2026-11-02');
    const p1 = await env.admin('nss.cycles.propose', { clientId: dc.clientId, specificationId: spec1.id });
    expect(p1).toMatchObject({ specificationId: spec1.id, startsOn: '2026-11-02', endsOn: '2027-11-01', skipped: [] });
    expect(p1.distributions.map((d) => d.id)).toEqual([dc.distIds[0], dc.distIds[1]]);
    const p2 = await env.admin('nss.cycles.propose', { clientId: dc.clientId, specificationId: spec2.id });
    expect([p2.distributions.length, p2.skipped.map((d) => d.id)]).toEqual([0, [dc.distIds[2]]]);
    expect((await env.admin('nss.cycles.list', { clientId: dc.clientId })).items).toEqual([]);
    const notSpec = await env.core.call('nss.cycles.propose', { clientId: dc.clientId, specificationId: contract.id }, env.adminToken);
    expect([codeOf(notSpec), reasonOf(notSpec)]).toEqual(['BAD_INPUT', 'not_of_client']);
    const other = await nssClient(env, 'nss');
    expect(codeOf(await env.core.call('nss.cycles.propose', { clientId: other.clientId, specificationId: spec1.id }, env.adminToken))).toBe('BAD_INPUT');
    expect((await env.admin('nss.cycles.specifications', { clientId: dc.clientId })).map((s) => s.id).sort()).toEqual([spec1.id, spec2.id].sort());
    const { id } = await env.admin('nss.cycles.save', { clientId: dc.clientId, startsOn: p1.startsOn, endsOn: p1.endsOn, distributionIds: p1.distributions.map((d) => d.id), specificationId: spec1.id });
    expect((await env.admin('nss.cycles.list', { clientId: dc.clientId })).items[0]).toMatchObject({ id, specificationId: spec1.id });
  });

  it('access: a chat operator reads cycles but neither saves, renews, lapses nor proposes', async () => {
    env = await testEnv();
    const c = await nssClient(env, 'nss');
    const chat = await env.employee('chat1', ['chat']);
    const { id } = await env.admin('nss.cycles.save', { clientId: c.clientId, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expect(codeOf(await env.core.call('nss.cycles.list', { clientId: c.clientId }, chat.token))).toBe('OK');
    expect(codeOf(await env.core.call('nss.cycles.save', { clientId: c.clientId, startsOn: '2027-01-01', endsOn: '2027-12-31' }, chat.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.cycles.renew', { id }, chat.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.cycles.lapse', { id, reason: 'x' }, chat.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('nss.cycles.propose', { clientId: c.clientId, specificationId: 1 }, chat.token))).toBe('FORBIDDEN');
  });
});
