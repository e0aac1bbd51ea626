// Worker task `edo.enterpriseData.parse`: an untrusted EnterpriseData message (xml or zip) read on a pool thread.
import type { EdParseInput } from './edo.workers';
import type { EdReadResult } from './model';
import { readEdMessage } from './read';

export function run(input: EdParseInput): EdReadResult {
  return readEdMessage(input.bytes, input.limits);
}
