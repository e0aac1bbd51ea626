// Contract: USR proof on the client card, the USR settings, and housekeeping of stored USR files.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, MANAGERS } from '../roles';
import { id } from './common';
import { USR_RETENTION_YEARS_MAX, USR_STALE_DAYS_MAX, type UsrCard, type UsrHousekeepingSummary, type UsrPurgePlan, type UsrPurgeResult, type UsrSettings } from '../usr-card';

export const usrSettingsInput = z.object({
  staleDays: z.number().int().min(1).max(USR_STALE_DAYS_MAX),
  retentionYears: z.number().int().min(1).max(USR_RETENTION_YEARS_MAX).nullable(),
});

export const usrCardApi = {
  /** The USR proof of every distribution of a client: whoever may open the client's card. */
  'usr.card': method<UsrCard>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),
  'usr.settings.get': method<UsrSettings>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'usr.settings.save': method<UsrSettings>()({ input: usrSettingsInput, access: MANAGERS, write: true }),
  /** Storage used by USR files, per year. */
  'usr.housekeeping.summary': method<UsrHousekeepingSummary>()({ input: z.object({}), access: MANAGERS, write: false }),
  /** The dry run: what `run` would remove under the saved retention, changing nothing. */
  'usr.housekeeping.plan': method<UsrPurgePlan>()({ input: z.object({}), access: MANAGERS, write: false }),
  /**
   * Removes the bytes of the files the plan lists now (recomputed, never the newest file of a kit); `expected` is the
   * count the confirmed plan showed — a different count now answers CONFLICT, so a person confirms what is removed.
   */
  'usr.housekeeping.run': method<UsrPurgeResult>()({
    input: z.object({ expected: z.number().int().min(0).max(10_000_000) }),
    access: MANAGERS,
    write: true,
  }),
};
