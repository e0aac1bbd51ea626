// Bulk action on chosen clients: set the СИО, the personal manager or the status, one audit entry per client that changed.
import type { HandlerMap } from '../../api/handler';
import { badField, notFound } from '../../api/errors';
import type { Ctx } from '../../api/context';
import { stmt } from '../../db/stmt';
import { touchClient } from '../clients/clients.handlers';

interface Row {
  id: number;
  sioId: number | null;
  pmId: number | null;
  status: string;
}

function activeEmployee(ctx: Ctx, path: string, id: number | null | undefined): void {
  if (id == null) return;
  const row = stmt(ctx.db, 'SELECT active FROM employees WHERE id = ?').get(id) as { active: number } | undefined;
  if (!row?.active) throw badField(path, 'employee');
}

export const bulkHandlers: HandlerMap<'lists.clientsBulk'> = {
  // The dispatcher runs this in one transaction: a client missing half-way (merged meanwhile) leaves every client as it was.
  'lists.clientsBulk': (input, ctx) => {
    activeEmployee(ctx, 'sioId', input.sioId);
    activeEmployee(ctx, 'pmId', input.pmId);
    const patch: Partial<Omit<Row, 'id'>> = {};
    if (input.sioId !== undefined) patch.sioId = input.sioId;
    if (input.pmId !== undefined) patch.pmId = input.pmId;
    if (input.status !== undefined) patch.status = input.status;
    const read = stmt(ctx.db, 'SELECT id, sio_id AS sioId, pm_id AS pmId, status FROM clients WHERE id = ?');
    const write = stmt(
      ctx.db,
      `UPDATE clients SET sio_id = CASE WHEN @setSio THEN @sioId ELSE sio_id END, pm_id = CASE WHEN @setPm THEN @pmId ELSE pm_id END,
         status = coalesce(@status, status) WHERE id = @id`,
    );
    let changed = 0;
    let unchanged = 0;
    for (const id of new Set(input.ids)) {
      const before = read.get(id) as Row | undefined;
      if (!before) throw notFound('client');
      const changes: Record<string, [unknown, unknown]> = {};
      for (const k of Object.keys(patch) as (keyof typeof patch)[]) if (before[k] !== patch[k]) changes[k] = [before[k], patch[k]];
      if (Object.keys(changes).length === 0) {
        unchanged++;
        continue;
      }
      write.run({ id, setSio: input.sioId !== undefined ? 1 : 0, sioId: input.sioId ?? null, setPm: input.pmId !== undefined ? 1 : 0, pmId: input.pmId ?? null, status: input.status ?? null });
      ctx.audit('client', id, 'bulk_update', changes);
      touchClient(ctx, id);
      changed++;
    }
    return { changed, unchanged };
  },
};
