// Download of a kept certification request file over HTTP and through both desktop backends: exact bytes, the archive's roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { startServer, type TestServer } from '../api/http';
import { localBackend, remoteBackend } from '../../src-main/electron/backend';

let env: TestEnv;
let server: TestServer;
let sio: { id: number; token: string };
let caller: { id: number; token: string };
let request: { id: number; fileName: string; bytes: Buffer };

beforeAll(async () => {
  env = await testEnv();
  await addSystems(env.admin, ['SKJP']);
  server = await startServer(env.core);
  sio = await env.employee('sio1', ['sio']);
  caller = await env.employee('caller1', ['caller']);
  const { id: clientId } = await env.admin('clients.create', { name: 'ООО Ромашка', inn: '7707083893', kpp: '773601001' });
  await env.admin('contacts.save', { clientId, fullName: 'Иванова Мария', roles: ['chief_accountant'], phones: [{ raw: '+7 (423) 222-33-44' }], emails: [{ email: 'buh@romashka.ru' }] });
  await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 1001 });
  const r = await env.as(sio.token, 'glavbukh.requests.export', { programme: 'GB', clientIds: [clientId] });
  const row = env.core.db.$client.prepare('SELECT content FROM gb_requests WHERE id = ?').get(r.id) as { content: Buffer };
  request = { id: r.id, fileName: r.fileName, bytes: row.content };
});
afterAll(async () => {
  await server.close();
  await env.close();
});

const get = (id: number | string, token?: string) => fetch(`${server.url}/files/glavbukh/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('GET /files/glavbukh/<id>', () => {
  it('gives the exact stored bytes under the file’s name to those who see the archive, and refuses the rest', async () => {
    const res = await get(request.id, sio.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(request.fileName);
    expect(Buffer.from(await res.arrayBuffer()).equals(request.bytes)).toBe(true);
    expect((await get(request.id)).status).toBe(401);
    expect((await get(request.id, caller.token)).status).toBe(403);
    for (const bad of ['999999', '0', '-1', 'abc', '1e3', '..%2F..%2Fetc%2Fpasswd', '']) expect((await get(bad, sio.token)).status, bad).toBe(404);
    expect((await fetch(`${server.url}/files/glavbukh/${request.id}`, { method: 'POST', headers: { Authorization: `Bearer ${sio.token}` } })).status).toBe(405);
  });
});

describe('desktop bridge (downloadGbRequest)', () => {
  it('gives the same bytes and refusals through the remote backend', async () => {
    const b = remoteBackend(server.url);
    try {
      const r = await b.downloadGbRequest(request.id, sio.token);
      expect(r.ok && r.data.name).toBe(request.fileName);
      expect(r.ok && Buffer.from(r.data.bytes).equals(request.bytes)).toBe(true);
      expect(await b.downloadGbRequest(request.id, caller.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await b.downloadGbRequest(request.id, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    } finally {
      await b.close();
    }
  });

  it('gives the same bytes through the local backend', async () => {
    const dbPath = env.core.db.$client.name;
    await server.close();
    await env.close();
    const b = localBackend(dbPath);
    try {
      const login = await b.call('auth.login', { login: 'sio1', password: 'password-123' }, null);
      const token = (login as { ok: true; data: { token: string } }).data.token;
      const r = await b.downloadGbRequest(request.id, token);
      expect(r.ok && Buffer.from(r.data.bytes).equals(request.bytes)).toBe(true);
      expect(await b.downloadGbRequest(999, token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await b.close();
      env = await testEnv();
      server = await startServer(env.core);
    }
  });
});
