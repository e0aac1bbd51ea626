// Handlers of the K+ systems catalogue: list with usage, save with unique number and code, delete when unused.
import type { HandlerMap } from '../../api/handler';
import { AppError, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { KplusSystemRow } from '../../../src-shared/systems';
import { listSystems } from './systems.repo';

function usage(db: Parameters<typeof listSystems>[0], code: string): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM distributions WHERE system_code = ?').get(code) as { n: number }).n;
}

export const systemsHandlers: HandlerMap<'systems.list' | 'systems.save' | 'systems.delete'> = {
  'systems.list': (_input, ctx): KplusSystemRow[] => {
    // One pass over the distributions' unique index (system_code leads it), not one count per system.
    const counts = new Map(
      (stmt(ctx.db, 'SELECT system_code AS code, COUNT(*) AS n FROM distributions GROUP BY system_code').all() as { code: string; n: number }[]).map((r) => [r.code, r.n]),
    );
    return listSystems(ctx.db).map((s) => ({ ...s, distributions: counts.get(s.code) ?? 0 }));
  },

  'systems.save': (input, ctx) => {
    const db = ctx.db;
    const before = input.id != null ? listSystems(db).find((s) => s.id === input.id) : undefined;
    if (input.id != null && !before) throw notFound('system');
    const byCode = stmt(db, 'SELECT id FROM kplus_systems WHERE code = ?').get(input.code) as { id: number } | undefined;
    if (byCode && byCode.id !== input.id) throw new AppError('CONFLICT', 'code taken', [{ path: 'code', reason: 'system_code_taken' }]);
    if (input.number != null) {
      const byNumber = stmt(db, 'SELECT id, code FROM kplus_systems WHERE number = ?').get(input.number) as { id: number; code: string } | undefined;
      if (byNumber && byNumber.id !== input.id) throw new AppError('CONFLICT', 'number taken', [{ path: 'number', reason: 'system_number_taken', ref: { id: byNumber.id, name: byNumber.code } }]);
    }
    // Distributions store the code: renaming a code in use would orphan them, so a typo is fixed only while unused.
    if (before && before.code !== input.code && usage(db, before.code) > 0) throw new AppError('CONFLICT', 'code in use', [{ path: 'code', reason: 'system_in_use' }]);
    let id = input.id;
    if (id != null) {
      stmt(db, 'UPDATE kplus_systems SET number = ?, code = ?, name = ?, active = ? WHERE id = ?').run(input.number, input.code, input.name, input.active ? 1 : 0, id);
      const changes: Record<string, [unknown, unknown]> = {};
      for (const k of ['number', 'code', 'name', 'active'] as const) if (before![k] !== input[k]) changes[k] = [before![k], input[k]];
      ctx.audit('kplus_system', id, 'update', changes);
    } else {
      id = Number(stmt(db, 'INSERT INTO kplus_systems (number, code, name, active) VALUES (?, ?, ?, ?)').run(input.number, input.code, input.name, input.active ? 1 : 0).lastInsertRowid);
      ctx.audit('kplus_system', id, 'create', input);
    }
    ctx.emit('refs.changed', {});
    return { id };
  },

  'systems.delete': (input, ctx) => {
    const s = listSystems(ctx.db).find((x) => x.id === input.id);
    if (!s) throw notFound('system');
    if (usage(ctx.db, s.code) > 0) throw new AppError('CONFLICT', 'system in use', [{ path: 'id', reason: 'system_in_use' }]);
    stmt(ctx.db, 'DELETE FROM kplus_systems WHERE id = ?').run(input.id);
    ctx.audit('kplus_system', input.id, 'delete', s);
    ctx.emit('refs.changed', {});
    return { ok: true };
  },
};
