// The USR reports' query modules over a hand-made scene: sessions vs updates, edge months, scheme on a month's last day, no-proof kits, totals per СИО, drill-down files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { opknRows, opknTotals } from '../../src-main/features/reports/opkn.query';
import { usrOlapCellFiles, usrOlapRows } from '../../src-main/features/reports/usr-olap.query';
import { splitPeriod } from '../../src-main/features/reports/usr-proof';
import { seedScene } from './fixture';

let env: TestEnv;
let s: ReturnType<typeof seedScene>;
beforeEach(async () => {
  env = await testEnv();
  s = seedScene(env.core.db);
});
afterEach(() => env.close());

const pick = (rows: { distributionId: number }[], id: number) => rows.find((r) => r.distributionId === id);

describe('splitPeriod', () => {
  it('splits a period into whole months and edge days', () => {
    expect(splitPeriod('2026-02-15', '2026-03-31')).toEqual({ months: ['2026-03', '2026-03'], edges: [['2026-02-15', '2026-02-28']] });
    expect(splitPeriod('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01', '2026-12'], edges: [] });
    expect(splitPeriod('2026-02-01', '2026-02-09')).toEqual({ months: null, edges: [['2026-02-01', '2026-02-09']] });
    expect(splitPeriod('2026-01-10', '2026-03-05')).toEqual({ months: ['2026-02', '2026-02'], edges: [['2026-01-10', '2026-01-31'], ['2026-03-01', '2026-03-05']] });
  });
});

describe('ОПКН', () => {
  it('lists serviced kits with sessions, updates, the last proven update and the no-proof flag', () => {
    const rows = opknRows(env.core.db, { from: '2026-02-15', to: '2026-03-31' });
    // Closed D3 and scheme-less D4 are not serviced; order: Иванов, Петров, then no СИО.
    expect(rows.map((r) => r.distributionId)).toEqual([s.d1, s.d2, s.d5, s.d6]);
    // D1: 02-03 and 02-10 fall before the period; 03-02 (FED) and 03-31 (LAW) are two sessions, two updates.
    expect(pick(rows, s.d1)).toMatchObject({ sessions: 2, updates: 2, lastUpdate: '2026-03-31', noProof: false, scheme: 'nss', sioName: 'Иванов Иван', inn: '7701000001' });
    expect(pick(rows, s.d2)).toMatchObject({ sessions: 0, updates: 0, lastUpdate: '2025-12-20', noProof: true, scheme: 'standard' });
    expect(pick(rows, s.d5)).toMatchObject({ sessions: 0, lastUpdate: null, noProof: true });
    expect(pick(rows, s.d6)).toMatchObject({ sessions: 1, updates: 1, lastUpdate: '2026-03-10', noProof: false, sioId: null });
  });

  it('counts a date with two banks as one session and two updates', () => {
    const rows = opknRows(env.core.db, { from: '2026-02-01', to: '2026-02-28' });
    // 02-03 (LAW), 02-10 (LAW + FED): two sessions, three proven updates.
    expect(pick(rows, s.d1)).toMatchObject({ sessions: 2, updates: 3, scheme: 'standard' });
    const april = opknRows(env.core.db, { from: '2026-04-01', to: '2026-04-30' });
    expect(pick(april, s.d1)).toMatchObject({ sessions: 1, updates: 2, lastUpdate: '2026-04-07' });
    expect(pick(april, s.d6)).toMatchObject({ noProof: true, lastUpdate: '2026-03-10' });
  });

  it('looks back inside the first month for the last proof of a kit without proof in the period', () => {
    const rows = opknRows(env.core.db, { from: '2026-02-11', to: '2026-02-28' });
    expect(pick(rows, s.d1)).toMatchObject({ sessions: 0, noProof: true, lastUpdate: '2026-02-10' });
    const edge = opknRows(env.core.db, { from: '2026-02-01', to: '2026-02-09' });
    expect(pick(edge, s.d1)).toMatchObject({ sessions: 1, updates: 1, lastUpdate: '2026-02-03' });
  });

  it('filters by scheme, СИО and no proof, and totals per СИО', () => {
    const db = env.core.db;
    const p = { from: '2026-02-15', to: '2026-03-31' };
    expect(opknRows(db, { ...p, scheme: 'nss' }).map((r) => r.distributionId)).toEqual([s.d1, s.d6]);
    expect(opknRows(db, { ...p, noProof: true }).map((r) => r.distributionId)).toEqual([s.d2, s.d5]);
    expect(opknRows(db, { ...p, sioId: s.petrov }).map((r) => r.distributionId)).toEqual([s.d2, s.d5]);
    expect(opknTotals(opknRows(db, p))).toEqual([
      { sioId: s.ivanov, sioName: 'Иванов Иван', kits: 1, withProof: 1, noProof: 0, sessions: 2 },
      { sioId: s.petrov, sioName: 'Петров Пётр', kits: 2, withProof: 0, noProof: 2, sessions: 0 },
      { sioId: null, sioName: null, kits: 1, withProof: 1, noProof: 0, sessions: 1 },
    ]);
  });
});

