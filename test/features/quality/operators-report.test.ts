// Report «Операторы чата» on a fixture with known answers: counts, mean and median duration, per working day, quality index, client rating; the XLSX holds the same numbers.
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../helpers/core';
import { insertSession } from '../../helpers/chat-sessions';
import { histogramMedian } from '../../../src-main/features/reports/operators.query';

let env: TestEnv;
let a: number;
let b: number;
let head: { id: number; token: string };
/** 2–8 November 2026 (Moscow): Monday to Sunday, five working days by the default calendar. */
const period = { from: '2026-11-02', to: '2026-11-08' };
const aSessions: number[] = [];

beforeAll(async () => {
  env = await testEnv();
  head = await env.employee('head', ['head']);
  a = (await env.employee('opa', ['chat'])).id;
  b = (await env.employee('opb', ['chat'])).id;
  const db = env.core.db;
  // a: 30, 60, 120, 300 s → mean 127.5, median 90; one starts 00:30 Monday Moscow (Sunday 21:30 UTC).
  aSessions.push(insertSession(db, { startAt: '2026-11-01T21:30:00Z', durationSec: 60, employeeId: a, clientRating: '5' }));
  aSessions.push(insertSession(db, { startAt: '2026-11-03T10:00:00Z', durationSec: 120, employeeId: a, clientRating: '4' }));
  aSessions.push(insertSession(db, { startAt: '2026-11-04T10:00:00Z', durationSec: 300, employeeId: a, clientRating: 'отлично' }));
  aSessions.push(insertSession(db, { startAt: '2026-11-07T10:00:00Z', durationSec: 30, employeeId: a }));
  // b: 100, 200, 600 s and one unfinished → 4 sessions, mean 300, median 200.
  insertSession(db, { startAt: '2026-11-05T10:00:00Z', durationSec: 600, employeeId: b });
  insertSession(db, { startAt: '2026-11-05T11:00:00Z', durationSec: 100, employeeId: b });
  insertSession(db, { startAt: '2026-11-06T11:00:00Z', durationSec: 200, employeeId: b });
  insertSession(db, { startAt: '2026-11-06T12:00:00Z', durationSec: null, employeeId: b });
  // Outside the period (Moscow dates 1 and 9 November) or without an operator.
  insertSession(db, { startAt: '2026-11-01T20:59:00Z', durationSec: 5000, employeeId: a });
  insertSession(db, { startAt: '2026-11-08T21:00:00Z', durationSec: 5000, employeeId: b });
  insertSession(db, { startAt: '2026-11-04T10:00:00Z', durationSec: 5000, employeeId: null });
  await env.as(head.token, 'quality.categories.save', { name: 'Верно по существу', scale: '1_5', weight: 1 });
  await env.as(head.token, 'quality.review.save', { sessionId: aSessions[0]!, ratings: [5] });
  await env.as(head.token, 'quality.review.save', { sessionId: aSessions[1]!, ratings: [3] });
});
afterAll(() => env.close());

it('computes sessions, mean and median duration, per working day and the quality index per operator', async () => {
  const r = await env.as(head.token, 'reports.chatOperators', period);
  expect(r.workingDays).toBe(5);
  expect(r.calendarDays).toBe(7);
  expect(r.rows).toEqual([
    {
      employeeId: a,
      fullName: 'Сотрудник opa',
      sessions: 4,
      avgDurationSec: 127.5,
      medianDurationSec: 90,
      perDay: 0.8,
      qualityIndex: 75,
      reviews: 2,
      clientRatingAvg: 4.5,
      clientRatings: 2,
    },
    { employeeId: b, fullName: 'Сотрудник opb', sessions: 4, avgDurationSec: 300, medianDurationSec: 200, perDay: 0.8, qualityIndex: null, reviews: 0, clientRatingAvg: null, clientRatings: 0 },
  ]);
});

it('drills down to an operator’s sessions with their review scores', async () => {
  const d = await env.as(head.token, 'reports.chatOperatorSessions', { ...period, employeeId: a });
  expect(d.total).toBe(4);
  expect(d.rows.map((x) => x.id)).toEqual([...aSessions].reverse());
  expect(d.rows.map((x) => x.score)).toEqual([null, null, 50, 100]);
  const reviews = await env.as(head.token, 'quality.reviews.list', { ...period, employeeId: a });
  expect(reviews.map((x) => x.score)).toEqual([50, 100]);
  expect(await env.as(head.token, 'quality.reviews.list', { from: '2026-11-09', to: '2026-11-30' })).toEqual([]);
});

it('exports the same numbers to XLSX', async () => {
  const screen = await env.as(head.token, 'reports.chatOperators', period);
  const out = await env.as(head.token, 'reports.chatOperatorsXlsx', period);
  expect(out.details[0]!.suggestedName).toBe('Операторы чата 02.11.2026–08.11.2026.xlsx');
  const wb = XLSX.read(fs.readFileSync(out.files[0]!), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
  expect(rows).toHaveLength(3);
  const sec = (v: unknown) => (v == null ? null : Math.round((v as number) * 86_400 * 1000) / 1000);
  for (const [i, s] of screen.rows.entries()) {
    const x = rows[i + 1]!;
    expect([x[0], x[1], sec(x[2]), sec(x[3]), x[4] ?? null, x[5] ?? null, x[6], x[7] ?? null, x[8]]).toEqual([
      s.fullName,
      s.sessions,
      s.avgDurationSec,
      s.medianDurationSec,
      s.perDay,
      s.qualityIndex,
      s.reviews,
      s.clientRatingAvg,
      s.clientRatings,
    ]);
  }
});

it('keeps the report to heads and administrators', async () => {
  const op = await env.employee('opc', ['chat']);
  const r = await env.core.call('reports.chatOperators', period, op.token);
  expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
});

it('takes the median of a histogram', () => {
  expect(histogramMedian(new Map(), 0)).toBeNull();
  expect(histogramMedian(new Map([[10, 1]]), 1)).toBe(10);
  expect(histogramMedian(new Map([[5, 2], [1, 1]]), 3)).toBe(5);
  expect(histogramMedian(new Map([[1, 2], [9, 2]]), 4)).toBe(5);
});
