// The tasks report: groups by kind, status, result and employee; minutes from arrival to first contact and to closing; late tasks.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, leadText } from './build';

let env: TestEnv;
let sales: { id: number; token: string };
beforeEach(async () => {
  env = await testEnv();
  const refs = await env.admin('refs.get', {});
  const dir = Object.fromEntries(refs.directions.map((d) => [d.code, d.id]));
  const { id } = await env.admin('employees.save', { login: 's1', fullName: 'Продажник', roles: ['sales'], directionIds: [dir.sales!, dir.hotline!], password: 'password-123' });
  sales = { id, token: (await env.as('', 'auth.login', { login: 's1', password: 'password-123' })).token };
});
afterEach(() => env.close());

const at = (iso: string) => env.clock.set(iso);
async function arrive(subject: string, text: string, receivedAt: string): Promise<number> {
  const r = await ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: () => undefined }, buildMail({ subject, text }), null, receivedAt);
  return r.taskId!;
}
const lead = (n: number) => leadText({ typeText: 'Прайс-лист', number: String(n), fields: [['Тип заявки', 'Прайс-лист'], ['E-mail', `r${n}@x.example`]] });

it('reports leads by result and employee with time to first contact, and questions by status', async () => {
  // Two price leads that arrived at 09:00 and were committed a minute later.
  at('2026-11-27T09:01:00Z');
  const a = await arrive('Заявка № 1: прайс-лист', lead(1), '2026-11-27T09:00:00Z');
  const b = await arrive('Заявка № 2: прайс-лист', lead(2), '2026-11-27T09:00:00Z');
  const q = await arrive('Задать вопрос: вопрос пользователя', 'ФИО: Иванов\nВопрос:\nКак?', '2026-11-27T09:00:00Z');
  // A: taken after 30 minutes, sold after 90. B: refused without being taken, after 3 hours (past its 2-hour deadline).
  at('2026-11-27T09:30:00Z');
  await env.as(sales.token, 'tasks.take', { id: a });
  at('2026-11-27T10:30:00Z');
  await env.as(sales.token, 'tasks.complete', { id: a, result: 'sold', comment: null });
  at('2026-11-27T12:00:00Z');
  await env.as(sales.token, 'tasks.decline', { id: b, comment: 'Не нужно' });

  const r = await env.admin('tasks.report', { from: '2026-11-27', to: '2026-11-27' });
  expect(r.rows).toEqual([
    { kind: 'lead_price', status: 'declined', result: 'refused', assignee: { id: sales.id, fullName: 'Продажник' }, count: 1, late: 1, firstContactAvgMin: 180, firstContactMaxMin: 180, closeAvgMin: 180 },
    { kind: 'lead_price', status: 'done', result: 'sold', assignee: { id: sales.id, fullName: 'Продажник' }, count: 1, late: 0, firstContactAvgMin: 30, firstContactMaxMin: 30, closeAvgMin: 90 },
    { kind: 'question', status: 'new', result: null, assignee: { id: sales.id, fullName: 'Продажник' }, count: 1, late: 0, firstContactAvgMin: null, firstContactMaxMin: null, closeAvgMin: null },
  ]);
  expect(q).toBeGreaterThan(0);
  expect((await env.admin('tasks.report', { from: '2026-11-28', to: '2026-11-30' })).rows).toEqual([]);
  expect((await env.admin('tasks.report', { from: '2026-11-27', to: '2026-11-27', kind: 'question' })).rows).toHaveLength(1);
  expect(await env.core.call('tasks.report', { from: '2026-11-28', to: '2026-11-27' }, env.adminToken)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  expect(await env.core.call('tasks.report', { from: '2026-11-27', to: '2026-11-27' }, sales.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
