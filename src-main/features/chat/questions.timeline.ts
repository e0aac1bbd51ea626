// Imported «Задать вопрос» questions as entries of the client's timeline, read from chat_questions (not copied into client_events).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { ClientEventRow } from '../../../src-shared/types';

/** The kind of a timeline entry made from an imported question; its id is the chat_questions row's. */
export const QUESTION_EVENT_KIND = 'chat_question';

/** A question's text on the timeline is cut here; the list API gives the whole. */
const TEXT_ON_TIMELINE = 2000;

/**
 * The client's imported questions that have no task, newest first. A question joined with an e-mailed one (or made a
 * task on import) is on the timeline already through its task's entries: one question, one entry.
 */
export function questionEvents(db: Db, clientId: number, limit: number): ClientEventRow[] {
  const rows = stmt(
    db,
    `SELECT q.id, q.asked_at AS at, q.system_number AS systemNumber, q.distr_number AS distrNumber, q.comp, q.fio, q.email, q.phone,
       substr(q.text, 1, ${TEXT_ON_TIMELINE}) AS text, q.contact_id AS contactId, c.full_name AS contact, d.system_code AS systemCode
     FROM chat_questions q LEFT JOIN contacts c ON c.id = q.contact_id LEFT JOIN distributions d ON d.id = q.distribution_id
     WHERE q.client_id = ? AND q.task_id IS NULL ORDER BY q.asked_at DESC, q.id DESC LIMIT ?`,
  ).all(clientId, limit) as {
    id: number;
    at: string;
    systemNumber: number;
    distrNumber: number;
    comp: number;
    fio: string | null;
    email: string | null;
    phone: string | null;
    text: string;
    contactId: number | null;
    contact: string | null;
    systemCode: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: QUESTION_EVENT_KIND,
    text: '',
    data: {
      questionId: r.id,
      systemCode: r.systemCode,
      systemNumber: r.systemNumber,
      distrNumber: r.distrNumber,
      comp: r.comp,
      fio: r.fio,
      email: r.email,
      phone: r.phone,
      question: r.text,
      contactId: r.contactId,
      contact: r.contact,
    },
    author: null,
  }));
}
