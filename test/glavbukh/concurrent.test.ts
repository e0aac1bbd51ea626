// Uniqueness under concurrent imports: two processes on one database each apply a list giving the same number to a different client — one wins, the other is refused whole.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createCore } from '../../src-main/core';
import { addClient, xlsxOf } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

it('two processes importing the same number for different clients: exactly one list is written, the other not at all', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-gb-race-'));
  const db = path.join(dir, 'crm.db');
  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    addClient(core.db, 'Первый', '7707083893', '770701001');
    addClient(core.db, 'Второй', '7728168971', '772801001');
  } finally {
    await core.close();
  }
  const head = ['ИНН', 'Номер сертификата'];
  fs.writeFileSync(path.join(dir, 'a.xlsx'), xlsxOf([head, ['7707083893', 'A-1'], ['7707083893', 'SHARED-1']]));
  fs.writeFileSync(path.join(dir, 'b.xlsx'), xlsxOf([head, ['7728168971', 'B-1'], ['7728168971', ' shared-1 ']]));
  const [a, b] = await Promise.all([cli('import', '--db', db, '--apply', path.join(dir, 'a.xlsx')), cli('import', '--db', db, '--apply', path.join(dir, 'b.xlsx'))]);
  expect([a.code, b.code].sort(), a.stdout + a.stderr + b.stdout + b.stderr).toEqual([0, 1]);
  const loser = a.code === 1 ? a : b;
  expect(loser.stdout).toMatch(/apply refused, nothing written|row 2: duplicate/);
  const check = createCore({ dbPath: db, log: () => undefined });
  try {
    const rows = check.db.$client.prepare('SELECT c.name, g.number FROM gb_certificates g JOIN clients c ON c.id = g.client_id ORDER BY g.id').all() as { name: string; number: string }[];
    expect(rows).toHaveLength(2);
    const winner = rows[0]!.name;
    expect(rows.every((r) => r.name === winner)).toBe(true);
  } finally {
    await check.close();
  }
}, 120_000);
