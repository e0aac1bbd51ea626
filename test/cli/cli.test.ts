// The CLI run as a child process on temp files: migrate, user add (then sign in), seed counts, backup (safe while open, a folder per backup).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const file = (name: string) => path.join(dir, name);
const count = (db: string, table: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    d.close();
  }
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli', { timeout: 90_000 }, () => {
  it('prints usage and exits 2 without a command, for an unknown command and for a missing --db', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: npm run cli');
    expect(none.stdout).toContain('caller (Обзвонка)');
    const unknown = await cli('frobnicate', '--db', file('x.db'));
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const noDb = await cli('migrate');
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('missing --db');
  });

  it('migrate applies the migrations once and then reports the database up to date', async () => {
    const first = await cli('migrate', '--db', file('m.db'));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/0000_init\s+applied now/);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)/);
    const again = await cli('migrate', '--db', file('m.db'));
    expect(again.stdout).toMatch(/0000_init\s+applied\n/);
    expect(again.stdout).toMatch(/Up to date: \d+ migration\(s\) applied/);
    expect(count(file('m.db'), 'clients')).toBe(0);
  });

  it('user add creates an employee who can then sign in; refuses duplicates, unknown roles and short passwords', async () => {
    const db = file('u.db');
    fs.writeFileSync(file('pw'), 'Секретный-пароль 1\n');
    const ok = await cli('user', 'add', '--db', db, '--login', 'boss', '--password-file', file('pw'), '--role', 'admin', '--role', 'sio', '--name', 'Иванова Анна Петровна');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Employee added: boss (Иванова Анна Петровна)');

    const core = createCore({ dbPath: db, log: () => undefined });
    try {
      // The trailing newline of the file is not part of the password.
      const login = await core.call('auth.login', { login: 'boss', password: 'Секретный-пароль 1' }, null);
      expect(login.ok).toBe(true);
      if (login.ok) expect((login.data as { user: { roles: string[]; fullName: string } }).user).toMatchObject({ roles: ['admin', 'sio'], fullName: 'Иванова Анна Петровна' });
      expect((await core.call('auth.login', { login: 'boss', password: 'Секретный-пароль 1\n' }, null)).ok).toBe(false);
    } finally {
      core.close();
    }

    const dup = await cli('user', 'add', '--db', db, '--login', 'BOSS', '--password-file', file('pw'), '--role', 'admin');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already taken');
    const badRole = await cli('user', 'add', '--db', db, '--login', 'x1', '--password-file', file('pw'), '--role', 'boss');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('unknown role "boss"');
    fs.writeFileSync(file('short'), '1234567\n');
    const short = await cli('user', 'add', '--db', db, '--login', 'x2', '--password-file', file('short'), '--role', 'admin');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 8 characters');
    expect(count(db, 'employees')).toBe(1);
  });

  it('seed adds the requested number of clients with two distributions each and a search index', async () => {
    const db = file('s.db');
    const r = await cli('seed', '--db', db, '--clients', '1500');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Seeded 1500 clients, \d+ contacts, 3000 distributions/);
    expect(count(db, 'clients')).toBe(1500);
    expect(count(db, 'distributions')).toBe(3000);
    expect(count(db, 'client_search')).toBe(1500);
    const bad = await cli('seed', '--db', db, '--clients', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--clients must be a whole number');
  });

  it('backup copies a database that is open in the program into a folder of its own, and keeps as many as asked', { timeout: 240_000 }, async () => {
    const db = file('b.db');
    const core = createCore({ dbPath: db, log: () => undefined });
    try {
      const setup = await core.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null);
      if (!setup.ok) throw new Error(JSON.stringify(setup.error));
      const token = (setup.data as { token: string }).token;
      for (let i = 0; i < 20; i++) {
        const r = await core.call('clients.create', { name: `ООО «Клиент ${i}»`, phones: [{ raw: `+7 (423) 222-33-${String(10 + i)}` }] }, token);
        expect(r.ok).toBe(true);
      }
      // The program keeps its connection (and the WAL) open while the backup runs.
      const out = await cli('backup', '--db', db, '--to', file('backups'));
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toContain('(20 clients)');
      expect(out.stdout).toContain('checksums and integrity verified');
      const [first] = fs.readdirSync(file('backups'));
      const copy = path.join(file('backups'), first!, 'b.db');
      expect(count(copy, 'clients')).toBe(20);
      expect(count(copy, 'phones')).toBe(20);
      expect(count(copy, 'employees')).toBe(1);
      // A backup is self-contained: no WAL beside the copy.
      expect(fs.existsSync(`${copy}-wal`)).toBe(false);

      await core.call('clients.create', { name: 'ООО «После копии»' }, token);
      // Two more within the same second get their own folders; --keep 2 leaves the newest two.
      for (let i = 0; i < 2; i++) expect((await cli('backup', '--db', db, '--to', file('backups'), '--keep', '2')).code).toBe(0);
      const kept = fs.readdirSync(file('backups')).sort();
      expect(kept).toHaveLength(2);
      expect(kept).not.toContain(first);
      for (const k of kept) expect(count(path.join(file('backups'), k, 'b.db'), 'clients')).toBe(21);
      const badKeep = await cli('backup', '--db', db, '--to', file('backups'), '--keep', '0');
      expect(badKeep.code).toBe(2);
    } finally {
      core.close();
    }
    const missing = await cli('backup', '--db', file('nope.db'), '--to', file('nope-copies'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Database not found');
    expect(fs.existsSync(file('nope.db'))).toBe(false);
  });
});
