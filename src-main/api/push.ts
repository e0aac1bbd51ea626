// Who receives which push event, and one session's view of the event bus (an SSE stream or the desktop window).
import { api, type MethodName } from '../../src-shared/api';
import type { PushEventName, PushEvents, PushMessage } from '../../src-shared/events';
import type { Role } from '../../src-shared/roles';
import type { SessionUser } from '../../src-shared/types';
import type { Db } from '../db/connection';
import { userForToken } from '../features/auth/sessions';
import { canSee, scopeOf } from '../features/tasks/tasks.repo';
import type { Bus } from './bus';
import type { Clock } from './context';

type Audience =
  /** What every employee may read anyway. */
  | 'everyone'
  /** Personal: only the employee in `data.employeeId`. */
  | 'addressee'
  /** Those who may see the task (the rule of tasks.repo), and the assignee it was taken from. */
  | 'task'
  /** Internal signals between parts of the core. */
  | 'nobody'
  /** The roles of the method that reads what changed. */
  | { roles: readonly Role[] };

const readers = (...methods: MethodName[]): Audience => ({
  roles: [...new Set(methods.flatMap((m) => (api[m].access === 'public' ? [] : api[m].access)))],
});

/** Every event says who may receive it: a new event does not compile until it does. */
const AUDIENCE: { [K in PushEventName]: Audience } = {
  // Clients and reference data are open to all staff (clients.get, refs.get).
  'client.changed': 'everyone',
  'refs.changed': 'everyone',
  'task.changed': 'task',
  'notification.new': 'addressee',
  'mail.health': readers('mail.health'),
  'mail.queue.changed': readers('mail.queue.list'),
  // The health panel and the mailbox settings reload on it.
  'mail.mailboxes.changed': readers('mail.health', 'mail.mailboxes.list'),
  'backup.changed': readers('backup.status'),
  'session.changed': 'nobody',
  'imports.progress': 'addressee',
  // Counts and a file name: for those who read every batch.
  'imports.changed': { roles: ['admin', 'head'] },
  'imports.queued': 'nobody',
  'hotline.dirty': 'nobody',
  'hotline.changed': readers('hotline.status'),
  'reports.usrZip.progress': 'addressee',
  // Client data: open to all staff, as client.changed.
  'glavbukh.changed': 'everyone',
  'edo.wake': 'nobody',
  // Ids only; a document's ЭДО state is open to all staff (edo.document), like the document.
  'edo.changed': 'everyone',
};

/** Whether `user` may receive `msg`; decided when it is sent, on the data as committed. */
export function mayReceive(db: Db, user: SessionUser, msg: PushMessage): boolean {
  const audience = AUDIENCE[msg.event];
  switch (audience) {
    case 'everyone':
      return true;
    case 'nobody':
      return false;
    case 'addressee':
      return (msg.data as { employeeId?: number }).employeeId === user.id;
    case 'task': {
      const d = msg.data as PushEvents['task.changed'];
      return d.formerAssigneeId === user.id || canSee(db, scopeOf(user), d.taskId);
    }
    default:
      return user.roles.some((r) => audience.roles.includes(r));
  }
}

export interface PushSource {
  db: Db;
  bus: Bus;
  clock: Clock;
}

/**
 * Follows the bus as the session of `token`: `send` gets only what its employee may see. When the employee's
 * sessions or access change (`session.changed`: logout, password change, deactivation, roles) the session is
 * checked at once, and `end` is called if it is over or its roles changed (a new stream then gets the new view).
 * Returns the unsubscribe function, or null when the token is not a live session.
 */
export function followSession(src: PushSource, token: string, send: (msg: PushMessage) => void, end: () => void): (() => void) | null {
  const user = userForToken(src.db, token, src.clock.now());
  if (!user) return null;
  const roles = user.roles.join(',');
  let open = true;
  const stop = () => {
    open = false;
    unsubscribe();
  };
  const unsubscribe = src.bus.subscribe((msg) => {
    if (!open) return;
    if (msg.event === 'session.changed') {
      if ((msg.data as PushEvents['session.changed']).employeeId !== user.id) return;
      const now = userForToken(src.db, token, src.clock.now());
      if (now && now.roles.join(',') === roles) return;
      stop();
      end();
      return;
    }
    if (mayReceive(src.db, user, msg)) send(msg);
  });
  return stop;
}

/** Whether the session behind a followed stream is still alive (checked on keep-alives, for expiry). */
export function sessionAlive(src: PushSource, token: string): boolean {
  return userForToken(src.db, token, src.clock.now()) !== null;
}
