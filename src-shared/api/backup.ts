// Contract: scheduled backups — the schedule, status with the last results, and a run on demand.
import { z } from 'zod';
import { method } from './define';
import { ADMINS } from '../roles';
import type { BackupStatus } from '../backup';

export const backupSettingsInput = z.object({
  enabled: z.boolean(),
  intervalHours: z.number().int().min(1).max(24 * 30),
  /** An absolute folder on the server; empty = the default beside the database. */
  folder: z
    .string()
    .trim()
    .max(1000)
    .transform((v) => v || null),
  keepCount: z.number().int().min(1).max(1000),
  /** 0 = no limit by age. */
  keepDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .transform((v) => v || null),
});
export type BackupSettingsInput = z.input<typeof backupSettingsInput>;

export const backupApi = {
  'backup.status': method<BackupStatus>()({ input: z.object({}), access: ADMINS, write: false }),
  'backup.saveSettings': method<{ ok: true }>()({ input: backupSettingsInput, access: ADMINS, write: true }),
  /** Asks the server's backup job to run now; CONFLICT when no job runs here or one is already running. */
  'backup.runNow': method<{ ok: true }>()({ input: z.object({}), access: ADMINS, write: false }),
};
