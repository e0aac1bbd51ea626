// E2E: the administrator keeps the working calendar in «Настройки»: weekdays, hours, holidays and worked days off,
// with typed dates checked next to the field; other employees do not get the tab.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { WorkCalendarPage } from './pages/WorkCalendarPage';
import { SettingsPage } from './pages/SettingsPage';

let e: E2E;
let page: Page;

beforeAll(async () => {
  e = await startE2E();
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('saves working weekdays, hours, holidays and a worked Saturday; a date typed wrong or an end before the start is refused next to its field', async () => {
  const cal = new WorkCalendarPage(page);
  await cal.open();
  expect(await cal.workDays()).toEqual([1, 2, 3, 4, 5]);
  expect(await cal.field('start').inputValue()).toBe('09:00');
  const saved = await e.api('settings.workCalendar.get', {});

  // Friday off, Saturday on; 08:30–17:30.
  await cal.toggleDay(5);
  await cal.toggleDay(6);
  await cal.field('start').fill('08:30');
  await cal.field('end').fill('07:00');
  await cal.field('holidays').fill('31.12.2026\n31.02.2027');
  await cal.field('weekends').fill('05.12.2026');
  await cal.save();
  await expect.poll(() => cal.error('holidays')).toContain('31.02.2027');
  expect(await cal.error('end')).toBe('Конец дня должен быть позже начала');
  // Nothing saved.
  expect(await e.api('settings.workCalendar.get', {})).toEqual(saved);
  await e.screenshot(page, 'calendar-refused');

  await cal.field('end').fill('17:30');
  await cal.field('holidays').fill('01.01.2027, 31.12.2026\n02.01.2027');
  await cal.save();
  await page.getByText('Рабочий календарь сохранён').waitFor();
  expect(await e.api('settings.workCalendar.get', {})).toEqual({
    ...saved,
    workDays: [1, 2, 3, 4, 6],
    dayStart: '08:30',
    dayEnd: '17:30',
    holidays: ['2026-12-31', '2027-01-01', '2027-01-02'],
    workingWeekends: ['2026-12-05'],
  });
  // Shown sorted, as saved, after a reload.
  await page.reload();
  await cal.root.waitFor();
  expect(await cal.workDays()).toEqual([1, 2, 3, 4, 6]);
  expect(await cal.field('holidays').inputValue()).toBe('31.12.2026\n01.01.2027\n02.01.2027');
  expect(await cal.field('end').inputValue()).toBe('17:30');
  await e.screenshot(page, 'calendar-saved');
});

it('an employee who is not an administrator has no calendar tab', async () => {
  await e.employee('sio-cal', ['sio']);
  const other = await e.newPage();
  await e.login(other, 'sio-cal', 'password-123');
  const settings = new SettingsPage(other);
  await settings.open();
  expect(await settings.tabNames()).not.toContain('Рабочий календарь');
  await other.context().close();
});
