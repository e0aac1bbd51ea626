// E2E: «Мой день» is the start page: an employee sees only own tasks, calls, owed documents and lapsing readiness;
// a head also sees the department's load per employee, read-only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { NEW_CP, OUR } from '../documents/fixtures';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, leadText } from '../mail/build';
import { MyDayPage } from './pages/MyDayPage';

let e: E2E;
let me: number;
let other: number;
let head: number;
const ids: Record<string, number> = {};
const numbers: Record<string, string> = {};

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A lead from the site for `email`, received `agoMs` before now on the server's clock; returns the task's id. */
async function lead(number: string, email: string, agoMs: number): Promise<number> {
  const raw = buildMail({
    subject: `Заявка с сайта КонсультантПлюс № ${number}: прайс-лист`,
    text: leadText({ typeText: 'Прайс-лист', number, fields: [['Тип заявки', 'Прайс-лист'], ['Номер заявки', number], ['E-mail', email], ['Телефон', '8 914 700-11-22']] }),
  });
  const clock = e.clock.shifted(-agoMs);
  await ingestMessage({ db: e.core.db, pool: e.core.pool, clock, publish: e.core.bus.publish }, raw, null, clock.now().toISOString());
  return (e.core.db.$client.prepare('SELECT id FROM tasks WHERE request_number = ?').get(number) as { id: number }).id;
}

beforeAll(async () => {
  e = await startE2E();
  await e.api('settings.ourRequisites.save', OUR);
  const today = e.today();
  const sales = (await e.api('refs.get', {})).directions.find((d) => d.code === 'sales')!.id;
  const dep = (await e.api('departments.save', { name: 'Отдел продаж' })).id;
  const save = async (login: string, fullName: string, roles: ('sio' | 'head' | 'sales')[], departmentId: number | null) =>
    (await e.api('employees.save', { login, fullName, roles, departmentId, directionIds: roles.includes('head') ? [] : [sales], password: 'password-123' })).id;
  me = await save('dayova', 'Днева Дарья', ['sio', 'sales'], dep);
  other = await save('chuzhova', 'Чужова Вера', ['sio', 'sales'], null);
  head = await save('nachalova', 'Началова Нина', ['head'], dep);

  const mine = (await e.api('clients.create', { name: 'ООО «Моя»', sioId: me, emails: [{ email: 'buh@moya.example' }] })).id;
  const theirs = (await e.api('clients.create', { name: 'ООО «Чужая»', sioId: other, emails: [{ email: 'buh@chuzhaya.example' }] })).id;
  ids.mine = mine;
  for (const clientId of [mine, theirs]) await e.api('clients.changeCounterparty', { clientId, effectiveFrom: '2025-01-01', counterparty: NEW_CP });
  // Documents: mine overdue (two months ago) and awaited (today), someone else's overdue.
  numbers.myOverdue = (await e.api('documents.create', { type: 'act', clientId: mine, date: addDays(today, -60), amountKop: 1_000_00 })).number;
  numbers.myAwaited = (await e.api('documents.create', { type: 'act', clientId: mine, date: today, amountKop: 2_000_00 })).number;
  numbers.theirOverdue = (await e.api('documents.create', { type: 'act', clientId: theirs, date: addDays(today, -50), amountKop: 3_000_00 })).number;
  // Readiness for «Обзвонка» (180 days) confirmed 177 days ago lapses in three days.
  for (const [fieldCode, value] of [
    ['org_name', 'ООО «Моя»'],
    ['phone', '+7 (423) 222-33-44'],
    ['head_fio', 'Моева Мария Ивановна'],
  ] as const)
    await e.api('readiness.confirm', { clientId: mine, fieldCode, value, confirmedAt: addDays(today, -177) });

  // Tasks: mine overdue (received three days ago), mine with a call due in a minute, someone else's overdue.
  ids.overdue = await lead('870001', 'buh@moya.example', 3 * DAY);
  ids.call = await lead('870002', 'buh@moya.example', 0);
  ids.theirs = await lead('870003', 'buh@chuzhaya.example', 3 * DAY);
  await e.api('tasks.assign', { id: ids.overdue, assigneeId: me });
  await e.api('tasks.assign', { id: ids.call, assigneeId: me });
  await e.api('tasks.assign', { id: ids.theirs, assigneeId: other });
  e.core.db.$client.prepare('UPDATE tasks SET next_contact_at = ? WHERE id = ?').run(new Date(e.clock.now().getTime() + 60_000).toISOString(), ids.call);
});
afterAll(() => e?.close());

it('after login an employee lands on «Мой день» with only own tasks, calls, owed documents (overdue first) and lapsing readiness', async () => {
  const page = await e.newPage();
  await e.login(page, 'dayova', 'password-123');
  const day = new MyDayPage(page);
  // The start page, marked on the rail.
  await day.root.waitFor();
  expect(await page.getByTestId('nav-home').getAttribute('data-active')).toBe('true');

  await expect.poll(() => day.rows('my-tasks')).toContain(`task-row-${ids.overdue}`);
  expect(await day.row(`task-row-${ids.overdue}`).getAttribute('data-overdue')).toBe('true');
  expect(await day.rows('my-tasks')).not.toContain(`task-row-${ids.theirs}`);
  expect(await day.rows('my-calls')).toEqual([`call-row-${ids.call}`]);

  expect(await day.rows('my-documents')).toEqual([`owed-row-${numbers.myOverdue}`, `owed-row-${numbers.myAwaited}`]);
  expect(await day.row(`owed-row-${numbers.myOverdue}`).getAttribute('data-overdue')).toBe('true');
  expect(await day.count('my-documents')).toBe(2);

  expect(await day.rows('my-readiness')).toEqual([`lapsing-row-${ids.mine}`]);
  expect(await day.row(`lapsing-row-${ids.mine}`).textContent()).toContain('Обзвонка');
  // Not a head: no department.
  expect(await day.department.count()).toBe(0);
  await e.screenshot(page, 'home-my-day');

  // A row opens its task.
  await day.row(`call-row-${ids.call}`).click();
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/tasks/${ids.call}`);
  await page.context().close();
});

it('a head sees the department: open and overdue tasks per employee, only the department, nothing to edit', async () => {
  const page = await e.newPage();
  await e.login(page, 'nachalova', 'password-123');
  const day = new MyDayPage(page);
  await day.department.waitFor();
  expect(await day.department.textContent()).toContain('Отдел продаж');
  const mine = day.loadRow(me);
  expect(await mine.getAttribute('data-open')).toBe('2');
  expect(await mine.getAttribute('data-overdue')).toBe('1');
  expect(await mine.textContent()).toContain('СИО');
  expect(await day.loadRow(head).count()).toBe(1);
  // Another department's employee is not listed; roles are not edited here.
  expect(await day.loadRow(other).count()).toBe(0);
  expect(await day.department.locator('input, button, select, textarea').count()).toBe(0);
  await e.screenshot(page, 'home-department');
  await page.context().close();
});
