// The SSE stream over the real HTTP host: each subscriber gets only what it may see, and a stream ends at once when
// its session ends or its access changes (not at the next keep-alive).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { startServer, type TestServer } from '../api/http';
import { taskWorld, type TaskWorld } from '../helpers/task-world';

interface Stream {
  events: string[];
  /** Resolves once the server has sent the greeting (the subscription is in place). */
  ready: Promise<void>;
  /** Resolves with 'ended' when the server ends the stream, or with the event when `name` arrives first. */
  next(name: string): Promise<string>;
  close(): void;
}

function openStream(port: number, token: string): Stream {
  const events: string[] = [];
  const waiters: { name: string; resolve: (v: string) => void }[] = [];
  let ended = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { Authorization: `Bearer ${token}` } }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        if (block.startsWith(': connected')) resolveReady();
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        if (!ev) continue;
        events.push(ev);
        for (const w of waiters.filter((x) => x.name === ev)) w.resolve(ev);
      }
    });
    res.on('end', () => {
      ended = true;
      for (const w of waiters) w.resolve('ended');
    });
  });
  req.on('error', () => undefined);
  return {
    events,
    ready,
    next: (name) => (ended ? Promise.resolve('ended') : events.includes(name) ? Promise.resolve(name) : new Promise((resolve) => waiters.push({ name, resolve }))),
    close: () => req.destroy(),
  };
}

let env: TestEnv;
let server: TestServer;
let w: TaskWorld;
const streams: Stream[] = [];
const open = async (token: string) => {
  const s = openStream(server.port, token);
  streams.push(s);
  await s.ready;
  return s;
};
/** An event every live stream receives (reference data changed): a marker after which earlier events must have arrived. */
let markers = 0;
const marker = () => env.admin('departments.save', { name: `Отдел ${++markers}` });

beforeAll(async () => {
  env = await testEnv();
  server = await startServer(env.core);
  w = await taskWorld(env);
}, 120_000);
afterAll(async () => {
  for (const s of streams) s.close();
  await server?.close();
  env?.close();
});

describe('what a stream carries', () => {
  it('task.changed only to those who may see the task; client.changed to everyone', async () => {
    const sales = await open(w.sales.token);
    const head = await open(w.head.token);
    const pm = await open(w.pm.token);
    const chat = await open(w.chat.token);
    await env.as(w.sales.token, 'tasks.take', { id: w.taskId });
    await marker();
    for (const s of [sales, head, pm, chat]) await s.next('refs.changed');
    expect(sales.events).toContain('task.changed');
    expect(head.events).toContain('task.changed');
    expect(pm.events).not.toContain('task.changed');
    expect(chat.events).not.toContain('task.changed');
    for (const s of [sales, head, pm, chat]) expect(s.events).toContain('client.changed');
  });

  it('mail queue changes only to those who handle mail, notifications only to their addressee', async () => {
    const sales = await open(w.sales.token);
    const pm = await open(w.pm.token);
    const caller = await open(w.caller.token);
    const [item] = (await env.as(w.pm.token, 'mail.queue.list', {})).items;
    await env.as(w.pm.token, 'mail.queue.makeTask', { id: item!.id, kind: 'lead_price', assigneeId: w.sales.id });
    await marker();
    for (const s of [sales, pm, caller]) await s.next('refs.changed');
    expect(sales.events).toEqual(expect.arrayContaining(['mail.queue.changed', 'notification.new', 'task.changed']));
    expect(pm.events).toContain('mail.queue.changed');
    expect(pm.events).not.toContain('notification.new');
    expect(caller.events).not.toContain('mail.queue.changed');
    // Internal signals never leave the server.
    for (const s of streams) expect(s.events).not.toContain('session.changed');
  });
});

describe('a stream ends at once', () => {
  it('at logout, before anything else is sent, while another session of the employee goes on', async () => {
    const other = (await env.as('', 'auth.login', { login: 'chat1', password: 'password-123' })).token;
    const mine = await open(w.chat.token);
    const theirs = await open(other);
    await env.as(w.chat.token, 'auth.logout', {});
    await marker();
    expect(await mine.next('refs.changed')).toBe('ended');
    expect(await theirs.next('refs.changed')).toBe('refs.changed');
  });

  it('at a password change (the other sessions), a deactivation and a role change', async () => {
    const other = (await env.as('', 'auth.login', { login: 'sio1', password: 'password-123' })).token;
    const changer = await open(w.sio.token);
    const otherStream = await open(other);
    await env.as(w.sio.token, 'auth.changePassword', { oldPassword: 'password-123', newPassword: 'new-password-1' });
    const list = await env.admin('employees.list', {});
    const row = (login: string) => list.find((e) => e.login === login)!;
    const pm = await open(w.pm.token);
    const caller = await open(w.caller.token);
    await env.admin('employees.save', { ...row('pm1'), active: false });
    await env.admin('employees.save', { ...row('caller1'), roles: ['caller', 'chat'] });
    await marker();
    expect(await otherStream.next('refs.changed')).toBe('ended');
    expect(await pm.next('refs.changed')).toBe('ended');
    expect(await caller.next('refs.changed')).toBe('ended');
    expect(await changer.next('refs.changed')).toBe('refs.changed');
    // With its new roles the caller opens a new stream at once (its session is still valid).
    const again = await open(w.caller.token);
    await marker();
    expect(await again.next('refs.changed')).toBe('refs.changed');
  });
});
