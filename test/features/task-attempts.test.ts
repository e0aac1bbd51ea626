// Call attempts on a task: logged without closing it, the next contact time becomes a reminder shown from that time, closing results apart.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { taskWorld, type TaskWorld } from '../helpers/task-world';
import { startReminderAnnouncer } from '../../src-main/jobs/reminders.job';
import type { PushMessage } from '../../src-shared/events';

let env: TestEnv;
let w: TaskWorld;
beforeEach(async () => {
  env = await testEnv();
  w = await taskWorld(env);
});
afterEach(() => env.close());

it('an attempt keeps the task open, shows on the card and in the list, and its reminder appears at the next contact time', async () => {
  const next = '2026-11-27T11:00:00.000Z';
  await env.as(w.sio.token, 'tasks.attempt', { id: w.taskId, outcome: 'busy', comment: 'Занято, перезвонить после обеда', nextContactAt: next });
  const card = await env.as(w.sio.token, 'tasks.get', { id: w.taskId });
  expect(card.status).toBe('in_work');
  expect(card.result).toBeNull();
  expect(card.closedAt).toBeNull();
  expect(card.nextContactAt).toBe(next);
  expect(card.attempts).toHaveLength(1);
  expect(card.attempts[0]).toMatchObject({ outcome: 'busy', comment: 'Занято, перезвонить после обеда', nextContactAt: next, by: { id: w.sio.id } });
  const list = await env.as(w.sio.token, 'tasks.list', { open: true });
  expect(list.items.find((t) => t.id === w.taskId)).toMatchObject({ attemptCount: 1, nextContactAt: next });

  // Before its time the reminder is not in the bell; from then on it is, unread.
  const before = await env.as(w.sio.token, 'notifications.list', {});
  expect(before.items.some((n) => n.kind === 'task_reminder')).toBe(false);
  const unreadBefore = before.unread;
  env.clock.set('2026-11-27T11:00:01Z');
  const after = await env.as(w.sio.token, 'notifications.list', {});
  expect(after.items[0]).toMatchObject({ kind: 'task_reminder', taskId: w.taskId, read: false, at: next });
  expect(after.unread).toBe(unreadBefore + 1);

  // The timeline of the client records the attempt.
  const events = await env.as(w.sio.token, 'events.list', { clientId: w.clientId, limit: 50 });
  expect(events.some((e) => e.kind === 'task_attempt' && e.data?.outcome === 'busy')).toBe(true);
});

it('a second attempt replaces the pending reminder; a past next contact time is refused', async () => {
  await env.as(w.sio.token, 'tasks.attempt', { id: w.taskId, outcome: 'no_answer', comment: null, nextContactAt: '2026-11-28T03:00:00Z' });
  await env.as(w.sio.token, 'tasks.attempt', { id: w.taskId, outcome: 'callback', comment: 'Просили после обеда', nextContactAt: '2026-11-28T06:00:00Z' });
  const reminders = env.core.db.$client.prepare("SELECT at FROM notifications WHERE kind = 'task_reminder'").all() as { at: string }[];
  expect(reminders).toEqual([{ at: '2026-11-28T06:00:00.000Z' }]);
  const past = await env.core.call('tasks.attempt', { id: w.taskId, outcome: 'busy', comment: null, nextContactAt: '2026-11-27T08:00:00Z' }, w.sio.token);
  expect(past.ok).toBe(false);
  expect(!past.ok && past.error.issues?.[0]).toMatchObject({ path: 'nextContactAt', reason: 'past' });
  expect((await env.as(w.sio.token, 'tasks.get', { id: w.taskId })).attempts.map((a) => a.outcome)).toEqual(['callback', 'no_answer']);
});

it('«call back later» and «no answer» are attempts, not results that close a task; staff who may not see the task cannot log attempts', async () => {
  const r = await env.core.call('tasks.complete', { id: w.taskId, result: 'callback_later' as 'sold', comment: null }, w.sio.token);
  expect(r.ok).toBe(false);
  expect(!r.ok && r.error.code).toBe('BAD_INPUT');
  const hidden = await env.core.call('tasks.attempt', { id: w.taskId, outcome: 'busy', comment: null }, w.chat.token);
  expect(hidden.ok).toBe(false);
  await env.as(w.sio.token, 'tasks.complete', { id: w.taskId, result: 'sold', comment: null });
  const closed = await env.core.call('tasks.attempt', { id: w.taskId, outcome: 'busy', comment: null }, w.sio.token);
  expect(!closed.ok && closed.error.code).toBe('CONFLICT');
});

it('a pending reminder follows the task to its new assignee and ends with the task; «read all» leaves it for its time', async () => {
  const reminder = () =>
    env.core.db.$client.prepare("SELECT employee_id AS employeeId, read FROM notifications WHERE kind = 'task_reminder' AND task_id = ?").all(w.taskId) as { employeeId: number; read: number }[];
  await env.as(w.sio.token, 'tasks.attempt', { id: w.taskId, outcome: 'busy', comment: null, nextContactAt: '2026-11-28T06:00:00Z' });
  expect(reminder()).toEqual([{ employeeId: w.sio.id, read: 0 }]);

  // «Прочитать все» marks what the bell shows, not a reminder whose time has not come.
  await env.as(w.sio.token, 'notifications.markRead', {});
  expect(reminder()).toEqual([{ employeeId: w.sio.id, read: 0 }]);

  // Handed to a colleague: the reminder goes with it; the former assignee is told nothing more.
  await env.as(w.head.token, 'tasks.assign', { id: w.taskId, assigneeId: w.sales.id });
  expect(reminder()).toEqual([{ employeeId: w.sales.id, read: 0 }]);
  // Taken over by the head: it follows again.
  await env.as(w.head.token, 'tasks.take', { id: w.taskId });
  expect(reminder()).toEqual([{ employeeId: w.head.id, read: 0 }]);

  // Closed before the time: nobody is reminded, and the task has no next contact any more.
  await env.as(w.head.token, 'tasks.complete', { id: w.taskId, result: 'sold', comment: null });
  expect(reminder()).toEqual([]);
  expect((await env.as(w.head.token, 'tasks.get', { id: w.taskId })).nextContactAt).toBeNull();
});

it('a reminder is announced to its addressee when its time comes, once', async () => {
  await env.as(w.sio.token, 'tasks.attempt', { id: w.taskId, outcome: 'callback', comment: null, nextContactAt: '2026-11-28T06:00:00Z' });
  const pushed: PushMessage[] = [];
  const announcer = startReminderAnnouncer({ db: env.core.db, clock: env.clock, publish: (m) => pushed.push(m), intervalMs: 3_600_000 });
  try {
    announcer.tick();
    expect(pushed).toEqual([]);
    env.clock.set('2026-11-28T06:00:30Z');
    announcer.tick();
    expect(pushed).toEqual([{ event: 'notification.new', data: { employeeId: w.sio.id, notificationId: expect.any(Number), taskId: w.taskId } }]);
    announcer.tick();
    expect(pushed).toHaveLength(1);
  } finally {
    announcer.stop();
  }
});
