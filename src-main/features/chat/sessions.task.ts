// Worker task `chat.sessions.parse`: an untrusted Онлайн-диалог export parsed on a pool thread (budgets in chat.workers.ts).
import type { ParseInput, ParseOutcome } from '../imports/format';
import { parseChatSessions, type ChatSessionRecord } from './sessions.parse';

export function run(input: ParseInput): ParseOutcome<ChatSessionRecord> {
  return parseChatSessions(input.bytes);
}
