// The server's scheduled backup on a test clock: due times, retention by count and age, failures with their error, status and run-now through the API.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { startBackupJob, type BackupJob } from '../../src-main/jobs/backup.job';
import { listBackups } from '../../src-main/features/backup/manifest';
import type { BackupStatus } from '../../src-shared/backup';

let env: TestEnv | null = null;
let job: BackupJob | null = null;
afterEach(async () => {
  await job?.stop();
  env?.close();
  job = null;
  env = null;
});

const hours = (h: number) => h * 3600_000;

async function setup(): Promise<{ env: TestEnv; job: BackupJob; folder: string; status: () => Promise<BackupStatus> }> {
  const dbPath = tempDbPath('crm-schedule-');
  env = await testEnv({ dbPath });
  const e = env;
  // tickMs 0: nothing runs by itself; the test moves the clock and ticks.
  job = startBackupJob({ db: e.core.db, clock: e.clock, publish: e.core.bus.publish, tickMs: 0, log: () => undefined });
  // Sessions last 12 hours and the clock moves by days: each status call signs in afresh.
  const status = async () => e.as((await e.as('', 'auth.login', { login: 'admin', password: 'admin-password' })).token, 'backup.status', {});
  return { env: e, job, folder: path.join(path.dirname(dbPath), 'copies'), status };
}

it('runs when due, an interval after the last success, and keeps the newest N', { timeout: 120_000 }, async () => {
  const { env, job, folder, status } = await setup();
  await env.admin('backup.saveSettings', { enabled: true, intervalHours: 6, folder, keepCount: 3, keepDays: 0 });
  const advance = (ms: number) => env.clock.set(new Date(env.clock.now().getTime() + ms).toISOString());

  await job.tick();
  expect(listBackups(folder)).toHaveLength(1);
  await job.tick();
  advance(hours(5));
  await job.tick();
  expect(listBackups(folder)).toHaveLength(1);
  advance(hours(1));
  await job.tick();
  expect(listBackups(folder)).toHaveLength(2);
  for (let i = 0; i < 3; i++) {
    advance(hours(6));
    await job.tick();
  }
  const kept = listBackups(folder);
  expect(kept).toHaveLength(3);
  // Five runs (0, 6, 12, 18, 24 h); the newest three by the clock's time are kept.
  expect(kept.map((b) => b.createdAt)).toEqual(['2026-11-28T09:00:00.000Z', '2026-11-28T03:00:00.000Z', '2026-11-27T21:00:00.000Z']);

  const s = await status();
  expect(s.schedulerRunning).toBe(true);
  expect(s.last?.status).toBe('ok');
  expect(s.last?.bytes).toBeGreaterThan(0);
  expect(s.last?.durationMs).toBeGreaterThanOrEqual(0);
  expect(s.last?.startedAt).toBe('2026-11-28T09:00:00.000Z');
  expect(s.last?.removed).toBe(1);
  expect(s.runs).toHaveLength(5);
  expect(s.backups.map((b) => b.createdAt)).toEqual(kept.map((b) => b.createdAt));
  expect(s.nextAt).toBe('2026-11-28T15:00:00.000Z');
});

it('removes backups past the age limit but never the newest one', { timeout: 120_000 }, async () => {
  const { env, job, folder } = await setup();
  await env.admin('backup.saveSettings', { enabled: true, intervalHours: 24, folder, keepCount: 100, keepDays: 2 });
  for (let day = 0; day < 4; day++) {
    env.clock.set(new Date(Date.UTC(2026, 10, 27 + day, 9)).toISOString());
    await job.tick();
  }
  expect(listBackups(folder).map((b) => b.createdAt.slice(0, 10))).toEqual(['2026-11-30', '2026-11-29', '2026-11-28']);
  // The schedule switched off, much later: nothing runs; the only remaining one is never aged out by a manual run.
  // Sessions last 12 hours: sign in again on the moved clock.
  const { token } = await env.as('', 'auth.login', { login: 'admin', password: 'admin-password' });
  await env.as(token, 'backup.saveSettings', { enabled: false, intervalHours: 24, folder, keepCount: 100, keepDays: 2 });
  env.clock.set('2027-02-01T09:00:00Z');
  await job.tick();
  expect(listBackups(folder)).toHaveLength(3);
  const manual = job.runNow();
  expect(manual.started).toBe(true);
  await manual.done;
  expect(listBackups(folder).map((b) => b.createdAt)).toEqual(['2027-02-01T09:00:00.000Z']);
});

