// The НСС feature's import format `nss.calls`: a ГЛ call list (XLSX or CSV), staged for review, applied all or nothing.
import { registerFormat } from '../imports/formats';
import type { StagedFormat } from '../imports/format';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';
import { NSS_CALL_IMPORTERS } from '../../../src-shared/roles';
import { nssCallsParseTask } from './calls.workers';
import { detectCallList } from './calls.detect';
import { applyCalls } from './calls.apply';
import { cachedCallsParsed, NSS_CALLS_KIND } from './calls.stage';

export const nssCallsFormat: StagedFormat<SheetRecord> = registerFormat<StagedFormat<SheetRecord>>({
  kind: NSS_CALLS_KIND,
  mode: 'staged',
  access: NSS_CALL_IMPORTERS,
  claimsZip: true,
  detect: detectCallList,
  parse: nssCallsParseTask,
  applyStaged: (parsed, decisions, ctx) => applyCalls(parsed, decisions, ctx),
  stagedParsed: cachedCallsParsed,
});
