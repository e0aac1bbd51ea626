// The scorecard's categories and the sampling settings (stored in `settings` under `quality`).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { DEFAULT_QUALITY_SETTINGS, type QualityCategory, type QualityScale, type QualitySettings, type ScoredCategory } from '../../../src-shared/quality';

const SETTINGS_KEY = 'quality';

type Raw = Omit<QualityCategory, 'critical' | 'active' | 'scale'> & { scale: QualityScale; critical: number; active: number };
const toCategory = (r: Raw): QualityCategory => ({ ...r, critical: r.critical === 1, active: r.active === 1 });

export function listCategories(db: Db): QualityCategory[] {
  const rows = stmt(db, 'SELECT id, name, scale, weight, critical, position, active FROM quality_categories ORDER BY position, id').all() as Raw[];
  return rows.map(toCategory);
}

/** The active categories as a review copies them. */
export function activeScorecard(db: Db): ScoredCategory[] {
  return listCategories(db)
    .filter((c) => c.active)
    .map((c) => ({ id: c.id, name: c.name, scale: c.scale, weight: c.weight, critical: c.critical }));
}

export function saveCategory(db: Db, c: Omit<QualityCategory, 'id'> & { id?: number }): number | null {
  const args = [c.name, c.scale, c.weight, c.critical ? 1 : 0, c.position, c.active ? 1 : 0];
  if (c.id == null) {
    const r = stmt(db, 'INSERT INTO quality_categories (name, scale, weight, critical, position, active) VALUES (?, ?, ?, ?, ?, ?)').run(...args);
    return Number(r.lastInsertRowid);
  }
  const r = stmt(db, 'UPDATE quality_categories SET name = ?, scale = ?, weight = ?, critical = ?, position = ?, active = ? WHERE id = ?').run(...args, c.id);
  return r.changes ? c.id : null;
}

export function deleteCategory(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM quality_categories WHERE id = ?').run(id).changes > 0;
}

export function readQualitySettings(db: Db): QualitySettings {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
  let saved: Partial<QualitySettings> = {};
  try {
    saved = row ? (JSON.parse(row.value) as Partial<QualitySettings>) : {};
  } catch {
    saved = {};
  }
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    perOperator: num(saved.perOperator, DEFAULT_QUALITY_SETTINGS.perOperator),
    minDurationSec: num(saved.minDurationSec, DEFAULT_QUALITY_SETTINGS.minDurationSec),
  };
}

export function saveQualitySettings(db: Db, s: QualitySettings): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SETTINGS_KEY, JSON.stringify(s));
}
