// Handlers for an employee's notifications (list, mark read, e-mail preference) and the SMTP settings for e-mail copies.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { stmt } from '../../db/stmt';
import type { NotificationRow } from '../../../src-shared/mail-types';
import { prefsOf, recordSmtp, savePrefs, saveSmtp, smtpView, transportFor } from './notify-mail';

export const notificationsHandlers: HandlerMap<
  | 'notifications.list'
  | 'notifications.markRead'
  | 'notifications.smtp.get'
  | 'notifications.smtp.save'
  | 'notifications.smtp.test'
  | 'notifications.prefs.get'
  | 'notifications.prefs.save'
> = {
  'notifications.list': (input, ctx) => {
    const now = ctx.nowIso();
    const rows = stmt(
      ctx.db,
      // A call-back reminder is stored ahead with its time and shows from then on.
      'SELECT id, at, kind, read, task_id AS taskId, data FROM notifications WHERE employee_id = ? AND at <= ? AND (? = 0 OR read = 0) ORDER BY at DESC, id DESC LIMIT ?',
    ).all(ctx.me.id, now, input.unreadOnly ? 1 : 0, input.limit) as { id: number; at: string; kind: NotificationRow['kind']; read: number; taskId: number | null; data: string | null }[];
    const unread = (stmt(ctx.db, 'SELECT COUNT(*) AS n FROM notifications WHERE employee_id = ? AND at <= ? AND read = 0').get(ctx.me.id, now) as { n: number }).n;
    const items: NotificationRow[] = rows.map((r) => ({ ...r, read: !!r.read, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null }));
    return { items, unread };
  },

  'notifications.markRead': (input, ctx) => {
    if (input.ids) {
      const mark = stmt(ctx.db, 'UPDATE notifications SET read = 1 WHERE id = ? AND employee_id = ?');
      for (const id of input.ids) mark.run(id, ctx.me.id);
    // «All» is all that is shown: a call-back reminder whose time has not come stays to be announced then.
    } else stmt(ctx.db, 'UPDATE notifications SET read = 1 WHERE employee_id = ? AND read = 0 AND at <= ?').run(ctx.me.id, ctx.nowIso());
    return { ok: true };
  },

  'notifications.smtp.get': (_input, ctx) => smtpView(ctx.db),

  'notifications.smtp.save': (input, ctx) => {
    saveSmtp(ctx.db, input);
    const { password, ...logged } = input;
    ctx.audit('smtp', null, 'save', { ...logged, passwordChanged: password != null });
    return { ok: true };
  },

  'notifications.smtp.test': prepared<'notifications.smtp.test', { sent: boolean; error: string | null }>({
    prepare: async (input, ctx) => {
      const transport = transportFor(ctx.db);
      if (!transport) return { sent: false, error: 'not configured' };
      try {
        await transport.send(input.to, 'РИЦ CRM: проверка почты', 'Это проверочное письмо: уведомления о поручениях будут приходить с этого адреса.');
        return { sent: true, error: null };
      } catch (err) {
        return { sent: false, error: ((err as Error).message ?? String(err)).slice(0, 500) };
      } finally {
        transport.close();
      }
    },
    run: (_input, ctx, result) => {
      recordSmtp(ctx.db, ctx.nowIso(), result.sent ? null : result.error);
      return result;
    },
  }),

  'notifications.prefs.get': (_input, ctx) => prefsOf(ctx.db, ctx.me.id),

  'notifications.prefs.save': (input, ctx) => {
    savePrefs(ctx.db, ctx.me.id, input.emailWhenAway);
    return { ok: true };
  },
};
