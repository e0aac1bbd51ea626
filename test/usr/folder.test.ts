// USR files from a watched folder (a file written in pieces is read once complete), and an over-size file refused by the parser's budget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { startImportJob, type ImportJob } from '../../src-main/jobs/imports.job';
import { stmt } from '../../src-main/db/stmt';
import { updateDates, usrBytes } from '../helpers/usr-gen';
import { importUsr } from './helpers';

let env: TestEnv;
let job: ImportJob;

beforeAll(async () => {
  env = await testEnv();
  job = startImportJob(env.core, { clock: env.clock, watchFolders: true, stableMs: 1500, gatherMs: 200, log: () => undefined });
});
afterAll(async () => {
  await job?.stop();
  await env?.close();
});

it('takes a USR file a СИО copies into a watched folder only once it is complete, and never the same bytes twice', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-usr-watch-'));
  const sio = await env.employee('sio1', ['sio']);
  await env.admin('imports.folders.save', { path: dir, label: 'Папка СИО', employeeId: sio.id });
  // The watcher's first scan of a new folder takes what it finds at once (the settle time applies from then on): start copying after it.
  await new Promise((r) => setTimeout(r, 1000));
  const bytes = usrBytes({ kits: [{ code: 'SKJP', number: 1, distr: 321 }], banks: [{ code: 'LAW', updates: updateDates('2026-11-20', 80) }, { code: 'BUH', updates: updateDates('2026-11-20', 80) }] });
  const target = path.join(dir, 'CONS#1_000321.usr');
  // Written in three pieces with pauses shorter than the folder's settle time (as a slow copy from a flash drive): each piece alone is broken XML.
  const cut = [0, Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3), bytes.length];
  fs.writeFileSync(target, bytes.subarray(cut[0], cut[1]));
  for (let i = 1; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    fs.appendFileSync(target, bytes.subarray(cut[i], cut[i + 1]));
  }
  const results = () => stmt(env.core.db, "SELECT r.status FROM import_results r JOIN import_batches b ON b.id = r.batch_id WHERE b.source = 'folder'").all() as { status: string }[];
  await expect.poll(() => results().length, { timeout: 20_000 }).toBe(1);
  await job.idle();
  expect(results()).toEqual([{ status: 'unknown_kit' }]);
  expect(stmt(env.core.db, 'SELECT name, imported_by AS by FROM usr_files').all()).toEqual([{ name: 'CONS#1_000321.usr', by: sio.id }]);
  fs.copyFileSync(target, path.join(dir, 'копия CONS#1_000321.usr'));
  await new Promise((r) => setTimeout(r, 1500));
  await job.idle();
  expect(stmt(env.core.db, 'SELECT count(*) AS n FROM usr_files').get()).toEqual({ n: 1 });
}, 40_000);

it('refuses a USR file over the parser budget (16 MiB) as too large, and lands nothing of it', async () => {
  const huge = usrBytes({ kits: [{ code: 'SKJP', number: 1, distr: 9 }], banks: [{ code: 'LAW', updates: ['2026-11-02'] }], padding: 17 * 1024 * 1024 });
  expect(huge.length).toBeGreaterThan(16 * 1024 * 1024);
  const [r] = await importUsr(env, [{ name: 'CONS#1_000009.usr', bytes: huge }]);
  expect(r).toMatchObject({ kind: 'usr.file', status: 'too_large' });
  expect(stmt(env.core.db, "SELECT count(*) AS n FROM usr_files WHERE name = 'CONS#1_000009.usr'").get()).toEqual({ n: 0 });
}, 60_000);
