// E2E: mail becomes tasks on screen — the list and the bell update live, a task is completed and lands on the client's timeline;
// the unrecognised queue; the rules editor for the administrator only; mailboxes with live health; the report with XLSX export.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { TasksPage } from './pages/TasksPage';
import { QueuePage } from './pages/QueuePage';
import { MailSettingsPage } from './pages/MailSettingsPage';
import { ReportsPage } from './pages/ReportsPage';
import { SettingsPage } from './pages/SettingsPage';
import { ClientCardPage } from './pages/ClientCardPage';
import { ingestMessage } from '../../src-main/features/mail/intake';
import type { Clock } from '../../src-main/api/context';
import { startMailJobs, type MailJobs } from '../../src-main/jobs/runner';
import { buildMail, leadText } from '../mail/build';
import { startDovecot, type Dovecot } from '../mail/dovecot';

let e: E2E;
let admin: Page;
let salesDirection: number;

beforeAll(async () => {
  e = await startE2E();
  const refs = await e.api('refs.get', {});
  salesDirection = refs.directions.find((d) => d.code === 'sales')!.id;
  admin = await e.newPage();
  await e.login(admin);
});
afterAll(() => e?.close());

/** What the IMAP job does with a fetched message, called directly on the server's clock: store, parse, task or queue, push events. */
const arrive = (raw: Buffer, clock: Clock = e.clock) => ingestMessage({ db: e.core.db, pool: e.core.pool, clock, publish: e.core.bus.publish }, raw, null, clock.now().toISOString());

/**
 * A sales employee of this test only, signed in on a page that follows the event stream (live pushes need it). Each test
 * makes its own, so none depends on what another test left behind.
 */
async function salesWorker(login: string, fullName: string): Promise<{ id: number; page: Page }> {
  const { id } = await e.api('employees.save', { login, fullName, roles: ['sales'], directionIds: [salesDirection], password: 'password-123' });
  const page = await e.newPage();
  const stream = page.waitForResponse((res) => res.url().endsWith('/api/events') && res.status() === 200);
  await e.login(page, login, 'password-123');
  await stream;
  return { id, page };
}

/** A client whose СИО is the employee and whose e-mail the lead carries: the lead goes to that employee, however many share the direction. */
const clientOf = async (sioId: number, name: string, email: string) => (await e.api('clients.create', { name, sioId, emails: [{ email }] })).id;

const demoLead = (n: string, org: string, email = `petrov${n}@vector.example`) =>
  buildMail({
    subject: `Заявка с сайта КонсультантПлюс № ${n}: установка демоверсии`,
    text: leadText({
      typeText: 'Установка демоверсии',
      number: n,
      fields: [
        ['Тип заявки', 'Установка демоверсии'],
        ['Номер заявки', n],
        ['ФИО', 'Петров Игорь Сергеевич'],
        ['Организация', org],
        ['Город', 'Находка'],
        ['E-mail', email],
        ['Телефон', '8 914 700-11-22'],
        ['Комментарий', 'Нужна демоверсия для бухгалтерии'],
      ],
    }),
  });

