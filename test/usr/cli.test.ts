// `npm run cli -- import` with USR files (a status per file) and `usr list` (kit, client or null, file date, newest update).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createCore } from '../../src-main/core';
import { usrBytes, type GenUsr } from '../helpers/usr-gen';

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

const known: GenUsr = { kits: [{ code: 'SKJP', number: 1, distr: 123, comp: 2 }], banks: [{ code: 'LAW', updates: ['2026-11-12', '2026-11-19'] }], fileDate: '2026-11-20' };
const unknown: GenUsr = { kits: [{ code: 'BUHS', number: 7, distr: 45678 }], banks: [{ code: 'BUH', updates: ['2026-11-18'] }] };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-usr-'));
  db = path.join(dir, 'crm.db');
  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    const setup = await core.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null);
    const token = (setup as { ok: true; data: { token: string } }).data.token;
    await core.call('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 }, token);
    const c = (await core.call('clients.create', { name: 'ООО «Восток-Транс»' }, token)) as { ok: true; data: { id: number } };
    await core.call('distributions.save', { clientId: c.data.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 }, token);
  } finally {
    await core.close();
  }
  fs.writeFileSync(path.join(dir, 'CONS#1_000123.usr'), usrBytes(known));
  fs.writeFileSync(path.join(dir, 'CONS#7_045678.usr'), usrBytes(unknown));
  fs.writeFileSync(path.join(dir, 'copy.usr'), usrBytes(known));
  fs.writeFileSync(path.join(dir, 'old.usr'), usrBytes({ ...known, formatVersion: 1 }));
  fs.writeFileSync(path.join(dir, 'cut.usr'), usrBytes(known).subarray(0, 900));
  fs.writeFileSync(path.join(dir, 'note.usr'), Buffer.from('не USR\n'));
});

it('prints each USR file with its own status and exits 1 only because of the refused ones; usr list shows kit, client, dates', async () => {
  const names = ['CONS#1_000123.usr', 'CONS#7_045678.usr', 'copy.usr', 'old.usr', 'cut.usr', 'note.usr'];
  const r = await cli('import', '--db', db, '--json', ...names.map((n) => path.join(dir, n)));
  expect(r.code, r.stderr).toBe(1);
  const out = JSON.parse(r.stdout) as { file: string; kind: string; status: string }[];
  expect(out.map((x) => [x.file, x.kind, x.status])).toEqual([
    ['CONS#1_000123.usr', 'usr.file', 'stored'],
    ['CONS#7_045678.usr', 'usr.file', 'unknown_kit'],
    ['copy.usr', 'usr.file', 'duplicate'],
    ['old.usr', 'usr.file', 'too_old'],
    ['cut.usr', 'usr.file', 'malformed'],
    ['note.usr', 'usr.file', 'not_usr'],
  ]);
  expect(r.stderr).toContain('3 of 6 files were not imported');

  const again = await cli('import', '--db', db, path.join(dir, 'CONS#7_045678.usr'));
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toMatch(/CONS#7_045678\.usr: duplicate \(usr\.file\)/);

  const list = await cli('usr', 'list', '--json', '--db', db);
  expect(list.code, list.stderr).toBe(0);
  const files = JSON.parse(list.stdout) as { kit: string; client: { name: string } | null; fileAt: string; newestUpdate: string; status: string }[];
  expect(files.map((f) => [f.kit, f.client?.name ?? null, f.fileAt, f.newestUpdate, f.status])).toEqual([
    ['BUHS_045678', null, '2026-11-18T10:15:02', '2026-11-18', 'unknown_kit'],
    ['SKJP_000123_02', 'ООО «Восток-Транс»', '2026-11-20T10:15:02', '2026-11-19', 'stored'],
  ]);
}, 180_000);
