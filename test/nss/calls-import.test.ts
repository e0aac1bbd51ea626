// ГЛ call lists through the import mechanism: staging, matching (kit, phone, ambiguous, not found), duplicates, all-or-nothing apply, aggregates, re-import.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { storeStream } from '../../src-main/features/imports/store';
import { createBatch, runBatch } from '../../src-main/features/imports/process';
import { batchDetail } from '../../src-main/features/imports/journal';
import { testEnv, type TestEnv } from '../helpers/core';
import { csvOf, importList, xlsxOf } from '../glavbukh/helpers';
import { addEmployee, callsOf, monthRow, nssClient, setZone } from './calls-helpers';
import { NSS_CALL_LAYOUTS_KEY } from '../../src-main/features/nss/calls.mapping';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
  setZone(env.core.db, 'Asia/Vladivostok');
});
afterEach(async () => {
  await env.close();
});

const HEAD = ['Дата', 'Время', 'Телефон', 'Номер дистрибутива', 'Оператор', 'Длительность'];

describe('call list import', () => {
  it('stages a CSV, matches by kit and phone, shows every state, refuses apply while rows are open, then applies and updates the months', async () => {
    const db = env.core.db;
    const a = nssClient(db, 'ООО «Ромашка»', { code: 'SKJP', number: 123456 }, ['+7 (914) 111-22-33']);
    const b = nssClient(db, 'АО Берёза', { code: 'SOJ', number: 777 }, ['8 914 555-00-00']);
    const c = nssClient(db, 'ИП Клён', { code: 'SKJP', number: 888 }, ['89145550000']);
    const anna = addEmployee(db, 'anna', 'Иванова Анна Викторовна');
    const text = csvOf([
      HEAD,
      ['31.01.2026', '23:30', '', 'SKJP 123456', 'Иванова А.В.', '01:30'], // 1 matched by kit, the month's last day late at night
      ['01.02.2026', '10:00', '+7 914 111 22 33', '', 'Петров', '2:00'], // 2 matched by phone, unknown operator
      ['01.02.2026', '11:00', '9145550000', '', 'Иванова А.В.', '0:45'], // 3 ambiguous: the phone of two clients
      ['01.02.2026', '12:00', '84232000000', '999999', '', '0:10'], // 4 not found
      ['31.01.2026', '23:30', '', 'SKJP 123456', 'Иванова А.В.', '01:30'], // 5 duplicate of row 1
      ['32.01.2026', '12:00', '', '777', '', '0:10'], // 6 bad date
      ['01.02.2026', '12:00', '', '777', '', 'долго'], // 7 bad duration
      ['01.02.2026', '13:00', '', '777', 'Иванова Анна Викторовна', '1:00:00'], // 8 matched by the number alone
    ]);
    const r = await importList(env, 'звонки.csv', text);
    expect(r.status).toBe('staged');
    expect(r.kind).toBe('nss.calls');
    const stageId = r.stageId!;
    const rev = await env.admin('nss.calls.review', { stageId });
    expect(rev.mappingSource).toBe('guessed');
    expect(rev.mapping).toEqual({ date: 0, time: 1, phone: 2, kit: 3, employee: 4, duration: 5 });
    expect(rev.durationUnit).toBe('clock');
    expect(rev.rows.map((x) => [x.row, x.state, x.by ?? x.problem, x.client?.id ?? null])).toEqual([
      [1, 'matched', 'kit', a.id],
      [2, 'matched', 'phone', a.id],
      [3, 'ambiguous', null, null],
      [4, 'unmatched', null, null],
      [5, 'duplicate', 'kit', a.id],
      [6, 'invalid', 'date_invalid', null],
      [7, 'invalid', 'duration_invalid', null],
      [8, 'matched', 'kit', b.id],
    ]);
    expect(rev.rows[2]!.candidates.map((x) => x.id).sort()).toEqual([b.id, c.id].sort());
    expect(rev.rows[4]!.otherRow).toBe(1);
    expect(rev.rows[0]!.employee?.id).toBe(anna);
    expect(rev.rows[1]!.employee).toBeNull();
    expect(rev.rows[7]!.values.durationSec).toBe(3600);
    expect(rev.counts).toEqual({ matched: 3, ambiguous: 1, unmatched: 1, duplicate: 1, invalid: 2 });
    expect(rev.open).toBe(4);
    expect(rev.unknownEmployees).toBe(1);

    // Open rows: refused, one issue per open row, nothing written.
    const refused = await env.core.call('imports.stage.apply', { id: stageId, decisions: { mapping: rev.mapping } }, env.adminToken);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'rows.3' }, { path: 'rows.4' }, { path: 'rows.6' }, { path: 'rows.7' }] });
    expect(callsOf(db)).toEqual([]);

    const decisions = { mapping: rev.mapping, matches: [{ row: 3, clientId: c.id }, { row: 4, clientId: b.id }], skip: [6, 7] };
    const after = await env.admin('nss.calls.review', { stageId, decisions });
    expect(after.open).toBe(0);
    expect(after.rows[2]!.by).toBe('hand');
    const res = await env.admin('imports.stage.apply', { id: stageId, decisions });
    expect(res).toEqual({ added: 5, skipped: 3, flagged: 0 });
    const calls = callsOf(db);
    expect(calls.map((x) => [x.clientId, x.onDate, x.durationSec, x.source])).toEqual([
      [a.id, '2026-01-31', 90, 'import'],
      [a.id, '2026-02-01', 120, 'import'],
      [c.id, '2026-02-01', 45, 'import'],
      [b.id, '2026-02-01', 10, 'import'],
      [b.id, '2026-02-01', 3600, 'import'],
    ]);
    // 23:30 in Vladivostok (UTC+10) is 13:30 UTC the same day; the kit is kept; the employee matched by initials.
    expect(calls[0]).toMatchObject({ at: '2026-01-31T13:30:00.000Z', distributionId: a.kitId, employeeId: anna, comment: null });
    expect(calls[1]).toMatchObject({ employeeId: null, comment: 'Оператор: Петров', phone: '+7 914 111 22 33', distributionId: null });
    // A hand match keeps no kit the row did not name for that client; a number naming one kit keeps it.
    expect(calls[2]!.distributionId).toBeNull();
    expect(calls[4]!.distributionId).toBe(b.kitId);
    expect(new Set(calls.map((x) => x.sourceFileId)).size).toBe(1);
    expect(monthRow(db, a.id, '2026-01')).toEqual({ glCalls: 1, glSec: 90 });
    expect(monthRow(db, a.id, '2026-02')).toEqual({ glCalls: 1, glSec: 120 });
    expect(monthRow(db, b.id, '2026-02')).toEqual({ glCalls: 2, glSec: 3610 });
    expect(monthRow(db, c.id, '2026-02')).toEqual({ glCalls: 1, glSec: 45 });

    // The same file again: refused as a duplicate by the mechanism.
    const again = await importList(env, 'звонки.csv', text);
    expect(again.status).toBe('duplicate');
    // The same calls in another file: every row a duplicate, nothing written; the mapping is remembered.
    const other = await importList(env, 'звонки-копия.csv', csvOf([HEAD, ['31.01.2026', '23:30', '', 'SKJP 123456', '', '90'], ['01.02.2026', '13:00', '', '777', '', '3600']]));
    const rev2 = await env.admin('nss.calls.review', { stageId: other.stageId! });
    expect(rev2.mappingSource).toBe('remembered');
    expect(rev2.rows.map((x) => [x.state, x.otherRow])).toEqual([
      ['duplicate', null],
      ['duplicate', null],
    ]);
    expect(await env.admin('imports.stage.apply', { id: other.stageId!, decisions: {} })).toEqual({ added: 0, skipped: 2, flagged: 0 });
    expect(callsOf(db)).toHaveLength(5);
    expect(monthRow(db, b.id, '2026-02')).toEqual({ glCalls: 2, glSec: 3610 });
    const layouts = JSON.parse((db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(NSS_CALL_LAYOUTS_KEY) as { value: string }).value) as Record<string, unknown>;
    expect(Object.values(layouts)).toEqual([rev.mapping]);
  });

  it('reads windows-1251 with commas, tabs, an XLSX with one date-time column and minutes, and picks the kind when asked', async () => {
    const db = env.core.db;
    const a = nssClient(db, 'ООО «Ромашка»', { code: 'SKJP', number: 123456 }, ['+7 (914) 111-22-33']);
    const cp = iconv.encode(csvOf([['Дата звонка', 'Время', 'Номер абонента', 'Консультант', 'Длительность, мин'], ['05.02.2026', '09:15', '89141112233', 'Кто-то', '2,5']], ','), 'win1251');
    const r1 = await importList(env, 'calls-1251.csv', cp);
    expect(r1.kind).toBe('nss.calls');
    const rev1 = await env.admin('nss.calls.review', { stageId: r1.stageId! });
    expect(rev1.durationUnit).toBe('minutes');
    expect(rev1.rows.map((x) => [x.state, x.values.durationSec, x.values.employee])).toEqual([['matched', 150, 'Кто-то']]);

    const tab = await importList(env, 'calls-tab.csv', csvOf([['Date', 'Time', 'Phone', 'Operator', 'Duration (sec)'], ['2026-02-06', '10:00:05', '9141112233', 'X', '61']], '\t'));
    const rev2 = await env.admin('nss.calls.review', { stageId: tab.stageId! });
    expect(rev2.rows.map((x) => [x.state, x.values.time, x.values.durationSec])).toEqual([['matched', '10:00:05', 61]]);

    // An XLSX the name does not call a call list: read as one when the batch names the kind.
    const xlsx = xlsxOf([
      ['Дата и время', 'Дистрибутив', 'Длительность'],
      ['07.02.2026 18:45', 'SKJP 123456', '00:03:00'],
    ]);
    const x = await importList(env, 'выгрузка.xlsx', xlsx, { kind: 'nss.calls' });
    expect(x.kind).toBe('nss.calls');
    const rev3 = await env.admin('nss.calls.review', { stageId: x.stageId! });
    expect(rev3.rows.map((y) => [y.state, y.values.date, y.values.time, y.values.durationSec, y.client?.id])).toEqual([['matched', '2026-02-07', '18:45:00', 180, a.id]]);
    // Without the kind the same workbook is the Главбух list it was before.
    const gb = await importList(env, 'выгрузка-2.xlsx', xlsxOf([['Дата и время', 'Дистрибутив', 'Длительность'], ['x', 'y', 'z']]));
    expect(gb.kind).toBe('glavbukh.list');
  });

  it('lets a chat operator upload a call list but not review or apply it; a head may, and a personal manager their own', async () => {
    const core = env.core;
    const db = core.db;
    nssClient(db, 'ООО «Ромашка»', { code: 'SKJP', number: 1 });
    const chat = await env.employee('chat1', ['chat']);
    const pm = await env.employee('pm1', ['pm']);
    const head = await env.employee('head1', ['head']);
    const upload = async (by: number, name: string, text: string) => {
      const now = () => core.clock.now().toISOString();
      const s = await storeStream(db, Readable.from([Buffer.from(text, 'utf8')]), name, now);
      const batchId = createBatch(db, { source: 'upload', createdBy: by, files: [{ fileId: s.fileId, name }] }, now());
      await runBatch({ db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: () => undefined }, batchId);
      return batchDetail(db, batchId)!.results[0]!.stageId!;
    };
    const stageId = await upload(chat.id, 'звонки.csv', csvOf([HEAD, ['01.02.2026', '10:00', '', 'SKJP 1', '', '10']]));
    const review = await core.call('nss.calls.review', { stageId }, chat.token);
    expect(review.ok ? null : review.error.code).toBe('FORBIDDEN');
    const apply = await core.call('imports.stage.apply', { id: stageId, decisions: {} }, chat.token);
    expect(apply.ok ? null : apply.error.code).toBe('FORBIDDEN');
    expect(callsOf(db)).toHaveLength(0);
    expect((await core.call('imports.stage.apply', { id: stageId, decisions: {} }, head.token)).ok).toBe(true);
    expect(callsOf(db)).toHaveLength(1);
    const own = await upload(pm.id, 'звонки-2.csv', csvOf([HEAD, ['02.02.2026', '10:00', '', 'SKJP 1', '', '10']]));
    expect((await core.call('nss.calls.review', { stageId: own }, pm.token)).ok).toBe(true);
    expect((await core.call('imports.stage.apply', { id: own, decisions: {} }, pm.token)).ok).toBe(true);
    expect(callsOf(db)).toHaveLength(2);
  });
});
