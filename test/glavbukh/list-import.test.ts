// Certified lists through the import mechanism: staging, the review's states, all-or-nothing apply, re-import, remembered layouts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { testEnv, type TestEnv } from '../helpers/core';
import { storeStream } from '../../src-main/features/imports/store';
import { createBatch, runBatch } from '../../src-main/features/imports/process';
import { batchDetail } from '../../src-main/features/imports/journal';
import { addClient, certsOf, csvOf, importList, xlsxOf } from './helpers';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(async () => {
  await env.close();
});

const HEAD = ['ИНН', 'КПП', 'Наименование', 'Номер дистрибутива', 'Номер сертификата', 'Дата выдачи', 'Действителен до', 'Статус'];

describe('certified list import', () => {
  it('stages an XLSX, reviews every state, refuses apply while problems remain, then applies all and is idempotent', async () => {
    const db = env.core.db;
    const a = addClient(db, 'ООО «Ромашка»', '7707083893', '770701001');
    const b1 = addClient(db, 'АО Берёза (Москва)', '7728168971', '772801001');
    addClient(db, 'АО Берёза (Тверь)', '7728168971', '695001001');
    const c = addClient(db, 'ИП Иванов', '500100732259', null, 55501);
    const holder = addClient(db, 'Держатель', '7812014560', '781201001');
    db.$client
      .prepare("INSERT INTO gb_certificates (client_id, programme, number, number_norm, status, source, created_at, updated_at) VALUES (?, 'GB', 'GB-0009', 'GB-0009', 'certified', 'manual', 'x', 'x')")
      .run(holder);
    const bytes = xlsxOf([
      HEAD,
      ['7707083893', '770701001', 'Ромашка', '', 'GB-0001', '15.01.2026', '', 'Сертифицирован'], // 1 matched inn_kpp
      ['7728168971', '', 'Берёза', '', 'GB-0002', '2026-02-01', '31.01.2027', ''], // 2 ambiguous (two clients of the ИНН)
      ['', '', 'Неизвестная', '', 'GB-0003', '', '', ''], // 3 unmatched
      ['', '', '', '55501', 'GB-0004', '', '', ''], // 4 matched distr
      ['7707083893', '770701001', '', '', 'GB-0009', '', '', ''], // 5 duplicate (holder)
      ['7707083893', '770701001', '', '', '', '', '', ''], // 6 invalid number_missing
      ['500100732259', '', '', '', 'GB-0005', '32.13.2026', '', ''], // 7 invalid date
      ['500100732259', '', '', '', 'GB-0006', '', '', 'непонятно'], // 8 invalid status
      ['', '', 'Ромашка', '', 'GB-0007', '', '', ''], // 9 matched by name
      ['500100732259', '', '', '', 'GB-0007', '', '', ''], // 10 duplicate within the list (row 9 gives it to Ромашка)
    ]);
    const r = await importList(env, 'список.xlsx', bytes);
    expect(r.status).toBe('staged');
    expect(r.kind).toBe('glavbukh.list');
    const stageId = r.stageId!;
    const rev = await env.admin('glavbukh.list.review', { stageId });
    expect(rev.mappingSource).toBe('guessed');
    expect(rev.mappingErrors).toEqual([]);
    expect(rev.mapping).toEqual({ inn: 0, kpp: 1, name: 2, distr: 3, number: 4, issued_on: 5, valid_until: 6, status: 7 });
    const st = rev.rows.map((x) => [x.row, x.state, x.by ?? x.problem]);
    expect(st).toEqual([
      [1, 'matched', 'inn_kpp'],
      [2, 'ambiguous', null],
      [3, 'unmatched', null],
      [4, 'matched', 'distr'],
      [5, 'duplicate', 'inn_kpp'],
      [6, 'invalid', 'number_missing'],
      [7, 'invalid', 'date_invalid'],
      [8, 'invalid', 'status_unknown'],
      [9, 'duplicate', 'name'],
      [10, 'duplicate', 'inn'],
    ]);
    expect(rev.rows[4]!.holder?.id).toBe(holder);
    expect(rev.rows[8]!.otherRow).toBe(10);
    expect(rev.rows[9]!.otherRow).toBe(9);
    expect(rev.rows[1]!.candidates.map((x) => x.id).sort()).toEqual([b1, b1 + 1]);
    expect(rev.rows[0]!.values.issuedOn).toBe('2026-01-15');
    expect(rev.counts).toEqual({ matched: 2, same: 0, ambiguous: 1, unmatched: 1, duplicate: 3, invalid: 3 });
    const page = await env.admin('glavbukh.list.review', { stageId, state: 'invalid', offset: 1, limit: 1 });
    expect(page.rows.map((x) => x.row)).toEqual([7]);

    // Apply refuses while problems remain, naming them; nothing written.
    const refused = await env.core.call('imports.stage.apply', { id: stageId, decisions: { mapping: rev.mapping } }, env.adminToken);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.issues?.map((i) => `${i.path}:${i.reason}`)).toEqual(['rows.2:ambiguous', 'rows.3:unmatched', 'rows.5:duplicate', 'rows.6:invalid', 'rows.7:invalid', 'rows.8:invalid', 'rows.9:duplicate', 'rows.10:duplicate']);
    expect(certsOf(db)).toHaveLength(1);

    const decisions = { mapping: rev.mapping, matches: [{ row: 2, clientId: b1 }, { row: 10, clientId: a }], skip: [3, 5, 6, 7, 8] };
    const after = await env.admin('glavbukh.list.review', { stageId, decisions });
    expect(after.rows.filter((x) => !x.skipped).map((x) => x.state)).toEqual(['matched', 'matched', 'matched', 'matched', 'matched']);
    const res = await env.admin('imports.stage.apply', { id: stageId, decisions });
    expect(res).toEqual({ added: 4, skipped: 6, flagged: 0 });
    const certs = certsOf(db).filter((x) => x.clientId !== holder);
    expect(certs.map((x) => [x.clientId, x.number, x.issuedOn, x.validUntil, x.status, x.source])).toEqual([
      [a, 'GB-0001', '2026-01-15', '2027-01-14', 'certified', 'import'],
      [b1, 'GB-0002', '2026-02-01', '2027-01-31', 'certified', 'import'],
      [c, 'GB-0004', null, null, 'certified', 'import'],
      [a, 'GB-0007', null, null, 'certified', 'import'],
    ]);

    // The same list again (another file: one byte differs): remembered mapping, every row `same`, nothing changes.
    const again = await importList(env, 'список2.csv', csvOf([HEAD, ['7707083893', '770701001', 'Ромашка', '', ' gb-0001 ', '15.01.2026', '', 'Сертифицирован']]));
    const rev2 = await env.admin('glavbukh.list.review', { stageId: again.stageId! });
    expect(rev2.mappingSource).toBe('remembered');
    expect(rev2.rows.map((x) => x.state)).toEqual(['same']);
    const before = certsOf(db);
    expect(await env.admin('imports.stage.apply', { id: again.stageId!, decisions: {} })).toEqual({ added: 0, skipped: 1, flagged: 0 });
    expect(certsOf(db)).toEqual(before);
  });
});

