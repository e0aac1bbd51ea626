// Test helpers for chat sessions: an export built from rows, and applying it the way the import mechanism does (one transaction per file).
import crypto from 'node:crypto';
import type { Db } from '../../src-main/db/connection';
import { stmt } from '../../src-main/db/stmt';
import { parseChatSessions } from '../../src-main/features/chat/sessions.parse';
import { chatSessionsFormat } from '../../src-main/features/chat/chat.formats';
import type { ApplyResult } from '../../src-main/features/imports/format';

export interface ChatRow {
  sys?: number | string;
  distr?: number | string;
  comp?: number | string;
  start: string;
  finish?: string;
  fio?: string;
  email?: string;
  phone?: string;
  personal?: string;
  text?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function chatExport(rows: ChatRow[]): string {
  const chats = rows.map((r) => {
    const attrs = [`sys="${r.sys ?? ''}"`, `distr="${r.distr ?? ''}"`, `comp="${r.comp ?? 1}"`, `first_date="${r.start}"`, `start="${r.start}"`, `finish="${r.finish ?? ''}"`].join(' ');
    const el = (n: string, v?: string) => `<${n}>${esc(v ?? '')}</${n}>`;
    return `<chat ${attrs}>${el('profile', 'Бухгалтер')}${el('fio', r.fio)}${el('email', r.email)}${el('phone', r.phone)}${el('text', r.text ?? 'Вопрос')}${el('lgn', 'x')}${el('personal', r.personal)}${el('links')}</chat>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<root>\n${chats.join('\n')}\n</root>\n`;
}

/** Parses and applies one file in one transaction, as the import mechanism would. */
export function importChat(db: Db, xml: string, now = '2026-11-27T09:00:00.000Z'): ApplyResult {
  const bytes = new Uint8Array(Buffer.from(xml, 'utf8'));
  const parsed = parseChatSessions(bytes);
  if (!parsed.ok) throw new Error(`refused: ${parsed.status}`);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  return db.$client.transaction(() => {
    stmt(db, 'INSERT OR IGNORE INTO import_files (sha256, size, name, kind, stored_at) VALUES (?, ?, ?, ?, ?)').run(sha, bytes.length, 'chat.xml', 'chat.sessions', now);
    const fileId = (stmt(db, 'SELECT id FROM import_files WHERE sha256 = ?').get(sha) as { id: number }).id;
    const res = chatSessionsFormat.apply(parsed.parsed, {
      db,
      now,
      today: now.slice(0, 10),
      employeeId: null,
      fileId,
      batchId: 0,
      options: {},
      emit: () => undefined,
    });
    return { ...res, problems: [...parsed.parsed.problems, ...res.problems] };
  })();
}
