// The report's pivots (weighted averages across groups) and its XLSX export through the API, read back from the file.
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { testEnv, type TestEnv } from '../helpers/core';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { pivot, total, formatMinutes } from '../../src-shared/task-report';
import type { TaskReportRow } from '../../src-shared/mail-types';
import { buildMail, leadText } from './build';

const row = (p: Partial<TaskReportRow>): TaskReportRow => ({
  kind: 'lead_demo',
  status: 'done',
  result: 'demo_installed',
  assignee: { id: 1, fullName: 'Иванова' },
  count: 1,
  late: 0,
  firstContactAvgMin: null,
  firstContactMaxMin: null,
  closeAvgMin: null,
  ...p,
});

it('merges groups with averages weighted by the tasks that reached contact', () => {
  const rows = [
    row({ count: 3, firstContactAvgMin: 10, firstContactMaxMin: 20, closeAvgMin: 60 }),
    row({ result: 'refused', status: 'declined', count: 1, late: 1, firstContactAvgMin: 50, firstContactMaxMin: 50, closeAvgMin: 100 }),
    // Open tasks have no contact yet: they count, but not in the averages.
    row({ status: 'new', result: null, count: 4 }),
    row({ kind: 'question', status: 'new', result: null, assignee: null, count: 2, late: 2 }),
  ];
  const [ivanova] = pivot(rows, 'assignee', ['lead_demo']);
  expect(ivanova).toMatchObject({ label: 'Иванова', count: 8, late: 1, firstContactAvgMin: 20, firstContactMaxMin: 50, closeAvgMin: 70 });
  expect(ivanova!.byStatus).toEqual({ done: 3, declined: 1, new: 4 });
  expect(ivanova!.byResult).toEqual({ demo_installed: 3, refused: 1, none: 4 });
  expect(pivot(rows, 'assignee').map((b) => b.label)).toEqual(['Иванова', 'Не назначено']);
  expect(pivot(rows, 'status').map((b) => b.key)).toEqual(['new', 'done', 'declined']);
  expect(total(rows)).toMatchObject({ label: 'Итого', count: 10, late: 3, firstContactAvgMin: 20 });
  expect(total([], ['question'])).toMatchObject({ count: 0, firstContactAvgMin: null });
  expect([formatMinutes(45), formatMinutes(125), formatMinutes(60 * 27), formatMinutes(null)]).toEqual(['45 мин', '2 ч 05 мин', '1 дн 3 ч', '']);
});

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

it('exports the report as a workbook whose sheets hold the same numbers as the screen', async () => {
  const refs = await env.admin('refs.get', {});
  const sales = refs.directions.find((d) => d.code === 'sales')!.id;
  const { id } = await env.admin('employees.save', { login: 's1', fullName: 'Петрова Анна', roles: ['sales'], directionIds: [sales], password: 'password-123' });
  const { token } = await env.as('', 'auth.login', { login: 's1', password: 'password-123' });
  env.clock.set('2026-11-27T09:00:00Z');
  const text = leadText({ typeText: 'Демоверсия', number: '501', fields: [['Тип заявки', 'Установка демоверсии'], ['E-mail', 'a@b.example']] });
  const r = await ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: () => undefined }, buildMail({ subject: 'Заявка № 501: демоверсия', text }), null, '2026-11-27T09:00:00Z');
  env.clock.set('2026-11-27T09:45:00Z');
  await env.as(token, 'tasks.complete', { id: r.taskId!, result: 'demo_installed', comment: 'Поставили' });

  const out = await env.admin('tasks.reportXlsx', { from: '2026-11-01', to: '2026-11-30' });
  expect(out.fileName).toBe('Заявки и вопросы 2026-11-01 — 2026-11-30.xlsx');
  const wb = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer' });
  expect(wb.SheetNames).toEqual(['Заявки по сотрудникам', 'Заявки по результатам', 'Вопросы', 'Данные']);
  const aoa = (name: string) => XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets[name]!, { header: 1, defval: null });
  const people = aoa('Заявки по сотрудникам');
  expect(people[0]![0]).toBe('Заявки по сотрудникам за 01.11.2026–30.11.2026');
  expect(people[2]![0]).toBe('Сотрудник');
  expect(people[3]).toEqual(['Петрова Анна', 1, 0, 1, 0, 0, 0, 45, 45]);
  expect(people[4]!.slice(0, 2)).toEqual(['Итого', 1]);
  const results = aoa('Заявки по результатам');
  expect(results[2]).toEqual(['Вид заявки', 'Установлена демоверсия', 'Всего']);
  expect(results[3]).toEqual(['Демоверсия', 1, 1]);
  expect(aoa('Данные')[3]!.slice(0, 5)).toEqual(['Демоверсия', 'Выполнено', 'Установлена демоверсия', 'Петрова Анна', 1]);
  expect(id).toBeGreaterThan(0);

  expect(await env.core.call('tasks.reportXlsx', { from: '2026-11-01', to: '2026-11-30' }, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
