// The USR settings (stale limit, retention) kept as JSON in `settings` under `usr`, read defensively.
import type { Db } from '../../db/connection';
import { readJsonSetting, writeJsonSetting } from '../../db/settings';
import { DEFAULT_USR_SETTINGS, USR_RETENTION_YEARS_MAX, USR_STALE_DAYS_MAX, type UsrSettings } from '../../../src-shared/usr-card';

export const USR_SETTINGS_KEY = 'usr';

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The saved settings; a field that is missing or malformed (an older version, a hand edit) falls back to its default. */
export function readUsrSettings(db: Db): UsrSettings {
  const saved = readJsonSetting(db, USR_SETTINGS_KEY);
  return {
    staleDays: intIn(saved.staleDays, 1, USR_STALE_DAYS_MAX) ? saved.staleDays : DEFAULT_USR_SETTINGS.staleDays,
    retentionYears: intIn(saved.retentionYears, 1, USR_RETENTION_YEARS_MAX) ? saved.retentionYears : DEFAULT_USR_SETTINGS.retentionYears,
  };
}

export function saveUsrSettings(db: Db, s: UsrSettings): void {
  writeJsonSetting(db, USR_SETTINGS_KEY, { staleDays: s.staleDays, retentionYears: s.retentionYears });
}
