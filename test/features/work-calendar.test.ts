// The working calendar: deadlines count working time in the РИЦ's zone (a lead of Sunday night is due Monday morning), holidays
// and moved working days count, and the tasks report groups by the РИЦ's calendar days.
import { afterEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addWorkingMinutes } from '../../src-main/features/calendar/workcal';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../../src-shared/calendar';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, leadText } from '../mail/build';

const vlad: WorkCalendar = { ...DEFAULT_WORK_CALENDAR, timeZone: 'Asia/Vladivostok' };
const add = (cal: WorkCalendar, from: string, min: number) => addWorkingMinutes(cal, new Date(from), min).toISOString();

it('adds working minutes: inside the day, across the evening, over a weekend, a holiday and a worked Saturday', () => {
  // Vladivostok is UTC+10: 09:00 local = 23:00Z the day before.
  expect(add(vlad, '2026-11-27T00:00:00Z', 120)).toBe('2026-11-27T02:00:00.000Z'); // Fri 10:00 → 12:00
  expect(add(vlad, '2026-11-27T07:00:00Z', 120)).toBe('2026-11-30T00:00:00.000Z'); // Fri 17:00 + 2 h → Mon 10:00
  expect(add(vlad, '2026-11-29T13:30:00Z', 120)).toBe('2026-11-30T01:00:00.000Z'); // Sun 23:30 → Mon 11:00
  expect(add({ ...vlad, holidays: ['2026-11-30'] }, '2026-11-29T13:30:00Z', 120)).toBe('2026-12-01T01:00:00.000Z'); // Mon a holiday → Tue 11:00
  expect(add({ ...vlad, workingWeekends: ['2026-11-28'] }, '2026-11-27T07:00:00Z', 120)).toBe('2026-11-28T00:00:00.000Z'); // worked Sat 10:00
  expect(add({ ...DEFAULT_WORK_CALENDAR, timeZone: 'Europe/Moscow' }, '2026-11-29T20:00:00Z', 60)).toBe('2026-11-30T07:00:00.000Z'); // Sun 23:00 MSK → Mon 10:00
});

let env: TestEnv;
afterEach(() => env?.close());

const lead = (n: string) =>
  buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: n, fields: [['Тип заявки', 'Прайс-лист'], ['Номер заявки', n], ['E-mail', `x${n}@example.ru`]] }) });

it('a lead that arrives on Sunday night is due on Monday morning, not overdue before the day starts; the report counts it on the РИЦ day', async () => {
  // Sunday 29.11.2026 23:30 in Vladivostok.
  env = await testEnv({ now: new Date('2026-11-29T13:30:00Z') });
  await env.admin('settings.workCalendar.save', { timeZone: 'Asia/Vladivostok', workDays: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '18:00', holidays: [], workingWeekends: [] });
  expect(await env.admin('settings.workCalendar.get', {})).toMatchObject({ timeZone: 'Asia/Vladivostok', dayStart: '09:00' });
  const deps = { db: env.core.db, clock: env.clock, pool: env.core.pool, publish: env.core.bus.publish };
  expect((await ingestMessage(deps, lead('920001'), null, env.clock.now().toISOString())).outcome).toBe('task');
  const { items } = await env.admin('tasks.list', {});
  const minutes = (await env.admin('tasks.kinds.list', {})).find((k) => k.kind === 'lead_price')!.deadlineMinutes;
  // Monday 09:00 local (23:00Z Sunday) plus the kind's minutes of working time.
  expect(items[0]!.deadline).toBe(new Date(Date.parse('2026-11-29T23:00:00Z') + minutes * 60_000).toISOString());
  env.clock.set('2026-11-29T22:59:00Z'); // Monday 08:59: the night passed, the task is not overdue
  expect((await env.admin('tasks.list', { overdue: true })).total).toBe(0);

  // Created at 23:30 Sunday local (13:30Z): the report of Sunday 29.11 counts it, the one of Monday 30.11 does not.
  expect((await env.admin('tasks.report', { from: '2026-11-29', to: '2026-11-29' })).rows.reduce((s, r) => s + r.count, 0)).toBe(1);
  expect((await env.admin('tasks.report', { from: '2026-11-30', to: '2026-11-30' })).rows.reduce((s, r) => s + r.count, 0)).toBe(0);
});

it('refuses a calendar whose day ends before it starts or whose zone is unknown; only administrators save it', async () => {
  env = await testEnv();
  const zone = await env.core.call('settings.workCalendar.save', { ...DEFAULT_WORK_CALENDAR, timeZone: 'Mars/Olympus' }, env.adminToken);
  expect(!zone.ok && zone.error.issues?.map((i) => i.path)).toEqual(['timeZone']);
  const order = await env.core.call('settings.workCalendar.save', { ...DEFAULT_WORK_CALENDAR, dayStart: '18:00', dayEnd: '09:00' }, env.adminToken);
  expect(!order.ok && order.error.issues).toEqual([{ path: 'dayEnd', reason: 'time_order' }]);
  expect((await env.admin('settings.workCalendar.get', {})).dayStart).toBe('09:00');
  const sales = await env.employee('sales9', ['sales']);
  const denied = await env.core.call('settings.workCalendar.save', { ...DEFAULT_WORK_CALENDAR }, sales.token);
  expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
});
