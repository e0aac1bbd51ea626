// Contract: the review of a staged certified list (mapping, matches, rows left out) before `imports.stage.apply` writes it.
import { z } from 'zod';
import { method } from './define';
import { id } from './common';
import { IMPORTERS } from './imports';
import { GB_LIST_FIELDS, GB_ROW_STATES, type GbListReview } from '../glavbukh';

const column = z.number().int().min(0).max(999);
export const gbMapping = z.object(Object.fromEntries(GB_LIST_FIELDS.map((f) => [f, column.optional()])) as Record<(typeof GB_LIST_FIELDS)[number], z.ZodOptional<typeof column>>).strict();
export const gbListDecisions = z
  .object({
    mapping: gbMapping,
    programme: z.string().trim().min(1).max(16).optional(),
    matches: z.array(z.object({ row: z.number().int().min(1), clientId: id })).max(100_000).optional(),
    skip: z.array(z.number().int().min(1)).max(100_000).optional(),
  })
  .strict();

export const glavbukhListApi = {
  /**
   * A staged certified list read with a mapping (the given one, else the one remembered for its header row, else one
   * guessed from the headers) and the person's decisions so far; counts per state and one page of rows.
   */
  'glavbukh.list.review': method<GbListReview>()({
    input: z.object({
      stageId: id,
      decisions: gbListDecisions.partial({ mapping: true }).optional(),
      state: z.enum(GB_ROW_STATES).optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    access: IMPORTERS,
    write: false,
  }),
};
