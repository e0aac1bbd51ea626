// E2E: texts and layout on every screen — no Latin words shown or read aloud, no cut badges or columns at 1280×720, gender
// agreement in document badges, compact form controls, focus on the table in «Поручения» and «Документы», the Ctrl+K palette.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addSystems } from '../helpers/systems';
import { NEW_CP, OUR } from '../documents/fixtures';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, leadText } from '../mail/build';
import { ScreenProbe } from './pages/ScreenProbe';
import { CommandPaletteUi } from './pages/ClientsPage';
import { DocumentsTabPage } from './pages/DocumentsTabPage';

let e: E2E;
let page: Page;
let probe: ScreenProbe;
let clientId: number;
let taskId: number;
let specId: number;
let specNo: string;
let contractId: number;

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  e = await startE2E();
  await e.api('settings.ourRequisites.save', OUR);
  await addSystems(e.api);
  const sioId = await e.employee('sio-texts', ['sio'], 'Сергеева Ирина Олеговна');
  const today = e.today();
  clientId = (await e.api('clients.create', { name: 'ООО «Ромашка»', city: 'Владивосток', status: 'active', sioId, emails: [{ email: 'petrov@vector.example' }] })).id;
  await e.api('clients.changeCounterparty', { clientId, effectiveFrom: '2025-01-01', counterparty: NEW_CP });
  const dist = await e.api('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 321, comp: 1, scheme: 'nss', schemeFrom: '2025-01-01', chatEnabled: true });
  const contract = await e.api('documents.create', { type: 'contract', form: 'es', clientId, date: addDays(today, -40) });
  contractId = contract.id;
  const spec = await e.api('documents.create', {
    type: 'specification',
    clientId,
    date: addDays(today, -40),
    parentId: contract.id,
    distributions: [{ distributionId: dist.id, priceKop: 1_000_00 }],
  });
  specId = spec.id;
  specNo = spec.number;
  await e.api('documents.markReturned', { id: spec.id, date: addDays(today, -35) });
  await e.api('documents.create', { type: 'additional_agreement', clientId, date: addDays(today, -90), parentId: contract.id });
  await e.api('documents.create', { type: 'act', clientId, date: addDays(today, -60), amountKop: 5_000_00 });
  const raw = buildMail({
    subject: 'Заявка с сайта КонсультантПлюс № 880011: установка демоверсии',
    text: leadText({
      typeText: 'Установка демоверсии',
      number: '880011',
      fields: [
        ['Тип заявки', 'Установка демоверсии'],
        ['Номер заявки', '880011'],
        ['ФИО', 'Петров Игорь Сергеевич'],
        ['Организация', 'ООО «Ромашка»'],
        ['E-mail', 'petrov@vector.example'],
        ['Телефон', '8 914 700-11-22'],
      ],
    }),
  });
  await ingestMessage({ db: e.core.db, pool: e.core.pool, clock: e.clock, publish: e.core.bus.publish }, raw, null, e.clock.now().toISOString());
  taskId = (await e.api('tasks.list', { open: true, limit: 10 })).items[0]!.id;
  // «Поручения» opens on the user's own tasks: this one is the administrator's.
  await e.api('tasks.assign', { id: taskId, assigneeId: (await e.api('auth.me', {})).id });
  page = await e.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await e.login(page);
  probe = new ScreenProbe(page);
});
afterAll(() => e?.close());

/** What the test typed in: logins, stage codes of the default readiness stages, the backup folder. */
const DATA = ['admin', 'sio-texts', 'calling', 'sale', 'backups', 'tmp', 'crm-e2e-'];

/** Every screen a user reaches from the rail, the card's tabs and the settings tabs. */
const screens = () => [
  '/home',
  '/clients',
  ...['general', 'contacts', 'requisites', 'distributions', 'documents', 'events', 'readiness', 'usr', 'glavbukh', 'nss'].map((t) => `/clients/${clientId}/${t}`),
  '/tasks',
  `/tasks/${taskId}`,
  '/tasks/queue',
  '/documents',
  `/documents/${specId}`,
  `/documents/${contractId}`,
  '/reports',
  '/reports/tasks',
  '/reports/document-returns',
  '/imports',
  '/usr',
  '/usr/kits',
  '/glavbukh',
  '/glavbukh/archive',
  '/nss/seminars',
  '/nss/kc',
  '/nss/kc/archive',
  '/reports/chat-operators',
  '/reports/opkn',
  '/reports/usr-olap',
  '/reports/nss',
  '/chat/quality',
  ...['pending', 'sent', 'acknowledged', 'failing'].map((g) => `/edo/${g}`),
  ...['profile', 'employees', 'departments', 'readiness', 'systems', 'documents', 'quality', 'calendar', 'mail', 'mail-rules', 'imports', 'backup', 'hotline', 'usr', 'glavbukh', 'nss', 'edo'].map((t) => `/settings/${t}`),
];

