// E2E: a head reads imported chat sessions, opens a dialog, links an unknown kit to a client and maps an operator; the card shows the sessions.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { chatExport, importChat } from '../chat/helpers';
import { ChatPage } from './pages/ChatPage';

let e: E2E;
let vladport: number;

beforeAll(async () => {
  e = await startE2E();
  await e.api('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  await e.api('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 7 });
  const known = await e.api('clients.create', { name: 'ООО «Восток-Транс»' });
  await e.api('distributions.save', { clientId: known.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
  vladport = (await e.api('clients.create', { name: 'ООО «Владпорт»' })).id;
  await e.employee('kim', ['chat'], 'Ким Ольга Сергеевна');
  importChat(
    e.core.db,
    chatExport([
      { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:05', finish: '2026-11-02 10:12:40', fio: 'Сидоренко Анна', personal: 'Ким Ольга (оператор)', text: 'Где найти форму счёта-фактуры?' },
      { sys: 7, distr: 45678, start: '2026-11-03 14:01:30', finish: '2026-11-03 14:05:00', fio: 'Тарасова Елена', personal: 'Ким Ольга (оператор)', text: 'Вопрос про расторжение договора' },
    ]),
  );
}, 60_000);

afterAll(async () => e?.close());

it('a head reads sessions, links an unknown kit and maps the operator', async () => {
  const page = await e.newPage();
  await e.login(page);
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sessionRows().first().waitFor();
  expect(await chat.count.textContent()).toBe('Сессий: 2');
  expect(await chat.sessionRows().first().textContent()).toContain('BUHS_045678');
  await chat.sessionRows().nth(1).click();
  await chat.dialog.getByTestId('chat-session-text').waitFor();
  expect(await chat.dialog.getByTestId('chat-session-text').textContent()).toBe('Где найти форму счёта-фактуры?');
  expect(await chat.dialog.textContent()).toContain('12 мин 35 с');
  await page.keyboard.press('Escape');
  await chat.dialog.waitFor({ state: 'hidden' });

  await chat.open('Неизвестные комплекты');
  await chat.kitRows().first().waitFor();
  expect(await chat.kitRows().count()).toBe(1);
  await chat.linkKit(chat.kitRows().first(), 'Владпорт', 'ООО «Владпорт»');
  await page.getByText('Неизвестных комплектов нет').waitFor();
  expect((await e.api('clients.get', { id: vladport })).distributions.map((d) => d.code)).toEqual(['BUHS_045678']);

  await chat.open('Операторы');
  await chat.operatorRow('Ким Ольга (оператор)').waitFor();
  await chat.mapOperator('Ким Ольга (оператор)', 'Ким Ольга Сергеевна');
  await page.getByText('Все операторы из выгрузок сопоставлены с сотрудниками.').waitFor();

  await chat.open('Сессии');
  await chat.sessionRows().first().waitFor();
  expect(await chat.sessionRows().first().textContent()).toContain('Ким Ольга Сергеевна');
  expect(await chat.sessionRows().first().textContent()).toContain('ООО «Владпорт»');
  await e.screenshot(page, 'chat-sessions');

  // The client's card: the session on its timeline, opened from there.
  await page.goto(`${e.url}#/clients/${vladport}/events`);
  await page.getByTestId('event-open-chat').first().click();
  await page.getByTestId('chat-session-text').waitFor();
  expect(await page.getByTestId('chat-session-text').textContent()).toBe('Вопрос про расторжение договора');
  await page.context().close();
}, 120_000);
