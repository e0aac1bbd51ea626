// Handlers of НСС cycles on the client card: list with today's view state, save, renew, lapse, propose from a specification.
import type { HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { addDays, stmt } from '../../db/stmt';
import { addClientEvent } from '../clients/events';
import { assertClientVisible } from '../usr/card.handlers';
import { clientSpecifications, cycleKits, cycleRow, listCycles, nextCycleEnd, proposeCycle } from './cycles';
import { readNssSettings } from './settings';

type Methods = 'nss.cycles.list' | 'nss.cycles.save' | 'nss.cycles.renew' | 'nss.cycles.lapse' | 'nss.cycles.propose' | 'nss.cycles.specifications';

const conflict = (reason: string, path = 'id') => new AppError('CONFLICT', reason, [{ path, reason }]);

function setKits(ctx: Ctx, cycleId: number, kitIds: number[]): void {
  stmt(ctx.db, 'DELETE FROM nss_cycle_distributions WHERE cycle_id = ?').run(cycleId);
  const put = stmt(ctx.db, 'INSERT INTO nss_cycle_distributions (cycle_id, distribution_id) VALUES (?, ?)');
  for (const k of kitIds) put.run(cycleId, k);
}

function insertCycle(ctx: Ctx, c: { clientId: number; startsOn: string; endsOn: string; specificationId: number | null; comment: string | null }): number {
  const now = ctx.nowIso();
  const r = stmt(
    ctx.db,
    `INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, specification_id, comment, created_by, created_at, updated_at)
     VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
  ).run(c.clientId, c.startsOn, c.endsOn, c.specificationId, c.comment, ctx.me.id, now, now);
  return Number(r.lastInsertRowid);
}

export const nssCycleHandlers: HandlerMap<Methods> = {
  'nss.cycles.list': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    const dueDays = readNssSettings(ctx.db).cycleDueDays;
    return { items: listCycles(ctx.db, input.clientId, ctx.today(), dueDays), dueDays };
  },

  'nss.cycles.save': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    if (input.endsOn <= input.startsOn) throw badField('endsOn', 'not_after_start');
    const kits = [...new Set(input.distributionIds)];
    const ofClient = stmt(ctx.db, 'SELECT client_id AS c FROM distributions WHERE id = ?');
    for (const k of kits) {
      const row = ofClient.get(k) as { c: number } | undefined;
      if (!row || row.c !== input.clientId) throw badField('distributionIds', 'not_of_client');
    }
    if (input.specificationId != null) {
      const s = stmt(ctx.db, 'SELECT client_id AS c, type FROM documents WHERE id = ?').get(input.specificationId) as { c: number; type: string } | undefined;
      if (!s || s.c !== input.clientId || s.type !== 'specification') throw badField('specificationId', 'not_of_client');
    }
    const values = { startsOn: input.startsOn, endsOn: input.endsOn, comment: input.comment, specificationId: input.specificationId ?? null, distributionIds: kits };
    if (input.id == null) {
      const id = insertCycle(ctx, { clientId: input.clientId, ...values });
      setKits(ctx, id, kits);
      addClientEvent(ctx, input.clientId, 'nss_cycle_created', { startsOn: input.startsOn, endsOn: input.endsOn, kits: cycleKits(ctx.db, id).map((k) => k.kit) });
      ctx.audit('nss_cycle', id, 'create', values);
      return { id };
    }
    const before = cycleRow(ctx.db, input.id);
    if (!before || before.clientId !== input.clientId) throw notFound('cycle');
    stmt(ctx.db, 'UPDATE nss_cycles SET starts_on = ?, ends_on = ?, specification_id = ?, comment = ?, updated_at = ? WHERE id = ?').run(
      input.startsOn,
      input.endsOn,
      values.specificationId,
      input.comment,
      ctx.nowIso(),
      input.id,
    );
    setKits(ctx, input.id, kits);
    ctx.audit('nss_cycle', input.id, 'update', { before, after: values });
    return { id: input.id };
  },

  'nss.cycles.renew': (input, ctx) => {
    const old = cycleRow(ctx.db, input.id);
    if (!old) throw notFound('cycle');
    assertClientVisible(ctx.db, old.clientId);
    if (old.state !== 'active') throw conflict(old.state);
    const startsOn = addDays(old.endsOn, 1);
    const endsOn = input.endsOn ?? nextCycleEnd(old.startsOn, old.endsOn);
    if (endsOn <= startsOn) throw badField('endsOn', 'not_after_start');
    const today = ctx.today();
    const id = insertCycle(ctx, { clientId: old.clientId, startsOn, endsOn, specificationId: null, comment: input.comment ?? null });
    // Kits moved to another client since are not carried over.
    const kits = (
      stmt(ctx.db, 'SELECT cd.distribution_id AS id FROM nss_cycle_distributions cd JOIN distributions d ON d.id = cd.distribution_id WHERE cd.cycle_id = ? AND d.client_id = ?').all(
        old.id,
        old.clientId,
      ) as { id: number }[]
    ).map((r) => r.id);
    setKits(ctx, id, kits);
    stmt(ctx.db, "UPDATE nss_cycles SET state = 'renewed', renewed_by = ?, renewed_on = ?, updated_at = ? WHERE id = ?").run(id, today, ctx.nowIso(), old.id);
    addClientEvent(ctx, old.clientId, 'nss_cycle_renewed', { previousEndsOn: old.endsOn, startsOn, endsOn, late: today > old.endsOn });
    ctx.audit('nss_cycle', old.id, 'renew', { renewedBy: id, renewedOn: today, startsOn, endsOn });
    return { id };
  },

  'nss.cycles.lapse': (input, ctx) => {
    const old = cycleRow(ctx.db, input.id);
    if (!old) throw notFound('cycle');
    assertClientVisible(ctx.db, old.clientId);
    if (old.state !== 'active') throw conflict(old.state);
    stmt(ctx.db, "UPDATE nss_cycles SET state = 'lapsed', lapse_reason = ?, updated_at = ? WHERE id = ?").run(input.reason, ctx.nowIso(), old.id);
    addClientEvent(ctx, old.clientId, 'nss_cycle_lapsed', { startsOn: old.startsOn, endsOn: old.endsOn, reason: input.reason });
    ctx.audit('nss_cycle', old.id, 'lapse', { reason: input.reason });
    return { ok: true };
  },

  'nss.cycles.propose': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    const p = proposeCycle(ctx.db, input.clientId, input.specificationId);
    if (!p) throw badField('specificationId', 'not_of_client');
    return p;
  },

  'nss.cycles.specifications': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    return clientSpecifications(ctx.db, input.clientId);
  },
};
