// Access follows the visibility of the task: its mail message, its timeline events and its push events reach only
// those who may see the task (its assignee, its direction, heads and administrators).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../src-shared/events';
import { followSession } from '../../src-main/api/push';
import { testEnv, type TestEnv } from '../helpers/core';
import { taskWorld, type Person, type TaskWorld } from '../helpers/task-world';

let env: TestEnv;
let w: TaskWorld;
beforeEach(async () => {
  env = await testEnv();
  w = await taskWorld(env);
}, 120_000);
afterEach(() => env.close());

const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const r = await p;
  return r.ok ? 'OK' : r.error!.code;
};

describe('mail.messages.get', () => {
  it('gives the message of a task and its repeats only to those who may see the task', async () => {
    const get = (who: Person | string, id: number) => code(env.core.call('mail.messages.get', { id }, typeof who === 'string' ? who : who.token));
    for (const who of [env.adminToken, w.head, w.sio, w.sales]) {
      expect(await get(who, w.messageId)).toBe('OK');
      expect(await get(who, w.repeatId)).toBe('OK');
    }
    // A personal manager of another direction handles mail but not this task: not even that the message exists.
    expect(await get(w.pm, w.messageId)).toBe('NOT_FOUND');
    expect(await get(w.pm, w.repeatId)).toBe('NOT_FOUND');
    // Unrecognised mail in the queue is everybody's work among those who handle mail.
    expect(await get(w.pm, w.queuedMessageId)).toBe('OK');
  });

  it('follows the task once a queued message becomes one, in the queue too', async () => {
    const [item] = (await env.as(w.pm.token, 'mail.queue.list', {})).items;
    const { taskId } = await env.as(w.sales.token, 'mail.queue.makeTask', { id: item!.id, kind: 'lead_price', assigneeId: w.sales.id });
    expect(taskId).toBeGreaterThan(0);
    expect(await code(env.core.call('mail.messages.get', { id: w.queuedMessageId }, w.pm.token))).toBe('NOT_FOUND');
    expect(await code(env.core.call('mail.queue.get', { id: item!.id }, w.pm.token))).toBe('NOT_FOUND');
    expect(await code(env.core.call('mail.queue.get', { id: item!.id }, w.sales.token))).toBe('OK');
  });
});

describe('the client timeline', () => {
  it('shows a task’s events, results and comments only to those who may see the task', async () => {
    await env.as(w.sio.token, 'tasks.complete', { id: w.taskId, result: 'price_sent', comment: 'Секретный комментарий' });
    const timeline = async (who: Person | string) => {
      const token = typeof who === 'string' ? who : who.token;
      const list = await env.as(token, 'events.list', { clientId: w.clientId });
      const card = await env.as(token, 'clients.get', { id: w.clientId });
      expect(card.events.map((e) => e.id)).toEqual(list.map((e) => e.id));
      return list;
    };
    for (const who of [env.adminToken, w.head, w.sio, w.sales]) {
      const events = await timeline(who);
      expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['task_created', 'task_done']));
      expect(JSON.stringify(events)).toContain('Секретный комментарий');
    }
    for (const who of [w.pm, w.chat, w.caller]) {
      const events = await timeline(who);
      expect(events.map((e) => e.kind)).toContain('created');
      expect(events.filter((e) => e.data && 'taskId' in e.data)).toEqual([]);
      expect(JSON.stringify(events)).not.toContain('Секретный комментарий');
    }
  });
});

describe('push events', () => {
  /** What each employee's session receives while `act` runs. */
  async function received(people: Record<string, string>, act: () => Promise<unknown>): Promise<Record<string, PushMessage[]>> {
    const got: Record<string, PushMessage[]> = {};
    const stops = Object.entries(people).map(([name, token]) => {
      got[name] = [];
      const stop = followSession(env.core, token, (m) => got[name]!.push(m), () => undefined);
      if (!stop) throw new Error(`no session for ${name}`);
      return stop;
    });
    try {
      await act();
    } finally {
      for (const stop of stops) stop();
    }
    return got;
  }
  const names = (got: Record<string, PushMessage[]>, event: string) =>
    Object.entries(got)
      .filter(([, msgs]) => msgs.some((m) => m.event === event))
      .map(([n]) => n)
      .sort();

  it('task.changed goes only to those who may see the task, and to the assignee it was taken from', async () => {
    const people = { admin: env.adminToken, head: w.head.token, sio: w.sio.token, sales: w.sales.token, pm: w.pm.token, chat: w.chat.token, caller: w.caller.token };
    const got = await received(people, () => env.as(w.sales.token, 'tasks.take', { id: w.taskId }));
    expect(names(got, 'task.changed')).toEqual(['admin', 'head', 'sales', 'sio']);
    // Clients are everyone's: the card of the task's client reloads for all.
    expect(names(got, 'client.changed')).toEqual(Object.keys(people).sort());
  });

  it('personal and mail events go only to their addressee and to those who handle mail', async () => {
    const people = { admin: env.adminToken, sales: w.sales.token, pm: w.pm.token, chat: w.chat.token, caller: w.caller.token };
    const [item] = (await env.as(w.pm.token, 'mail.queue.list', {})).items;
    const got = await received(people, () => env.as(w.pm.token, 'mail.queue.makeTask', { id: item!.id, kind: 'lead_price', assigneeId: w.sales.id }));
    expect(names(got, 'notification.new')).toEqual(['sales']);
    expect(names(got, 'mail.queue.changed')).toEqual(['admin', 'pm', 'sales']);
    // The personal manager made the task but may not see it (another direction, not the assignee).
    expect(names(got, 'task.changed')).toEqual(['admin', 'sales']);
  });
});

describe('a followed session', () => {
  it('ends at once at logout, password change, deactivation and role change, and only for that session', async () => {
    const ended: string[] = [];
    const follow = (name: string, token: string) => followSession(env.core, token, () => undefined, () => ended.push(name));
    const other = (await env.as('', 'auth.login', { login: 'sales1', password: 'password-123' })).token;
    follow('sales', w.sales.token);
    follow('sales-other', other);
    follow('pm', w.pm.token);
    follow('chat', w.chat.token);
    follow('caller', w.caller.token);

    await env.as(w.pm.token, 'auth.logout', {});
    expect(ended).toEqual(['pm']);
    await env.as(w.sales.token, 'auth.changePassword', { oldPassword: 'password-123', newPassword: 'new-password-1' });
    // The session that changed the password goes on; the other one of the same employee ends.
    expect(ended).toEqual(['pm', 'sales-other']);
    const list = await env.admin('employees.list', {});
    const row = (login: string) => list.find((e) => e.login === login)!;
    await env.admin('employees.save', { ...row('chat1'), active: false });
    expect(ended).toEqual(['pm', 'sales-other', 'chat']);
    await env.admin('employees.save', { ...row('caller1'), roles: ['caller', 'sales'] });
    expect(ended).toEqual(['pm', 'sales-other', 'chat', 'caller']);
    // Nothing else ended along the way: an edit that changes nothing about access keeps streams open.
    await env.admin('employees.save', { ...row('sales1'), fullName: 'Продавец Первый' });
    expect(ended).toEqual(['pm', 'sales-other', 'chat', 'caller']);
  });

  it('is refused for a token that is not a live session', () => {
    expect(followSession(env.core, 'garbage', () => undefined, () => undefined)).toBeNull();
  });
});