describe('OLAP', () => {
  it('pivots sessions by month', () => {
    const { months, rows } = usrOlapRows(env.core.db, { fromMonth: '2026-01', toMonth: '2026-04' });
    expect(months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // Closed D3 without sessions is left out; active D4 without a scheme stays (no scheme filter); kits by system code.
    expect(rows.map((r) => r.distributionId)).toEqual([s.d1, s.d2, s.d5, s.d4, s.d6]);
    expect(pick(rows, s.d1)).toMatchObject({ cells: [0, 2, 2, 1], total: 5, isKey: true });
    expect(pick(rows, s.d6)).toMatchObject({ cells: [0, 0, 1, 0], total: 1 });
  });

  it('takes the scheme on each month’s last day', () => {
    const { rows } = usrOlapRows(env.core.db, { fromMonth: '2026-01', toMonth: '2026-04', scheme: 'nss' });
    expect(rows.map((r) => r.distributionId)).toEqual([s.d1, s.d6]);
    // D1 is НСС from 15.03: January and February are standard (empty), March and April count.
    expect(pick(rows, s.d1)).toMatchObject({ cells: [null, null, 2, 1], total: 3 });
    const std = usrOlapRows(env.core.db, { fromMonth: '2026-01', toMonth: '2026-04', scheme: 'standard' }).rows;
    expect(pick(std, s.d1)).toMatchObject({ cells: [0, 2, null, null], total: 2 });
  });

  it('filters key clients and systems', () => {
    const db = env.core.db;
    expect(usrOlapRows(db, { fromMonth: '2026-01', toMonth: '2026-04', keyOnly: true }).rows.map((r) => r.distributionId)).toEqual([s.d1]);
    expect(usrOlapRows(db, { fromMonth: '2026-01', toMonth: '2026-04', systemCode: 'SKJP' }).rows.map((r) => r.distributionId)).toEqual([s.d1, s.d5, s.d6]);
  });

  it('drills a cell down to the files that prove it', () => {
    const db = env.core.db;
    expect(usrOlapCellFiles(db, s.d1, '2026-03').map((f) => f.usrFileId)).toEqual([s.f1.usrFileId]);
    expect(usrOlapCellFiles(db, s.d1, '2026-04')).toEqual([{ usrFileId: s.f2.usrFileId, name: s.f2.name, fileAt: '2026-04-08T12:00:00', purged: false }]);
    expect(usrOlapCellFiles(db, s.d6, '2026-03')).toMatchObject([{ usrFileId: s.f4.usrFileId, purged: true }]);
    expect(usrOlapCellFiles(db, s.d5, '2026-03')).toEqual([]);
  });
});
