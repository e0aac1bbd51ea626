// `npm run cli -- import --kind nss.calls` with a call list: the mapping and review printed, --apply refused while a row is open, applied when all match.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createCore } from '../../src-main/core';
import { csvOf, xlsxOf } from '../glavbukh/helpers';
import { nssClient, setZone } from './calls-helpers';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let db: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const HEAD = ['Дата', 'Время', 'Телефон', 'Номер дистрибутива', 'Оператор', 'Длительность, мин'];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-calls-'));
  db = path.join(dir, 'crm.db');
  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    setZone(core.db, 'Asia/Vladivostok');
    nssClient(core.db, 'ООО «Ромашка»', { code: 'SKJP', number: 123456 }, ['+7 914 111-22-33']);
  } finally {
    await core.close();
  }
  fs.writeFileSync(path.join(dir, 'export.xlsx'), xlsxOf([HEAD, ['01.02.2026', '10:00', '', 'SKJP 123456', 'Иванова', '2'], ['01.02.2026', '11:00', '89141112233', '', 'Иванова', '1,5']]));
  fs.writeFileSync(path.join(dir, 'bad.csv'), csvOf([HEAD, ['02.02.2026', '10:00', '', '123456', '', '1'], ['02.02.2026', '12:00', '84950000000', '', '', '1']]));
});

it('prints the mapping and the review, refuses --apply with an open row, applies a list whose rows all match', async () => {
  const staged = await cli('import', '--db', db, '--kind', 'nss.calls', path.join(dir, 'export.xlsx'));
  expect(staged.code, staged.stderr).toBe(0);
  expect(staged.stdout).toContain('export.xlsx: staged (nss.calls)');
  expect(staged.stdout).toContain('mapping (guessed): date=1 "Дата", time=2 "Время", phone=3 "Телефон", kit=4 "Номер дистрибутива", employee=5 "Оператор", duration=6 "Длительность, мин"');
  expect(staged.stdout).toContain('duration read as minutes');
  expect(staged.stdout).toContain('matched 2, ambiguous 0, unmatched 0, duplicate 0, invalid 0');
  expect(staged.stdout).toContain('2 calls name an operator who is not an employee');

  const applied = await cli('import', '--db', db, '--kind', 'nss.calls', '--apply', path.join(dir, 'export.xlsx'));
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stdout).toContain('applied the list staged before: added 2, skipped 0');

  const bad = await cli('import', '--db', db, '--apply', path.join(dir, 'bad.csv'));
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain('bad.csv: staged (nss.calls)');
  expect(bad.stdout).toContain('mapping (remembered)');
  expect(bad.stdout).toContain('row 2: unmatched — 2026-02-02 12:00:00 84950000000 (no client found)');
  expect(bad.stdout).toContain('rows.2: unmatched');

  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    const n = core.db.$client.prepare("SELECT count(*) AS n, sum(duration_sec) AS s FROM nss_records WHERE kind = 'gl_call'").get() as { n: number; s: number };
    expect(n).toEqual({ n: 2, s: 210 });
  } finally {
    await core.close();
  }
}, 120_000);
