// Reviews: a head scores a session with the scorecard copied in; edits keep that copy; an operator reads only their own reviews.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../helpers/core';
import { insertSession } from '../../helpers/chat-sessions';

let env: TestEnv;
let head: { id: number; token: string };
let opA: { id: number; token: string };
let opB: { id: number; token: string };
let sA: number;
let sB: number;

const code = (r: { ok: boolean; error?: { code: string; issues?: { path: string; reason: string }[] } }) => (r.ok ? 'OK' : r.error!.code);
const reason = (r: { ok: boolean; error?: { issues?: { path: string; reason: string }[] } }) => (r.ok ? null : r.error!.issues?.[0]?.reason);

beforeEach(async () => {
  env = await testEnv();
  head = await env.employee('head', ['head']);
  opA = await env.employee('opa', ['chat']);
  opB = await env.employee('opb', ['chat']);
  await env.as(head.token, 'quality.categories.save', { name: 'Верно по существу', scale: '1_5', weight: 3, critical: true, position: 1 });
  await env.as(head.token, 'quality.categories.save', { name: 'Ссылки на документы К+', scale: 'yes_no', weight: 1, position: 2 });
  sA = insertSession(env.core.db, { startAt: '2026-11-03T10:00:00Z', employeeId: opA.id, text: 'Клиент: как сдать отчёт?', clientRating: '5' });
  sB = insertSession(env.core.db, { startAt: '2026-11-03T11:00:00Z', employeeId: opB.id });
});
afterEach(() => env.close());

it('scores a session with the active scorecard and keeps that copy when the scorecard changes', async () => {
  const view = await env.as(head.token, 'quality.session', { sessionId: sA });
  expect(view.session.text).toBe('Клиент: как сдать отчёт?');
  expect(view.categories.map((c) => c.name)).toEqual(['Верно по существу', 'Ссылки на документы К+']);
  expect(view.canEdit).toBe(true);
  // 3×(4−1)/4 + 1×0 = 2.25 of 4.
  const saved = await env.as(head.token, 'quality.review.save', { sessionId: sA, ratings: [4, 0], comment: 'Нет ссылки на письмо ФНС' });
  expect(saved.score).toBe(56.25);

  // The scorecard changes: a weight and a new category. The old review keeps its copy, its score, and is edited with it.
  const cats = await env.as(head.token, 'quality.categories.list', {});
  await env.as(head.token, 'quality.categories.save', { ...cats[1]!, weight: 10 });
  await env.as(head.token, 'quality.categories.save', { name: 'Вежливость', scale: '1_3', weight: 1, position: 3 });
  const again = await env.as(head.token, 'quality.session', { sessionId: sA });
  expect(again.review!.score).toBe(56.25);
  expect(again.categories.map((c) => c.weight)).toEqual([3, 1]);
  const edited = await env.as(head.token, 'quality.review.save', { sessionId: sA, ratings: [4, 1], comment: null });
  expect(edited).toEqual({ id: saved.id, score: 81.25 });
  // A new review uses the new scorecard (three categories): two ratings no longer fit.
  expect(reason(await env.core.call('quality.review.save', { sessionId: sB, ratings: [4, 1] }, head.token))).toBe('scorecard_changed');
  expect((await env.as(head.token, 'quality.review.save', { sessionId: sB, ratings: [5, 1, 3] })).score).toBe(100);
});

it('refuses values off the scale and a review with every category N/A', async () => {
  expect(reason(await env.core.call('quality.review.save', { sessionId: sA, ratings: [2, 3] }, head.token))).toBe('out_of_scale');
  expect(reason(await env.core.call('quality.review.save', { sessionId: sA, ratings: [null, null] }, head.token))).toBe('all_not_applicable');
  expect(code(await env.core.call('quality.review.save', { sessionId: 999_999, ratings: [5, 1] }, head.token))).toBe('NOT_FOUND');
  const unmapped = insertSession(env.core.db, { startAt: '2026-11-03T12:00:00Z', employeeId: null });
  expect(reason(await env.core.call('quality.review.save', { sessionId: unmapped, ratings: [5, 1] }, head.token))).toBe('no_operator');
});

it('lets an operator read their own reviews only, never score', async () => {
  await env.as(head.token, 'quality.review.save', { sessionId: sA, ratings: [5, 1], comment: 'Хорошо' });
  await env.as(head.token, 'quality.review.save', { sessionId: sB, ratings: [1, 1], comment: 'Плохо' });

  const mine = await env.as(opA.token, 'quality.reviews.list', {});
  expect(mine.map((r) => [r.sessionId, r.score, r.comment, r.clientRating])).toEqual([[sA, 100, 'Хорошо', '5']]);
  // Asking for another operator's reviews still gets one's own.
  expect((await env.as(opA.token, 'quality.reviews.list', { employeeId: opB.id })).map((r) => r.sessionId)).toEqual([sA]);
  const view = await env.as(opA.token, 'quality.session', { sessionId: sA });
  expect(view.canEdit).toBe(false);
  expect(view.review!.ratings).toEqual([5, 1]);
  expect(code(await env.core.call('quality.session', { sessionId: sB }, opA.token))).toBe('FORBIDDEN');
  expect(code(await env.core.call('quality.review.save', { sessionId: sA, ratings: [1, 1] }, opA.token))).toBe('FORBIDDEN');
  expect(code(await env.core.call('quality.categories.list', {}, opA.token))).toBe('FORBIDDEN');

  // The head sees both, filtered by operator on demand.
  expect((await env.as(head.token, 'quality.reviews.list', {})).length).toBe(2);
  expect((await env.as(head.token, 'quality.reviews.list', { employeeId: opB.id })).map((r) => r.score)).toEqual([0]);
});

it('lets only the author or an administrator edit a review', async () => {
  const other = await env.employee('head2', ['head']);
  await env.as(head.token, 'quality.review.save', { sessionId: sA, ratings: [5, 1] });
  expect((await env.as(other.token, 'quality.session', { sessionId: sA })).canEdit).toBe(false);
  expect(code(await env.core.call('quality.review.save', { sessionId: sA, ratings: [3, 1] }, other.token))).toBe('FORBIDDEN');
  expect((await env.admin('quality.review.save', { sessionId: sA, ratings: [3, 1] })).score).toBe(62.5);
});
