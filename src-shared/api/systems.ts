// Contract: the K+ systems catalogue (number, code, name, active) — read by everyone signed in, edited by administrators.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, ANY_STAFF } from '../roles';
import { id, reqText } from './common';
import type { KplusSystemRow } from '../systems';

export const systemCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/, { message: 'system_code' });

export const systemSaveInput = z.object({
  id: id.optional(),
  /** The КЦ's number of the system; empty until known (never guessed). */
  number: z.number().int().min(1).max(9999).nullable().default(null),
  code: systemCode,
  name: reqText(200),
  active: z.boolean().default(true),
});
export type SystemSaveInput = z.input<typeof systemSaveInput>;

export const systemsApi = {
  /** The whole catalogue with how many distributions use each system. */
  'systems.list': method<KplusSystemRow[]>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  /** Adds or edits a system: number and code unique; the code of a system in use is not changed. */
  'systems.save': method<{ id: number }>()({ input: systemSaveInput, access: ADMINS, write: true }),
  /** Removes a system no distribution uses (one in use is made inactive instead). */
  'systems.delete': method<{ ok: true }>()({ input: z.object({ id }), access: ADMINS, write: true }),
};
