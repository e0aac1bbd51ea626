// Writing to the client events timeline (manual notes and automatic entries from other features).
import type { Ctx } from '../../api/context';
import { stmt } from '../../db/stmt';

/** Automatic events carry a kind and data; the renderer turns them into Russian text. */
export function addClientEvent(ctx: Ctx, clientId: number, kind: string, data: Record<string, unknown> | null, text = ''): number {
  const r = stmt(ctx.db, 'INSERT INTO client_events (client_id, at, kind, text, data, author_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    clientId,
    ctx.nowIso(),
    kind,
    text,
    data ? JSON.stringify(data) : null,
    ctx.user?.id ?? null,
  );
  return Number(r.lastInsertRowid);
}
