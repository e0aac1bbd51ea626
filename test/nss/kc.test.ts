// The monthly НСС report to the КЦ on a hand-built data set: rows and every column, the comparison with last month, save, archive, download, access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { startServer, type TestServer } from '../api/http';
import { remoteBackend } from '../../src-main/electron/backend';
import { parseNssKc } from '../../src-main/features/nss/kc.format';
import { diffNssKc, isBigChange } from '../../src-main/features/nss/kc.diff';
import { saveNssSettings } from '../../src-main/features/nss/settings';
import { DEFAULT_NSS_SETTINGS, type NssKcRow } from '../../src-shared/nss';
import { addCounterparty, addKcClient, addRecords, INNS, type KcClient } from './kc-data';

let env: TestEnv;
let server: TestServer;
let head: { id: number; token: string };
let sales: { id: number; token: string };
let a: KcClient;
let b: KcClient;
let c: KcClient;
let d: KcClient;

beforeAll(async () => {
  env = await testEnv(); // today 2026-11-27: October is the month to report
  server = await startServer(env.core);
  const db = env.core.db;
  head = await env.employee('head1', ['head']);
  sales = await env.employee('sales1', ['sales']);
  const sio = await env.employee('sio1', ['sio']);
  const pm = await env.employee('pm1', ['pm']);
  const jan = '2026-01-01';
  // A: mixed schemes (one НСС kit, one standard), contacts on 5 and 15 October and on the month's last day.
  a = addKcClient(db, { name: 'ООО Альфа', inn: INNS[0], kpp: '773601001', sioId: sio.id, pmId: pm.id, kits: [[['nss', jan]], [['standard', jan]]] });
  addRecords(db, a.id, [{ kind: 'gl_call', on: '2026-09-10' }]);
  addRecords(db, a.id, [
    { kind: 'gl_call', on: '2026-10-05', count: 3 },
    { kind: 'sio_visit', on: '2026-10-15' },
    { kind: 'pm_call', on: '2026-10-31' },
  ]);
  const cycle = db.$client.prepare("INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01', '2026-01-01')");
  cycle.run(a.id, '2026-01-01', '2026-12-31', 'active');
  cycle.run(a.id, '2025-10-16', '2026-10-15', 'active');
  cycle.run(a.id, '2025-10-06', '2026-10-05', 'lapsed');
  // B: works under a new counterparty from 1 October; the last contact was in August.
  b = addKcClient(db, { name: 'ООО Бета', inn: INNS[2], kpp: '770201001', sioId: sio.id, kits: [[['nss', jan]]] });
  addRecords(db, b.id, [{ kind: 'contact', on: '2026-08-20' }]);
  addCounterparty(db, b.id, '2026-10-01', { name: 'ООО «Бета-Холдинг»', inn: INNS[1], kpp: '773601002' });
  // C: becomes НСС mid-October; D stops being НСС on 10 October (no НСС kit on the last day: not in the file).
  c = addKcClient(db, { name: 'ООО Вега', inn: INNS[3], kpp: '772801001', sioId: sio.id, kits: [[['standard', jan], ['nss', '2026-10-20']]] });
  d = addKcClient(db, { name: 'ООО Гамма', inn: INNS[4], kpp: '774001001', sioId: sio.id, kits: [[['nss', jan], ['standard', '2026-10-10']]] });
});
afterAll(async () => {
  await server.close();
  await env.close();
});

const kit = (n: number) => `SKJP_00${n}`;

