// The НСС settings (the plan per scheme, the «due for renewal» window, the «big change» threshold) kept as JSON in `settings` under `nss`.
import type { Db } from '../../db/connection';
import { readJsonSetting, writeJsonSetting } from '../../db/settings';
import { DEFAULT_NSS_SETTINGS, type NssPlan, type NssSettings } from '../../../src-shared/nss';

export const NSS_SETTINGS_KEY = 'nss';

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function planOf(v: unknown, def: NssPlan): NssPlan {
  const p = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  return {
    contactsPerMonth: intIn(p.contactsPerMonth, 0, 100) ? p.contactsPerMonth : def.contactsPerMonth,
    maxGapDays: intIn(p.maxGapDays, 1, 366) ? p.maxGapDays : def.maxGapDays,
  };
}

/** The saved settings; anything missing or malformed (an older version, a hand edit) falls back to the default. */
export function readNssSettings(db: Db): NssSettings {
  const saved = readJsonSetting(db, NSS_SETTINGS_KEY);
  const plans = (saved.plans && typeof saved.plans === 'object' ? saved.plans : {}) as Record<string, unknown>;
  return {
    plans: { nss: planOf(plans.nss, DEFAULT_NSS_SETTINGS.plans.nss), standard: planOf(plans.standard, DEFAULT_NSS_SETTINGS.plans.standard) },
    cycleDueDays: intIn(saved.cycleDueDays, 1, 366) ? saved.cycleDueDays : DEFAULT_NSS_SETTINGS.cycleDueDays,
    bigChangePct: intIn(saved.bigChangePct, 1, 1000) ? saved.bigChangePct : DEFAULT_NSS_SETTINGS.bigChangePct,
  };
}

export function saveNssSettings(db: Db, s: NssSettings): void {
  writeJsonSetting(db, NSS_SETTINGS_KEY, s);
}
