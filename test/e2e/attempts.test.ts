// E2E: a call attempt on a task is logged without closing it, shows in the card's attempts, and the closing dialog offers no «call back later».
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { TasksPage } from './pages/TasksPage';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, leadText } from '../mail/build';

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

it('«Попытка связи» logs «Занято» with a next contact time; the task stays open with its attempt listed; closing results exclude attempts', async () => {
  const refs = await e.api('refs.get', {});
  const sales = refs.directions.find((d) => d.code === 'sales')!.id;
  const { id: me } = await e.api('employees.save', { login: 'zvonova', fullName: 'Звонова Анна', roles: ['sales'], directionIds: [sales], password: 'password-123' });
  await e.api('clients.create', { name: 'ООО «Маяк»', sioId: me, emails: [{ email: 'buh@mayak.example' }] });
  const raw = buildMail({
    subject: 'Заявка с сайта КонсультантПлюс № 810001: прайс-лист',
    text: leadText({ typeText: 'Прайс-лист', number: '810001', fields: [['Тип заявки', 'Прайс-лист'], ['Номер заявки', '810001'], ['E-mail', 'buh@mayak.example'], ['Телефон', '8 914 700-11-22']] }),
  });
  const r = await ingestMessage({ db: e.core.db, pool: e.core.pool, clock: e.clock, publish: e.core.bus.publish }, raw, null, e.clock.now().toISOString());
  expect(r.outcome).toBe('task');
  const taskId = (e.core.db.$client.prepare("SELECT id FROM tasks WHERE request_number = '810001'").get() as { id: number }).id;

  const page: Page = await e.newPage();
  await e.login(page, 'zvonova', 'password-123');
  await page.goto(`${e.url}#/tasks/${taskId}`);
  const tasks = new TasksPage(page);
  await tasks.card.waitFor();
  expect(await tasks.page.getByTestId('task-attempts').textContent()).toContain('Попыток пока не было');

  await page.getByTestId('task-attempt').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('attempt-outcome').click();
  await page.getByRole('option', { name: 'Занято', exact: true }).click();
  // Tomorrow 10:00 in the browser's zone (Moscow), typed as a person does.
  await dialog.getByTestId('attempt-next').fill('2026-11-28T10:00');
  await dialog.getByTestId('attempt-comment').fill('Бухгалтер на совещании');
  await dialog.getByTestId('task-dialog-save').click();
  await dialog.waitFor({ state: 'detached' });

  const rows = page.getByTestId('task-attempt-row');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain('Занято');
  expect(await rows.first().textContent()).toContain('Бухгалтер на совещании');
  expect(await rows.first().textContent()).toContain('28.11.2026 10:00');
  expect(await page.getByTestId('task-next-contact').textContent()).toBe('28.11.2026 10:00');
  expect(await tasks.status()).toBe('in_work');
  const stored = await e.api('tasks.get', { id: taskId });
  expect(stored).toMatchObject({ status: 'in_work', result: null, nextContactAt: '2026-11-28T07:00:00.000Z' });

  // The list shows the attempts on the task's row, with the next contact time in its tooltip.
  await page.goto(`${e.url}#/tasks`);
  const mark = page.locator(`[data-task-id="${taskId}"] [data-testid="task-row-attempts"]`);
  await mark.waitFor();
  expect(await mark.textContent()).toBe('☎1');
  expect(await mark.getAttribute('title')).toBe('Попыток связи: 1; следующий контакт 28.11.2026 10:00');
  await page.goto(`${e.url}#/tasks/${taskId}`);
  await tasks.card.waitFor();

  // Closing offers results that end the work only.
  await page.getByTestId('task-complete').click();
  await page.getByRole('dialog').getByTestId('task-result').click();
  const options = await page.getByRole('option').allTextContents();
  expect(options).toContain('Продажа');
  expect(options).not.toContain('Перезвонить позже');
  expect(options).not.toContain('Не дозвонились');
  await e.screenshot(page, 'task-attempts');
});
