// The EnterpriseData worker task kinds: parsing an untrusted exchange message within a size and a time budget.
import { registerTask } from '../../../workers/registry';
import type { EdReadLimits, EdReadResult } from './model';

export interface EdParseInput {
  bytes: Uint8Array;
  limits?: Partial<EdReadLimits>;
}

/**
 * The input budget is the reader's own file limit (64 MiB) plus room for the limits object. A real message of 10,000
 * documents parses in about a second; twenty means the input is built to be slow.
 */
export const edParseTask = registerTask<EdParseInput, EdReadResult>({
  kind: 'edo.enterpriseData.parse',
  module: 'src-main/features/edo/enterprise-data/enterprise-data.parse.task',
  limits: { maxInputBytes: 64 * 1024 * 1024 + 4096, timeoutMs: 20_000 },
});
