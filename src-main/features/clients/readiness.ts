// Readiness index: recomputes a client's per-stage "ready until" date from confirmed values and settings.
import type { Ctx } from '../../api/context';
import type { Db } from '../../db/connection';
import { addDays, stmt } from '../../db/stmt';
import { addClientEvent } from './events';

interface StageCount {
  stageId: number;
  code: string;
  freshnessDays: number;
  required: number;
  have: number;
  oldest: string | null;
}

/** Ready until (inclusive) for each stage, or null when a required value is missing. */
export function computeReadiness(db: Db, clientId: number): { stageId: number; code: string; readyUntil: string | null }[] {
  const rows = stmt(
    db,
    `SELECT st.id AS stageId, st.code, st.freshness_days AS freshnessDays,
       COUNT(f.field_code) AS required, COUNT(v.field_code) AS have, MIN(v.confirmed_at) AS oldest
     FROM readiness_stages st
     JOIN readiness_stage_fields f ON f.stage_id = st.id
     LEFT JOIN client_readiness_values v ON v.client_id = ? AND v.field_code = f.field_code
     GROUP BY st.id ORDER BY st.sort, st.id`,
  ).all(clientId) as StageCount[];
  return rows.map((r) => ({
    stageId: r.stageId,
    code: r.code,
    // Valid through the day the oldest confirmation turns `freshnessDays` old.
    readyUntil: r.required > 0 && r.have === r.required && r.oldest ? addDays(r.oldest, r.freshnessDays) : null,
  }));
}

/** Stores the derived status and puts gained/lost stages on the client's timeline. */
export function refreshReadiness(ctx: Ctx, clientId: number): void {
  const today = ctx.today();
  const before = new Map(
    (stmt(ctx.db, 'SELECT stage_id AS stageId, ready_until AS readyUntil FROM client_readiness WHERE client_id = ?').all(clientId) as {
      stageId: number;
      readyUntil: string | null;
    }[]).map((r) => [r.stageId, r.readyUntil]),
  );
  const upsert = stmt(
    ctx.db,
    `INSERT INTO client_readiness (client_id, stage_id, ready_until) VALUES (?, ?, ?)
     ON CONFLICT(client_id, stage_id) DO UPDATE SET ready_until = excluded.ready_until`,
  );
  for (const s of computeReadiness(ctx.db, clientId)) {
    upsert.run(clientId, s.stageId, s.readyUntil);
    const was = (before.get(s.stageId) ?? '') >= today;
    const now = (s.readyUntil ?? '') >= today;
    if (was !== now) addClientEvent(ctx, clientId, now ? 'readiness_gained' : 'readiness_lost', { stage: s.code });
  }
}
