// «Chat on» (Онлайн-диалог) of a distribution as a history: on or off from a date, by whom; the state on D is the latest row ≤ D.
import type { Db } from '../../db/connection';
import type { Ctx } from '../../api/context';
import { stmt } from '../../db/stmt';
import type { ChatPeriod } from '../../../src-shared/types';

/** Whether the distribution has the chat on `date` (no row on or before it = off). */
export function chatOn(db: Db, distributionId: number, date: string): boolean {
  const row = stmt(db, 'SELECT enabled FROM distribution_chat WHERE distribution_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1').get(
    distributionId,
    date,
  ) as { enabled: number } | undefined;
  return !!row?.enabled;
}

export interface ChatChange {
  /** False when the history already said so from that date on (nothing written). */
  changed: boolean;
  /** The state before the change on its date. */
  previous: boolean;
}

/**
 * Switches the chat on or off from `effectiveFrom` (a past, today's or future date). A second change on the same date
 * replaces the first. A change that the history already says (the same state on that date) writes nothing, so saving
 * a form twice does not grow the history; a planned change is cancelled by the opposite change on its date.
 */
export function setChatFrom(ctx: Ctx, distributionId: number, enabled: boolean, effectiveFrom: string): ChatChange {
  const previous = chatOn(ctx.db, distributionId, effectiveFrom);
  // A row with the state the date already has would change no day's state.
  if (previous === enabled) return { changed: false, previous };
  stmt(
    ctx.db,
    `INSERT INTO distribution_chat (distribution_id, enabled, effective_from, set_by, set_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(distribution_id, effective_from) DO UPDATE SET enabled = excluded.enabled, set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(distributionId, enabled ? 1 : 0, effectiveFrom, ctx.user?.id ?? null, ctx.nowIso());
  ctx.emit('hotline.dirty', {});
  return { changed: true, previous };
}

/** The chat history of every distribution of a client, newest first, with who set each change. */
export function chatHistoryOfClient(db: Db, clientId: number): Map<number, ChatPeriod[]> {
  const rows = stmt(
    db,
    `SELECT c.distribution_id AS distributionId, c.enabled, c.effective_from AS effectiveFrom, c.set_at AS setAt, e.full_name AS setBy
     FROM distribution_chat c JOIN distributions d ON d.id = c.distribution_id LEFT JOIN employees e ON e.id = c.set_by
     WHERE d.client_id = ? ORDER BY c.effective_from DESC`,
  ).all(clientId) as { distributionId: number; enabled: number; effectiveFrom: string; setAt: string; setBy: string | null }[];
  const out = new Map<number, ChatPeriod[]>();
  for (const r of rows) {
    let list = out.get(r.distributionId);
    if (!list) out.set(r.distributionId, (list = []));
    list.push({ enabled: !!r.enabled, effectiveFrom: r.effectiveFrom, setAt: r.setAt, setBy: r.setBy });
  }
  return out;
}

/** The state on `today` out of a history that is newest first. */
export function chatStateOn(history: readonly ChatPeriod[], today: string): { enabled: boolean; since: string | null; next: ChatPeriod | null } {
  const idx = history.findIndex((h) => h.effectiveFrom <= today);
  const current = idx >= 0 ? history[idx]! : null;
  // The nearest future change (history is newest first: the one just before the current).
  const next = idx === 0 ? null : (history[(idx < 0 ? history.length : idx) - 1] ?? null);
  return { enabled: current?.enabled ?? false, since: current?.effectiveFrom ?? null, next };
}
