// What the server writes beside the database (the database with its -wal and -shm, the key file, print files) is
// readable by the server's user only, whatever the umask: files 0600, the folders it creates 0700.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBoxFor } from '../../src-main/features/mail/secrets';
import { testEnv, type TestEnv } from '../helpers/core';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

let env: TestEnv;
let root: string;
let dir: string;
let dbFile: string;
let savedUmask: number;

beforeAll(async () => {
  // The most permissive umask: nothing the process creates may rely on it to keep others out.
  savedUmask = process.umask(0);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-modes-'));
  dir = path.join(root, 'data', 'crm');
  dbFile = path.join(dir, 'crm.db');
  env = await testEnv({ dbPath: dbFile });
});
afterAll(() => {
  env?.close();
  process.umask(savedUmask);
  fs.rmSync(root, { recursive: true, force: true });
});

describe('files beside the database', () => {
  it('the database, its -wal, -shm and lock file are 0600 and the folders created for it 0700', async () => {
    await env.admin('clients.create', { name: 'ООО «Ромашка»' });
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}.lock`]) {
      expect(fs.existsSync(f), f).toBe(true);
      expect(mode(f).toString(8), f).toBe('600');
    }
    for (const d of [dir, path.dirname(dir)]) expect(mode(d).toString(8), d).toBe('700');
  });

  it('the key file of stored secrets is 0600', () => {
    secretBoxFor(env.core.db).encrypt('mailbox-password');
    expect(mode(`${dbFile}.key`).toString(8)).toBe('600');
  });

  it('print files are 0600 in 0700 folders', async () => {
    const { id } = await env.admin('clients.create', { name: 'ООО «Лютик»' });
    const out = await env.admin('print.clientCard', { clientId: id });
    const file = out.files[0]!;
    expect(mode(file).toString(8)).toBe('600');
    for (let d = path.dirname(file); d !== dir; d = path.dirname(d)) expect(mode(d).toString(8), d).toBe('700');
  });
});

describe('a database that already exists', () => {
  it('is opened as it is: its own mode is kept, so an administrator’s choice stands', async () => {
    const other = path.join(root, 'shared.db');
    fs.writeFileSync(other, '');
    fs.chmodSync(other, 0o640);
    const e = await testEnv({ dbPath: other });
    try {
      expect(mode(other).toString(8)).toBe('640');
    } finally {
      e.close();
    }
  });
});
