// Download of a stored USR file over HTTP and through both desktop backends: the card's access rule, exact bytes, purged files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { startServer, type TestServer } from '../api/http';
import { localBackend, remoteBackend } from '../../src-main/electron/backend';
import { putUsr, type StoredUsr } from './usr-rows';
import { updateDates } from '../helpers/usr-gen';

let env: TestEnv;
let server: TestServer;
let sio: { id: number; token: string };
let linked: StoredUsr;
let unlinked: StoredUsr;

beforeAll(async () => {
  env = await testEnv();
  await addSystems(env.admin);
  server = await startServer(env.core);
  sio = await env.employee('sio1', ['sio']);
  const clientId = (await env.admin('clients.create', { name: 'ООО Ромашка' })).id;
  await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
  // A name with Cyrillic and `#`, as real ones have.
  linked = putUsr(env.core.db, { kits: [{ code: 'SKJP', number: 1, distr: 1001 }], banks: [{ code: 'LAW', updates: updateDates('2026-11-20', 30) }] }, { name: 'CONS#1_Ромашка.usr' });
  // A kit the base does not know: no client's card shows it.
  unlinked = putUsr(env.core.db, { kits: [{ code: 'BUHS', number: 2, distr: 9999 }], banks: [{ code: 'PBI', updates: ['2026-11-01'] }] });
  const admin = env.core.db.$client.prepare("SELECT id FROM employees WHERE login = 'admin'").get() as { id: number };
  env.core.db.$client.prepare('UPDATE usr_files SET imported_by = ? WHERE id = ?').run(admin.id, unlinked.usrFileId);
});
afterAll(async () => {
  await server.close();
  await env.close();
});

const get = (id: number | string, token?: string) => fetch(`${server.url}/files/usr/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('GET /files/usr/<id>', () => {
  it('gives anyone who may see the client’s card the exact bytes under the file’s name', async () => {
    const res = await get(linked.usrFileId, sio.token);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(linked.bytes)).toBe(true);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('CONS#1_Ромашка.usr')}`);
    const chat = await env.employee('chat1', ['chat']);
    expect((await get(linked.usrFileId, chat.token)).status).toBe(200);
  });

  it('refuses a caller without access: 401 signed out, 403 for a file no card shows unless importer or head', async () => {
    expect((await get(linked.usrFileId)).status).toBe(401);
    expect((await get(linked.usrFileId, 'forged-token')).status).toBe(401);
    const refused = await get(unlinked.usrFileId, sio.token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const head = await env.employee('head1', ['head']);
    const ok = await get(unlinked.usrFileId, head.token);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(unlinked.bytes)).toBe(true);
    expect((await get(unlinked.usrFileId, env.adminToken)).status).toBe(200);
  });

  it('answers 404 for ids that are not files, and 405 for other verbs', async () => {
    for (const bad of ['999999', '0', '-1', 'abc', '1e3', '..%2F..%2Fetc%2Fpasswd', '']) expect((await get(bad, sio.token)).status, bad).toBe(404);
    expect((await fetch(`${server.url}/files/usr/${linked.usrFileId}`, { method: 'POST', headers: { Authorization: `Bearer ${sio.token}` } })).status).toBe(405);
  });
});

describe('desktop bridge (downloadUsr)', () => {
  it('gives the same bytes and refusals through the remote backend', async () => {
    const b = remoteBackend(server.url);
    try {
      const r = await b.downloadUsr(linked.usrFileId, sio.token);
      expect(r.ok && r.data.name).toBe('CONS#1_Ромашка.usr');
      expect(r.ok && Buffer.from(r.data.bytes).equals(linked.bytes)).toBe(true);
      expect(await b.downloadUsr(unlinked.usrFileId, sio.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await b.downloadUsr(linked.usrFileId, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    } finally {
      await b.close();
    }
  });

  it('gives the same bytes and refusals through the local backend', async () => {
    const dbPath = env.core.db.$client.name;
    await server.close();
    await env.close();
    const b = localBackend(dbPath);
    try {
      const login = await b.call('auth.login', { login: 'sio1', password: 'password-123' }, null);
      const token = (login as { ok: true; data: { token: string } }).data.token;
      const r = await b.downloadUsr(linked.usrFileId, token);
      expect(r.ok && Buffer.from(r.data.bytes).equals(linked.bytes)).toBe(true);
      expect(await b.downloadUsr(unlinked.usrFileId, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      await b.close();
      // Reopened for afterAll's closing.
      env = await testEnv({ dbPath: undefined });
      server = await startServer(env.core);
    }
  });
});
