// The HTTP host on a real socket: routing errors, body limits, static file confinement, security headers, SSE.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../src-main/server/http';
import { testEnv, type TestEnv } from '../helpers/core';
import { SECRET, startServer, type TestServer } from '../api/http';
import { changedTables, tableHashes } from '../helpers/tables';

let env: TestEnv;
let server: TestServer;

beforeAll(async () => {
  env = await testEnv();
  server = await startServer(env.core);
});
afterAll(async () => {
  await server?.close();
  env?.close();
});

describe('API routing', () => {
  it('answers an unknown method with 404 UNKNOWN_METHOD', async () => {
    for (const m of ['clients.nope', 'nothing', '__proto__', 'constructor', 'toString']) {
      const r = await server.post(m, {}, env.adminToken);
      expect(r.status, m).toBe(404);
      expect(r.body, m).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('answers invalid JSON with 400 BAD_INPUT', async () => {
    for (const body of ['{', '{"name":', 'not json', '{"a":1}}']) {
      const r = await server.post('clients.create', body, env.adminToken);
      expect(r.status, body).toBe(400);
      expect(r.body, body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it.each(['with Content-Length', 'chunked'])('refuses a body over 1 MiB with 413 and writes nothing (%s)', async (mode) => {
    const before = tableHashes(env.core.db.$client);
    const body = JSON.stringify({ name: 'Большое тело', comment: 'x'.repeat(1024 * 1024 + 10) });
    const r = await server.raw({
      method: 'POST',
      path: '/api/clients.create',
      headers: {
        Authorization: `Bearer ${env.adminToken}`,
        'Content-Type': 'application/json',
        ...(mode === 'chunked' ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': Buffer.byteLength(body) }),
      },
      body,
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(changedTables(before, tableHashes(env.core.db.$client))).toEqual([]);
  });

  it('answers RATE_LIMITED with 429 and a Retry-After header', async () => {
    for (let i = 0; i < 3; i++) expect((await server.post('auth.login', { login: 'admin', password: 'wrong' })).status).toBe(401);
    const r = await server.post('auth.login', { login: 'admin', password: 'admin-password' });
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('answers GET on an API path with 405 and an Allow header', async () => {
    const r = await server.raw({ path: '/api/clients.search', headers: { Authorization: `Bearer ${env.adminToken}` } });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it('maps error codes to HTTP statuses', async () => {
    expect((await server.post('clients.get', { id: 999999 }, env.adminToken)).status).toBe(404);
    const ok = await server.post('clients.search', { query: '' }, env.adminToken);
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('static files', () => {
  it('serves the renderer and falls back to index.html for app routes', async () => {
    const index = await server.raw({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('РИЦ CRM');
    expect((await server.raw({ path: '/assets/app.js' })).text).toBe('console.log(1)');
    expect((await server.raw({ path: '/clients/42' })).text).toContain('РИЦ CRM');
  });

  it.each([
    '/../secret.txt',
    '/../package.json',
    '/%2e%2e/secret.txt',
    '/%2e%2e/package.json',
    '/..%2fsecret.txt',
    '/..%2Fpackage.json',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '//../secret.txt',
  ])('does not serve files outside the renderer folder: %s', async (p) => {
    const r = await server.raw({ path: p });
    expect(r.text).not.toContain(SECRET);
    expect([200, 400, 403, 404]).toContain(r.status);
  });

  it('answers broken percent-encoding with 400 and keeps serving', async () => {
    const bad = await server.raw({ path: '/%E0%A4%A' });
    expect(bad.status).toBe(400);
    expect((await server.raw({ path: '/' })).status).toBe(200);
  });
});

describe('security headers', () => {
  it.each(['/', '/assets/app.js', '/api/auth.status', '/api/nothing'])('are set on %s', async (p) => {
    const r = await server.raw({ path: p, method: p.startsWith('/api/') ? 'POST' : 'GET', body: p.startsWith('/api/') ? '{}' : undefined });
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });
});

/** Opens the event stream and resolves with the first event named `name`. */
function readEvent(port: number, token: string, name: string): { ready: Promise<void>; event: Promise<unknown>; close: () => void } {
  let req: http.ClientRequest;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const event = new Promise<unknown>((resolve, reject) => {
    req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        if (buf.includes(': connected')) resolveReady();
        for (const block of buf.split('\n\n')) {
          const ev = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (ev === name && data) resolve(JSON.parse(data));
        }
      });
    });
    req.on('error', reject);
  });
  return { ready, event, close: () => req.destroy() };
}

describe('push events (SSE)', () => {
  it('refuses the stream without a valid token', async () => {
    expect((await server.raw({ path: '/api/events' })).status).toBe(401);
    expect((await server.raw({ path: '/api/events', headers: { Authorization: 'Bearer garbage' } })).status).toBe(401);
  });

  it('delivers client.changed after clients.update', async () => {
    const live = await testEnv();
    const liveServer = await startServer(live.core);
    const { token } = await live.employee('sse_reader', ['sales']);
    const { id } = await live.admin('clients.create', { name: 'ООО «Поток»' });
    const card = await live.admin('clients.get', { id });
    const stream = readEvent(liveServer.port, token, 'client.changed');
    try {
      await stream.ready;
      await live.admin('clients.update', { id, version: card.client.version, city: 'Артём' });
      const data = await stream.event;
      expect(data).toMatchObject({ clientId: id });
    } finally {
      stream.close();
      await liveServer.close();
      live.close();
    }
  });

  it('sends a personal notification only to its addressee', async () => {
    const live = await testEnv();
    const liveServer = await startServer(live.core);
    const a = await live.employee('sse_a', ['sales']);
    const b = await live.employee('sse_b', ['sales']);
    const toA = readEvent(liveServer.port, a.token, 'notification.new');
    const toB = readEvent(liveServer.port, b.token, 'notification.new');
    const bGotIt = toB.event.then(() => true);
    try {
      await Promise.all([toA.ready, toB.ready]);
      live.core.bus.publish({ event: 'notification.new', data: { employeeId: a.id, notificationId: 1, taskId: null } });
      expect(await toA.event).toMatchObject({ employeeId: a.id });
      // Give the other stream time to (wrongly) receive it.
      expect(await Promise.race([bGotIt, new Promise((r) => setTimeout(() => r(false), 300))])).toBe(false);
    } finally {
      toA.close();
      toB.close();
      await liveServer.close();
      live.close();
    }
  });
});
