// `npm run cli -- import --db F [--json] FILE…`: any known kind detected from the content (ZIPs opened), one result per file, nothing twice.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { createCore } from '../../src-main/core';

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

const chats = fs.readFileSync(new URL('../fixtures/chat/chats-2026-11.xml', import.meta.url));
const quest = Buffer.from(
  '<?xml version="1.0" encoding="utf-8"?>\n<root><quest sys="1" distr="123" comp="2" date="2026-11-05 11:00:00"><fio>Сидоренко Анна</fio><email>buh@vostok-trans.example</email><phone></phone><text>Как заполнить 6-НДФЛ?</text></quest></root>',
);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-import-'));
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
  fs.writeFileSync(path.join(dir, 'chats.xml'), chats);
  fs.writeFileSync(path.join(dir, 'bundle.zip'), zipSync({ 'quest.xml': quest, 'readme.txt': Buffer.from('not an export') }));
  fs.writeFileSync(path.join(dir, 'broken.xml'), chats.subarray(0, chats.length - 40));
});

it('prints one JSON result per file, ZIP members included, and exits 1 when a file was refused', async () => {
  const r = await cli('import', '--db', db, '--json', path.join(dir, 'chats.xml'), path.join(dir, 'bundle.zip'), path.join(dir, 'broken.xml'));
  expect(r.code, r.stderr).toBe(1);
  const out = JSON.parse(r.stdout) as { file: string; kind: string | null; status: string; added: number; skipped: number; problems: { code: string }[] }[];
  const byFile = Object.fromEntries(out.map((x) => [x.file, x]));
  expect(byFile['chats.xml']).toMatchObject({ kind: 'chat.sessions', status: 'applied', added: 2 });
  expect(byFile['chats.xml']!.problems.map((p) => p.code)).toContain('unknown_system_number');
  expect(byFile['bundle.zip']).toMatchObject({ kind: 'zip', status: 'opened', added: 2 });
  expect(byFile['bundle.zip/quest.xml']).toMatchObject({ kind: 'chat.questions', status: 'applied', added: 1 });
  expect(byFile['bundle.zip/readme.txt']).toMatchObject({ status: 'unknown_format' });
  expect(byFile['broken.xml']).toMatchObject({ kind: 'chat.sessions', status: 'malformed', added: 0 });
  expect(r.stderr).toContain('were not imported');
}, 120_000);

it('imports nothing twice: the same files again are duplicates, in text form too', async () => {
  const r = await cli('import', '--db', db, path.join(dir, 'chats.xml'));
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/chats\.xml: duplicate \(chat\.sessions\) — added 0/);
}, 120_000);
