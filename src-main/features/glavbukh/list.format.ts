// The glavbukh feature's import format `glavbukh.list`: a certified list (XLSX or CSV), staged for review, applied all or nothing.
import { registerFormat } from '../imports/formats';
import { GB_REQUESTERS } from '../../../src-shared/glavbukh-requests';
import type { StagedFormat } from '../imports/format';
import { sheetKind } from '../imports/sheet/sheet';
import { detectCallList } from '../nss/calls.detect';
import { gbListParseTask } from './list.workers';
import type { GbSheetRecord } from './list.review';
import { applyGbList } from './list.apply';

import { cachedStageParsed, GB_LIST_KIND } from './list.stage';

export { GB_LIST_KIND };

/**
 * An XLSX (a ZIP named .xlsx), a CSV by name, and an old `.xls` (claimed to be refused with a clear status) — except a
 * ГЛ call list (a CSV with a call list's header, an XLSX named as one), which is the НСС format's.
 */
export function detectGbList(head: Buffer, name: string): boolean {
  return sheetKind(head, name) !== null && !detectCallList(head, name);
}

export const gbListFormat: StagedFormat<GbSheetRecord> = registerFormat<StagedFormat<GbSheetRecord>>({
  kind: GB_LIST_KIND,
  mode: 'staged',
  access: GB_REQUESTERS,
  claimsZip: true,
  detect: detectGbList,
  parse: gbListParseTask,
  applyStaged: (parsed, decisions, ctx) => applyGbList(parsed, decisions, ctx),
  stagedParsed: cachedStageParsed,
});
