// The НСС report on a hand-built data set whose answers are known: every column non-zero somewhere, a client with mixed
// schemes, a scheme change mid-month, a cycle renewed late, a contact on the month's last day in the РИЦ zone (Vladivostok).
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { stmt } from '../../src-main/db/stmt';
import { NssTouches, recomputeNssClient } from '../../src-main/features/nss/aggregate';
import { nssReport, type NssReportQuery } from '../../src-main/features/nss/report.query';
import { readNssSettings } from '../../src-main/features/nss/settings';
import { KEEP_PERIODS } from '../../src-main/features/nss/periods';
import type { NSS_SORTS } from '../../src-shared/api/nss';
type NssSort = (typeof NSS_SORTS)[number];
import { addSystems } from '../helpers/systems';

let env: TestEnv;
afterEach(() => env?.close());

/** 27.11.2026 19:00 in Vladivostok (UTC+10). */
const NOW = new Date('2026-11-27T09:00:00Z');

async function dataset() {
  env = await testEnv({ now: NOW });
  const db = env.core.db;
  stmt(db, "INSERT INTO settings (key, value) VALUES ('timezone', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify('Asia/Vladivostok'));
  await addSystems(env.admin);
  const s1 = await env.employee('sio1', ['sio']);
  const s2 = await env.employee('sio2', ['sio']);
  const p1 = await env.employee('pm1', ['pm']);
  const client = async (name: string, sioId: number, pmId?: number) => (await env.admin('clients.create', { name, sioId, pmId })).id;
  const kit = async (clientId: number, n: number, scheme: 'nss' | 'standard', from = '2026-01-01') =>
    (await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: n, scheme, schemeFrom: from })).id;
  const a = await client('Альфа', s1.id, p1.id);
  const a1 = await kit(a, 101, 'nss');
  const a2 = await kit(a, 102, 'standard');
  const b = await client('Бета', s1.id);
  const b1 = await kit(b, 201, 'standard');
  await env.admin('distributions.setScheme', { id: b1, scheme: 'nss', effectiveFrom: '2026-10-15' });
  const c = await client('Вега', s2.id);
  const c1 = await kit(c, 301, 'nss');
  const d = await client('Гамма', s2.id);
  await kit(d, 401, 'standard');
  const e = await client('Дельта', s2.id);
  await kit(e, 501, 'nss');
  const rec = (input: Parameters<typeof env.admin<'nss.records.save'>>[1]) => env.admin('nss.records.save', input);
  // Альфа: ГЛ on the НСС kit counts (5 min), on the standard kit does not; a ПМ call without a kit counts (the client has a
  // НСС kit); a СИО visit at 23:30 Vladivostok time on 31 October stays in October.
  await rec({ clientId: a, kind: 'gl_call', date: '2026-10-05', time: '10:00', distributionId: a1, durationSec: 300 });
  await rec({ clientId: a, kind: 'gl_call', date: '2026-10-06', time: '10:00', distributionId: a2, durationSec: 600 });
  await rec({ clientId: a, kind: 'pm_call', date: '2026-10-10', employeeId: p1.id });
  await rec({ clientId: a, kind: 'sio_visit', date: '2026-10-31', time: '23:30', distributionId: a1, employeeId: s1.id, usrUpdate: '2026-10-30' });
  // Бета: НСС from 15 October — a call on the 10th does not count, one on the 20th does.
  await rec({ clientId: b, kind: 'gl_call', date: '2026-10-10', distributionId: b1, durationSec: 60 });
  await rec({ clientId: b, kind: 'gl_call', date: '2026-10-20', distributionId: b1, durationSec: 120 });
  // Chats and questions come from imports; written here as the imports write them, through the same recompute.
  const touches = new NssTouches();
  const chat = (clientId: number, distributionId: number, startAt: string) => {
    stmt(db, 'INSERT INTO chat_sessions (system_number, distr_number, comp, start_at, distribution_id, client_id, imported_at) VALUES (1, ?, 1, ?, ?, ?, ?)').run(distributionId * 7, startAt, distributionId, clientId, NOW.toISOString());
    touches.add(clientId, startAt);
  };
  chat(a, a1, '2026-10-20T02:00:00Z'); // counts
  chat(a, a2, '2026-10-21T02:00:00Z'); // standard kit: no
  chat(c, c1, '2026-10-31T15:30:00Z'); // 1 November 01:30 in Vladivostok: November, not October
  const question = (clientId: number, distributionId: number | null, askedAt: string, text: string, taskId: number | null = null) => {
    stmt(db, 'INSERT INTO chat_questions (system_number, distr_number, comp, asked_at, asked_on, text, text_key, distribution_id, client_id, task_id, imported_at) VALUES (1, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?)').run(askedAt, askedAt.slice(0, 10), text, text, distributionId, clientId, taskId, NOW.toISOString());
    touches.add(clientId, askedAt);
  };
  question(a, a1, '2026-10-15T01:00:00Z', 'первый');
  touches.flush(db);
  // An e-mailed question (a task) counts as ЛК; one joined to an imported question counts once.
  env.clock.set('2026-10-16T01:00:00Z');
  const t1 = await env.admin('tasks.create', { kind: 'question', clientId: a, text: 'второй' });
  env.clock.set('2026-10-17T01:00:00Z');
  const t2 = await env.admin('tasks.create', { kind: 'question', clientId: a, text: 'третий' });
  question(a, a1, '2026-10-17T01:00:00Z', 'третий', t2.taskId);
  env.clock.set(NOW.toISOString());
  recomputeNssClient(db, a, '2026-10', '2026-10');
  // A seminar on 25 October attended by Альфа's person; Вега's person registered but did not come.
  const sem = Number(stmt(db, "INSERT INTO nss_seminars (title, starts_at, on_date, format, created_at) VALUES ('Новое в НДС', '2026-10-25T01:00:00Z', '2026-10-25', 'online', ?)").run(NOW.toISOString()).lastInsertRowid);
  stmt(db, "INSERT INTO nss_seminar_people (seminar_id, client_id, fio, registered_at, attended) VALUES (?, ?, 'Иванова', ?, 1), (?, ?, 'Петров', ?, 0)").run(sem, a, NOW.toISOString(), sem, c, NOW.toISOString());
  recomputeNssClient(db, a, '2026-10', '2026-10');
  recomputeNssClient(db, c, '2026-10', '2026-10');
  // Cycles: Вега's ends within 30 days (due); Дельта's first was renewed late (on 10.11 after its end on 31.10).
  stmt(db, "INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, created_at, updated_at) VALUES (?, '2026-01-01', '2026-12-10', 'active', ?, ?)").run(c, NOW.toISOString(), NOW.toISOString());
  const old = Number(stmt(db, "INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, renewed_on, created_at, updated_at) VALUES (?, '2025-11-01', '2026-10-31', 'renewed', '2026-11-10', ?, ?)").run(e, NOW.toISOString(), NOW.toISOString()).lastInsertRowid);
  const next = Number(stmt(db, "INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, created_at, updated_at) VALUES (?, '2026-11-01', '2027-10-31', 'active', ?, ?)").run(e, NOW.toISOString(), NOW.toISOString()).lastInsertRowid);
  stmt(db, 'UPDATE nss_cycles SET renewed_by = ? WHERE id = ?').run(next, old);
  return { a, b, c, d, e, s1, s2, p1, t1 };
}

