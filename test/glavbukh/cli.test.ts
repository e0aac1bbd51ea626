// `npm run cli -- import` with a certified list: staged and reviewed, refused on --apply while rows are unmatched, applied with the remembered mapping.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createCore } from '../../src-main/core';
import { addClient, csvOf, xlsxOf } from './helpers';

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

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-gb-'));
  db = path.join(dir, 'crm.db');
  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    addClient(core.db, 'ООО «Ромашка»', '7707083893', '770701001');
    addClient(core.db, 'АО «Берёза»', '7728168971', '772801001');
  } finally {
    await core.close();
  }
  const head = ['Организация', 'ИНН', 'Сертификат №', 'Срок действия'];
  fs.writeFileSync(path.join(dir, 'good.xlsx'), xlsxOf([head, ['Ромашка', '7707083893', 'GB-1', '31.12.2026'], ['Берёза', '7728168971', 'GB-2', '31.12.2026']]));
  fs.writeFileSync(path.join(dir, 'bad.csv'), iconv.encode(csvOf([head, ['Ромашка', '7707083893', 'GB-3', ''], ['Нет такой', '1234567890', 'GB-4', '']]), 'win1251'));
  fs.writeFileSync(path.join(dir, 'nomap.csv'), csvOf([['a', 'b'], ['1', '2']], ','));
});

it('stages and prints the review, then --apply writes the list; a list with problems is refused whole with exit 1', async () => {
  const staged = await cli('import', '--db', db, path.join(dir, 'good.xlsx'));
  expect(staged.code, staged.stderr).toBe(0);
  expect(staged.stdout).toContain('good.xlsx: staged (glavbukh.list)');
  expect(staged.stdout).toContain('mapping (guessed): name=1 "Организация", inn=2 "ИНН", number=3 "Сертификат №", valid_until=4 "Срок действия"');
  expect(staged.stdout).toContain('matched 2, same 0, ambiguous 0, unmatched 0, duplicate 0, invalid 0');

  const applied = await cli('import', '--db', db, '--apply', path.join(dir, 'good.xlsx'));
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stdout).toContain('applied the list staged before: added 2, skipped 0');

  const bad = await cli('import', '--db', db, '--apply', path.join(dir, 'bad.csv'));
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain('mapping (remembered)');
  expect(bad.stdout).toContain('row 2: unmatched — GB-4 1234567890 Нет такой (no client found)');
  expect(bad.stdout).toContain('apply refused, nothing written');
  expect(bad.stdout).toContain('rows.2: unmatched');

  const nomap = await cli('import', '--db', db, '--apply', path.join(dir, 'nomap.csv'));
  expect(nomap.code).toBe(1);
  expect(nomap.stdout).toContain('the mapping is not usable: number_missing, key_missing');

  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    const rows = core.db.$client.prepare('SELECT number, valid_until AS v FROM gb_certificates ORDER BY number').all();
    expect(rows).toEqual([
      { number: 'GB-1', v: '2026-12-31' },
      { number: 'GB-2', v: '2026-12-31' },
    ]);
  } finally {
    await core.close();
  }
}, 120_000);
