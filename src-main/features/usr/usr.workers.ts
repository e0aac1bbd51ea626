// The usr feature's worker task kinds: parsing an untrusted USR file within a size and a time budget.
import { registerTask } from '../../workers/registry';
import type { ParseInput, ParseOutcome } from '../imports/format';
import type { UsrRecord } from './usr.parse';

/**
 * A real USR file is 5–50 KB (a long update history of many banks stays under a megabyte); 16 MiB is far beyond any.
 * One parses in milliseconds, so ten seconds means the input is built to be slow.
 */
export const usrParseTask = registerTask<ParseInput, ParseOutcome<UsrRecord>>({
  kind: 'usr.parse',
  module: 'src-main/features/usr/usr.parse.task',
  limits: { maxInputBytes: 16 * 1024 * 1024, timeoutMs: 10_000 },
});