describe('nss.report on a hand-built data set', () => {
  it('per client: every figure, the НСС kits only, the month boundary in the РИЦ zone, gaps and cycles', async () => {
    const { a, b, c, d, e } = await dataset();
    const r = await env.admin('nss.report', { fromMonth: '2026-10', toMonth: '2026-10', sort: 'name', desc: false });
    const by = new Map(r.clients.map((x) => [x.clientId, x]));
    expect([...by.keys()].sort()).toEqual([a, b, c, e].sort());
    expect(by.has(d)).toBe(false); // standard only
    expect(by.get(a)).toMatchObject({
      mix: 'mixed',
      nssKits: 1,
      months: 1,
      glCalls: 1,
      glMinutes: 5,
      lk: 3,
      chats: 1,
      pmContacts: 1,
      sioVisits: 1,
      seminars: 1,
      otherContacts: 0,
      contacts: 8,
      perMonth: 8,
      planPerMonth: 2,
      monthsBelowPlan: 0,
      lastContactOn: '2026-10-31',
      daysSinceContact: 0,
      // 05 → 10 → 15 → 16, 17 → 20 → 25 → 31: the longest is 6 days; from 01.10 to the first contact 4.
      maxGapDays: 6,
      overGap: false,
    });
    expect(by.get(b)).toMatchObject({ mix: 'nss', glCalls: 1, glMinutes: 2, contacts: 1, lastContactOn: '2026-10-20', daysSinceContact: 11, maxGapDays: 19, overGap: false, monthsBelowPlan: 1 });
    expect(by.get(c)).toMatchObject({ contacts: 0, chats: 0, seminars: 0, lastContactOn: null, daysSinceContact: null, maxGapDays: 31, overGap: true, cycleEndsOn: '2026-12-10', cycleView: 'due' });
    expect(by.get(e)).toMatchObject({ contacts: 0, cycleEndsOn: '2027-10-31', cycleView: 'ahead' });
    expect(r.totals).toMatchObject({ clients: 4, contacts: 9, glCalls: 2, lk: 3, chats: 1, pmContacts: 1, sioVisits: 1, seminars: 1, overGapClients: 2, cyclesDue: 1 });
    expect(await env.admin('nss.report.months', { fromMonth: '2026-10', toMonth: '2026-10' })).toEqual([{ month: '2026-10', clients: 4, contacts: 9, glCalls: 2, lk: 3, chats: 1 }]);
    // Вега's chat at 01:30 on 1 November Vladivostok time is November's.
    const nov = await env.admin('nss.report', { fromMonth: '2026-11', toMonth: '2026-11', sort: 'name', desc: false });
    expect(nov.clients.find((x) => x.clientId === c)).toMatchObject({ chats: 1, contacts: 1, lastContactOn: '2026-11-01' });
  });

  it('per СИО and per personal manager: clients, contacts, contacts a week, over-gap clients', async () => {
    const { s1, s2, p1 } = await dataset();
    const r = await env.admin('nss.report', { fromMonth: '2026-10', toMonth: '2026-10', group: 'sio' });
    const sio = new Map(r.staff.map((x) => [x.employeeId, x]));
    expect(sio.get(s1.id)).toMatchObject({ clients: 2, contacts: 9, glCalls: 2, overGapClients: 0, contactsPerWeek: 2 });
    expect(sio.get(s2.id)).toMatchObject({ clients: 2, contacts: 0, overGapClients: 2, cyclesDue: 1 });
    const pm = await env.admin('nss.report', { fromMonth: '2026-10', toMonth: '2026-10', group: 'pm' });
    expect(pm.staff.find((x) => x.employeeId === p1.id)).toMatchObject({ clients: 1, contacts: 8 });
    expect(pm.staff.find((x) => x.employeeId === null)).toMatchObject({ clients: 3, contacts: 1 });
    // A drill-down from the СИО's row: only their clients.
    const drill = await env.admin('nss.report', { fromMonth: '2026-10', toMonth: '2026-10', sioId: s1.id });
    expect(drill.total).toBe(2);
  });

  it('a СИО sees only their own clients; the drill-down lists every contact and says which counted', async () => {
    const { a, c, s1 } = await dataset();
    const mine = await env.as(s1.token, 'nss.report', { fromMonth: '2026-10', toMonth: '2026-10' });
    expect(mine.total).toBe(2);
    const refused = await env.core.call('nss.report.contacts', { clientId: c, fromMonth: '2026-10', toMonth: '2026-10' }, s1.token);
    expect(refused.ok).toBe(false);
    const list = await env.as(s1.token, 'nss.report.contacts', { clientId: a, fromMonth: '2026-10', toMonth: '2026-10' });
    expect(list.filter((x) => x.counted).length).toBe(8);
    expect(list.filter((x) => !x.counted).map((x) => x.kind).sort()).toEqual(['chat', 'gl_call']);
    const sales = await env.employee('sales1', ['sales']);
    expect((await env.core.call('nss.report', { fromMonth: '2026-10', toMonth: '2026-10' }, sales.token)).ok).toBe(false);
  });

  it('a record moved to another month, deleted, or a scheme changed back moves the figures with it', async () => {
    const { a, b } = await dataset();
    const recs = await env.admin('nss.records.list', { clientId: a, kind: 'pm_call' });
    await env.admin('nss.records.save', { id: recs.items[0]!.id, clientId: a, kind: 'pm_call', date: '2026-09-10' });
    const chart = async () => (await env.admin('nss.report.months', { fromMonth: '2026-09', toMonth: '2026-10' })).map((m) => [m.month, m.contacts]);
    let r = await env.admin('nss.report', { fromMonth: '2026-09', toMonth: '2026-10', sort: 'name', desc: false });
    expect(await chart()).toEqual([['2026-09', 1], ['2026-10', 8]]);
    expect(r.clients.find((x) => x.clientId === a)).toMatchObject({ contacts: 8, pmContacts: 1 });
    await env.admin('nss.records.delete', { id: recs.items[0]!.id });
    const bKit = (stmt(env.core.db, 'SELECT id FROM distributions WHERE client_id = ?').get(b) as { id: number }).id;
    await env.admin('distributions.setScheme', { id: bKit, scheme: 'nss', effectiveFrom: '2026-10-01' });
    r = await env.admin('nss.report', { fromMonth: '2026-09', toMonth: '2026-10', sort: 'name', desc: false });
    expect(r.clients.find((x) => x.clientId === b)).toMatchObject({ glCalls: 2, contacts: 2 });
    // Альфа 7 without the deleted call, Бета 2.
    expect(await chart()).toEqual([['2026-09', 0], ['2026-10', 9]]);
    // The kept period of the first report followed every write (its client rows are rewritten in the writers' transactions).
    expect(r.clients.find((x) => x.clientId === a)).toMatchObject({ contacts: 7, pmContacts: 0 });
  });

  it('an edit keeps who did it; a row of a future month follows a later scheme change', async () => {
    const { a, b, s1 } = await dataset();
    const visit = (await env.admin('nss.records.list', { clientId: a, kind: 'sio_visit' })).items[0]!;
    expect(visit).toMatchObject({ employeeId: s1.id, time: '23:30' });
    await env.admin('nss.records.save', { id: visit.id, clientId: a, kind: 'sio_visit', date: '2026-10-30', time: visit.time, distributionId: visit.distributionId });
    expect((await env.admin('nss.records.list', { clientId: a, kind: 'sio_visit' })).items[0]).toMatchObject({ employeeId: s1.id, onDate: '2026-10-30' });
    // A meeting planned in February; the kit goes standard from December: February is no НСС month any more.
    await env.admin('nss.records.save', { clientId: b, kind: 'pm_meeting', date: '2027-02-10' });
    const months = () => (stmt(env.core.db, 'SELECT month FROM nss_client_months WHERE client_id = ? ORDER BY month').all(b) as { month: string }[]).map((m) => m.month);
    expect(months()).toContain('2027-02');
    const kit = (stmt(env.core.db, 'SELECT id FROM distributions WHERE client_id = ?').get(b) as { id: number }).id;
    await env.admin('distributions.setScheme', { id: kit, scheme: 'standard', effectiveFrom: '2026-12-01' });
    expect(months()).not.toContain('2027-02');
    expect(months()).toContain('2026-11');
  });

  it('the КЦ report refuses a month that has not begun, writing nothing', async () => {
    env = await testEnv({ now: NOW });
    for (const m of ['nss.kc.preview', 'nss.kc.save'] as const) {
      const r = await env.core.call(m, { month: '2026-12' }, env.adminToken);
      expect(r.ok ? null : r.error).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'month', reason: 'future' }] });
    }
    expect(stmt(env.core.db, "SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'nss.month.%'").get()).toEqual({ n: 0 });
  });

  describe('kept periods (one row per client per period)', () => {
    const PERIODS: [string, string][] = [['2026-10', '2026-10'], ['2026-09', '2026-11'], ['2026-01', '2026-11'], ['2026-11', '2027-02']];
    const QUERIES: (Omit<NssReportQuery, 'fromMonth' | 'toMonth' | 'limit' | 'offset' | 'sort'> & { sort: NssSort })[] = [
      { group: 'client', sort: 'name', desc: false },
      { group: 'client', sort: 'daysSinceContact', desc: true },
      { group: 'client', sort: 'cycleEndsOn', desc: false },
      { group: 'client', sort: 'maxGapDays', desc: true, overGapOnly: true },
      { group: 'sio', sort: 'name', desc: false },
      { group: 'pm', sort: 'name', desc: false },
    ];
    /** Every query through the API (kept period) equals the same query over the monthly rows. */
    async function sameAsMonths(label: string) {
      const db = env.core.db;
      for (const [fromMonth, toMonth] of PERIODS) {
        for (const q of QUERIES) {
          const viaApi = await env.admin('nss.report', { fromMonth, toMonth, ...q });
          const { today: _t, emptySources: _e, ...page } = viaApi;
          const direct = nssReport(db, { fromMonth, toMonth, ...q, limit: 200, offset: 0, withMonths: false }, readNssSettings(db), viaApi.today);
          const { months: _m, ...want } = direct;
          expect(page, `${label}: ${fromMonth}…${toMonth} ${JSON.stringify(q)}`).toEqual(want);
        }
      }
    }

    it('give the figures of the monthly rows, before and after every kind of write', async () => {
      const { a, b, c, e, s1 } = await dataset();
      await sameAsMonths('built');
      const periods = stmt(env.core.db, "SELECT COUNT(*) AS n FROM nss_periods WHERE state = 'ready'").get() as { n: number };
      expect(periods.n).toBe(PERIODS.length);
      // Writes of every kind after the periods were built: a record added, moved across months, deleted; a seminar
      // attendance; a scheme change back in time; a cycle; a client's СИО changed (read live, never kept).
      const added = await env.admin('nss.records.save', { clientId: c, kind: 'pm_call', date: '2026-10-03' });
      await env.admin('nss.records.save', { id: added.id, clientId: c, kind: 'pm_call', date: '2026-11-03' });
      const first = (await env.admin('nss.records.list', { clientId: a, kind: 'gl_call' })).items.at(-1)!;
      await env.admin('nss.records.delete', { id: first.id });
      await env.admin('nss.records.save', { clientId: e, kind: 'sio_visit', date: '2026-02-14' });
      const bKit = (stmt(env.core.db, 'SELECT id FROM distributions WHERE client_id = ?').get(b) as { id: number }).id;
      await env.admin('distributions.setScheme', { id: bKit, scheme: 'nss', effectiveFrom: '2026-09-01' });
      stmt(env.core.db, "UPDATE clients SET sio_id = (SELECT id FROM employees WHERE login = 'sio2') WHERE id = ?").run(a);
      await sameAsMonths('after writes');
      expect((stmt(env.core.db, 'SELECT COUNT(*) AS n FROM nss_periods').get() as { n: number }).n).toBe(PERIODS.length);
      // A СИО's own clients (the server's scope), a search, a drill-down to a СИО: the same as over the monthly rows.
      const db = env.core.db;
      const variants: [string | null, Pick<NssReportQuery, 'ownerId' | 'search' | 'sioId'>][] = [
        [s1.token, { ownerId: s1.id }],
        [null, { search: 'ль' }],
        [null, { sioId: s1.id }],
      ];
      for (const [as, extra] of variants) {
        const { ownerId, ...input } = extra;
        const q = { fromMonth: '2026-09', toMonth: '2026-11', group: 'client' as const, sort: 'name' as const, desc: false, ...input };
        const got = as ? await env.as(as, 'nss.report', q) : await env.admin('nss.report', q);
        const { today: _t, emptySources: _e, ...page } = got;
        const { months: _m, ...want } = nssReport(db, { ...q, ownerId, limit: 200, offset: 0, withMonths: false }, readNssSettings(db), got.today);
        expect(page, JSON.stringify(extra)).toEqual(want);
        expect(page.total).toBeGreaterThan(0);
      }
      // The plan is part of a period's key: a new plan, new periods, the same answers as the monthly rows.
      const settings = await env.admin('nss.settings.get', {});
      await env.admin('nss.settings.save', { ...settings, plans: { ...settings.plans, nss: { ...settings.plans.nss, contactsPerMonth: 1 } } });
      await sameAsMonths('after a plan change');
    });

    it('a period left half-built (a crash mid-build) is built again; the least recently used beyond the limit are dropped', async () => {
      await dataset();
      await sameAsMonths('built');
      const db = env.core.db;
      stmt(db, "UPDATE nss_periods SET state = 'building'").run();
      stmt(db, 'DELETE FROM nss_period_clients WHERE client_id IN (SELECT MIN(client_id) FROM nss_period_clients)').run();
      await sameAsMonths('rebuilt');
      expect(stmt(db, "SELECT COUNT(*) AS n FROM nss_periods WHERE state <> 'ready'").get()).toEqual({ n: 0 });
      // Left half-dropped (a crash while evicting): asked again, it is built again, never read half-empty.
      stmt(db, "UPDATE nss_periods SET state = 'evicting'").run();
      stmt(db, 'DELETE FROM nss_period_clients WHERE client_id IN (SELECT MAX(client_id) FROM nss_period_clients)').run();
      await sameAsMonths('after an interrupted eviction');
      expect(stmt(db, "SELECT COUNT(*) AS n FROM nss_periods WHERE state <> 'ready'").get()).toEqual({ n: 0 });
      // Long unused periods, more than kept: a new one drops the oldest beyond KEEP_PERIODS (their rows with them).
      stmt(db, "UPDATE nss_periods SET used_at = '2026-01-01T00:00:00.000Z'").run();
      for (let m = 1; m <= KEEP_PERIODS + 2; m++) {
        const month = `2025-${String(m).padStart(2, '0')}`;
        await env.admin('nss.report', { fromMonth: month, toMonth: '2026-10' });
        stmt(db, "UPDATE nss_periods SET used_at = '2026-01-01T00:00:00.000Z'").run();
      }
      const kept = stmt(db, 'SELECT COUNT(*) AS n FROM nss_periods').get() as { n: number };
      expect(kept.n).toBe(KEEP_PERIODS);
      const orphans = stmt(db, 'SELECT COUNT(*) AS n FROM nss_period_clients WHERE period_id NOT IN (SELECT id FROM nss_periods)').get();
      expect(orphans).toEqual({ n: 0 });
    });
  });
});
