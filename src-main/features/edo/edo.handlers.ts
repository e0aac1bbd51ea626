// Handlers for ЭДО through 1С: connections and health, the queue, «Отправить в 1С», a document's ЭДО timeline, the client setting.
import type { HandlerMap } from '../../api/handler';
import { AppError, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { EDO_GROUP_OF, EDO_QUEUE_GROUPS, type ClientEdoSetting, type EdoDocState, type EdoEventRow, type EdoQueueGroup, type EdoQueueRow } from '../../../src-shared/edo';
import type { Db } from '../../db/connection';
import { connectionHealth, groupCounts, listConnections, resendSince, saveConnection } from './connections.repo';
import { enqueueDocument } from './queue';

const QUEUE_COLUMNS = `e.document_id AS documentId, d.type, d.number, d.date, d.client_id AS clientId, c.name AS clientName,
  e.connection_id AS connectionId, e.state, e.state_raw AS stateRaw, (d.version > e.sent_version AND e.state NOT IN ('queued', 'failed')) AS changed,
  e.onec_number AS onecNumber, e.signed_on AS signedOn, e.reason, e.error, e.attempts, e.queued_at AS queuedAt, e.updated_at AS updatedAt`;

type RawQueueRow = Omit<EdoQueueRow, 'group' | 'changed' | 'connectionId'> & { changed: number; connectionId: number | null };

function toRow(r: RawQueueRow): EdoQueueRow {
  const state = r.state as EdoDocState;
  return { ...r, connectionId: r.connectionId ?? 0, changed: !!r.changed, group: r.changed ? 'pending' : EDO_GROUP_OF[state] };
}

/** The SQL condition of a group (a changed document waiting to go again is pending whatever its state). */
const GROUP_SQL: Record<EdoQueueGroup, string> = {
  pending: `(e.state = 'queued' OR (d.version > e.sent_version AND e.state <> 'failed'))`,
  sent: `(e.state = 'handed' AND d.version <= e.sent_version)`,
  acknowledged: `(e.state NOT IN ('queued', 'handed', 'failed') AND d.version <= e.sent_version)`,
  failing: `e.state = 'failed'`,
};

function queueRowOf(db: Db, documentId: number): EdoQueueRow | null {
  const r = stmt(
    db,
    `SELECT ${QUEUE_COLUMNS} FROM edo_documents e JOIN documents d ON d.id = e.document_id JOIN clients c ON c.id = d.client_id WHERE e.document_id = ?`,
  ).get(documentId) as RawQueueRow | undefined;
  return r ? toRow(r) : null;
}

function clientEdo(db: Db, clientId: number): ClientEdoSetting | null {
  const r = stmt(db, 'SELECT enabled, operator, edo_id AS edoId, updated_at AS updatedAt FROM client_edo WHERE client_id = ?').get(clientId) as
    | (Omit<ClientEdoSetting, 'enabled'> & { enabled: number })
    | undefined;
  return r ? { ...r, enabled: !!r.enabled } : null;
}

export const edoHandlers: HandlerMap<
  | 'edo.connections.list'
  | 'edo.connections.save'
  | 'edo.connections.resend'
  | 'edo.connections.runNow'
  | 'edo.health'
  | 'edo.queue.list'
  | 'edo.send'
  | 'edo.document'
  | 'edo.client.get'
  | 'edo.client.set'
> = {
  'edo.connections.list': (_input, ctx) => listConnections(ctx.db),
  'edo.connections.save': (input, ctx) => {
    if (input.id != null && !stmt(ctx.db, 'SELECT 1 FROM onec_connections WHERE id = ?').get(input.id)) throw notFound('connection');
    const id = saveConnection(ctx.db, input, ctx.nowIso());
    const { odataPassword: _p, ...logged } = input;
    void _p;
    ctx.audit('onec_connection', id, input.id == null ? 'create' : 'update', { ...logged, passwordChanged: input.odataPassword !== undefined });
    ctx.emit('edo.wake', { connectionId: id, reload: true });
    return { id };
  },
  'edo.connections.resend': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM onec_connections WHERE id = ?').get(input.id)) throw notFound('connection');
    const documents = resendSince(ctx.db, input.id, input.since, ctx.nowIso(), input.dryRun);
    if (!input.dryRun) {
      ctx.audit('onec_connection', input.id, 'resend', { since: input.since, documents });
      ctx.emit('edo.wake', { connectionId: input.id, reload: false });
      ctx.emit('edo.changed', { documentIds: null });
    }
    return { documents };
  },
  'edo.connections.runNow': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM onec_connections WHERE id = ?').get(input.id)) throw notFound('connection');
    ctx.publishNow('edo.wake', { connectionId: input.id, reload: false });
    return { ok: true };
  },
  'edo.health': (_input, ctx) => connectionHealth(ctx.db, ctx.clock.now().getTime()),
  'edo.queue.list': (input, ctx) => {
    const where = [input.group ? GROUP_SQL[input.group] : '1', input.clientId != null ? 'd.client_id = ?' : '1'].join(' AND ');
    const args = input.clientId != null ? [input.clientId] : [];
    const from = 'FROM edo_documents e JOIN documents d ON d.id = e.document_id JOIN clients c ON c.id = d.client_id';
    const total = (stmt(ctx.db, `SELECT COUNT(*) AS n ${from} WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = (stmt(ctx.db, `SELECT ${QUEUE_COLUMNS} ${from} WHERE ${where} ORDER BY e.updated_at DESC, e.document_id DESC LIMIT ? OFFSET ?`).all(
      ...args,
      input.limit,
      input.offset,
    ) as RawQueueRow[]).map(toRow);
    const counts = input.clientId != null ? Object.fromEntries(EDO_QUEUE_GROUPS.map((g) => [g, 0])) as Record<EdoQueueGroup, number> : groupCounts(ctx.db, null);
    if (input.clientId != null) for (const g of EDO_QUEUE_GROUPS) counts[g] = (stmt(ctx.db, `SELECT COUNT(*) AS n ${from} WHERE ${GROUP_SQL[g]} AND d.client_id = ?`).get(input.clientId) as { n: number }).n;
    return { rows, total, counts };
  },
  'edo.send': (input, ctx) => {
    const r = enqueueDocument(ctx.db, input.documentId, ctx.me.id, ctx.clock.now());
    ctx.audit('document', input.documentId, 'edo_send', { state: r.state, created: r.created });
    ctx.emit('edo.wake', { connectionId: null, reload: false });
    ctx.emit('edo.changed', { documentIds: [input.documentId] });
    return { state: r.state };
  },
  'edo.document': (input, ctx) => {
    const doc = stmt(ctx.db, 'SELECT client_id AS clientId FROM documents WHERE id = ?').get(input.documentId) as { clientId: number } | undefined;
    if (!doc) throw notFound('document');
    const events = stmt(
      ctx.db,
      `SELECT v.id, v.at, v.kind, v.raw, v.detail, e.full_name AS employee FROM edo_events v LEFT JOIN employees e ON e.id = v.employee_id
        WHERE v.document_id = ? ORDER BY v.id DESC LIMIT 200`,
    ).all(input.documentId) as EdoEventRow[];
    return { row: queueRowOf(ctx.db, input.documentId), events, clientEdo: clientEdo(ctx.db, doc.clientId) };
  },
  'edo.client.get': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.clientId)) throw notFound('client');
    return clientEdo(ctx.db, input.clientId);
  },
  'edo.client.set': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.clientId)) throw notFound('client');
    const before = clientEdo(ctx.db, input.clientId);
    stmt(
      ctx.db,
      `INSERT INTO client_edo (client_id, enabled, operator, edo_id, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(client_id) DO UPDATE SET enabled = excluded.enabled, operator = excluded.operator, edo_id = excluded.edo_id,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(input.clientId, input.enabled ? 1 : 0, input.operator ?? null, input.edoId ?? null, ctx.nowIso(), ctx.me.id);
    ctx.audit('client', input.clientId, 'edo_setting', { before, after: { enabled: input.enabled, operator: input.operator ?? null, edoId: input.edoId ?? null } });
    ctx.emit('client.changed', { clientId: input.clientId, by: ctx.me.id });
    const after = clientEdo(ctx.db, input.clientId);
    if (!after) throw new AppError('INTERNAL', 'client_edo not saved');
    return after;
  },
};