it('a lead arrives: the assignee sees it and the bell count go up without reloading, completes it, and the client timeline shows it', async () => {
  const { id: salesId, page: sales } = await salesWorker('ivanova', 'Иванова Мария Петровна');
  const clientId = await clientOf(salesId, 'ООО «Вектор»', 'petrov734520@vector.example');
  const tasks = new TasksPage(sales);
  await tasks.open();
  await tasks.empty.waitFor();
  expect(await tasks.empty.textContent()).toContain('Поручений нет. Новые заявки из почты появятся здесь');
  expect(await tasks.bellCount()).toBe(0);
  await e.screenshot(sales, 'tasks-empty');

  const r = await arrive(demoLead('734520', 'ООО «Вектор»'));
  expect(r.outcome).toBe('task');
  const taskId = r.taskId!;
  // Live: the row and the counter appear through push events, with no reload.
  await tasks.row(taskId).waitFor();
  await tasks.waitBellCount(1);
  const rowText = await tasks.row(taskId).textContent();
  expect(rowText).toContain('Демоверсия');
  expect(rowText).toContain('ООО «Вектор»');
  expect(rowText).toContain('Иванова Мария Петровна');
  expect(await tasks.row(taskId).getAttribute('data-state')).toBe('neutral');
  expect(await sales.getByTestId('tasks-counts').textContent()).toContain('Мои открытые: 1');
  await tasks.settle();
  await e.screenshot(sales, 'tasks-list-live');

  const dropdown = await tasks.openBell();
  const item = dropdown.getByTestId('bell-item').first();
  expect(await item.textContent()).toContain('Новое поручение: Демоверсия № 734520');
  await e.screenshot(sales, 'tasks-bell');
  await item.click();
  await tasks.card.waitFor();
  expect(await tasks.card.getAttribute('data-task-id')).toBe(String(taskId));
  // Opening the task read its notification.
  await tasks.waitBellCount(0);
  expect(await sales.getByTestId('task-fields').textContent()).toContain('Петров Игорь Сергеевич');
  expect(await sales.getByTestId('message-text').textContent()).toContain('Номер заявки: 734520');
  await sales.getByTestId('message-raw-toggle').click();
  expect(await sales.getByTestId('message-raw').textContent()).toContain('Content-Transfer-Encoding: base64');
  await sales.getByTestId('message-raw-toggle').click();

  await tasks.take();
  await tasks.close('complete', 'Установлена демоверсия', 'Поставили демоверсию, перезвонить через неделю');
  await tasks.card.locator('[data-status="done"]').first().waitFor();
  expect(await sales.getByTestId('task-result-badge').textContent()).toBe('Установлена демоверсия');
  await tasks.history.getByText('Выполнено поручение «Демоверсия»: Установлена демоверсия').waitFor();
  await tasks.settle();
  await e.screenshot(sales, 'task-card-done');
  const saved = await e.api('tasks.get', { id: taskId });
  expect(saved).toMatchObject({ status: 'done', result: 'demo_installed', comment: 'Поставили демоверсию, перезвонить через неделю', assignee: { id: salesId }, client: { id: clientId } });

  // The client's card, tab «События».
  await sales.getByTestId('task-client-link').click();
  const card = new ClientCardPage(sales);
  await card.open(saved.client!.id, 'events');
  const timeline = sales.getByTestId('events-timeline');
  await timeline.getByText('Выполнено поручение «Демоверсия»: Установлена демоверсия. Комментарий: Поставили демоверсию').waitFor();
  expect(await timeline.textContent()).toContain('Создано поручение «Демоверсия» № 734520, исполнитель — Иванова Мария Петровна');
  await e.screenshot(sales, 'client-events-task');
});

it('a broken message waits in the queue and is turned into a task for a chosen client and assignee', async () => {
  const { id: salesId, page: sales } = await salesWorker('smirnova', 'Смирнова Ольга Петровна');
  const client = await e.api('clients.create', { name: 'ООО «Полюс»', inn: '7707083893' });
  const broken = Buffer.from(
    'From: someone@unknown.example\r\nSubject: =?utf-8?B?0J/RgNC+0YjRgw==?= test\r\nMessage-ID: <broken-1@unknown.example>\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\nПожалуйста, перезвоните по поводу договора. Тел. 8 423 222-33-44\r\n--x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n',
    'latin1',
  );
  const r = await arrive(broken);
  expect(r.outcome).toBe('queued');
  const queued = async (id: number | null) => (await e.api('mail.queue.list', {})).items.find((i) => i.message.id === id);
  const q = await queued(r.messageRowId);
  expect(q).toBeDefined();

  const queue = new QueuePage(admin);
  await queue.open();
  await queue.item(q!.id).waitFor();
  await queue.openItem(q!.id);
  expect(await queue.opened.textContent()).toContain('someone@unknown.example');
  await e.screenshot(admin, 'queue-opened');

  const dialog = await queue.startMakeTask();
  await queue.choose(dialog.getByTestId('make-kind'), 'Прочее');
  await queue.choose(dialog.getByTestId('client-picker'), 'ООО «Полюс»', 'Полюс');
  await queue.choose(dialog.getByTestId('make-assignee'), 'Смирнова Ольга Петровна');
  await dialog.getByTestId('make-field-phone').fill('+7 (423) 222-33-44');
  await e.screenshot(admin, 'queue-make-task');
  await dialog.getByTestId('make-save').click();
  const tasks = new TasksPage(admin);
  await tasks.card.waitFor();
  const taskId = Number(await tasks.card.getAttribute('data-task-id'));
  const t = await e.api('tasks.get', { id: taskId });
  expect(t).toMatchObject({ kind: 'other', client: { id: client.id }, assignee: { id: salesId }, matchedBy: 'manual', assignedBy: 'manual', fields: { phone: '+7 (423) 222-33-44' } });
  expect(await queued(r.messageRowId)).toBeUndefined();
  // The assignee was told.
  await new TasksPage(sales).waitBellCount(1);

  // Another message is dismissed after confirmation.
  const r2 = await arrive(buildMail({ subject: 'Реклама: лучшие окна', text: 'Купите окна' }));
  const q2 = await queued(r2.messageRowId);
  await queue.open();
  await queue.openItem(q2!.id);
  await queue.dismiss();
  await queue.item(q2!.id).waitFor({ state: 'detached' });
  expect((await e.api('mail.queue.list', { status: 'dismissed' })).items.map((x) => x.id)).toContain(q2!.id);
  await sales.context().close();
});

