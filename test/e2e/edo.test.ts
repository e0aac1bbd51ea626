// E2E ЭДО through 1С: connect 1С (folder + OData to the 1С peer), an ЭДО client's act reaches 1С and comes back signed (card, return, register, report); roles; a rejection in the bell; retry from the queue.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { DocumentsTabPage } from './pages/DocumentsTabPage';
import { ReturnsReportPage } from './pages/ReturnsReportPage';
import { OLD_CP, OUR } from '../documents/fixtures';
import { OneCPeer } from '../onec-peer/peer';
import { startEdoJobs, type EdoJobs } from '../../src-main/jobs/edo.job';
import { stmt } from '../../src-main/db/stmt';

let e: E2E;
let jobs: EdoJobs;
let peer: OneCPeer;
let page: Page;
let clientId: number;
let contractNo: string;
const dirs: string[] = [];
const tmp = (p: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};
let exchangeDir: string;

const ACTS = 'Document_РеализацияТоваровУслуг';
const ru = (iso: string) => iso.split('-').reverse().join('.');

beforeAll(async () => {
  e = await startE2E();
  // The server host runs the 1С exchange beside the HTTP host (src-main/server/main.ts).
  jobs = startEdoJobs(e.core, { clock: e.clock, log: () => undefined });
  exchangeDir = tmp('crm-e2e-edo-');
  peer = new OneCPeer({ dir: exchangeDir, stateDir: tmp('crm-e2e-peer-'), port: 0, resendMs: 0, pollMs: 100, now: () => e.clock.now().getTime() });
  await peer.start();
  await e.api('settings.ourRequisites.save', OUR);
  clientId = (await e.api('clients.create', { name: 'ООО «Ромашка»', city: 'Владивосток', status: 'active' })).id;
  await e.api('clients.changeCounterparty', { clientId, effectiveFrom: '2025-01-01', counterparty: OLD_CP });
  contractNo = (await e.api('documents.create', { type: 'contract', form: 'es', clientId, date: e.today() })).number;
  page = await e.newPage();
  await e.login(page);
});
afterAll(async () => {
  await jobs?.stop();
  await peer?.stop();
  await e?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const goto = async (route: string) => page.goto(`${e.url}#${route}`);

describe('ЭДО through 1С', () => {
  it('connects 1С, sends an ЭДО client’s act, and shows it signed and returned through ЭДО', async () => {
    // 1. «Настройки → 1С и ЭДО»: a relative folder is refused next to the field, then the connection is saved.
    await goto('/settings/edo');
    await page.getByTestId('onec-add').click();
    const form = page.getByTestId('onec-form');
    await form.waitFor();
    await page.getByTestId('onec-folder').fill('obmen/1c');
    await page.getByTestId('dialog-save').click();
    await expect.poll(() => form.getByText('Укажите полный путь к папке обмена').count()).toBe(1);
    await page.getByTestId('onec-folder').fill(exchangeDir);
    await page.getByTestId('onec-odata-url').fill(peer.url!);
    await page.getByTestId('onec-odata-user').fill('odata');
    await page.getByTestId('onec-odata-password').fill('odata');
    await form.getByLabel('Обмен каждые, секунд').fill('5');
    await page.getByTestId('dialog-save').click();
    await form.waitFor({ state: 'detached' });
    const connections = await e.api('edo.connections.list', {});
    expect(connections).toMatchObject([{ sendVia: 'folder', folder: exchangeDir, ourCode: 'CRM', peerCode: 'BP', odataUser: 'odata', hasPassword: true, intervalSec: 5 }]);
    const health = page.getByTestId(`edo-health-${connections[0]!.id}`);
    await health.waitFor();
    // States are read over OData: no «marked by hand» note.
    expect(await health.getByTestId('edo-manual-signing').count()).toBe(0);

    // 2. The client card: «Документы через ЭДО» with the operator.
    const docs = new DocumentsTabPage(page);
    await docs.open(clientId);
    await page.getByTestId('client-edo-switch').check();
    await page.getByTestId('client-edo-operator').fill('Диадок');
    await page.getByTestId('client-edo-save').click();
    await expect.poll(async () => (await e.api('edo.client.get', { clientId }))?.enabled).toBe(true);
    expect(await e.api('edo.client.get', { clientId })).toMatchObject({ operator: 'Диадок' });

    // The report before: nothing awaited yet.
    const report = new ReturnsReportPage(page);

    // 3. An act issued in the UI is queued for 1С on save and reaches the peer.
    await docs.open(clientId);
    await docs.newChild('act', contractNo);
    await page.getByTestId('doc-amount').fill('1500');
    const actNo = await docs.save();
    expect(actNo).not.toBe('');
    const actId = (stmt(e.core.db, 'SELECT id FROM documents WHERE number = ?').get(actNo) as { id: number }).id;
    await report.open();
    const awaitedBefore = await report.count('awaited');
    expect(awaitedBefore).toBeGreaterThanOrEqual(1);

    await goto('/settings/edo');
    await health.getByTestId('edo-run-now').click();
    await expect.poll(() => peer.entities(ACTS).length, { timeout: 15_000 }).toBe(1);
    // 1С acknowledges it with its number (the peer answers; the next round reads the answer).
    await expect
      .poll(
        async () => {
          await health.getByTestId('edo-run-now').click();
          return (await e.api('edo.document', { documentId: actId })).row?.onecNumber ?? null;
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toMatch(/^БП-/);

    // 4. The queue screen shows it accepted by 1С.
    await goto('/edo/acknowledged');
    await page.getByTestId(`edo-row-${actId}`).waitFor();
    expect(await page.getByTestId(`edo-row-${actId}`).getByTestId('edo-state').getAttribute('data-state')).toBe('accepted');

    // 5. The document card: the ЭДО section; 1С signs; the card shows «Подписан» and the return through ЭДО.
    await goto(`/documents/${actId}`);
    const section = page.getByTestId('edo-section');
    await section.waitFor();
    await expect.poll(() => section.getByTestId('edo-onec-number').textContent()).toMatch(/БП-/);
    const ref = (stmt(e.core.db, 'SELECT ref FROM edo_documents WHERE document_id = ?').get(actId) as { ref: string }).ref;
    peer.sign(ref, e.clock.now());
    await expect.poll(() => section.getByTestId('edo-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('signed');
    expect(await section.getByTestId('edo-state').textContent()).toMatch(/^Подписан/);
    await expect.poll(() => page.getByText(`Возвращён через ЭДО (подписан ${ru(e.today())})`).count(), { timeout: 15_000 }).toBe(1);
    expect(await section.getByTestId('edo-timeline').locator('[data-kind="return_marked"]').count()).toBe(1);
    // The paper mark is not offered; taking the ЭДО return back asks first (and is left alone here).
    expect(await page.getByTestId('doc-return').count()).toBe(0);
    await page.getByTestId('doc-unmark').click();
    await page.getByText('Документ подписан по ЭДО. Снять отметку о возврате?').waitFor();
    await page.getByRole('button', { name: 'Оставить' }).click();
    expect((await e.api('documents.get', { id: actId })).returnedVia).toBe('edo');

    // The register marks it «ЭДО», signed.
    await goto('/documents');
    await expect.poll(() => page.getByTestId('edo-mark').first().getAttribute('data-state')).toBe('signed');

    // 6. The report «Возврат документов»: the act no longer awaited.
    await report.open();
    await expect.poll(() => report.count('awaited')).toBe(awaitedBefore - 1);
  });

  it('a head sees how the exchange goes but not the connections; a caller reads the client setting without a switch', async () => {
    await e.employee('head-edo', ['head']);
    await e.employee('caller-edo', ['caller']);
    const head = await e.newPage();
    await e.login(head, 'head-edo', 'password-123');
    await head.goto(`${e.url}#/settings/edo`);
    await head.getByTestId('edo-health-panel').waitFor();
    expect(await head.getByTestId('onec-add').count()).toBe(0);
    await head.context().close();
    const caller = await e.newPage();
    await e.login(caller, 'caller-edo', 'password-123');
    await caller.goto(`${e.url}#/clients/${clientId}/documents`);
    await expect.poll(() => caller.getByTestId('client-edo').textContent()).toContain('Документы через ЭДО');
    expect(await caller.getByTestId('client-edo').textContent()).toContain('Диадок');
    expect(await caller.getByTestId('client-edo-switch').count()).toBe(0);
    // «Обмен с 1С» is not in a caller's rail.
    expect(await caller.getByTestId('nav-edo').count()).toBe(0);
    await caller.context().close();
  });

  it('a rejection in ЭДО reaches the document’s СИО through the bell, which opens the document', async () => {
    const sioId = await e.employee('sio-edo', ['sio'], 'Сидорова Анна');
    const act = await e.api('documents.create', { type: 'act', clientId, date: e.today(), amountKop: 2_000_00, sioId });
    const connectionId = (await e.api('edo.connections.list', {}))[0]!.id;
    await expect
      .poll(
        async () => {
          await e.api('edo.connections.runNow', { id: connectionId });
          return (await e.api('edo.document', { documentId: act.id })).row?.onecNumber ?? null;
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toMatch(/^БП-/);
    const ref = (stmt(e.core.db, 'SELECT ref FROM edo_documents WHERE document_id = ?').get(act.id) as { ref: string }).ref;
    peer.reject(ref, 'Неверная сумма');
    await expect.poll(async () => (await e.api('edo.document', { documentId: act.id })).row?.state, { timeout: 15_000 }).toBe('rejected');
    const sio = await e.newPage();
    await e.login(sio, 'sio-edo', 'password-123');
    await sio.locator('[data-testid="bell-counter"][data-count="1"]').waitFor();
    await sio.getByTestId('bell').click();
    const item = sio.getByTestId('bell-dropdown').getByTestId('bell-item').first();
    expect(await item.textContent()).toContain(`Документ ${act.number} отклонён по ЭДО: Неверная сумма`);
    await item.click();
    await sio.locator(`[data-testid="document-screen"][data-doc-id="${act.id}"]`).waitFor();
    await expect.poll(() => sio.getByTestId('edo-section').getByTestId('edo-state').getAttribute('data-state')).toBe('rejected');
    expect(await sio.getByTestId('edo-section').textContent()).toContain('Неверная сумма');
    await sio.context().close();
  });

  it('the queue shows a failing document with its error in Russian, and «Повторить» queues it again', async () => {
    const { id } = stmt(e.core.db, "SELECT document_id AS id FROM edo_documents WHERE state = 'rejected'").get() as { id: number };
    stmt(e.core.db, "UPDATE edo_documents SET state = 'failed', error = 'bad_request: Неверный ИНН', attempts = 3 WHERE document_id = ?").run(id);
    await goto('/edo/failing');
    const row = page.getByTestId(`edo-row-${id}`);
    await row.waitFor();
    expect(await page.getByTestId('edo-tab-count-failing').textContent()).toBe('1');
    expect(await row.textContent()).toContain('1С отказалась принять данные: Неверный ИНН');
    await row.getByTestId('edo-retry').click();
    await expect.poll(async () => (await e.api('edo.document', { documentId: id })).events.map((x) => x.kind)).toContain('queued_again');
    // It left the failing tab (the screen reloads on the change).
    await expect.poll(() => row.count()).toBe(0);
  });

  it('«Передать заново» on the connection: the count first, then the documents from the date are queued again', async () => {
    const [conn] = await e.api('edo.connections.list', {});
    const since = e.today();
    const expected = (await e.api('edo.connections.resend', { id: conn!.id, since, dryRun: true })).documents;
    expect(expected).toBeGreaterThan(0);
    await goto('/settings/edo');
    await page.getByTestId(`onec-row-${conn!.id}`).click();
    const form = page.getByTestId('onec-form');
    await form.waitFor();
    await page.getByTestId('onec-resend-since').fill(ru(since));
    await page.getByTestId('onec-resend').click();
    await page.getByText(`Документов с ${ru(since)}: ${expected}`).waitFor();
    await page.getByTestId('onec-resend-confirm').click();
    await page.getByText(`Документов поставлено в очередь заново: ${expected}`).waitFor();
    const queued = stmt(e.core.db, "SELECT COUNT(*) AS n FROM edo_events WHERE kind = 'queued_again' AND detail = ?").get(`resend since ${since}`) as { n: number };
    expect(queued.n).toBe(expected);
    // The signed act is not among them.
    expect(stmt(e.core.db, "SELECT COUNT(*) AS n FROM edo_documents WHERE state = 'signed'").get()).toEqual({ n: 1 });
  });
});
