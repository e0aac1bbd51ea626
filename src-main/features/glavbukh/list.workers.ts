// The glavbukh feature's worker task kinds: reading a certified list from outside within a size and a time budget.
import { registerTask } from '../../workers/registry';
import type { ParseInput, ParseOutcome } from '../imports/format';
import type { GbSheetRecord } from './list.review';

/** A list of 50,000 clients is a 3–5 MB XLSX read in a few seconds; 64 MiB and 60 s are far beyond any real one. */
export const gbListParseTask = registerTask<ParseInput, ParseOutcome<GbSheetRecord>>({
  kind: 'glavbukh.list.parse',
  module: 'src-main/features/glavbukh/list.parse.task',
  limits: { maxInputBytes: 64 * 1024 * 1024 + 1024, timeoutMs: 60_000 },
});
