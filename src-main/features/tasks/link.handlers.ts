// Linking a task that came without a client (a question from a kit not in the base) to a client, optionally adding the kit to it.
import type { HandlerMap } from '../../api/handler';
import { touchNss } from '../nss/aggregate';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { CLIENT_EDITORS } from '../../../src-shared/roles';
import { distributionSaveInput } from '../../../src-shared/api/clients';
import type { MailFields } from '../../../src-shared/mail-types';
import { addClientEvent } from '../clients/events';
import { partsHandlers } from '../clients/parts.handlers';
import { loadCatalog } from '../systems/systems.repo';
import { describeKit, kitOfText } from './kit';
import { plain } from './match';
import { notifyAssigned, pickAssignee } from './create';
import { visibleTask } from './tasks.handlers';

export const linkHandlers: HandlerMap<'tasks.linkClient'> = {
  'tasks.linkClient': (input, ctx) => {
    const t = visibleTask(ctx, input.id);
    if (t.clientId != null) throw new AppError('CONFLICT', 'task has a client', [{ path: 'id', reason: 'task_linked' }]);
    const client = stmt(ctx.db, 'SELECT id, name FROM clients WHERE id = ?').get(input.clientId) as { id: number; name: string } | undefined;
    if (!client) throw notFound('client');
    const fields = JSON.parse((stmt(ctx.db, 'SELECT fields FROM tasks WHERE id = ?').get(t.id) as { fields: string }).fields) as MailFields;

    let distributionId: number | null = null;
    let kitCode: string | null = null;
    if (input.addDistribution) {
      // Linking is bookkeeping anyone on the task may do; adding a kit is an edit of the client.
      if (!ctx.me.roles.some((r) => CLIENT_EDITORS.includes(r))) throw new AppError('FORBIDDEN', 'tasks.linkClient: addDistribution');
      if (!fields.system) throw badField('addDistribution', 'no_kit');
      const cat = loadCatalog(ctx.db);
      const kit = describeKit(ctx.db, cat, fields.system);
      if (kit.problem) throw badField('addDistribution', kit.problem);
      kitCode = kit.code;
      if (kit.owner && kit.owner.id !== client.id) {
        throw new AppError('CONFLICT', 'kit belongs to another client', [{ path: 'addDistribution', reason: 'distribution_taken', ref: kit.owner }]);
      }
      if (!kit.owner) {
        const parsed = kitOfText(cat, fields.system)!;
        distributionId = plain<'distributions.save'>(partsHandlers['distributions.save'])(
          distributionSaveInput.parse({ clientId: client.id, systemCode: parsed.system, distrNumber: parsed.number, comp: parsed.comp }),
          ctx,
        ).id;
      }
    }

    const now = ctx.nowIso();
    const was = stmt(ctx.db, 'SELECT client_id AS c, kind, created_at AS at FROM tasks WHERE id = ?').get(t.id) as { c: number | null; kind: string; at: string };
    stmt(ctx.db, "UPDATE tasks SET client_id = ?, matched_by = 'manual', updated_at = ? WHERE id = ?").run(client.id, now, t.id);
    if (was.kind === 'question') {
      // An imported question joined to this task follows it to the client (as linkImportedQuestion does): it is the ЛК.
      const joined = stmt(ctx.db, 'SELECT asked_at AS at FROM chat_questions WHERE task_id = ? AND client_id IS NULL').all(t.id) as { at: string }[];
      stmt(ctx.db, 'UPDATE chat_questions SET client_id = ? WHERE task_id = ? AND client_id IS NULL').run(client.id, t.id);
      touchNss(ctx.db, was.c, [was.at]);
      touchNss(ctx.db, client.id, [was.at, ...joined.map((q) => q.at)]);
    }
    // Nobody has taken it and it went out in turn only for want of a client: the client's own people get it now.
    const row = stmt(ctx.db, 'SELECT assigned_by AS by, status, direction_id AS d, kind, request_number AS n, deadline FROM tasks WHERE id = ?').get(t.id) as {
      by: string;
      status: string;
      d: number;
      kind: string;
      n: string | null;
      deadline: string;
    };
    let assigneeId = t.assigneeId;
    if (row.status === 'new' && (row.by === 'round_robin' || row.by === 'none')) {
      const next = pickAssignee(ctx.db, client.id, row.d);
      if (next.id != null && next.by !== 'round_robin' && next.id !== t.assigneeId) {
        assigneeId = next.id;
        stmt(ctx.db, 'UPDATE tasks SET assignee_id = ?, assigned_by = ? WHERE id = ?').run(next.id, next.by, t.id);
        notifyAssigned(ctx, next.id, t.id, { kind: row.kind, client: client.name, requestNumber: row.n, deadline: row.deadline });
      }
    }
    addClientEvent(ctx, client.id, 'task_linked', { taskId: t.id, kind: t.kind, kit: kitCode ?? fields.system ?? null, by: ctx.me.fullName });
    ctx.audit('task', t.id, 'link_client', { clientId: client.id, distributionId });
    ctx.emit('task.changed', { taskId: t.id, directionId: t.directionId, assigneeId, formerAssigneeId: t.assigneeId !== assigneeId ? t.assigneeId : null, status: t.status, created: false });
    ctx.emit('client.changed', { clientId: client.id, by: ctx.me.id });
    return { ok: true, distributionId };
  },
};

