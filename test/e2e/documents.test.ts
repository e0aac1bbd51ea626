// E2E: documents in the UI — a contract with two specifications, print together and apart with the in-app preview, a return mark, the report changing, refused bad input.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { addSystems } from '../helpers/systems';
import { DocumentsTabPage } from './pages/DocumentsTabPage';
import { PrintDialogPage } from './pages/PrintDialogPage';
import { ReturnsReportPage } from './pages/ReturnsReportPage';
import { DocumentsRegisterPage } from './pages/DocumentsRegisterPage';
import { DocumentSettingsPage } from './pages/DocumentSettingsPage';
import { NEW_CP, OLD_CP, OUR } from '../documents/fixtures';
import { changedTables, tableHashes } from '../helpers/tables';

let e: E2E;
let page: Page;
let docs: DocumentsTabPage;
let print: PrintDialogPage;
let sioId: number;
let today: string;
let made = 0;

const CLIENT = 'ООО «Ромашка»';
const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The text of a PDF as pdftotext (poppler) extracts it, whitespace folded. */
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
const code = (system: string, n: number, comp = 1) => `${system}_${String(n).padStart(6, '0')}${comp > 1 ? `_0${comp}` : ''}`;

interface Kit {
  clientId: number;
  skjp: string;
  buhs: string;
  skro: string;
  distIds: Record<string, number>;
  overdueActNo: string;
}

/**
 * A client of the calling test only, through the API: the counterparty since 2025, three distributions (numbers of its
 * own, so tests never share a kit) and an act from two months ago that never came back (overdue, first in its order).
 */
async function arrangeClient(): Promise<Kit> {
  const k = made++;
  const clientId = (await e.api('clients.create', { name: CLIENT, city: 'Владивосток', status: 'active', sioId })).id;
  await e.api('clients.changeCounterparty', { clientId, effectiveFrom: '2025-01-01', counterparty: OLD_CP });
  const kits = [
    ['SKJP', 123 + k, 2],
    ['BUHS', 4567 + k, 1],
    ['SKRO', 89 + k, 1],
  ] as const;
  const distIds: Record<string, number> = {};
  for (const [systemCode, distrNumber, comp] of kits) {
    const { id } = await e.api('distributions.save', { clientId, systemCode, distrNumber, comp, scheme: 'nss', schemeFrom: '2025-01-01' });
    distIds[code(systemCode, distrNumber, comp)] = id;
  }
  const act = await e.api('documents.create', { type: 'act', clientId, date: addDays(today, -60), amountKop: 5_000_00 });
  return { clientId, skjp: code('SKJP', 123 + k, 2), buhs: code('BUHS', 4567 + k), skro: code('SKRO', 89 + k), distIds, overdueActNo: act.number };
}

interface DocSet extends Kit {
  contractNo: string;
  spec1: { id: number; number: string };
  spec2: { id: number; number: string };
}

/** The same client with what the first test makes on screen — an ЭС contract, specifications (SKJP + BUHS) and (SKRO) — through the API. */
async function arrangeSet(): Promise<DocSet> {
  const kit = await arrangeClient();
  const contract = await e.api('documents.create', { type: 'contract', form: 'es', clientId: kit.clientId, date: today });
  const spec = (lines: [string, number][]) =>
    e.api('documents.create', {
      type: 'specification',
      clientId: kit.clientId,
      date: today,
      parentId: contract.id,
      distributions: lines.map(([c, priceKop]) => ({ distributionId: kit.distIds[c]!, priceKop })),
    });
  const spec1 = await spec([
    [kit.skjp, 1_234_56],
    [kit.buhs, 2_000_00],
  ]);
  const spec2 = await spec([[kit.skro, 500_00]]);
  return { ...kit, contractNo: contract.number, spec1: { id: spec1.id, number: spec1.number }, spec2: { id: spec2.id, number: spec2.number } };
}

