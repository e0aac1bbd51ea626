// The chat feature's import formats: the Онлайн-диалог sessions export (`root/chat`).
import iconv from 'iconv-lite';
import { registerFormat } from '../imports/formats';
import type { DirectFormat } from '../imports/format';
import { chatSessionsParseTask } from './chat.workers';
import type { ChatSessionRecord } from './sessions.parse';
import { applyChatSessions } from './sessions.apply';

/** `<root …>` whose first child element is `<chat`, comments and processing instructions between them allowed. */
const ROOT_CHAT = /<root(?:\s[^>]*)?>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*<chat[\s>/]/i;

/** The head as text good enough for ASCII tags: UTF-16 decoded, every single-byte encoding read as Latin-1. */
function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return iconv.decode(head, 'utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return iconv.decode(head, 'utf-16be');
  return head.toString('latin1');
}

export function detectChatSessions(head: Buffer): boolean {
  return ROOT_CHAT.test(headText(head));
}

export const chatSessionsFormat: DirectFormat<ChatSessionRecord> = registerFormat<DirectFormat<ChatSessionRecord>>({
  kind: 'chat.sessions',
  mode: 'direct',
  detect: (head) => detectChatSessions(head),
  parse: chatSessionsParseTask,
  apply: (parsed, ctx) => applyChatSessions(parsed, ctx),
});
