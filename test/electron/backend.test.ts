// The desktop app's two backends: the core on a local file, and a shared server reached over HTTP and SSE.
import { afterEach, describe, expect, it } from 'vitest';
import { localBackend, readEvents, remoteBackend, type Backend } from '../../src-main/electron/backend';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { startServer, type TestServer } from '../api/http';
import { taskWorld } from '../helpers/task-world';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Resolves with the first push event named `name` (or rejects after a while). */
function nextEvent(b: Backend, name: string, timeoutMs = 5000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${name} event`)), timeoutMs);
    const off = b.onEvent((event, data) => {
      if (event !== name) return;
      clearTimeout(t);
      off();
      resolve(data);
    });
  });
}

describe('local backend', () => {
  it('opens (and migrates) the database file, serves the contract and pushes events', async () => {
    const b = localBackend(tempDbPath());
    cleanups.push(() => b.close());
    expect(await b.call('auth.status', {}, null)).toEqual({ ok: true, data: { needsSetup: true } });
    const setup = await b.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null);
    expect(setup.ok).toBe(true);
    const token = (setup as { data: { token: string } }).data.token;
    expect(await b.call('clients.search', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const event = nextEvent(b, 'client.changed');
    const created = await b.call('clients.create', { name: 'ООО «Ромашка»' }, token);
    expect(created.ok).toBe(true);
    expect(await event).toMatchObject({ clientId: (created as { data: { id: number } }).data.id });
  });
});

describe('local backend push events', () => {
  it('reach the window only as its session may see them, and follow a sign-out and the next sign-in', async () => {
    // Arranged on the same file beforehand: a task pm1 may not see and a message in the queue.
    const dbPath = tempDbPath();
    const arrange = await testEnv({ dbPath });
    const w = await taskWorld(arrange);
    arrange.close();

    const b = localBackend(dbPath);
    cleanups.push(() => b.close());
    const got: string[] = [];
    b.onEvent((event) => got.push(event));
    const as = async (login: string) => {
      const r = await b.call('auth.login', { login, password: 'password-123' }, null);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return (r.data as { token: string }).token;
    };
    const pm = await as('pm1');
    const queue = (await b.call('mail.queue.list', {}, pm)) as { ok: true; data: { items: { id: number }[] } };
    // The personal manager makes a task for a colleague of another direction: the task and its notification are not theirs.
    expect(await b.call('mail.queue.makeTask', { id: queue.data.items[0]!.id, kind: 'lead_price', assigneeId: w.sales.id }, pm)).toMatchObject({ ok: true });
    expect(got).toContain('mail.queue.changed');
    expect(got).not.toContain('task.changed');
    expect(got).not.toContain('notification.new');

    expect(await b.call('auth.logout', {}, pm)).toMatchObject({ ok: true });
    got.length = 0;
    const chat = await as('chat1');
    expect(await b.call('events.add', { clientId: w.clientId, text: 'Звонил клиент' }, chat)).toMatchObject({ ok: true });
    expect(got).toEqual(['client.changed']);
    // The old session's token no longer carries anything.
    expect(await b.call('auth.me', {}, pm)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // Two databases seeded and three sign-ins (scrypt on low-priority threads): room for a loaded 2-core machine.
  }, 90_000);
});

describe('remote backend (connected mode)', () => {
  let env: TestEnv;
  let server: TestServer;

  async function connect() {
    env = await testEnv();
    server = await startServer(env.core);
    const b = remoteBackend(server.url, { retryMs: 50 });
    cleanups.push(() => env.close(), () => server.close(), () => b.close());
    return b;
  }

  it('forwards calls with the bearer token and returns the server’s results and errors', async () => {
    const b = await connect();
    expect(await b.call('clients.search', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const login = await b.call('auth.login', { login: 'admin', password: 'admin-password' }, null);
    expect(login).toMatchObject({ ok: true, data: { user: { login: 'admin' } } });
    const token = (login as { data: { token: string } }).data.token;
    const created = await b.call('clients.create', { name: 'ООО «Ромашка»', inn: '7707083893' }, token);
    expect(created.ok).toBe(true);
    // Written on the server's database.
    expect((await env.admin('clients.search', { query: '7707083893' })).items).toHaveLength(1);
    expect(await b.call('clients.create', { name: 'Плохой ИНН', inn: '7707083894' }, token)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'inn', reason: 'checksum' }] },
    });
  });

  it('never puts an unknown method name into a URL', async () => {
    const b = await connect();
    for (const m of ['../events', 'auth.login/../../x', 'nope', '__proto__']) {
      expect(await b.call(m, {}, env.adminToken), m).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('answers INTERNAL/network when the server cannot be reached', async () => {
    const b = remoteBackend('http://127.0.0.1:9', { timeoutMs: 2000 });
    cleanups.push(() => b.close());
    expect(await b.call('auth.status', {}, null)).toEqual({ ok: false, error: { code: 'INTERNAL', detail: 'network' } });
  });

  it('follows the server’s event stream after sign-in and forwards push events', async () => {
    const b = await connect();
    const login = (await b.call('auth.login', { login: 'admin', password: 'admin-password' }, null)) as { data: { token: string } };
    const { id } = await env.admin('clients.create', { name: 'ООО «Поток»' });
    const card = await env.admin('clients.get', { id });
    // The stream opens asynchronously: keep changing the client until an event arrives.
    const event = nextEvent(b, 'client.changed');
    let version = card.client.version;
    let got: unknown = null;
    void event.then((d) => (got = d));
    for (let i = 0; i < 50 && !got; i++) {
      const r = await b.call('clients.update', { id, version, city: `Город ${i}` }, login.data.token);
      version = (r as { data: { version: number } }).data.version;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await event).toMatchObject({ clientId: id });
  });
});

describe('SSE parser', () => {
  it('splits blocks, skips comments and malformed data, and joins chunks', async () => {
    const parts = [': connected\n\nevent: client.changed\nda', 'ta: {"clientId":1}\n\n: ping\n\nevent: x\ndata: {bad\n\nevent: refs.changed\r\ndata: {}\r\n\r\n'];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    const got: [string, unknown][] = [];
    await readEvents(body, (e, d) => got.push([e, d]));
    expect(got).toEqual([
      ['client.changed', { clientId: 1 }],
      ['refs.changed', {}],
    ]);
  });
});