describe('who may review and apply a certified list', () => {
  it('lets a chat operator upload a list but not review or apply it; a head takes it from there', async () => {
    const core = env.core;
    const a = addClient(core.db, 'ООО «Ромашка»', '7707083893', '770701001');
    const chat = await env.employee('chat1', ['chat']);
    const head = await env.employee('head1', ['head']);
    const now = () => core.clock.now().toISOString();
    const s = await storeStream(core.db, Readable.from([Buffer.from(csvOf([['ИНН', 'КПП', 'Номер сертификата'], ['7707083893', '770701001', 'GB-77']]), 'utf8')]), 'список.csv', now);
    const batchId = createBatch(core.db, { source: 'upload', createdBy: chat.id, files: [{ fileId: s.fileId, name: 'список.csv' }] }, now());
    await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: () => undefined }, batchId);
    const stageId = batchDetail(core.db, batchId)!.results[0]!.stageId!;
    const review = await core.call('glavbukh.list.review', { stageId }, chat.token);
    expect(review.ok ? null : review.error.code).toBe('FORBIDDEN');
    const apply = await core.call('imports.stage.apply', { id: stageId, decisions: { mapping: { inn: 0, kpp: 1, number: 2 } } }, chat.token);
    expect(apply.ok ? null : apply.error.code).toBe('FORBIDDEN');
    expect(certsOf(core.db)).toHaveLength(0);
    const byHead = await core.call('imports.stage.apply', { id: stageId, decisions: { mapping: { inn: 0, kpp: 1, number: 2 } } }, head.token);
    expect(byHead.ok).toBe(true);
    expect(certsOf(core.db).map((c) => c.clientId)).toEqual([a]);
  });
});

describe('the programme a list is written under', () => {
  it('refuses a programme the settings do not have, writing nothing', async () => {
    addClient(env.core.db, 'ООО «Ромашка»', '7707083893', '770701001');
    const r = await importList(env, 'список.csv', csvOf([['ИНН', 'КПП', 'Номер сертификата'], ['7707083893', '770701001', 'GB-78']]));
    const decisions = { mapping: { inn: 0, kpp: 1, number: 2 }, programme: 'gb' };
    const review = await env.core.call('glavbukh.list.review', { stageId: r.stageId!, decisions }, env.adminToken);
    expect(review.ok ? null : review.error.issues?.[0]).toEqual({ path: 'decisions.programme', reason: 'unknown_programme' });
    const apply = await env.core.call('imports.stage.apply', { id: r.stageId!, decisions }, env.adminToken);
    expect(apply.ok ? null : apply.error.code).toBe('BAD_INPUT');
    expect(certsOf(env.core.db)).toHaveLength(0);
  });
});