it('only the administrator has the rules editor; a rule is tested on a stored message on screen', async () => {
  const { page: sales } = await salesWorker('kozlov', 'Козлов Андрей Викторович');
  // A dismissed advert to test the new rule on.
  const advert = await arrive(buildMail({ subject: 'Реклама: лучшие окна', text: 'Окна со скидкой. Тел.: 8 800 100-20-30' }));
  const dismissed = (await e.api('mail.queue.list', {})).items.find((i) => i.message.id === advert.messageRowId)!;
  await e.api('mail.queue.dismiss', { id: dismissed.id });
  const mine = new SettingsPage(sales);
  await mine.open();
  const names = await mine.tabNames();
  expect(names).not.toContain('Правила разбора');
  expect(names).not.toContain('Почта');
  await mine.goto('/settings/mail-rules');
  await sales.getByText('доступна только администратору').waitFor();
  expect(await sales.getByTestId('rules-table').count()).toBe(0);
  expect(await e.core.call('mail.rules.list', {}, null)).toMatchObject({ ok: false });

  const settings = new MailSettingsPage(admin);
  await settings.open('Правила разбора');
  await admin.getByTestId('rules-table').waitFor();
  // A new rule for the window adverts, tested before saving.
  await admin.getByTestId('rule-add').click();
  await admin.getByTestId('rule-name').fill('Окна (проверка)');
  await admin.getByTestId('rule-subject').fill('реклама:\\s+(?<number>\\S+)');
  await admin.getByTestId('rule-labels-phone').fill('Тел.');
  await admin.getByTestId('rule-labels-phone').press('Enter');
  const tester = settings.tester;
  await tester.getByTestId('tester-message').click();
  await admin.getByRole('option', { name: new RegExp(`№ ${dismissed!.message.id} `) }).click();
  await tester.getByTestId('tester-run').click();
  await tester.getByTestId('tester-verdict').waitFor();
  expect(await tester.getByTestId('tester-verdict').textContent()).toContain('Подходит: Прайс-лист, заявка № лучшие');
  await e.screenshot(admin, 'rules-editor-test');
  // A broken pattern is shown next to the field while typing.
  await admin.getByTestId('rule-subject').fill('реклама:(');
  await admin.getByText('Неверное регулярное выражение в строке 1').waitFor();
  await sales.context().close();
});

it('a task handed to me shows on the desktop when the window is in the background; clicking it opens the task', async () => {
  const petrovId = await e.employee('petrov', ['sales'], 'Петров Олег Иванович');
  const page = await e.newPage();
  // The browser's Notification API, permitted, and a window that is not in front.
  await page.addInitScript(`
    window.__notes = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission() { return Promise.resolve('granted'); }
      constructor(title, options) { this.title = title; this.onclick = null; window.__notes.push({ title, body: options.body }); window.__lastNote = this; }
      close() {}
    };
    Document.prototype.hasFocus = () => false;
  `);
  // Mail arriving before the page follows the event stream would only show on the next load: wait for the stream.
  const stream = page.waitForResponse((res) => res.url().endsWith('/api/events') && res.status() === 200);
  await e.login(page, 'petrov', 'password-123');
  await stream;
  // A question goes to the hotline, where nobody works in this test: it waits unassigned until a head hands it over.
  // It names no kit the base has, so it has no client (a question never makes a prospect) until someone links it.
  const r = await arrive(buildMail({ subject: 'Задать вопрос: вопрос пользователя', text: 'ФИО: Смирнова Анна\nОрганизация: ООО «Север»\nВопрос:\nКак учесть НДС?' }));
  expect(r.outcome).toBe('task');
  await e.api('tasks.assign', { id: r.taskId!, assigneeId: petrovId });
  const tasks = new TasksPage(page);
  await tasks.waitBellCount(1);
  await expect.poll(() => page.evaluate('window.__notes.length')).toBe(1);
  const notes = (await page.evaluate('window.__notes')) as { title: string; body: string }[];
  expect(notes).toEqual([{ title: 'Вам передано: Вопрос', body: 'клиент не определён · от Админов Админ' }]);
  await page.evaluate('window.__lastNote.onclick()');
  await tasks.card.waitFor();
  expect(await tasks.card.getAttribute('data-task-id')).toBe(String(r.taskId));
  await page.context().close();
});

