// Contract: the review of a staged ГЛ call list (mapping, matches, rows left out) before `imports.stage.apply` writes it.
import { z } from 'zod';
import { method } from './define';
import { id } from './common';
import { NSS_CALL_FIELDS, NSS_CALL_ROW_STATES, type NssCallsReview } from '../nss-calls';
import { NSS_CALL_IMPORTERS } from '../roles';

const column = z.number().int().min(0).max(999);
export const nssCallMapping = z.object(Object.fromEntries(NSS_CALL_FIELDS.map((f) => [f, column.optional()])) as Record<(typeof NSS_CALL_FIELDS)[number], z.ZodOptional<typeof column>>).strict();
export const nssCallsDecisions = z
  .object({
    mapping: nssCallMapping,
    matches: z.array(z.object({ row: z.number().int().min(1), clientId: id })).max(100_000).optional(),
    skip: z.array(z.number().int().min(1)).max(100_000).optional(),
  })
  .strict();

export const nssCallsApi = {
  /**
   * A staged call list read with a mapping (the given one, else the one remembered for its header row, else one guessed
   * from the headers) and the person's decisions so far; counts per state and one page of rows.
   */
  'nss.calls.review': method<NssCallsReview>()({
    input: z.object({
      stageId: id,
      decisions: nssCallsDecisions.partial({ mapping: true }).optional(),
      state: z.enum(NSS_CALL_ROW_STATES).optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    access: NSS_CALL_IMPORTERS,
    write: false,
  }),
};
