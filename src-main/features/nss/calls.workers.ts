// The НСС feature's worker task kinds: reading a ГЛ call list from outside within a size and a time budget.
import { registerTask } from '../../workers/registry';
import type { ParseInput, ParseOutcome } from '../imports/format';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';

/** A month of a busy hotline is some 100,000 calls, a few MB; 64 MiB and 60 s are far beyond any real list. */
export const nssCallsParseTask = registerTask<ParseInput, ParseOutcome<SheetRecord>>({
  kind: 'nss.calls.parse',
  module: 'src-main/features/nss/calls.parse.task',
  limits: { maxInputBytes: 64 * 1024 * 1024 + 1024, timeoutMs: 60_000 },
});
