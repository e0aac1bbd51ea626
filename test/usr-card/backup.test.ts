// A stored USR file is part of every backup: after a restore its bytes download again and its facts are back.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { testEnv, tempDbPath } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { createCore } from '../../src-main/core';
import { createBackup } from '../../src-main/features/backup/snapshot';
import { restoreBackup } from '../../src-main/features/backup/restore';
import { putUsr } from './usr-rows';
import { updateDates } from '../helpers/usr-gen';
import type { UsrCard } from '../../src-shared/usr-card';

it('backs up the USR file store and restores the file byte for byte', async () => {
  const dbPath = tempDbPath('crm-usr-backup-');
  const dir = path.dirname(dbPath);
  const env = await testEnv({ dbPath });
  await addSystems(env.admin);
  const { id: clientId } = await env.admin('clients.create', { name: 'ООО Ромашка' });
  await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
  const f = putUsr(env.core.db, { kits: [{ code: 'SKJP', number: 1, distr: 1001 }], banks: [{ code: 'LAW', updates: updateDates('2026-11-20', 40) }], padding: 20_000 });
  const backup = createBackup({ dbPath, folder: path.join(dir, 'backups'), now: env.clock.now() });
  expect(backup.manifest.stores.find((s) => s.name === 'imports')?.files).toBeGreaterThanOrEqual(1);
  await env.close();
  // The store is lost after the backup.
  fs.rmSync(path.join(dir, 'imports'), { recursive: true });

  restoreBackup({ dbPath, from: backup.dir, now: new Date('2026-11-28T10:00:00Z') });
  const core = createCore({ dbPath, log: () => undefined });
  try {
    const login = await core.call('auth.login', { login: 'admin', password: 'admin-password' }, null);
    const token = (login as { ok: true; data: { token: string } }).data.token;
    const d = core.downloadUsr(token, String(f.usrFileId));
    expect(d.ok).toBe(true);
    expect(fs.readFileSync((d as { ok: true; data: { path: string } }).data.path).equals(f.bytes)).toBe(true);
    const card = await core.call('usr.card', { clientId }, token);
    expect(card.ok && (card.data as UsrCard).distributions[0]).toMatchObject({ lastUpdate: '2026-11-20', fileCount: 1 });
  } finally {
    await core.close();
  }
});
