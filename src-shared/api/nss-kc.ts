// Contract: the monthly НСС report to the КЦ — preview (rows, totals, problems, differences from last month), save into the archive, the archive.
import { z } from 'zod';
import { method } from './define';
import { MANAGERS } from '../roles';
import { id } from './common';
import type { NssKcArchiveItem, NssKcPreview, NssKcReportDetail } from '../nss';

const month = z.string().regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: 'month' });
const page = { offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(1000).default(100) };

/** Who builds, saves and reads the КЦ reports. */
export const NSS_KC_ROLES = MANAGERS;

export const nssKcApi = {
  /** The month's file as it would be saved: a page of rows, the totals, every problem, the differences; nothing written but the month's aggregates. */
  'nss.kc.preview': method<NssKcPreview>()({ input: z.object({ month, ...page }), access: NSS_KC_ROLES, write: false }),
  /**
   * Builds, checks and keeps the month's report (file, rows, totals, differences, who, when) in one transaction. Refuses
   * (BAD_INPUT, an issue per problem: path `clients.<id>.<code>` or `totals`, reason the problem code) while any remains.
   * Saving a month again keeps both; the later one is the month's latest. With `fileHash` (the preview's) the save
   * keeps exactly the file previewed: CONFLICT (issue `fileHash`, reason `changed`) when the data changed since.
   */
  'nss.kc.save': method<NssKcArchiveItem>()({
    input: z.object({ month, fileHash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'hash' }).optional() }),
    access: NSS_KC_ROLES,
    write: true,
  }),
  /** The archive, newest first; `latest` marks each month's latest report. */
  'nss.kc.list': method<NssKcArchiveItem[]>()({ input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }), access: NSS_KC_ROLES, write: false }),
  /** One archived report exactly as saved: a page of its rows, its totals and its differences. */
  'nss.kc.get': method<NssKcReportDetail>()({ input: z.object({ id, ...page }), access: NSS_KC_ROLES, write: false }),
};
