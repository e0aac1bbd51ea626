// The join of «Задать вопрос» questions from both roads: an imported question and an e-mailed question task are one record when the rule says so.
import type { Db } from '../../db/connection';
import { touchNss } from '../nss/aggregate';
import { stmt } from '../../db/stmt';
import type { SystemCatalog } from '../../../src-shared/systems';
import type { MailFields } from '../../../src-shared/mail-types';
import { loadCatalog } from '../systems/systems.repo';
import { kitNumbersOfText, moscowDate, questionTextKey, sameAsker, sameKit, type KitNumbers } from './questions.text';

/** A question task that came by e-mail, as the join compares it. */
export interface MailQuestion {
  taskId: number;
  clientId: number | null;
  kit: KitNumbers | null;
  day: string | null;
  email: string | null;
  fio: string | null;
  textKey: string;
}

/** When the question was asked, for a task: the letter's Date (the КЦ sends at once), else its arrival, else the task's creation. */
const ASKED_AT = 'coalesce(m.sent_at, m.received_at, t.created_at)';

function toMailQuestion(cat: SystemCatalog, r: { id: number; clientId: number | null; fields: string; at: string }): MailQuestion {
  let f: MailFields = {};
  try {
    f = JSON.parse(r.fields) as MailFields;
  } catch {
    // A task with unreadable fields joins nothing.
  }
  return {
    taskId: r.id,
    clientId: r.clientId,
    kit: kitNumbersOfText(cat, f.system),
    day: moscowDate(r.at),
    email: f.email ?? null,
    fio: f.fio ?? null,
    textKey: questionTextKey(f.question ?? ''),
  };
}

/** An imported question as the join compares it. */
export interface ImportedQuestion {
  kit: KitNumbers;
  day: string;
  email: string | null;
  fio: string | null;
  textKey: string;
}

/** The rule: the same kit, the same Moscow day, the same e-mail or ФИО, the same normalised text. */
export function sameQuestion(q: ImportedQuestion, m: MailQuestion): boolean {
  return !!m.kit && sameKit(q.kit, m.kit) && m.day === q.day && m.textKey === q.textKey && q.textKey !== '' && sameAsker(q, m);
}

/**
 * Finds e-mailed question tasks for imported ones. Candidates are read once per Moscow day of the file (tasks of kind
 * question made from a day before to three days after: intake may lag), and a task joined once is taken out, so one
 * e-mailed question is never the twin of two imported ones.
 */
export class MailQuestionIndex {
  private readonly byDay = new Map<string, MailQuestion[]>();

  constructor(
    private readonly db: Db,
    private readonly cat: SystemCatalog,
  ) {}

  private day(day: string): MailQuestion[] {
    let list = this.byDay.get(day);
    if (!list) {
      const from = new Date(Date.parse(`${day}T00:00:00Z`) - 27 * 3600_000).toISOString();
      const to = new Date(Date.parse(`${day}T00:00:00Z`) + 4 * 86400_000).toISOString();
      const rows = stmt(
        this.db,
        `SELECT t.id, t.client_id AS clientId, t.fields, ${ASKED_AT} AS at FROM tasks t LEFT JOIN mail_messages m ON m.id = t.message_id
         WHERE t.kind = 'question' AND t.created_at >= ? AND t.created_at < ?
           AND NOT EXISTS (SELECT 1 FROM chat_questions q WHERE q.task_id = t.id)`,
      ).all(from, to) as { id: number; clientId: number | null; fields: string; at: string }[];
      list = rows.map((r) => toMailQuestion(this.cat, r)).filter((m) => m.day === day);
      this.byDay.set(day, list);
    }
    return list;
  }

  /** The e-mailed twin of an imported question, taken out of the index; null when there is none. */
  take(q: ImportedQuestion): MailQuestion | null {
    const list = this.day(q.day);
    const i = list.findIndex((m) => sameQuestion(q, m));
    if (i < 0) return null;
    return list.splice(i, 1)[0]!;
  }
}

/** An imported question found for an e-mailed one: its row, and the task made for it on import (null when none). */
export interface ImportedTwin {
  questionId: number;
  taskId: number | null;
  /** Whether that task already has an e-mail (then it is not this e-mail's twin's task to take over). */
  taskHasMail: boolean;
}

/**
 * The other direction: the imported question a question e-mail repeats, found before intake makes its task. `askedAt`
 * is the letter's Date (else its arrival). A row already joined with an e-mailed task is not looked at.
 */
export function findImportedTwin(db: Db, fields: MailFields, askedAt: string): ImportedTwin | null {
  const m = toMailQuestion(loadCatalog(db), { id: 0, clientId: null, fields: JSON.stringify(fields), at: askedAt });
  if (!m.kit || !m.day || !m.textKey) return null;
  const rows = stmt(
    db,
    `SELECT q.id, q.fio, q.email, q.task_id AS taskId, t.message_id AS messageId FROM chat_questions q LEFT JOIN tasks t ON t.id = q.task_id
     WHERE q.system_number = ? AND q.distr_number = ? AND q.comp = ? AND q.asked_on = ? AND q.text_key = ? AND (q.task_id IS NULL OR t.message_id IS NULL)
     ORDER BY q.task_id IS NULL, q.id`,
  ).all(m.kit.systemNumber, m.kit.distrNumber, m.kit.comp, m.day, m.textKey) as { id: number; fio: string | null; email: string | null; taskId: number | null; messageId: number | null }[];
  const hit = rows.find((q) => sameAsker(q, m));
  return hit ? { questionId: hit.id, taskId: hit.taskId, taskHasMail: hit.messageId != null } : null;
}

/** Joins an imported question with the task made for its e-mail; its client is the task's when the kit gave none. */
export function linkImportedQuestion(db: Db, questionId: number, taskId: number): void {
  stmt(db, 'UPDATE chat_questions SET task_id = ?, client_id = coalesce(client_id, (SELECT client_id FROM tasks WHERE id = ?)) WHERE id = ? AND task_id IS NULL').run(
    taskId,
    taskId,
    questionId,
  );
  // The question and its task now count once (ЛК): both clients' months are recomputed.
  const q = stmt(db, 'SELECT q.client_id AS c, q.asked_at AS at, t.client_id AS tc, t.created_at AS tat FROM chat_questions q JOIN tasks t ON t.id = q.task_id WHERE q.id = ?').get(questionId) as
    | { c: number | null; at: string; tc: number | null; tat: string }
    | undefined;
  if (q) {
    touchNss(db, q.c, [q.at]);
    touchNss(db, q.tc, [q.tat]);
  }
}
