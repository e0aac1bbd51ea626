// E2E: «Настройки → Резервные копии» — the administrator sets the folder and interval, makes a copy now and sees its result; a bad folder is explained.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { BackupPage } from './pages/BackupPage';
import { startBackupJob, type BackupJob } from '../../src-main/jobs/backup.job';

let e: E2E;
let page: Page;
let backups: BackupPage;
let job: BackupJob | null = null;

beforeAll(async () => {
  e = await startE2E();
  page = await e.newPage();
  await e.login(page);
  backups = new BackupPage(page);
});
afterAll(async () => {
  await job?.stop();
  await e?.close();
});

it('without the server job the tab says who makes copies; with it, a copy made now shows its time, size and place in the list', async () => {
  await backups.open();
  expect(await backups.state()).toBe('none');
  await page.getByText('Копии по расписанию создаёт сервер программы').waitFor();
  expect(await page.getByTestId('backup-run-now').isDisabled()).toBe(true);

  // The server host runs the job; here it is started beside the in-process server.
  job = startBackupJob({ db: e.core.db, publish: e.core.bus.publish, clock: e.clock, tickMs: 0, log: () => undefined });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-backups-'));
  await page.reload();
  await backups.health.waitFor();
  await backups.setFolder('relative/folder');
  await backups.save();
  await page.getByText('Укажите полный путь к папке на сервере').waitFor();
  await backups.setFolder(folder);
  await backups.setInterval(12);
  await backups.save();
  await page.getByText('Расписание резервных копий сохранено').waitFor();
  expect((await e.api('backup.status', {})).settings).toMatchObject({ folder, intervalHours: 12 });

  await backups.runNow();
  await backups.waitForState('ok');
  await backups.listRows().first().waitFor();
  expect(await backups.listRows().count()).toBe(1);
  expect(await backups.runRows().first().textContent()).toContain('вручную');
  expect(await page.getByTestId('backup-size').textContent()).toMatch(/КБ|МБ/);
  expect(fs.readdirSync(folder).filter((f) => !f.startsWith('.'))).toHaveLength(1);
  await e.screenshot(page, 'settings-backup');
});
