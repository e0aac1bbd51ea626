// The Главбух settings (programmes, their request rules, the "expires within" default) kept as JSON in `settings` under `glavbukh`.
import type { Db } from '../../db/connection';
import { readJsonSetting, writeJsonSetting } from '../../db/settings';
import { DEFAULT_GB_SETTINGS, GB_RULE_FIELDS, type GbProgramme, type GbRuleField, type GbSettings } from '../../../src-shared/glavbukh';

export const GB_SETTINGS_KEY = 'glavbukh';

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max;

function programmeOf(v: unknown): GbProgramme | null {
  if (!v || typeof v !== 'object') return null;
  const p = v as Record<string, unknown>;
  if (!str(p.code, 16) || !/^[A-Z0-9_-]+$/.test(p.code) || !str(p.name, 200)) return null;
  const def = DEFAULT_GB_SETTINGS.programmes[0]!;
  const required = Array.isArray(p.required) ? p.required.filter((f): f is GbRuleField => GB_RULE_FIELDS.includes(f as GbRuleField)) : def.required;
  return {
    code: p.code,
    name: p.name.trim(),
    required: [...new Set(required)],
    validityMonths: intIn(p.validityMonths, 1, 120) ? p.validityMonths : def.validityMonths,
    contactRole: str(p.contactRole, 40) ? p.contactRole : def.contactRole,
  };
}

/** The saved settings; anything missing or malformed (an older version, a hand edit) falls back to the default. */
export function readGbSettings(db: Db): GbSettings {
  const saved = readJsonSetting(db, GB_SETTINGS_KEY);
  const programmes = Array.isArray(saved.programmes) ? saved.programmes.map(programmeOf).filter((p): p is GbProgramme => p !== null) : [];
  const unique = programmes.filter((p, i) => programmes.findIndex((o) => o.code === p.code) === i);
  return {
    programmes: unique.length ? unique : DEFAULT_GB_SETTINGS.programmes,
    expiringDays: intIn(saved.expiringDays, 1, 3650) ? saved.expiringDays : DEFAULT_GB_SETTINGS.expiringDays,
  };
}

export function saveGbSettings(db: Db, s: GbSettings): void {
  writeJsonSetting(db, GB_SETTINGS_KEY, s);
}

/** A programme by code, or null when the settings have no such programme. */
export function programmeByCode(db: Db, code: string): GbProgramme | null {
  return readGbSettings(db).programmes.find((p) => p.code === code) ?? null;
}
