// Test fixture: chat sessions inserted straight into chat_sessions (the import is another feature's), with a running kit number.
import type { Db } from '../../src-main/db/connection';

export interface SessionFixture {
  /** UTC instant of the start. */
  startAt: string;
  /** Seconds; null = not finished (no finish, no duration). */
  durationSec?: number | null;
  employeeId?: number | null;
  clientId?: number | null;
  contactId?: number | null;
  clientRating?: string | null;
  text?: string;
  fio?: string;
}

let distr = 100_000;

/** Inserts one session and returns its id; the finish is start + duration. */
export function insertSession(db: Db, s: SessionFixture): number {
  const duration = s.durationSec === undefined ? 120 : s.durationSec;
  const finish = duration == null ? null : new Date(Date.parse(s.startAt) + duration * 1000).toISOString();
  const r = db.$client
    .prepare(
      `INSERT INTO chat_sessions (system_number, distr_number, comp, start_at, finish_at, duration_sec, client_id, contact_id, fio, text, personal, employee_id, client_rating, imported_at)
       VALUES (1, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      distr++,
      new Date(s.startAt).toISOString(),
      finish,
      duration,
      s.clientId ?? null,
      s.contactId ?? null,
      s.fio ?? 'Петрова Анна',
      s.text ?? 'Клиент: здравствуйте\nОператор: добрый день',
      s.employeeId == null ? null : `op${s.employeeId}`,
      s.employeeId ?? null,
      s.clientRating ?? null,
      '2026-11-27T09:00:00.000Z',
    );
  return Number(r.lastInsertRowid);
}
