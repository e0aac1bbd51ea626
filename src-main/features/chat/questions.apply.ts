// Applying a parsed «Задать вопрос» export in its file's transaction: dedupe, the kit's client, the join with e-mailed questions, tasks on request.
import { Ctx } from '../../api/context';
import { NssTouches } from '../nss/aggregate';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { PushMessage } from '../../../src-shared/events';
import type { SessionUser } from '../../../src-shared/types';
import { formatDistr, DISTR_COMP_WIDTH, DISTR_NUMBER_WIDTH } from '../../../src-shared/distr';
import { kitFromNumbers } from '../../../src-shared/systems';
import type { ApplyContext, ApplyResult, ImportProblem, ParsedFile } from '../imports/format';
import { loadCatalog } from '../systems/systems.repo';
import { createTask } from '../tasks/create';
import type { QuestionRecord } from './questions.parse';
import { MailQuestionIndex } from './questions.join';
import { questionTextKey } from './questions.text';
import { matchContact } from './questions.contact';

/** The batch option that turns unmatched imported questions into tasks (routing and notifications as mail intake's). */
export const QUESTION_TASKS_OPTION = 'questionTasks';

/** The importing employee as a caller of createTask (the task's author and the audit's); null for a watched folder. */
function importer(db: Db, employeeId: number | null): SessionUser | null {
  if (employeeId == null) return null;
  const e = stmt(db, 'SELECT id, login, full_name AS fullName FROM employees WHERE id = ?').get(employeeId) as { id: number; login: string; fullName: string } | undefined;
  return e ? { ...e, roles: [] } : null;
}

/** The kit as mail intake reads a question's «Система»: the code form when the catalogue knows the system, else the number form. */
function kitText(code: string | null, r: QuestionRecord): string {
  if (code) return formatDistr({ system: code, number: r.distrNumber, comp: r.comp });
  const base = `${r.systemNumber}_${String(r.distrNumber).padStart(DISTR_NUMBER_WIDTH, '0')}`;
  return r.comp === 1 ? base : `${base}_${String(r.comp).padStart(DISTR_COMP_WIDTH, '0')}`;
}

export function applyQuestions(parsed: ParsedFile<QuestionRecord>, ctx: ApplyContext): ApplyResult {
  const db = ctx.db;
  const cat = loadCatalog(db);
  const index = new MailQuestionIndex(db, cat);
  const wantTasks = ctx.options[QUESTION_TASKS_OPTION] === true;
  const taskCtx = new Ctx(db, importer(db, ctx.employeeId), { now: () => new Date(ctx.now) }, null);
  const problems: ImportProblem[] = [];
  const nss = new NssTouches();
  const taskOf = stmt(db, 'SELECT client_id AS c, created_at AS at FROM tasks WHERE id = ?');
  const changedClients = new Set<number>();
  let added = 0;
  let skipped = 0;
  let flagged = 0;
  const exists = stmt(db, 'SELECT 1 FROM chat_questions WHERE system_number = ? AND distr_number = ? AND comp = ? AND asked_on = ? AND text_key = ?');
  const findDistr = stmt(db, 'SELECT id, client_id AS clientId FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?');
  const insert = stmt(
    db,
    `INSERT INTO chat_questions (system_number, distr_number, comp, asked_at, asked_on, fio, email, phone, text, text_key,
       distribution_id, client_id, contact_id, task_id, flags, file_id, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  for (const r of parsed.records) {
    const textKey = questionTextKey(r.text);
    if (exists.get(r.systemNumber, r.distrNumber, r.comp, r.askedOn, textKey)) {
      skipped++;
      continue;
    }
    const flags = [...r.flags];
    const kit = kitFromNumbers(cat, r.systemNumber, r.distrNumber, r.comp);
    let distr: { id: number; clientId: number } | undefined;
    if (!kit.ok) {
      flags.push('unknown_system_number');
      problems.push({ record: r.position, code: 'unknown_system_number', detail: String(r.systemNumber) });
    } else {
      distr = findDistr.get(kit.kit.system, kit.kit.number, kit.kit.comp) as typeof distr;
      if (!distr) {
        flags.push('unknown_kit');
        problems.push({ record: r.position, code: 'unknown_kit', detail: formatDistr(kit.kit) });
      }
    }
    for (const f of r.flags) problems.push({ record: r.position, code: f });

    const twin = index.take({ kit: r, day: r.askedOn, email: r.email, fio: r.fio, textKey });
    let taskId = twin?.taskId ?? null;
    const clientId = distr?.clientId ?? twin?.clientId ?? null;
    if (taskId == null && wantTasks) {
      const made = createTask(taskCtx, {
        kind: 'question',
        fields: {
          system: kitText(kit.ok ? kit.kit.system : null, r),
          ...(r.fio ? { fio: r.fio } : {}),
          ...(r.email ? { email: r.email } : {}),
          ...(r.phone ? { phone: r.phone } : {}),
          question: r.text,
        },
        requestNumber: null,
        messageId: null,
      });
      taskId = made.taskId;
    }
    const contactId = clientId != null ? matchContact(db, clientId, r) : null;
    nss.add(clientId, r.askedAt);
    if (taskId != null) {
      // The task joined (made now, or the e-mailed twin) no longer counts on its own: its month is recomputed at the end.
      const t = taskOf.get(taskId) as { c: number | null; at: string } | undefined;
      if (t) nss.add(t.c, t.at);
    }
    insert.run(
      r.systemNumber,
      r.distrNumber,
      r.comp,
      r.askedAt,
      r.askedOn,
      r.fio,
      r.email,
      r.phone,
      r.text,
      textKey,
      distr?.id ?? null,
      clientId,
      contactId,
      taskId,
      JSON.stringify(flags),
      ctx.fileId,
      ctx.now,
    );
    added++;
    if (flags.length > 0) flagged++;
    if (clientId != null) changedClients.add(clientId);
  }
  for (const m of taskCtx.pending as PushMessage[]) ctx.emit(m.event, m.data as never);
  for (const clientId of changedClients) ctx.emit('client.changed', { clientId, by: ctx.employeeId });
  nss.flush(db);
  return { added, skipped, flagged, problems };
}
