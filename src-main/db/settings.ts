// Reading and writing one JSON object kept in `settings` under a key: read defensively (missing or broken = empty), written whole.
import type { Db } from './connection';
import { stmt } from './stmt';

/** The object saved under `key`; `{}` when there is none, or it is not a JSON object (an older version, a hand edit). */
export function readJsonSetting(db: Db, key: string): Record<string, unknown> {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return {};
  try {
    const parsed: unknown = JSON.parse(row.value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function writeJsonSetting(db: Db, key: string, value: object): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
