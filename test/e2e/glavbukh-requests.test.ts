// E2E: a Главбух certification request refused for a missing ИНН, the ИНН fixed through «Исправить», then exported and found in the archive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { GlavbukhPage } from './pages/GlavbukhPage';
import { addSystems } from '../helpers/systems';

let e: E2E;
let page: Page;
let clientId: number;

beforeAll(async () => {
  e = await startE2E();
  await addSystems(e.api, ['SKJP']);
  clientId = (await e.api('clients.create', { name: 'ООО «Главбух-Тест»', kpp: '773601001' })).id;
  await e.api('contacts.save', {
    clientId,
    fullName: 'Сидорова Анна Ивановна',
    roles: ['chief_accountant'],
    phones: [{ raw: '+7 (423) 222-33-44' }],
    emails: [{ email: 'buh@glavbukh-test.ru' }],
  });
  await e.api('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 7777 });
  page = await e.newPage();
  await e.login(page);
});
afterAll(() => e?.close());

it('refuses a request for a missing ИНН, takes the fix through «Исправить», then exports it into the archive', async () => {
  const gb = new GlavbukhPage(page);
  await gb.open();
  await gb.addClient('Главбух-Тест', 'ООО «Главбух-Тест»');
  await gb.check.click();
  await expect.poll(() => gb.problems()).toEqual(['Не указан ИННИсправить']);
  expect(await gb.exportButton.isDisabled()).toBe(true);
  // The server refuses too, whatever the screen shows.
  const refused = await e.core.call('glavbukh.requests.export', { programme: 'GB', clientIds: [clientId] }, e.adminToken);
  expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: `clients.${clientId}.inn`, reason: 'inn_missing' }] } });
  await e.screenshot(page, 'glavbukh-refused');

  await gb.fixLinks.first().click();
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/clients/${clientId}/general`);
  await page.getByTestId('general-inn').fill('7707083893');
  await page.getByTestId('general-save').click();
  await expect.poll(async () => (await e.api('clients.get', { id: clientId })).client.inn).toBe('7707083893');

  // Back to the request: the draft is still there.
  await gb.open();
  await gb.check.click();
  await page.getByTestId('gb-check-ok').waitFor();
  expect(await gb.problems()).toEqual([]);
  await gb.exportButton.click();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/glavbukh/archive');
  await expect.poll(() => gb.archiveRows.count()).toBe(1);
  const row = await gb.archiveRows.first().textContent();
  expect(row).toContain('Админов Админ');
  expect(row).toContain('GB');
  await gb.archiveRows.first().getByRole('button', { name: 'Клиенты' }).click();
  await expect.poll(() => page.getByTestId('gb-archive-clients').textContent()).toContain('ООО «Главбух-Тест»');
  await e.screenshot(page, 'glavbukh-archive');
  // A requested certificate is on the client now.
  expect(e.core.db.$client.prepare('SELECT status, source FROM gb_certificates WHERE client_id = ?').all(clientId)).toEqual([{ status: 'requested', source: 'request' }]);
  // The file downloads byte for byte over HTTP as kept.
  const id = (await e.api('glavbukh.requests.list', {}))[0]!.id;
  const res = await fetch(`${e.url}files/glavbukh/${id}`, { headers: { Authorization: `Bearer ${e.adminToken}` } });
  expect(res.status).toBe(200);
  const kept = e.core.db.$client.prepare('SELECT content FROM gb_requests WHERE id = ?').get(id) as { content: Buffer };
  expect(Buffer.from(await res.arrayBuffer()).equals(kept.content)).toBe(true);
  expect((await fetch(`${e.url}files/glavbukh/${id}`)).status).toBe(401);
});
