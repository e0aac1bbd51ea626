// E2E: Онлайн-диалог switched off from tomorrow on the card (state, plan, history), and «Настройки → hotline.txt»: folder, write, warnings, download.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { HotlinePage } from './pages/HotlinePage';
import { ClientCardPage } from './pages/ClientCardPage';
import { startHotlineJob, type HotlineJob } from '../../src-main/jobs/hotline.job';

let e: E2E;
let page: Page;
let clientId: number;
let job: HotlineJob | null = null;

beforeAll(async () => {
  e = await startE2E();
  await e.api('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  await e.api('systems.save', { code: 'NONUM', name: 'Без номера' });
  clientId = (await e.api('clients.create', { name: 'ООО «Диалог»' })).id;
  await e.api('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 123, comp: 2, chatEnabled: true, chatFrom: '2026-01-01' });
  await e.api('distributions.save', { clientId, systemCode: 'NONUM', distrNumber: 5, chatEnabled: true, chatFrom: '2026-01-01' });
  // The server host runs the job; here it is started beside the in-process server.
  job = startHotlineJob({ db: e.core.db, bus: e.core.bus, clock: e.clock, debounceMs: 0, dayTickMs: 0, safetyMs: 0, log: () => undefined });
  page = await e.newPage();
  await e.login(page);
});
afterAll(async () => {
  job?.stop();
  await e?.close();
});

it('the administrator sets the folder, sees the file written with what changed and the kit left out, and downloads it', async () => {
  const hotline = new HotlinePage(page);
  await hotline.open();
  await hotline.waitForState('no-folder');
  await page.getByTestId('hotline-warnings').getByText('NONUM', { exact: true }).waitFor();
  await hotline.setFolder('relative/folder');
  await page.getByText('Укажите полный путь к папке на сервере').waitFor();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-hotline-'));
  await hotline.setFolder(folder);
  await hotline.waitForState('ok');
  expect(fs.readFileSync(path.join(folder, 'hotline.txt'), 'utf8')).toBe('1_000123_02');
  expect(await page.getByTestId('hotline-changes').textContent()).toContain('1_000123_02');
  const file = await hotline.download();
  expect(file).toEqual({ name: 'hotline.txt', text: '1_000123_02' });
  await e.screenshot(page, 'settings-hotline');
});

it('on the card, Онлайн-диалог is switched off from tomorrow: today it stays on, the plan and the history show', async () => {
  const card = new ClientCardPage(page);
  await card.open(clientId);
  await card.tab('Дистрибутивы и схемы сервиса');
  const row = page.getByTestId('distr-row-SKJP_000123_02');
  await row.getByText('с 01.01.2026').waitFor();
  await row.getByLabel('Онлайн-диалог SKJP_000123_02').click();
  const form = page.getByTestId('chat-form');
  await form.getByText('Отключить').click();
  const tomorrow = new Date(Date.parse(`${e.today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const ru = `${tomorrow.slice(8, 10)}.${tomorrow.slice(5, 7)}.${tomorrow.slice(0, 4)}`;
  await form.getByTestId('chat-from').fill(ru);
  await form.getByTestId('chat-save').click();
  await row.getByText(`Отключение с ${ru} (запланировано)`).waitFor();
  await row.getByText('с 01.01.2026').waitFor();
  const d = (await e.api('clients.get', { id: clientId })).distributions.find((x) => x.code === 'SKJP_000123_02')!;
  expect(d).toMatchObject({ chatEnabled: true, chatNext: { enabled: false, effectiveFrom: tomorrow } });
  await e.screenshot(page, 'card-chat-planned');
});
