// The chat feature's worker task kinds: parsing an untrusted chat export within a size and a time budget.
import { registerTask } from '../../workers/registry';
import type { ParseInput, ParseOutcome } from '../imports/format';
import type { ChatSessionRecord } from './sessions.parse';

/**
 * A month's export of a busy РИЦ is a few megabytes (≈ 500 bytes a session); 64 MiB is ten times the largest we expect.
 * 10,000 sessions parse in well under a second, so twenty seconds means the input is built to be slow.
 */
export const chatSessionsParseTask = registerTask<ParseInput, ParseOutcome<ChatSessionRecord>>({
  kind: 'chat.sessions.parse',
  module: 'src-main/features/chat/sessions.task',
  limits: { maxInputBytes: 64 * 1024 * 1024, timeoutMs: 20_000 },
});