it('records a failure with its error, tries again after an hour, and refuses a folder it cannot write', { timeout: 120_000 }, async () => {
  const { env, job, folder, status } = await setup();
  // A file where the folder should be: the backup cannot be written there.
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  fs.writeFileSync(folder, 'not a folder');
  const refused = await env.core.call('backup.saveSettings', { enabled: true, intervalHours: 24, folder: path.join(folder, 'sub'), keepCount: 5, keepDays: 0 }, env.adminToken);
  expect(refused.ok || refused.error.issues).toEqual([{ path: 'folder', reason: 'not_writable' }]);
  // Saved behind the check's back (the disk changed since): the run fails and says why.
  env.core.db.$client.prepare("INSERT INTO settings (key, value) VALUES ('backup.schedule', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ enabled: true, intervalHours: 24, folder, keepCount: 5, keepDays: null }));
  await job.tick();
  let s = await status();
  expect(s.last?.status).toBe('failed');
  expect(s.last?.error).toBeTruthy();
  expect(s.lastOk).toBeNull();
  expect(s.nextAt).toBe('2026-11-27T10:00:00.000Z');

  fs.rmSync(folder);
  env.clock.set('2026-11-27T09:30:00Z');
  await job.tick();
  expect((await status()).runs).toHaveLength(1);
  env.clock.set('2026-11-27T10:00:00Z');
  await job.tick();
  s = await status();
  expect(s.last?.status).toBe('ok');
  expect(s.lastOk?.path).toBe(listBackups(folder)[0]!.dir);

  const bad = await env.core.call('backup.saveSettings', { enabled: true, intervalHours: 24, folder: 'relative/path', keepCount: 5, keepDays: 0 }, env.adminToken);
  expect(bad.ok || bad.error.issues).toEqual([{ path: 'folder', reason: 'absolute_path' }]);
  const inside = await env.core.call('backup.saveSettings', { enabled: true, intervalHours: 24, folder: path.join(path.dirname(folder), 'print', 'x'), keepCount: 5, keepDays: 0 }, env.adminToken);
  expect(inside.ok || inside.error.issues).toEqual([{ path: 'folder', reason: 'inside_store' }]);
});

it('runs on demand through the API only where a job runs, and only administrators see or change backups', async () => {
  const dbPath = tempDbPath('crm-schedule-api-');
  env = await testEnv({ dbPath });
  const none = await env.core.call('backup.runNow', {}, env.adminToken);
  expect(none.ok || none.error.issues).toEqual([{ path: '', reason: 'no_scheduler' }]);
  const s = await env.admin('backup.status', {});
  expect(s.schedulerRunning).toBe(false);
  expect(s.settings).toEqual({ enabled: true, intervalHours: 24, folder: null, keepCount: 14, keepDays: null });
  expect(s.folder).toBe(path.join(path.dirname(dbPath), 'backups'));
  const { token } = await env.employee('head', ['head']);
  for (const m of ['backup.status', 'backup.runNow'] as const) expect(await env.core.call(m, {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  job = startBackupJob({ db: env.core.db, clock: env.clock, tickMs: 0, log: () => undefined });
  expect(await env.core.call('backup.runNow', {}, env.adminToken)).toEqual({ ok: true, data: { ok: true } });
  const busy = await env.core.call('backup.runNow', {}, env.adminToken);
  expect(busy.ok || busy.error.issues).toEqual([{ path: '', reason: 'backup_running' }]);
  await job.runNow().done;
  const after = await env.admin('backup.status', {});
  expect(after.last).toMatchObject({ status: 'ok', trigger: 'manual' });
  expect(after.backups).toHaveLength(1);
});
