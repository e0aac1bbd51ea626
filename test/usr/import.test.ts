// USR files through the real import mechanism: per-file statuses, kits linked or listed, proven updates kept once, monthly aggregates, a ZIP with a mix.
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { importUsr, usrFixture as fixture } from './helpers';
import { stmt } from '../../src-main/db/stmt';
import { updateDates, usrBytes, usrXml, type GenUsr } from '../helpers/usr-gen';

let env: TestEnv;
afterEach(() => env?.close());

const importFiles = (files: { name: string; bytes: Uint8Array }[]) => importUsr(env, files);

const all = <T>(sql: string, ...args: unknown[]) => stmt(env.core.db, sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => stmt(env.core.db, sql).get(...args) as T;

describe('USR files through the import mechanism', () => {
  it('stores the fixture (one kit known, one not), takes the same bytes under another name as a duplicate, and refuses bad files by status', async () => {
    env = await testEnv();
    await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: null });
    const c = await env.admin('clients.create', { name: 'ООО Восток-Транс' });
    const d = await env.admin('distributions.save', { clientId: c.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
    const g: GenUsr = { kits: [{ code: 'SKJP', number: 1, distr: 123, comp: 2 }], banks: [{ code: 'LAW', updates: ['2026-11-26'] }] };
    const text = Buffer.from('Заметка: отвезти дистрибутив клиенту.\r\n', 'utf8');
    const res = await importFiles([
      { name: 'CONS#1_000123.usr', bytes: fixture },
      { name: 'копия.usr', bytes: fixture },
      { name: 'CONS#1_000124.usr', bytes: usrBytes({ ...g, formatVersion: 1 }) },
      { name: 'CONS#1_000125.usr', bytes: usrBytes(g).subarray(0, 700) },
      { name: 'notes.usr', bytes: text },
      { name: 'CONS#1_000126.USR', bytes: usrBytes(g) },
    ]);
    expect(res.map((r) => [r.name, r.kind, r.status])).toEqual([
      ['CONS#1_000123.usr', 'usr.file', 'unknown_kit'],
      ['копия.usr', 'usr.file', 'duplicate'],
      ['CONS#1_000124.usr', 'usr.file', 'too_old'],
      ['CONS#1_000125.usr', 'usr.file', 'malformed'],
      ['notes.usr', 'usr.file', 'not_usr'],
      ['CONS#1_000126.USR', 'usr.file', 'stored'],
    ]);
    expect(res[0]!.problems).toEqual([{ record: 1, code: 'unknown_kit', detail: 'BUHS_045678' }]);
    expect(all('SELECT name, status FROM usr_files ORDER BY id')).toEqual([
      { name: 'CONS#1_000123.usr', status: 'unknown_kit' },
      { name: 'CONS#1_000126.USR', status: 'stored' },
    ]);
    const kits = all<{ code: string; distributionId: number | null; lastUpdate: string; lastFileAt: string }>(
      'SELECT system_code AS code, distribution_id AS distributionId, last_update AS lastUpdate, last_file_at AS lastFileAt FROM usr_kits ORDER BY id',
    );
    expect(kits).toEqual([
      { code: 'SKJP', distributionId: d.id, lastUpdate: '2026-11-26', lastFileAt: '2026-11-26T10:15:02' },
      { code: 'BUHS', distributionId: null, lastUpdate: '2026-11-19', lastFileAt: '2026-11-20T10:15:02' },
    ]);
    // The catalogue learnt SKJP's number from the element name.
    expect(one('SELECT number FROM kplus_systems WHERE code = ?', 'SKJP')).toEqual({ number: 1 });
    expect(all('SELECT code, last_update AS lastUpdate, update_count AS n FROM usr_banks WHERE usr_file_id = 1 ORDER BY id')).toEqual([
      { code: 'LAW', lastUpdate: '2026-11-19', n: 2 },
      { code: 'BUH', lastUpdate: '2026-11-19', n: 1 },
    ]);
    expect(one('SELECT count(*) AS n FROM usr_updates')).toEqual({ n: 4 });
  }, 60_000);

  it('keeps a proven update once over two files of one kit, sums months right, and does not move the kit back to an older file', async () => {
    env = await testEnv();
    const kits = [{ code: 'SKJP', number: 1, distr: 77 }];
    const older = updateDates('2026-10-28', 6, 7); // 09-23 … 10-28
    const newer = updateDates('2026-11-18', 6, 7); // 10-14 … 11-18, three dates shared
    const a: GenUsr = { kits, banks: [{ code: 'LAW', updates: older }, { code: 'BUH', updates: older }] };
    const b: GenUsr = { kits, banks: [{ code: 'LAW', updates: newer }, { code: 'BUH', updates: newer.slice(-2) }] };
    const res = await importFiles([
      { name: 'CONS#1_000077_b.usr', bytes: usrBytes(b) },
      { name: 'CONS#1_000077_a.usr', bytes: usrBytes(a) },
    ]);
    expect(res.map((r) => r.status)).toEqual(['unknown_kit', 'unknown_kit']);
    const updates = all<{ bank: string; date: string; f: number }>('SELECT bank, date, usr_file_id AS f FROM usr_updates ORDER BY bank, date');
    const expected = new Set([...older.map((x) => `LAW ${x}`), ...newer.map((x) => `LAW ${x}`), ...older.map((x) => `BUH ${x}`), ...newer.slice(-2).map((x) => `BUH ${x}`)]);
    expect(updates.length).toBe(expected.size);
    const months = all<{ month: string; sessions: number; updates: number; lastUpdate: string }>(
      'SELECT month, sessions, updates, last_update AS lastUpdate FROM usr_kit_months ORDER BY month',
    );
    const dates = [...expected].map((x) => x.slice(4));
    const want = [...new Set(dates.map((x) => x.slice(0, 7)))].sort().map((m) => {
      const inMonth = dates.filter((x) => x.startsWith(m));
      return { month: m, sessions: new Set(inMonth).size, updates: inMonth.length, lastUpdate: inMonth.sort().at(-1)! };
    });
    expect(months).toEqual(want);
    expect(one('SELECT last_update AS u, last_file_id AS f FROM usr_kits')).toEqual({ u: '2026-11-18', f: 1 });
  }, 60_000);

  it('is idempotent: the same facts in other bytes (line ends changed) land as a new file and change no update, month or kit date', async () => {
    env = await testEnv();
    const g: GenUsr = { kits: [{ code: 'SKJP', number: 1, distr: 88 }], banks: [{ code: 'LAW', updates: updateDates('2026-11-20', 30) }, { code: 'BUH', updates: updateDates('2026-11-13', 20) }] };
    const crlf = usrBytes(g);
    const lf = Buffer.from(crlf.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const snapshot = () => ({
      updates: all('SELECT usr_kit_id, bank, date, usr_file_id FROM usr_updates ORDER BY bank, date'),
      months: all('SELECT * FROM usr_kit_months ORDER BY month'),
      kit: one('SELECT last_update, last_file_at FROM usr_kits'),
    });
    expect((await importFiles([{ name: 'CONS#1_000088.usr', bytes: crlf }]))[0]!.status).toBe('unknown_kit');
    const before = snapshot();
    expect((await importFiles([{ name: 'CONS#1_000088 (2).usr', bytes: lf }]))[0]!.status).toBe('unknown_kit');
    expect(one('SELECT count(*) AS n FROM usr_files')).toEqual({ n: 2 });
    expect(snapshot()).toEqual(before);
    expect(before.updates).toHaveLength(50);
  }, 60_000);

  it('links a kit whose element code the base does not use through the catalogue number, and lists a number that differs', async () => {
    env = await testEnv();
    await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
    await env.admin('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 7 });
    const c = await env.admin('clients.create', { name: 'ООО Север' });
    const d = await env.admin('distributions.save', { clientId: c.id, systemCode: 'SKJP', distrNumber: 9, comp: 1 });
    const res = await importFiles([
      { name: 'CONS#1_000009.usr', bytes: usrBytes({ kits: [{ code: 'SKJPX', number: 1, distr: 9 }], banks: [{ code: 'LAW', updates: ['2026-11-02'] }] }) },
      { name: 'CONS#2_000010.usr', bytes: usrBytes({ kits: [{ code: 'BUHS', number: 2, distr: 10 }], banks: [{ code: 'BUH', updates: ['2026-11-02'] }] }) },
    ]);
    expect(res[0]!.status).toBe('stored');
    expect(one('SELECT distribution_id AS d FROM usr_kits WHERE system_code = ?', 'SKJPX')).toEqual({ d: d.id });
    expect(res[1]).toMatchObject({ status: 'unknown_kit' });
    expect(res[1]!.problems).toEqual([
      { record: 1, code: 'system_number_mismatch', detail: 'BUHS_2: 7' },
      { record: 1, code: 'unknown_kit', detail: 'BUHS_000010' },
    ]);
    expect(one('SELECT number FROM kplus_systems WHERE code = ?', 'BUHS')).toEqual({ number: 7 });
  }, 60_000);

  it('opens a ZIP with a mix: each member gets its own status, one bad member stops nothing', async () => {
    env = await testEnv();
    const g = (distr: number, encoding: 'utf-8' | 'windows-1251'): GenUsr => ({ kits: [{ code: 'SKJP', number: 1, distr }], banks: [{ code: 'LAW', updates: ['2026-11-02'] }], encoding });
    const good = usrBytes(g(1, 'windows-1251'));
    const zip = zipSync({
      'СИО Иванов/CONS#1_000001.usr': good,
      'СИО Иванов/CONS#1_000002.usr': usrBytes(g(2, 'utf-8')),
      'СИО Петров/copy.usr': good,
      'СИО Петров/old.usr': usrBytes({ ...g(3, 'utf-8'), formatVersion: 1 }),
      'СИО Петров/broken.usr': Buffer.from(usrXml(g(4, 'utf-8')).replace('</ib>', '')),
      'readme.usr': Buffer.from('просто текст'),
    });
    const res = await importFiles([{ name: 'from-sio.zip', bytes: zip }]);
    const statuses = Object.fromEntries(res.map((r) => [r.name.split('/').at(-1), r.status]));
    expect(statuses).toMatchObject({
      'from-sio.zip': 'opened',
      'CONS#1_000001.usr': 'unknown_kit',
      'CONS#1_000002.usr': 'unknown_kit',
      'copy.usr': 'duplicate',
      'old.usr': 'too_old',
      'broken.usr': 'malformed',
      'readme.usr': 'not_usr',
    });
    expect(one('SELECT count(*) AS n FROM usr_files')).toEqual({ n: 2 });
  }, 60_000);
});
