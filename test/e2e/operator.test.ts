// E2E: a chat operator in the narrow operator window pastes a kit in the КЦ's number form, sees the client and the person,
// picks from the short list by keyboard, and asks the personal manager to call back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { OperatorPage } from './pages/OperatorPage';

let e: E2E;
let clientId: number;
let pmId: number;

beforeAll(async () => {
  e = await startE2E();
  await e.api('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  const sioId = await e.employee('sio1', ['sio'], 'Сиова Светлана');
  pmId = await e.employee('pm1', ['pm'], 'Пеманов Павел');
  await e.employee('chat1', ['chat'], 'Чатова Анна');
  ({ id: clientId } = await e.api('clients.create', { name: 'ООО «Ромашка»', inn: '7707083893', sioId, pmId }));
  await e.api('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 123, comp: 2, scheme: 'nss' });
  await e.api('contacts.save', { clientId, fullName: 'Семёнова Ирина Петровна', position: 'Главный бухгалтер', emails: [{ email: 'irina@romashka.example' }] });
  const { id: other } = await e.api('clients.create', { name: 'ООО «Семёнов и сыновья»' });
  await e.api('contacts.save', { clientId: other, fullName: 'Семёнов Пётр' });
}, 120_000);
afterAll(() => e?.close());

async function operatorPage(): Promise<{ page: Page; op: OperatorPage }> {
  const page = await e.newPage();
  await page.setViewportSize({ width: 420, height: 820 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e.url });
  await e.login(page, 'chat1', 'password-123');
  const op = new OperatorPage(page);
  await op.open(e.url);
  return { page, op };
}

it('an operator pastes 1_000123_02 and sees the client, its kit, and the person found by e-mail', async () => {
  const { page, op } = await operatorPage();
  // The window is the screen alone: no rail beside it in a narrow window, and the input has the focus.
  expect(await page.getByTestId('nav-clients').count()).toBe(0);
  expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('op-input');

  await page.evaluate(`navigator.clipboard.writeText('  1_000123_02\\n')`);
  await op.fromClipboard();
  await op.clientName.waitFor();
  expect(await op.input.inputValue()).toBe('1_000123_02');
  expect(await op.clientName.textContent()).toBe('ООО «Ромашка»');
  const client = await op.section('client').textContent();
  expect(client).toContain('ИНН 7707083893');
  expect(client).toContain('Сиова Светлана');
  expect(client).toContain('Пеманов Павел');
  const kits = await op.section('distributions').textContent();
  expect(kits).toContain('SKJP_000123_02');
  expect(kits).toContain('1_000123_02');
  expect(kits).toContain('нет данных USR');

  await op.lookUp('irina@romashka.example');
  await page.getByText('Главный бухгалтер').waitFor();
  expect(await op.contactName.textContent()).toBe('Семёнова Ирина Петровна');

  // A ФИО of two clients: the short list, picked with the arrows and Enter.
  await op.lookUp('Семёнов');
  await op.candidates.first().waitFor();
  expect(await op.candidates.count()).toBe(2);
  await op.input.press('ArrowDown');
  const second = await op.page.locator('[data-testid="op-candidate"][data-selected]').textContent();
  await op.input.press('Enter');
  await page.getByTestId('op-candidates').waitFor({ state: 'detached' });
  expect(second).toContain(await op.clientName.textContent());
  await page.close();
});

it('an operator asks the personal manager to call back from the window; the task is his, with the person and the text', async () => {
  const { page, op } = await operatorPage();
  await op.open(e.url, '1_000123_02');
  await op.clientName.waitFor();
  await op.callBack('ПМ: Пеманов Павел', 'Перезвонить: вопрос по счёту за декабрь');
  await op.section('tasks').getByTestId('op-task').waitFor();
  const tasks = await op.section('tasks').textContent();
  expect(tasks).toContain('Пеманов Павел');
  // The operator does not see the text of someone else's task.
  expect(tasks).not.toContain('вопрос по счёту');

  const list = await e.api('tasks.list', { clientId });
  expect(list.items).toHaveLength(1);
  const task = await e.api('tasks.get', { id: list.items[0]!.id });
  expect(task).toMatchObject({ kind: 'other', status: 'new', assignee: { id: pmId } });
  expect(task.fields.comment).toBe('Перезвонить: вопрос по счёту за декабрь');
  expect(Date.parse(task.deadline) - e.clock.now().getTime()).toBeGreaterThan(50 * 60_000);
  await page.close();
});
