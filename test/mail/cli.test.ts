// The mail CLI as a child process: `mail add`, `mail sync --once` against dovecot, `tasks list --json` equal to the API's list.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { startDovecot, type Dovecot } from './dovecot';
import { mailFixtures } from './fixtures';
import { keyPathFor } from '../../src-main/features/mail/secrets';

const ROOT = path.resolve(__dirname, '../..');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

let dovecot: Dovecot;
let env: TestEnv;
let db: string;
beforeAll(async () => {
  dovecot = await startDovecot();
  db = tempDbPath('crm-mail-cli-');
  env = await testEnv({ dbPath: db });
}, 30_000);
afterAll(async () => {
  env?.close();
  await dovecot?.stop();
});

it(
  'adds a mailbox, syncs it once, and lists the tasks as JSON exactly as the API does',
  async () => {
    const { user, password } = dovecot.newUser();
    const pwFile = path.join(path.dirname(db), 'pw.txt');
    fs.writeFileSync(pwFile, `${password}\n`);
    const bad = await cli('mail', 'add', '--db', db, '--host', dovecot.host, '--user', user);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--password-file');

    const add = await cli('mail', 'add', '--db', db, '--host', dovecot.host, '--port', String(dovecot.port), '--user', user, '--password-file', pwFile, '--no-tls');
    expect(add.code, add.stderr).toBe(0);
    expect(fs.statSync(keyPathFor(db)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(db).includes(Buffer.from(password))).toBe(false);

    const fixtures = mailFixtures();
    const want = (o: string) => fixtures.filter((f) => f.outcome === o);
    await dovecot.append(
      user,
      password,
      fixtures.map((f) => f.raw),
    );
    const sync = await cli('mail', 'sync', '--once', '--db', db);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain(`${want('task').length} tasks, ${want('queued').length} queued, ${want('duplicate_request').length} duplicates skipped`);

    const list = await cli('tasks', 'list', '--json', '--db', db);
    expect(list.code, list.stderr).toBe(0);
    const printed = JSON.parse(list.stdout) as { id: number; kind: string; overdue: boolean }[];
    const viaApi = await env.admin('tasks.list', {});
    // The API's clock is the test's; overdue flags depend on the clock, everything else must be equal.
    const strip = (items: { overdue?: boolean }[]) => items.map(({ overdue: _o, ...rest }) => rest);
    expect(strip(printed)).toEqual(strip(viaApi.items));
    expect(printed.map((t) => t.kind).sort()).toEqual(want('task').map((f) => f.kind).sort());

    const filtered = await cli('tasks', 'list', '--json', '--kind', 'question', '--db', db);
    expect((JSON.parse(filtered.stdout) as { kind: string }[]).map((t) => t.kind)).toEqual(want('task').filter((f) => f.kind === 'question').map(() => 'question'));
  },
  60_000,
);
