// The weekly sample: N per operator among finished, long-enough, mapped sessions of the ISO week in the РИЦ's zone; drawing again tops up only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../helpers/core';
import { insertSession } from '../../helpers/chat-sessions';
import { drawSample, seededRandom } from '../../../src-main/features/quality/sample';
import { isoWeekOf, weekMonday, weekRange } from '../../../src-main/features/quality/week';

describe('ISO weeks', () => {
  it('finds the Monday and the week of a date, across year ends', () => {
    expect(weekMonday('2026-W45')).toBe('2026-11-02');
    expect(weekMonday('2026-W01')).toBe('2025-12-29');
    expect(weekMonday('2020-W53')).toBe('2020-12-28');
    expect(isoWeekOf('2026-11-08')).toBe('2026-W45');
    expect(isoWeekOf('2026-11-09')).toBe('2026-W46');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });
  it('bounds the week by local midnight in the РИЦ zone', () => {
    expect(weekRange('2026-W45', 'Europe/Moscow')).toMatchObject({ lo: '2026-11-01T21:00:00.000Z', hi: '2026-11-08T21:00:00.000Z' });
    expect(weekRange('2026-W45', 'Asia/Vladivostok').lo).toBe('2026-11-01T14:00:00.000Z');
  });
});

describe('drawing', () => {
  let env: TestEnv;
  let a: number;
  let b: number;
  beforeEach(async () => {
    env = await testEnv();
    a = (await env.employee('opa', ['chat'])).id;
    b = (await env.employee('opb', ['chat'])).id;
  });
  afterEach(() => env.close());

  /** Eligible sessions of W45 (Moscow): a has 8, b has 2; and every kind of ineligible one. */
  function arrange(): { eligibleA: number[]; eligibleB: number[]; ineligible: number[] } {
    const db = env.core.db;
    const eligibleA = Array.from({ length: 8 }, (_, i) => insertSession(db, { startAt: `2026-11-0${2 + (i % 5)}T0${i}:00:00Z`, durationSec: 60 + i, employeeId: a }));
    // 00:30 Monday in Moscow is still Sunday 21:30 UTC: in the week.
    eligibleA.push(insertSession(db, { startAt: '2026-11-01T21:30:00Z', durationSec: 300, employeeId: a }));
    const eligibleB = [insertSession(db, { startAt: '2026-11-03T10:00:00Z', employeeId: b }), insertSession(db, { startAt: '2026-11-08T20:59:00Z', employeeId: b })];
    const ineligible = [
      insertSession(db, { startAt: '2026-11-03T10:00:00Z', durationSec: 59, employeeId: b }), // too short
      insertSession(db, { startAt: '2026-11-03T11:00:00Z', durationSec: null, employeeId: b }), // not finished
      insertSession(db, { startAt: '2026-11-03T12:00:00Z', employeeId: null }), // no operator
      insertSession(db, { startAt: '2026-11-08T21:00:00Z', employeeId: b }), // Monday of the next week in Moscow
      insertSession(db, { startAt: '2026-11-01T20:59:59Z', employeeId: a }), // Sunday of the week before
    ];
    return { eligibleA, eligibleB, ineligible };
  }

  const sampled = () => env.core.db.$client.prepare('SELECT session_id AS s, employee_id AS e FROM quality_samples ORDER BY session_id').all() as { s: number; e: number }[];

  it('takes N per operator among the eligible only, and the same seed draws the same sessions', async () => {
    const { eligibleA, eligibleB, ineligible } = arrange();
    const r = drawSample(env.core.db, '2026-W45', 'Europe/Moscow', '2026-11-09T08:00:00Z', seededRandom(7));
    expect(r).toEqual({ added: 7, total: 7 });
    const rows = sampled();
    expect(rows.filter((x) => x.e === a)).toHaveLength(5);
    expect(rows.filter((x) => x.e === b).map((x) => x.s)).toEqual(eligibleB);
    for (const x of rows) expect(ineligible).not.toContain(x.s);
    for (const x of rows.filter((y) => y.e === a)) expect(eligibleA).toContain(x.s);
    const first = rows.map((x) => x.s);

    // Same data, same seed → the same sample.
    env.core.db.$client.prepare('DELETE FROM quality_samples').run();
    drawSample(env.core.db, '2026-W45', 'Europe/Moscow', '2026-11-09T08:00:00Z', seededRandom(7));
    expect(sampled().map((x) => x.s)).toEqual(first);
  });

  it('drawing again adds only what is missing, through the API too', async () => {
    const { eligibleB } = arrange();
    expect(await env.admin('quality.sample.draw', { date: '2026-11-04' })).toEqual({ week: '2026-W45', added: 7, total: 7 });
    expect(await env.admin('quality.sample.draw', { date: '2026-11-04' })).toEqual({ week: '2026-W45', added: 0, total: 7 });
    // A new session of b arrives later in the week: b has 2 of 5, so it is added; a already has 5.
    const late = insertSession(env.core.db, { startAt: '2026-11-07T10:00:00Z', employeeId: b });
    insertSession(env.core.db, { startAt: '2026-11-07T11:00:00Z', employeeId: a });
    expect(await env.admin('quality.sample.draw', { date: '2026-11-04' })).toEqual({ week: '2026-W45', added: 1, total: 8 });
    expect(sampled().filter((x) => x.e === b).map((x) => x.s)).toEqual([...eligibleB, late]);
    // The setting changes N: raising it to 6 tops a up by one.
    await env.admin('quality.settings.save', { perOperator: 6, minDurationSec: 60 });
    expect(await env.admin('quality.sample.draw', { date: '2026-11-04' })).toEqual({ week: '2026-W45', added: 1, total: 9 });
    const { rows: list, from } = await env.admin('quality.sample.list', { date: '2026-11-08', employeeId: b });
    expect(from).toBe('2026-11-02');
    expect(list.map((x) => x.id).sort((x, y) => x - y)).toEqual([...eligibleB, late]);
    expect(list[0]!.employee).toEqual({ id: b, fullName: 'Сотрудник opb' });
  });

  it('respects the minimal length setting', async () => {
    arrange();
    await env.admin('quality.settings.save', { perOperator: 5, minDurationSec: 121 });
    // Only a's 300-second session is long enough (b's are 120 s).
    expect(await env.admin('quality.sample.draw', { date: '2026-11-04' })).toEqual({ week: '2026-W45', added: 1, total: 1 });
  });

  it('refuses the draw to an operator', async () => {
    const op = await env.employee('opc', ['chat']);
    const r = await env.core.call('quality.sample.draw', { date: '2026-11-04' }, op.token);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});
