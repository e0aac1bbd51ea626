// Restore: a round trip of database, key and print files; refused while a running server holds the database; a damaged backup changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { testEnv, tempDbPath } from '../helpers/core';
import { killHard, spawnTs } from '../helpers/child';
import { createCore } from '../../src-main/core';
import { createBackup } from '../../src-main/features/backup/snapshot';
import { restoreBackup } from '../../src-main/features/backup/restore';
import { BackupInvalidError } from '../../src-main/features/backup/manifest';
import { hashFile, walkFiles } from '../../src-main/features/backup/files';
import { mailboxConfig } from '../../src-main/features/mail/mailboxes.repo';
import { DatabaseBusyError, lockExclusively } from '../../src-main/db/holder';

const SERVER = path.resolve(__dirname, '../../src-main/server/main.ts');
const CLI = path.resolve(__dirname, '../../src-main/cli/main.ts');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

const clients = (core: { db: { $client: { prepare(sql: string): { get(): unknown } } } }) =>
  (core.db.$client.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;

it('brings back the database, the key (mailbox passwords still open) and the print files, and keeps the replaced ones aside', async () => {
  const dbPath = tempDbPath('crm-restore-');
  const dir = path.dirname(dbPath);
  const env = await testEnv({ dbPath });
  const { id: clientId } = await env.admin('clients.create', { name: 'ООО «До копии»' });
  const { id: mailboxId } = await env.admin('mail.mailboxes.save', { name: 'Заявки', host: 'imap.example.ru', user: 'ric', password: 'пароль-ящика' });
  const printed = await env.admin('print.clientCard', { clientId });
  const pdf = printed.details[0]!;
  const pdfSum = hashFile(pdf.path);
  const backup = createBackup({ dbPath, folder: path.join(dir, 'backups'), now: env.clock.now() });
  expect(backup.manifest.key).toBe('crm.db.key');
  expect(backup.manifest.stores.find((s) => s.name === 'print')?.files).toBe(1);

  // After the backup: more work, then the key and the print files are lost.
  await env.admin('clients.create', { name: 'ООО «После копии»' });
  env.close();
  fs.rmSync(`${dbPath}.key`);
  fs.rmSync(path.join(dir, 'print'), { recursive: true });

  const r = restoreBackup({ dbPath, from: backup.dir, now: new Date('2026-11-28T10:00:00Z') });
  expect(r.replacedDir).not.toBeNull();
  const core = createCore({ dbPath, log: () => undefined });
  cleanup.push(() => core.close());
  expect(clients(core)).toBe(1);
  expect(mailboxConfig(core.db, mailboxId)?.password).toBe('пароль-ящика');
  expect(hashFile(pdf.path)).toEqual(pdfSum);
  expect((fs.statSync(dbPath).mode & 0o077).toString(8)).toBe('0');
  // The replaced database (two clients) is kept aside, whole.
  const aside = walkFiles(r.replacedDir!);
  expect(aside).toContain('crm.db');
  const old = createCore({ dbPath: path.join(r.replacedDir!, 'crm.db'), log: () => undefined });
  expect(clients(old)).toBe(2);
  old.close();
});

it('refuses while a running server holds the database, and works once it is gone (even by kill -9)', { timeout: 180_000 }, async () => {
  const dbPath = tempDbPath('crm-restore-held-');
  const env = await testEnv({ dbPath });
  await env.admin('clients.create', { name: 'ООО «В копии»' });
  const backup = createBackup({ dbPath, folder: path.join(path.dirname(dbPath), 'backups') });
  await env.admin('clients.create', { name: 'ООО «Не в копии»' });
  env.close();

  const server = spawnTs(SERVER, ['--db', dbPath, '--port', '0'], (o) => o.includes('РИЦ CRM server:'));
  cleanup.push(() => killHard(server));
  await server.ready;
  expect(server.output()).toContain('РИЦ CRM server:');
  const before = hashFile(dbPath);
  expect(() => restoreBackup({ dbPath, from: backup.dir })).toThrow(DatabaseBusyError);
  const viaCli = spawnTs(CLI, ['restore', '--db', dbPath, '--from', backup.dir]);
  expect(await viaCli.exited).toBe(1);
  expect(viaCli.output()).toContain('restore refused');
  expect(viaCli.output()).toContain('in use by a running program');
  expect(hashFile(dbPath)).toEqual(before);

  await killHard(server);
  restoreBackup({ dbPath, from: backup.dir });
  const core = createCore({ dbPath, log: () => undefined });
  expect(clients(core)).toBe(1);
  core.close();
});

it('while a restore holds the database, no core opens it; a damaged backup is refused and changes nothing', async () => {
  const dbPath = tempDbPath('crm-restore-bad-');
  const env = await testEnv({ dbPath });
  await env.admin('clients.create', { name: 'ООО «Клиент»' });
  const backup = createBackup({ dbPath, folder: path.join(path.dirname(dbPath), 'backups') });
  env.close();

  const lock = lockExclusively(dbPath);
  expect(lock).not.toBeNull();
  expect(() => createCore({ dbPath })).toThrow(DatabaseBusyError);
  lock!.release();

  const copy = path.join(backup.dir, 'crm.db');
  const bytes = fs.readFileSync(copy);
  bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
  fs.writeFileSync(copy, bytes);
  const before = hashFile(dbPath);
  expect(() => restoreBackup({ dbPath, from: backup.dir })).toThrow(BackupInvalidError);
  expect(hashFile(dbPath)).toEqual(before);
  expect(fs.readdirSync(path.dirname(dbPath)).filter((f) => f.includes('.replaced-') || f.startsWith('.restoring-'))).toEqual([]);
});
