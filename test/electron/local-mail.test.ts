// Local mode of the desktop app reads mail itself: passwords sealed by safeStorage, the IMAP job running, leases released on close.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { localBackend } from '../../src-main/electron/backend';
import { keyFileBox, keyPathFor, safeStorageBox, type SafeStorageLike } from '../../src-main/features/mail/secrets';
import { tempDbPath } from '../helpers/core';
import { startDovecot, type Dovecot } from '../mail/dovecot';
import { buildMail, leadText } from '../mail/build';
import type { ApiResult } from '../../src-shared/errors';

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 20_000);
afterAll(async () => {
  await dovecot?.stop();
});

/** A stand-in for Electron's safeStorage: reversible, and recognisable in the stored value. */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`keychain:${plain}`),
  decryptString: (sealed) => sealed.toString().replace(/^keychain:/, ''),
};

const data = <T>(r: ApiResult<unknown>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
};

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local mode with mail', () => {
  it('seals the mailbox password with safeStorage, turns new mail into a task within seconds, and releases the mailbox on close', async () => {
    const dbPath = tempDbPath();
    const b = localBackend(dbPath, { secretBox: safeStorageBox(fakeSafeStorage, keyFileBox(keyPathFor(dbPath))), mailJobs: true });
    let closed = false;
    try {
      const { token } = data<{ token: string }>(await b.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null));
      const refs = data<{ directions: { id: number; code: string }[] }>(await b.call('refs.get', {}, token));
      const sales = refs.directions.find((d) => d.code === 'sales')!.id;
      const salesId = data<{ id: number }>(await b.call('employees.save', { login: 's1', fullName: 'Продажник', roles: ['sales'], directionIds: [sales], password: 'password-123' }, token)).id;
      const { user, password } = dovecot.newUser();
      const created = new Promise<unknown>((resolve) => b.onEvent((event, d) => event === 'task.changed' && resolve(d)));
      const mailboxId = data<{ id: number }>(
        await b.call('mail.mailboxes.save', { name: 'Заявки', host: dovecot.host, port: dovecot.port, tls: false, user, password }, token),
      ).id;
      // The job connects on its own (the save announces the mailbox); wait until it is in IDLE territory.
      await until('the job to connect', async () => data<{ connected: boolean }[]>(await b.call('mail.health', {}, token))[0]?.connected);
      const text = leadText({ typeText: 'Демоверсия', number: '9001', fields: [['Тип заявки', 'Установка демоверсии'], ['E-mail', 'local@example.org']] });
      await dovecot.append(user, password, [buildMail({ subject: 'Заявка № 9001: установка демоверсии', text })]);
      await created;
      const list = data<{ items: { requestNumber: string; assignee: { id: number } | null }[] }>(await b.call('tasks.list', {}, token));
      expect(list.items).toMatchObject([{ requestNumber: '9001', assignee: { id: salesId } }]);

      // Sealed by the keychain stand-in, not stored in the clear.
      const peek = new Database(dbPath, { readonly: true });
      const row = peek.prepare('SELECT password_enc AS p FROM mailboxes WHERE id = ?').get(mailboxId) as { p: string };
      expect(row.p.startsWith('ss1:')).toBe(true);
      expect(row.p).not.toContain(password);
      expect(Buffer.from(row.p.slice(4), 'base64').toString()).toBe(`keychain:${password}`);
      peek.close();

      await b.close();
      closed = true;
      const after = new Database(dbPath, { readonly: true });
      expect(after.prepare('SELECT COUNT(*) AS n FROM mailbox_locks').get()).toEqual({ n: 0 });
      after.close();
    } finally {
      if (!closed) await b.close();
      fs.rmSync(dbPath.replace(/crm\.db$/, ''), { recursive: true, force: true });
    }
  }, 30_000);
});