it('a long list stays virtualised, with overdue tasks first and in red', async () => {
  // 400 requests that arrived yesterday (their deadlines passed) and 5 arriving now.
  const yesterday = e.clock.shifted(-86_400_000);
  for (let i = 0; i < 400; i++) {
    const raw = demoLead(String(800_000 + i), `ООО «Старый ${i}»`);
    await ingestMessage({ db: e.core.db, pool: e.core.pool, clock: yesterday, publish: () => undefined }, raw, null, yesterday.now().toISOString());
  }
  for (let i = 0; i < 5; i++) await arrive(demoLead(String(900_000 + i), `ООО «Новый ${i}»`));
  const tasks = new TasksPage(admin);
  await tasks.open();
  await tasks.scope('Все');
  await admin.locator('[data-task-id]').first().waitFor();
  // The open tasks of everyone: these 405 and whatever else is open in this database.
  const open = await e.api('tasks.list', { open: true, limit: 3000 });
  const overdue = open.items.filter((t) => t.overdue).length;
  expect(open.total).toBeGreaterThanOrEqual(405);
  expect(overdue).toBeGreaterThanOrEqual(400);
  await expect.poll(() => admin.getByTestId('tasks-shown').textContent()).toBe(`Всего: ${open.total}, просрочено: ${overdue}`);
  const rendered = await admin.locator('[data-task-id]').count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(100);
  expect(await admin.locator('[data-task-id]').first().getAttribute('data-state')).toBe('overdue');
  // End jumps to the last row: the newest arrivals, not overdue.
  await tasks.table.focus();
  await admin.keyboard.press('End');
  await admin.locator('[data-task-id][aria-selected="true"][data-state="neutral"]').waitFor();
  await e.screenshot(admin, 'tasks-long-list');
  // The filter survives a reload (kept per user).
  await admin.reload();
  await admin.getByTestId('tasks-scope').waitFor();
  expect(await admin.getByTestId('tasks-scope').getByRole('radio', { name: 'Все' }).isChecked()).toBe(true);
});

let dovecot: Dovecot | null = null;
let jobs: MailJobs | null = null;
afterAll(async () => {
  await jobs?.stop();
  await dovecot?.stop();
});

it('the administrator adds a mailbox and watches its health live while mail comes in', async () => {
  dovecot = await startDovecot();
  jobs = startMailJobs(e.core, { clock: e.clock, log: () => undefined });
  const { user, password } = dovecot.newUser();
  const settings = new MailSettingsPage(admin);
  await settings.open('Почта');
  await settings.addMailbox({ host: '127.0.0.1', port: dovecot.port, tls: false, user, password });
  const mb = (await e.api('mail.mailboxes.list', {})).find((m) => m.user === user);
  expect(mb).toMatchObject({ host: '127.0.0.1', port: dovecot.port, tls: false, user, hasPassword: true });
  const health = settings.health(mb!.id);
  await health.locator('[data-health="connected"]').waitFor({ timeout: 15_000 });
  await dovecot.append(user, password, [demoLead('734600', 'АО «Маяк»')]);
  // The counter follows the job's push events.
  await health.locator('[data-testid="health-processed"][data-value="1"]').waitFor({ timeout: 15_000 });
  expect(await health.textContent()).toContain('Последнее письмо');
  await e.screenshot(admin, 'mail-health');
});

it('the report shows leads and questions with a chart and exports the same numbers to XLSX', async () => {
  const { id: orlovaId, page: orlova } = await salesWorker('orlova', 'Орлова Дарья Игоревна');
  await orlova.context().close();
  await clientOf(orlovaId, 'ООО «Отчётный»', 'lead734700@report.example');
  expect((await arrive(demoLead('734700', 'ООО «Отчётный»', 'lead734700@report.example'))).outcome).toBe('task');
  const reports = new ReportsPage(admin);
  await reports.open();
  await reports.tasksReport.waitFor();
  const leads = admin.getByTestId('leads-table');
  await leads.waitFor();
  expect(await admin.getByTestId('leads-total').textContent()).toMatch(/^Итого\d/);
  await expect.poll(() => leads.textContent()).toContain('Орлова Дарья Игоревна');
  await admin.getByTestId('leads-chart').waitFor();
  await e.screenshot(admin, 'report-tasks');
  const download = await reports.exportXlsx();
  expect(download.suggestedFilename()).toMatch(/^Заявки и вопросы \d{4}-\d{2}-\d{2} — \d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await download.path();
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['Заявки по сотрудникам']!, { header: 1 });
  expect(rows.find((r) => r[0] === 'Орлова Дарья Игоревна')?.[1]).toBe(1);
});