describe('texts and layout', () => {
  it('no screen shows or reads aloud a Latin word (visible text, aria-label, title, placeholder)', async () => {
    const found: string[] = [];
    for (const route of screens()) {
      await probe.go(route);
      for (const f of await probe.latin(DATA)) found.push(`${route} ${f.where}: ${f.text}`);
    }
    const palette = new CommandPaletteUi(page);
    await palette.open();
    for (const f of await probe.latin(DATA)) found.push(`palette ${f.where}: ${f.text}`);
    await page.keyboard.press('Escape');
    await palette.input.waitFor({ state: 'hidden' });
    // Dialogs too: «Новый клиент» and a new contract.
    await palette.open();
    await palette.input.pressSequentially('новый клиент', { delay: 15 });
    await page.getByTestId('palette-command-new-client').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Создать' }).waitFor();
    for (const f of await probe.latin(DATA)) found.push(`«Новый клиент» ${f.where}: ${f.text}`);
    await page.keyboard.press('Escape');
    const docs = new DocumentsTabPage(page);
    await docs.open(clientId);
    await docs.newContract();
    for (const f of await probe.latin(DATA)) found.push(`new contract ${f.where}: ${f.text}`);
    await page.keyboard.press('Escape');
    expect([...new Set(found)]).toEqual([]);
  }, 180_000);

  it('at 1280×720 no badge is cut and no column header is clipped or pushed past the edge', async () => {
    const found: string[] = [];
    for (const route of screens()) {
      await probe.go(route);
      for (const f of await probe.truncated()) found.push(`${route} ${f.where}: ${f.text}`);
    }
    expect([...new Set(found)]).toEqual([]);
    // Past 500 clients the list says «Показаны первые 500 — уточните запрос (…)»: the longest filter row it has.
    const have = (await e.api('clients.search', { limit: 1 })).total;
    for (let i = have; i <= 500; i++) await e.api('clients.create', { name: `ООО «Ширина ${i}»` });
    await probe.go('/clients');
    expect(await page.getByTestId('clients-count').textContent()).toContain('Показаны первые 500');
    expect(await probe.truncated()).toEqual([]);
  }, 240_000);

  it('document badges agree with the type: «Возвращена» for a specification, «Просрочен» for an act, «Просрочено» for an agreement', async () => {
    await probe.go(`/clients/${clientId}/documents`);
    const states = await page.getByTestId('return-state').allTextContents();
    expect(states.some((s) => s.startsWith('Возвращена в срок'))).toBe(true);
    expect(states.some((s) => /^Просрочен\s/.test(s))).toBe(true);
    expect(states.some((s) => s.startsWith('Просрочено'))).toBe(true);
    expect(states.join(' | ')).not.toMatch(/Возвращён/);
    await probe.go(`/documents/${specId}`);
    await expect.poll(() => page.getByTestId('return-state').first().textContent()).toMatch(/^Возвращена в срок/);
    expect(await page.getByText(specNo).first().isVisible()).toBe(true);
  });

  it('«ОД» is spelled out in the distributions table', async () => {
    await probe.go(`/clients/${clientId}/distributions`);
    const heads = await page.getByTestId('distr-table').locator('th').allTextContents();
    expect(heads).toContain('Онлайн-диалог');
    expect(heads).not.toContain('ОД');
  });

  it('form controls use the compact size from the theme: a text field of the card is at most 30 px high', async () => {
    await probe.go(`/clients/${clientId}/general`);
    const heights = await probe.heights('.mantine-TextInput-input');
    expect(heights.length).toBeGreaterThan(3);
    for (const h of heights) expect(h).toBeLessThanOrEqual(30);
  });

  it('opening «Поручения» and «Документы» puts keyboard focus on the table: ↓ and Enter work at once', async () => {
    await probe.go('/clients');
    await page.getByTestId('nav-tasks').click();
    await expect.poll(() => probe.focused()).toBe('tasks-table');
    await page.keyboard.press('Enter');
    await expect.poll(() => probe.hash()).toBe(`#/tasks/${taskId}`);

    await page.getByTestId('nav-documents').click();
    await expect.poll(() => probe.focused()).toBe('register-table');
    await page.locator('[data-testid^="register-row-"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => probe.hash()).toMatch(/^#\/documents\/\d+$/);
  });

  it('the Ctrl+K palette opens sections and commands, ё or е alike, and the opened list has the focus', async () => {
    await probe.go('/clients');
    const palette = new CommandPaletteUi(page);
    const run = async (typed: string, testId: string, hash: string | RegExp) => {
      await palette.open();
      await palette.input.pressSequentially(typed, { delay: 15 });
      await page.getByTestId(testId).waitFor();
      await page.keyboard.press('Enter');
      await palette.input.waitFor({ state: 'hidden' });
      await expect.poll(() => probe.hash()).toMatch(hash);
    };
    await run('поручения', 'palette-command-tasks', /^#\/tasks$/);
    await expect.poll(() => probe.focused()).toBe('tasks-table');
    await run('документы', 'palette-command-documents', /^#\/documents$/);
    await expect.poll(() => probe.focused()).toBe('register-table');
    await run('отчеты', 'palette-command-reports', /^#\/reports$/);
    await run('возврат док', 'palette-command-report-document-returns', /^#\/reports\/document-returns$/);
    await run('нераспознан', 'palette-command-mail-queue', /^#\/tasks\/queue$/);
    await run('настройки', 'palette-command-settings', /^#\/settings$/);
  });
});
