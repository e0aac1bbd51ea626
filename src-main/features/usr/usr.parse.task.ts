// Worker task `usr.parse`: an untrusted USR file parsed on a pool thread (budgets in usr.workers.ts).
import type { ParseInput, ParseOutcome } from '../imports/format';
import { parseUsr, type UsrRecord } from './usr.parse';

export function run(input: ParseInput): ParseOutcome<UsrRecord> {
  return parseUsr(input.bytes, input.name);
}
