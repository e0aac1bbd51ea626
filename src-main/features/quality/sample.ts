// The weekly sample: N finished sessions of at least a minimal length per operator, drawn at random; drawing again tops up.
import crypto from 'node:crypto';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { readQualitySettings } from './scorecard.repo';
import { weekRange } from './week';

/** A small seeded generator (mulberry32): tests pass a seed and get the same draw every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const cryptoRandom = () => crypto.randomInt(0, 2 ** 32) / 2 ** 32;

/** A session's length: the exported duration, else finish − start. */
export const DURATION_SQL = `coalesce(s.duration_sec, CAST(round((julianday(s.finish_at) - julianday(s.start_at)) * 86400) AS INTEGER))`;

/**
 * Eligible: started in the week (РИЦ's zone), finished, at least `minDurationSec` long, mapped to an employee, and not
 * drawn before (a session is in at most one sample: quality_samples is unique on the session).
 */
const CANDIDATES = `SELECT s.employee_id AS employeeId, s.id FROM chat_sessions s
  WHERE s.start_at >= ? AND s.start_at < ? AND s.employee_id IS NOT NULL AND s.finish_at IS NOT NULL
    AND ${DURATION_SQL} >= ?
    AND NOT EXISTS (SELECT 1 FROM quality_samples q WHERE q.session_id = s.id)
  ORDER BY s.employee_id, s.id`;

/** Draws what is missing of the week's sample per operator; returns how many were added and the sample's size. */
export function drawSample(db: Db, week: string, timeZone: string, now: string, random: () => number = cryptoRandom): { added: number; total: number } {
  const { perOperator, minDurationSec } = readQualitySettings(db);
  const { lo, hi } = weekRange(week, timeZone);
  const have = new Map<number, number>();
  for (const r of stmt(db, 'SELECT employee_id AS e, count(*) AS n FROM quality_samples WHERE week = ? GROUP BY employee_id').all(week) as { e: number; n: number }[]) have.set(r.e, r.n);
  const byEmployee = new Map<number, number[]>();
  for (const r of stmt(db, CANDIDATES).all(lo, hi, minDurationSec) as { employeeId: number; id: number }[]) {
    let list = byEmployee.get(r.employeeId);
    if (!list) byEmployee.set(r.employeeId, (list = []));
    list.push(r.id);
  }
  const insert = stmt(db, 'INSERT INTO quality_samples (week, employee_id, session_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO NOTHING');
  let added = 0;
  for (const [employeeId, ids] of byEmployee) {
    const need = perOperator - (have.get(employeeId) ?? 0);
    // A partial Fisher–Yates shuffle: the first `need` places get a uniform random choice.
    for (let i = 0; i < Math.min(need, ids.length); i++) {
      const j = i + Math.floor(random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      added += insert.run(week, employeeId, ids[i], now).changes;
    }
  }
  const total = (stmt(db, 'SELECT count(*) AS n FROM quality_samples WHERE week = ?').get(week) as { n: number }).n;
  return { added, total };
}