beforeAll(async () => {
  e = await startE2E();
  await e.api('settings.ourRequisites.save', OUR);
  sioId = await e.employee('sio-docs', ['sio'], 'Сергеев Иван Олегович');
  // The server's day is the РИЦ's, on the e2e clock.
  today = e.today();
  await addSystems(e.api);
  page = await e.newPage();
  await e.login(page);
  docs = new DocumentsTabPage(page);
  print = new PrintDialogPage(page);
});
afterAll(() => e?.close());

describe('documents', () => {
  it('creates a contract and two specifications in the UI; a kit in one specification is locked in the other', async () => {
    const { clientId, skjp, buhs, skro, overdueActNo } = await arrangeClient();
    await docs.open(clientId);
    await docs.newContract();
    await docs.form.getByTestId('doc-form').getByText('Экспериментальный сборник (ЭС)').click();
    const contractNo = await docs.save();
    expect(contractNo).toMatch(/^Д-\d{4}-\d{4}$/);
    await docs.contract(contractNo).waitFor();

    await docs.newChild('specification', contractNo);
    await docs.pickDistribution(skjp, '1 234,56');
    await docs.pickDistribution(buhs, '2000');
    expect(await docs.form.getByTestId('doc-total').textContent()).toContain('3\u00a0234,56\u00a0₽');
    await docs.settle();
    await e.screenshot(page, 'documents-spec-form');
    const spec1No = await docs.save();
    expect(docs.savedText).toMatch(/^Спецификация № \S+ сохранена/);

    await docs.newChild('specification', contractNo);
    // The contract shows which distribution is in which specification: BUHS is taken by the first one.
    await docs.distributionRow(buhs).getByText(`уже в ${spec1No}`).waitFor();
    expect(await docs.page.getByTestId(`spec-dist-check-${buhs}`).isDisabled()).toBe(true);
    await docs.pickDistribution(skro, '500');
    const spec2No = await docs.save();

    await docs.row(spec2No).waitFor();
    expect(await docs.rowNumbers()).toEqual([contractNo, spec1No, spec2No, overdueActNo]);
    expect(await docs.row(spec1No).textContent()).toContain(skjp);
    expect(await docs.row(spec1No).textContent()).toContain(buhs);
    expect(await docs.row(spec1No).textContent()).toContain('3\u00a0234,56\u00a0₽');
    expect(await docs.row(spec2No).textContent()).toContain(skro);
    expect(await docs.row(spec2No).getAttribute('data-state')).toBe('awaited');
    // The header badge: three awaited plus the overdue act; red because one is overdue.
    await expect.poll(async () => docs.owedBadge.textContent()).toContain('Должен вернуть: 4');
    expect(await docs.owedBadge.getAttribute('data-overdue')).toBe('1');
    await docs.settle();
    await e.screenshot(page, 'documents-tab');
  });

  it('refuses a specification without distributions and a negative amount with Russian messages, saving nothing', async () => {
    const { clientId, contractNo } = await arrangeSet();
    await docs.open(clientId);
    const before = tableHashes(e.core.db.$client);
    await docs.newChild('specification', contractNo);
    await page.getByTestId('doc-save').click();
    await docs.form.getByText('Выберите хотя бы один дистрибутив: спецификация без дистрибутивов не сохраняется').waitFor();
    await docs.settle();
    await e.screenshot(page, 'documents-spec-refused');
    await docs.cancelForm();

    await docs.newChild('invoice', contractNo);
    await page.getByTestId('doc-amount').fill('-1500');
    expect(await docs.fieldError('doc-amount').textContent()).toBe('Сумма не может быть отрицательной');
    await page.getByTestId('doc-save').click();
    await page.getByText('Исправьте поля, отмеченные красным: ничего не сохранено').last().waitFor();
    await docs.settle();
    await e.screenshot(page, 'documents-negative-refused');
    await docs.cancelForm();
    expect(changedTables(before, tableHashes(e.core.db.$client))).toEqual([]);
  });

  it('prints the contract with its specifications in one file, previewed in the app', async () => {
    const { clientId, contractNo, spec1, spec2 } = await arrangeSet();
    const [spec1No, spec2No] = [spec1.number, spec2.number];
    await docs.open(clientId);
    await docs.printContract(contractNo);
    expect(await print.picked()).toEqual([contractNo, spec1No, spec2No]);
    await print.mode('Одним файлом');
    await print.render();
    expect(await print.files.count()).toBe(0);
    const file = await print.previewPath();
    expect(fs.existsSync(file)).toBe(true);
    const text = pdfText(file);
    expect(text).toContain(OLD_CP.fullName);
    expect(text).toContain(contractNo);
    expect(text).toContain(spec1No);
    expect(text).toContain(spec2No);
    expect(await page.getByTestId('pdf-print').isEnabled()).toBe(true);
    await page.waitForTimeout(800);
    await e.screenshot(page, 'documents-print-together');
    await print.close();
  });

  it('prints them apart: three files, each previewable', async () => {
    const { clientId, contractNo, spec1, spec2 } = await arrangeSet();
    const [spec1No, spec2No] = [spec1.number, spec2.number];
    await docs.open(clientId);
    await docs.printContract(contractNo);
    await print.mode('Каждый отдельно');
    await print.render();
    await expect.poll(() => print.files.count()).toBe(3);
    const paths = await print.filePaths();
    expect(new Set(paths).size).toBe(3);
    for (const [i, p] of paths.entries()) {
      await print.files.nth(i).click();
      await page.locator(`[data-testid="preview-name"][data-path="${p}"]`).waitFor();
      await page.locator('[data-testid="pdf-preview"][data-loaded="true"]').waitFor();
      expect(fs.existsSync(p)).toBe(true);
      expect(pdfText(p)).toContain(OLD_CP.fullName);
    }
    expect(pdfText(paths[0]!)).toContain(contractNo);
    expect(pdfText(paths[1]!)).toContain(spec1No);
    expect(pdfText(paths[2]!)).toContain(spec2No);
    await page.waitForTimeout(800);
    await e.screenshot(page, 'documents-print-apart');
    await print.close();
  });

  it('creates a УПД with VAT under the contract and prints it: status 1, the contract as the basis, the totals', async () => {
    const { clientId, contractNo } = await arrangeSet();
    await docs.open(clientId);
    await docs.newChild('upd', contractNo);
    await page.getByTestId('doc-amount').fill('1 220,00');
    await page.getByTestId('doc-vat').click();
    await page.getByRole('option', { name: 'НДС в том числе' }).click();
    await page.getByText('Статус УПД: 1 — счёт-фактура и передаточный документ').waitFor();
    const updNo = await docs.save();
    expect(updNo).toMatch(/^УПД-\d{4}-0001$/);
    expect(docs.savedText).toContain('сохранён');
    await docs.settle();
    await e.screenshot(page, 'documents-upd-tab');
    await docs.row(updNo).getByTestId('doc-print').click();
    await print.pick.waitFor();
    expect(await print.picked()).toEqual([updNo]);
    await print.render();
    const text = pdfText(await print.previewPath());
    for (const s of ['Универсальный передаточный документ', 'Статус: 1', `Счёт-фактура № ${updNo}`, OLD_CP.fullName, `Договор № ${contractNo}`, '1 220,00', '220,00'])
      expect(text).toContain(s);
    await page.waitForTimeout(800);
    await e.screenshot(page, 'documents-upd-print');
    await print.close();
  });

  it('an invoice by lines: the typed amount becomes the first line, quantity × price sums with VAT on top; a wrong line is refused; edited later', async () => {
    const { clientId, contractNo } = await arrangeSet();
    await docs.open(clientId);
    await docs.newChild('invoice', contractNo);
    await page.getByTestId('doc-subject').fill('Сопровождение К+');
    await page.getByTestId('doc-amount').fill('3 000');
    await page.getByTestId('doc-to-lines').click();
    expect(await page.getByTestId('doc-line-name-0').inputValue()).toBe('Сопровождение К+');
    expect(await page.getByTestId('doc-line-price-0').inputValue()).toBe('3 000');
    await page.getByTestId('doc-line-qty-0').fill('3');
    await page.getByTestId('doc-line-unit-0').fill('мес.');
    await page.getByTestId('doc-line-price-0').fill('1 000');
    await page.getByTestId('doc-line-add').click();
    await page.getByTestId('doc-line-name-1').fill('Семинар для бухгалтера');
    await page.getByTestId('doc-line-qty-1').fill('0,5');
    await page.getByTestId('doc-line-price-1').fill('abc');
    await page.getByTestId('doc-vat').click();
    await page.getByRole('option', { name: 'НДС сверху' }).click();
    await page.getByTestId('doc-save').click();
    expect(await docs.fieldError('doc-line-price-1').textContent()).toMatch(/Сумма: число рублей/);
    await page.getByTestId('doc-line-price-1').fill('1 001');
    expect(await page.getByTestId('doc-line-sum-1').textContent()).toBe('500,50\u00a0₽');
    // 3 000,00 + 500,50 = 3 500,50; VAT 22 % on top = 770,11.
    expect(await docs.form.getByTestId('doc-total').textContent()).toContain('4\u00a0270,61\u00a0₽');
    await e.screenshot(page, 'documents-invoice-lines');
    const no = await docs.save();
    const saved = (await e.api('documents.list', { clientId, type: 'invoice', limit: 10 })).items.find((d) => d.number === no)!;
    const card = await e.api('documents.get', { id: saved.id });
    expect(card.lines).toEqual([
      { name: 'Сопровождение К+', qty: 3, unit: 'мес.', priceKop: 100_000, amountKop: 300_000 },
      { name: 'Семинар для бухгалтера', qty: 0.5, unit: null, priceKop: 100_100, amountKop: 50_050 },
    ]);
    expect(card.amountKop).toBe(427_061);

    // Reopened: the lines are there; removing one recounts; removing the last goes back to one amount, nothing lost.
    await docs.row(no).getByTestId('doc-edit').click();
    await docs.form.waitFor();
    expect(await page.getByTestId('doc-line-qty-1').inputValue()).toBe('0,5');
    await page.getByTestId('doc-line-remove-1').click();
    expect(await docs.form.getByTestId('doc-total').textContent()).toContain('3\u00a0660,00\u00a0₽');
    await page.getByTestId('doc-save').click();
    await docs.form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await e.api('documents.get', { id: saved.id })).lines.length).toBe(1);
    expect((await e.api('documents.get', { id: saved.id })).amountKop).toBe(366_000);
    // The last line removed: one amount to pay, the line's sum with its VAT on top.
    await docs.row(no).getByTestId('doc-edit').click();
    await docs.form.waitFor();
    await page.getByTestId('doc-line-remove-0').click();
    expect(await page.getByTestId('doc-amount').inputValue()).toBe('3\u00a0660,00');
    await page.getByTestId('doc-save').click();
    await docs.form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await e.api('documents.get', { id: saved.id })).lines.length).toBe(0);
    expect((await e.api('documents.get', { id: saved.id })).amountKop).toBe(366_000);
  });

  it('a returned specification moves from awaited to returned in time in the report', async () => {
    const { clientId, spec1, overdueActNo } = await arrangeSet();
    const spec1No = spec1.number;
    const period = { from: addDays(today, -90), to: addDays(today, 30) };
    // Other tests' documents share the period: the screen must show what the API counts, this client's rows included.
    const counts = async () => (await e.api('reports.documentReturns', { ...period, limit: 1 })).counts;
    const unreturned = async () => (await e.api('reports.documentReturns', { unreturned: true, limit: 1 })).counts;
    const report = new ReturnsReportPage(page);
    await report.open();
    // It opens on everything not returned as of today, whatever the planned date, overdue first.
    expect(await report.scope()).toBe('unreturned');
    const open = await unreturned();
    expect(open.returned_in_time + open.returned_late).toBe(0);
    await expect.poll(() => report.count('overdue')).toBe(open.overdue);
    expect(await report.count('awaited')).toBe(open.awaited);
    const openRows = await report.rows();
    expect(openRows.length).toBe(Math.min(100, open.overdue + open.awaited));
    expect(openRows[0]![1]).toBe('overdue');
    const states = openRows.map((r) => r[1]);
    expect(states.slice(states.indexOf('awaited'))).not.toContain('overdue');
    expect(openRows.find((r) => r[0] === overdueActNo)?.[1]).toBe('overdue');
    expect(openRows.find((r) => r[0] === spec1No)?.[1]).toBe('awaited');
    await e.screenshot(page, 'documents-report-unreturned');

    await report.period(period.from, period.to);
    const before = await counts();
    await expect.poll(() => report.count('awaited')).toBe(before.awaited);
    expect(await report.count('overdue')).toBe(before.overdue);
    expect(await report.count('returned_in_time')).toBe(before.returned_in_time);
    const rows = await report.rows();
    // Overdue first, with its days overdue.
    expect(rows[0]![1]).toBe('overdue');
    const act = rows.find((r) => r[0] === overdueActNo)!;
    expect(act[1]).toBe('overdue');
    expect(Number(act[2])).toBeGreaterThan(25);
    expect(rows.find((r) => r[0] === spec1No)?.[1]).toBe('awaited');
    await page.waitForTimeout(500);
    await e.screenshot(page, 'documents-report-before');

    await docs.open(clientId);
    await docs.markReturned(spec1No, 'курьер клиента');
    await expect.poll(() => docs.row(spec1No).getAttribute('data-state')).toBe('returned_in_time');
    expect(await docs.row(spec1No).textContent()).toContain('курьер клиента');
    await expect.poll(async () => docs.owedBadge.textContent()).toContain('Должен вернуть: 3');

    await report.open();
    // Returned, it leaves the opening view.
    await expect.poll(() => report.count('awaited')).toBe((await unreturned()).awaited);
    expect((await report.rows()).find((r) => r[0] === spec1No)).toBeUndefined();
    await report.period(period.from, period.to);
    const after = await counts();
    expect([after.returned_in_time, after.awaited, after.overdue]).toEqual([before.returned_in_time + 1, before.awaited - 1, before.overdue]);
    await expect.poll(() => report.count('returned_in_time')).toBe(after.returned_in_time);
    expect(await report.count('awaited')).toBe(after.awaited);
    expect(await report.count('overdue')).toBe(after.overdue);
    expect((await report.rows()).find((r) => r[0] === spec1No)?.[1]).toBe('returned_in_time');
    await page.waitForTimeout(500);
    await e.screenshot(page, 'documents-report-after');

    const download = await report.exportXlsx();
    expect(download.suggestedFilename()).toMatch(/^Возврат документов .*\.xlsx$/);
    await report.printPdf();
    await page.waitForTimeout(800);
    await e.screenshot(page, 'documents-report-pdf');
    await page.keyboard.press('Escape');
  });

  it('the register lists every document, filters by return state and opens a document card', async () => {
    const { contractNo, spec1, skjp, overdueActNo } = await arrangeSet();
    const spec1No = spec1.number;
    await e.api('documents.markReturned', { id: spec1.id, date: today, broughtBy: 'курьер клиента' });
    // The register shows every client's documents: the expected counts come from the API at the same moment.
    const total = async (f: Record<string, unknown> = {}) => (await e.api('documents.list', { limit: 1, ...f })).total;
    const reg = new DocumentsRegisterPage(page);
    await reg.open();
    if (await page.getByRole('button', { name: 'Сбросить' }).count()) await page.getByRole('button', { name: 'Сбросить' }).click();
    await expect.poll(async () => reg.count.textContent()).toBe(`Найдено: ${(await total()).toLocaleString('ru-RU')}`);
    await reg.row(contractNo).waitFor();
    await page.waitForTimeout(300);
    await e.screenshot(page, 'documents-register');
    await reg.filter('filter-state', 'Просрочен');
    await expect.poll(async () => reg.count.textContent()).toBe(`Найдено: ${await total({ returnState: 'overdue' })}`);
    await expect.poll(() => reg.rowNumbers()).toContain(overdueActNo);
    await reg.filter('filter-state', 'Возвращён в срок');
    await expect.poll(() => reg.rowNumbers()).toContain(spec1No);
    expect(await reg.rowNumbers()).not.toContain(overdueActNo);
    // The filters are kept per employee: they survive a reload of the section.
    await page.reload();
    await reg.page.getByTestId('documents-register').waitFor();
    await expect.poll(() => reg.rowNumbers()).toContain(spec1No);
    expect(await reg.rowNumbers()).not.toContain(overdueActNo);
    await reg.row(spec1No).click();
    await reg.documentScreen.waitFor();
    expect(await reg.documentScreen.textContent()).toContain(skjp);
    expect(await reg.documentScreen.textContent()).toContain('курьер клиента');
    await page.waitForTimeout(300);
    await e.screenshot(page, 'documents-card');
  });

  it('settings: a changed return period says how many documents were recomputed; requisites and templates are checked as typed', async () => {
    const { clientId, spec1, spec2 } = await arrangeSet();
    const spec2No = spec2.number;
    await e.api('documents.markReturned', { id: spec1.id, date: today });
    const periods = await e.api('settings.returnPeriods.get', {});
    // Every contract and specification not yet returned, of every client in the database, gets a new planned date.
    const open = async (type: 'contract' | 'specification') => (await e.api('documents.list', { type, limit: 1000 })).items.filter((d) => d.returnedAt == null && d.status === 'issued').length;
    const recomputed = (await open('contract')) + (await open('specification'));
    const settings = new DocumentSettingsPage(page);
    await settings.open('Сроки возврата');
    // The contract and the awaited specification get a new planned date; the returned one keeps its verdict.
    await settings.setPeriod('specification', 'Через N дней после даты документа', 20);
    await settings.setPeriod('contract', 'До конца следующего месяца');
    expect(Number(/пересчитана у (\d+) документ/.exec(await settings.savePeriods())?.[1])).toBe(recomputed);
    const awaited = (await e.api('documents.list', { clientId, type: 'specification', limit: 10 })).items.find((d) => d.number === spec2No)!;
    expect(awaited.plannedReturn).toBe(addDays(awaited.date, 20));
    const returned = (await e.api('documents.list', { clientId, type: 'specification', limit: 10 })).items.find((d) => d.id === spec1.id)!;
    expect(returned.returnState).toBe('returned_in_time');
    await page.waitForTimeout(300);
    await e.screenshot(page, 'documents-settings-periods');

    await settings.open('Наши реквизиты');
    await settings.ourField('inn').fill('2540000001');
    await expect.poll(async () => settings.ourFieldError('inn').textContent()).toMatch(/ИНН/);
    await e.screenshot(page, 'documents-settings-requisites');
    await settings.ourField('inn').fill(OUR.inn);
    await settings.ourFieldError('inn').waitFor({ state: 'detached' });

    await settings.open('Шаблоны пунктов договоров');
    await settings.templateBody.fill('# ДОГОВОР № {{document.number}}\n{{client.nam}} и {{our.name}}');
    expect(await settings.templateError().textContent()).toContain('{{client.nam}}');
    expect(await page.getByTestId('template-save').isDisabled()).toBe(true);
    await page.waitForTimeout(300);
    await e.screenshot(page, 'documents-settings-templates');
    // The periods go back as they were, for the other tests.
    await e.api('settings.returnPeriods.save', { periods: Object.entries(periods).map(([type, p]) => ({ type, ...p })) as never });
  });

  it('an additional agreement changes the counterparty from a date; its requisites are checked as typed', async () => {
    const { clientId, contractNo } = await arrangeSet();
    const from = addDays(today, 5);
    await docs.open(clientId);
    await docs.newChild('additional_agreement', contractNo);
    await docs.form.getByTestId('doc-agreement-kind').getByText('Смена контрагента с даты').click();
    await page.getByTestId('doc-changeFrom').fill(from.split('-').reverse().join('.'));
    await page.getByTestId('doc-cp-fullName').fill(NEW_CP.fullName);
    await page.getByTestId('doc-cp-inn').fill('2540000001');
    await expect.poll(async () => docs.fieldError('doc-cp-inn').textContent()).toMatch(/ИНН/);
    await page.waitForTimeout(300);
    await e.screenshot(page, 'documents-agreement-form');
    for (const f of ['inn', 'kpp', 'bik', 'corrAccount', 'account', 'directorName'] as const) await page.getByTestId(`doc-cp-${f}`).fill(NEW_CP[f]);
    const agreementNo = await docs.save();
    expect(agreementNo).toMatch(/^ДС-/);
    await docs.row(agreementNo).waitFor();
    const card = await e.api('clients.get', { id: clientId });
    expect(card.counterpartyHistory.map((h) => [h.effectiveFrom, h.counterparty.inn])).toEqual(
      expect.arrayContaining([
        ['2025-01-01', OLD_CP.inn],
        [from, NEW_CP.inn],
      ]),
    );
  });

  it('edits a specification and takes a return mark back only after confirming', async () => {
    const { clientId, spec1, spec2, skro } = await arrangeSet();
    const [spec1No, spec2No] = [spec1.number, spec2.number];
    await e.api('documents.markReturned', { id: spec1.id, date: today, broughtBy: 'курьер клиента' });
    await docs.open(clientId);
    await docs.row(spec2No).getByTestId('doc-edit').click();
    await docs.form.waitFor();
    await page.getByTestId(`spec-dist-price-${skro}`).fill('750,5');
    expect(await docs.form.getByTestId('doc-total').textContent()).toContain('750,50\u00a0₽');
    await page.getByTestId('doc-save').click();
    await docs.form.waitFor({ state: 'detached' });
    await expect.poll(async () => docs.row(spec2No).textContent()).toContain('750,50\u00a0₽');

    await docs.row(spec1No).getByTestId('doc-unmark').click();
    await page.getByRole('button', { name: 'Оставить' }).click();
    expect(await docs.row(spec1No).getAttribute('data-state')).toBe('returned_in_time');
    await docs.row(spec1No).getByTestId('doc-unmark').click();
    await page.getByTestId('unmark-confirm').click();
    await expect.poll(() => docs.row(spec1No).getAttribute('data-state')).toBe('awaited');
  });

  it('the register pages in rows as it scrolls: the last of 1 200 invoices is reached with End', async () => {
    const other = (await e.api('clients.create', { name: 'АО «Массовый»', inn: NEW_CP.inn })).id;
    await e.api('clients.changeCounterparty', { clientId: other, effectiveFrom: '2025-01-01', counterparty: NEW_CP });
    // The oldest date of all invoices: the first one made here is the register's last row.
    let first = '';
    for (let i = 0; i < 1200; i++) {
      const made = await e.api('documents.create', { type: 'invoice', clientId: other, date: '2026-01-15', amountKop: 100 + i });
      first ||= made.number;
    }
    const reg = new DocumentsRegisterPage(page);
    await reg.open();
    // Filters are kept per employee: whatever another test left is cleared first.
    if (await page.getByRole('button', { name: 'Сбросить' }).count()) await page.getByRole('button', { name: 'Сбросить' }).click();
    await reg.filter('filter-type', 'Счёт');
    const invoices = (await e.api('documents.list', { type: 'invoice', limit: 1 })).total;
    expect(invoices).toBeGreaterThanOrEqual(1200);
    await expect.poll(async () => reg.count.textContent()).toBe(`Найдено: ${invoices.toLocaleString('ru-RU')}`);
    // Virtualised: only the rows in view are in the page.
    expect((await reg.rowNumbers()).length).toBeLessThan(80);
    await page.getByTestId('register-table').focus();
    await page.keyboard.press('End');
    // Newest first within a date, so the first invoice made is the last row.
    await reg.row(first).waitFor();
  });
});