describe('nss.kc.preview', () => {
  it('gives one row per client НСС on the month’s last day, every column from its source, and writes no report', async () => {
    const p = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
    expect(p.total).toBe(3);
    expect(p.rows.map((r) => r.clientId)).toEqual([a.id, b.id, c.id]);
    expect(p.rows.some((r) => r.clientId === d.id)).toBe(false);
    expect(p.rows[0]).toEqual({
      clientId: a.id,
      inn: INNS[0],
      kpp: '773601001',
      name: 'ООО Альфа',
      kits: kit(1001),
      nssKits: 1,
      contacts: 5,
      glCalls: 3,
      lk: 0,
      chats: 0,
      seminars: 0,
      sioVisits: 1,
      pmContacts: 1,
      lastContactOn: '2026-10-31',
      sio: 'Сотрудник sio1',
      pm: 'Сотрудник pm1',
      cycleEndsOn: '2026-10-15',
    } satisfies NssKcRow);
    expect(p.rows[1]).toMatchObject({ inn: INNS[1], kpp: '773601002', name: 'ООО «Бета-Холдинг»', kits: kit(1003), contacts: 0, lastContactOn: '2026-08-20', pm: '', cycleEndsOn: '' });
    expect(p.rows[2]).toMatchObject({ name: 'ООО Вега', kits: kit(1004), nssKits: 1, contacts: 0 });
    expect(p.totals).toEqual({ rows: 3, nssKits: 3, contacts: 5, glCalls: 3, lk: 0, chats: 0, seminars: 0, sioVisits: 1, pmContacts: 1 });
    expect(p.problems).toEqual([]);
    expect(p.diff).toMatchObject({ previousMonth: null, added: [], gone: [], changed: [] });
    // Paging.
    const page = await env.as(head.token, 'nss.kc.preview', { month: '2026-10', offset: 2, limit: 1 });
    expect(page.rows.map((r) => r.clientId)).toEqual([c.id]);
    expect(env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM nss_kc_reports').get()).toEqual({ n: 0 });
  });

  it('lists a problem per client with the tab to fix it, and saving is refused with one issue per problem', async () => {
    const db = env.core.db.$client;
    db.prepare('UPDATE clients SET inn = NULL, sio_id = NULL WHERE id = ?').run(c.id);
    try {
      const p = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
      expect(p.problems).toEqual([
        { clientId: c.id, name: 'ООО Вега', code: 'no_inn', fixTab: 'general' },
        { clientId: c.id, name: 'ООО Вега', code: 'no_sio', fixTab: 'general' },
      ]);
      expect(p.problemCount).toBe(2);
      const r = await env.core.call('nss.kc.save', { month: '2026-10' }, head.token);
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', issues: [{ path: `clients.${c.id}.no_inn`, reason: 'no_inn' }, { path: `clients.${c.id}.no_sio`, reason: 'no_sio' }] },
      });
      expect(db.prepare('SELECT COUNT(*) AS n FROM nss_kc_reports').get()).toEqual({ n: 0 });
      // A stale aggregate (the month counts more НСС kits than are НСС on the last day) and totals that do not add up.
      db.prepare("UPDATE nss_client_months SET nss_kits = 2 WHERE client_id = ? AND month = '2026-10'").run(a.id);
      const stale = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
      expect(stale.problems.filter((x) => x.clientId === a.id).map((x) => x.code)).toEqual(['kits_not_nss']);
    } finally {
      db.prepare("UPDATE clients SET inn = ?, sio_id = (SELECT id FROM employees WHERE login = 'sio1') WHERE id = ?").run(INNS[3], c.id);
      db.prepare("UPDATE nss_client_months SET nss_kits = 1 WHERE client_id = ? AND month = '2026-10'").run(a.id);
    }
  });
});

