// Russian wording of the task entries of a client's timeline (task_created, task_taken, task_done, task_declined, task_assigned, task_linked, task_attempt).
// Who did it is the entry's author, shown beside the text, so the sentence does not repeat it.
import type { AttemptOutcome, ContactResult, TaskKind } from '../../../src-shared/mail-types';
import { ATTEMPT_OUTCOME_LABELS, CONTACT_RESULT_LABELS, TASK_KIND_LABELS } from '../../../src-shared/task-report';
import { fmtDateTime } from './taskFormat';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

export const TASK_EVENT_KINDS = ['task_created', 'task_taken', 'task_done', 'task_declined', 'task_assigned', 'task_linked', 'task_attempt'] as const;
export const isTaskEvent = (kind: string): boolean => (TASK_EVENT_KINDS as readonly string[]).includes(kind);

export const TASK_EVENT_TITLE = 'Поручение';

function what(d: Record<string, unknown>): string {
  const kind = str(d.kind) as TaskKind | null;
  const name = kind && TASK_KIND_LABELS[kind] ? `«${TASK_KIND_LABELS[kind]}»` : '';
  const num = str(d.requestNumber) ? ` № ${str(d.requestNumber)}` : '';
  return `поручение ${name}${num}`.replace(/\s+/g, ' ').trim();
}

/** The sentence for a task entry, or null when the kind is not a task's. */
export function taskEventText(kind: string, data: Record<string, unknown> | null): string | null {
  const d = data ?? {};
  const result = str(d.result) as ContactResult | null;
  const resultText = result && CONTACT_RESULT_LABELS[result] ? `: ${CONTACT_RESULT_LABELS[result]}` : '';
  const comment = str(d.comment) ? `. Комментарий: ${str(d.comment)}` : '';
  switch (kind) {
    case 'task_created': {
      const to = str(d.assignee) ? `, исполнитель — ${str(d.assignee)}` : ', исполнитель не назначен';
      const due = str(d.deadline) ? `, срок ${fmtDateTime(str(d.deadline))}` : '';
      const w = what(d);
      return `Создано ${w}${to}${due}`;
    }
    case 'task_taken':
      return `Взято в работу ${what(d)}`;
    case 'task_done':
      return `Выполнено ${what(d)}${resultText}${comment}`;
    case 'task_declined':
      return `Отклонено ${what(d)}${resultText}${comment}`;
    case 'task_linked':
      return `Привязано к клиенту ${what(d)}${str(d.kit) ? `, комплект ${str(d.kit)}` : ''}`;
    case 'task_attempt': {
      const outcome = str(d.outcome) as AttemptOutcome | null;
      const next = str(d.nextContactAt) ? `, следующий контакт ${fmtDateTime(str(d.nextContactAt))}` : '';
      return `Попытка связи ${what(d)}: ${outcome && ATTEMPT_OUTCOME_LABELS[outcome] ? ATTEMPT_OUTCOME_LABELS[outcome] : '?'}${next}${comment}`;
    }
    case 'task_assigned':
      return `Переназначено ${what(d)}: исполнитель — ${str(d.assignee) ?? '?'}`;
    default:
      return null;
  }
}