describe('save, the comparison with last month, the archive', () => {
  let sep: number;
  let oct: number;

  it('saves September, then shows October’s differences before saving: added, gone, big changes', async () => {
    const s = await env.as(head.token, 'nss.kc.save', { month: '2026-09' });
    sep = s.id;
    expect(s).toMatchObject({ month: '2026-09', rowCount: 3, createdBy: 'Сотрудник head1', latest: true, fileName: `НСС-КЦ-2026-09-${s.id}.csv` });
    const p = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
    expect(p.diff.previousMonth).toBe('2026-09');
    expect(p.diff.previousId).toBe(sep);
    // B changed its ИНН (a new counterparty): gone under the old, added under the new; C is new; D is gone.
    expect(p.diff.added.map((x) => x.name).sort()).toEqual(['ООО «Бета-Холдинг»', 'ООО Вега']);
    expect(p.diff.gone.map((x) => x.name).sort()).toEqual(['ООО Бета', 'ООО Гамма']);
    expect(p.diff.changed).toEqual([
      { inn: INNS[0], kpp: '773601001', name: 'ООО Альфа', field: 'contacts', before: 1, after: 5 },
      { inn: INNS[0], kpp: '773601001', name: 'ООО Альфа', field: 'glCalls', before: 1, after: 3 },
    ]);
    expect(p.diff.counts).toEqual({ added: 2, gone: 2, changed: 2 });
  });

  it('saves October with its file, rows and diff; a second save of the month is kept and becomes the latest', async () => {
    const preview = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
    const first = await env.as(head.token, 'nss.kc.save', { month: '2026-10' });
    const second = await env.as(head.token, 'nss.kc.save', { month: '2026-10' });
    oct = second.id;
    const list = await env.as(head.token, 'nss.kc.list', {});
    expect(list.map((x) => [x.id, x.month, x.latest])).toEqual([
      [second.id, '2026-10', true],
      [first.id, '2026-10', false],
      [sep, '2026-09', true],
    ]);
    const got = await env.as(head.token, 'nss.kc.get', { id: first.id });
    expect(got.rows).toEqual(preview.rows);
    expect(got.diff).toEqual(JSON.parse(JSON.stringify(preview.diff)));
    expect(got.totals).toEqual(preview.totals);
    expect(got).toMatchObject({ format: 'nss-kc/1', latest: false, total: 3, rowCount: 3 });
    // The kept file is the rows: read back, they are the saved rows; its hash is the one recorded.
    const kept = env.core.db.$client.prepare('SELECT content, sha256 FROM nss_kc_reports WHERE id = ?').get(first.id) as { content: Buffer; sha256: string };
    expect(parseNssKc(kept.content)).toEqual(preview.rows.map(({ clientId: _, ...r }) => r));
    expect(kept.sha256).toBe(first.sha256);
    // Opening it later shows it as saved even when the data changed since.
    env.core.db.$client.prepare('UPDATE clients SET name = ? WHERE id = ?').run('ООО Альфа-Новая', a.id);
    expect((await env.as(head.token, 'nss.kc.get', { id: first.id })).rows[0]!.name).toBe('ООО Альфа');
    expect(await env.core.call('nss.kc.get', { id: 99999 }, head.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps exactly the file that was previewed: a save after the data changed is refused and keeps nothing', async () => {
    const count = () => (env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM nss_kc_reports').get() as { n: number }).n;
    const seen = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
    expect(seen.fileHash).toMatch(/^[0-9a-f]{64}$/);
    // A colleague records a call into October after the head looked at the report.
    addRecords(env.core.db, a.id, [{ kind: 'gl_call', on: '2026-10-20' }]);
    const before = count();
    expect(await env.core.call('nss.kc.save', { month: '2026-10', fileHash: seen.fileHash }, head.token)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: 'fileHash', reason: 'changed' }] },
    });
    expect(count()).toBe(before);
    // Built again, the new file is what gets saved, and its hash is the one kept.
    const again = await env.as(head.token, 'nss.kc.preview', { month: '2026-10' });
    expect(again.fileHash).not.toBe(seen.fileHash);
    expect(again.rows.find((r) => r.clientId === a.id)!.glCalls).toBe(seen.rows.find((r) => r.clientId === a.id)!.glCalls + 1);
    const saved = await env.as(head.token, 'nss.kc.save', { month: '2026-10', fileHash: again.fileHash });
    expect(saved.sha256).toBe(again.fileHash);
    expect(await env.core.call('nss.kc.save', { month: '2026-10', fileHash: 'not-a-hash' }, head.token)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('downloads the kept file byte for byte over HTTP and the desktop bridge, to managers only', async () => {
    const kept = env.core.db.$client.prepare('SELECT content, file_name AS name FROM nss_kc_reports WHERE id = ?').get(oct) as { content: Buffer; name: string };
    const get = (id: number | string, token?: string) => fetch(`${server.url}/files/nss-kc/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const res = await get(oct, head.token);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(kept.name);
    expect(Buffer.from(await res.arrayBuffer()).equals(kept.content)).toBe(true);
    expect((await get(oct)).status).toBe(401);
    expect((await get(oct, sales.token)).status).toBe(403);
    for (const bad of ['999999', '0', '-1', 'abc', '1e3', '..%2F..%2Fetc%2Fpasswd', '']) expect((await get(bad, head.token)).status, bad).toBe(404);
    expect((await fetch(`${server.url}/files/nss-kc/${oct}`, { method: 'POST', headers: { Authorization: `Bearer ${head.token}` } })).status).toBe(405);
    const bridge = remoteBackend(server.url);
    try {
      const r = await bridge.downloadNssKc(oct, head.token);
      expect(r.ok && Buffer.from(r.data.bytes).equals(kept.content)).toBe(true);
      expect(r.ok && r.data.name).toBe(kept.name);
      expect(await bridge.downloadNssKc(oct, sales.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      await bridge.close();
    }
  });

  it('refuses every method to those who are not managers', async () => {
    for (const [m, input] of [
      ['nss.kc.preview', { month: '2026-10' }],
      ['nss.kc.save', { month: '2026-10' }],
      ['nss.kc.list', {}],
      ['nss.kc.get', { id: oct }],
    ] as const) {
      expect(await env.core.call(m, input as never, sales.token), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('the big-change threshold', () => {
  const r = (o: Partial<NssKcRow>): NssKcRow => ({
    clientId: 1, inn: INNS[0], kpp: '773601001', name: 'А', kits: 'x', nssKits: 1, contacts: 10, glCalls: 0, lk: 0, chats: 0, seminars: 0, sioVisits: 0, pmContacts: 0,
    lastContactOn: '', sio: 'С', pm: '', cycleEndsOn: '', ...o,
  });

  it('counts a change of at least the setting’s % and at least 2, not one just under either', () => {
    expect(isBigChange(10, 15, 50)).toBe(true); // exactly 50 %
    expect(isBigChange(10, 14, 50)).toBe(false); // 40 %
    expect(isBigChange(10, 5, 50)).toBe(true);
    expect(isBigChange(2, 3, 50)).toBe(false); // 50 % but only 1
    expect(isBigChange(0, 2, 50)).toBe(true);
    expect(isBigChange(0, 1, 50)).toBe(false);
    const before = { month: '2026-09', id: 1, rows: [r({})] };
    expect(diffNssKc(before, [r({ contacts: 15 })], 50).changed).toEqual([{ inn: INNS[0], kpp: '773601001', name: 'А', field: 'contacts', before: 10, after: 15 }]);
    expect(diffNssKc(before, [r({ contacts: 14 })], 50).changed).toEqual([]);
    expect(diffNssKc(before, [r({ contacts: 14 })], 40).changed).toHaveLength(1);
  });

  it('uses the threshold of the settings', async () => {
    saveNssSettings(env.core.db, { ...DEFAULT_NSS_SETTINGS, bigChangePct: 500 });
    const p = await env.as(head.token, 'nss.kc.preview', { month: '2026-11' });
    expect(p.diff.bigChangePct).toBe(500);
    expect(p.diff.previousMonth).toBe('2026-10');
  });
});
