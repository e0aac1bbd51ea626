// Display of tasks: date-times, the deadline's state and colour (overdue red, due soon amber, done green, neutral grey), labels of codes.
import type { AssignedBy, MatchedBy, QueueReason, TaskListItem } from '../../../src-shared/mail-types';
import { STATE_COLORS } from '../../app/theme';
import { formatMinutes } from '../../../src-shared/task-report';
import { formatDateTime } from '../../../src-shared/format';
import { formatPhone, normalizePhone } from '../../../src-shared/validation/phone';

export { TASK_KIND_LABELS, TASK_STATUS_LABELS, CONTACT_RESULT_LABELS, formatMinutes } from '../../../src-shared/task-report';

const pad = (n: number) => String(n).padStart(2, '0');

/** UTC timestamp → local 27.11.2026 14:05. */
export const fmtDateTime = formatDateTime;

/** Today as 27.11.2026 14:05, or only 14:05 when it is today (dense lists). */
export function fmtWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const same = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return same ? `сегодня ${pad(d.getHours())}:${pad(d.getMinutes())}` : fmtDateTime(iso);
}

/** A phone from a request as +7 (914) 700-11-22; what does not parse is shown as written. */
export function fmtPhone(raw: string | null | undefined): string {
  if (!raw) return '';
  const p = normalizePhone(raw);
  return p ? formatPhone(p.digits, p.ext) : raw;
}

/** A task is "due soon" within this share of its time or this many minutes, whichever is larger. */
const SOON_MIN = 30;

export type DeadlineState = 'overdue' | 'soon' | 'done' | 'neutral';

export function deadlineState(t: Pick<TaskListItem, 'status' | 'deadline' | 'createdAt'>, nowMs = Date.now()): DeadlineState {
  if (t.status === 'done') return 'done';
  if (t.status === 'declined') return 'neutral';
  const due = Date.parse(t.deadline);
  if (due <= nowMs) return 'overdue';
  const span = due - Date.parse(t.createdAt);
  const left = due - nowMs;
  return left <= Math.max(SOON_MIN * 60_000, span * 0.25) ? 'soon' : 'neutral';
}

export const stateColor = (s: DeadlineState): string => STATE_COLORS[s];

/** «осталось 1 ч 20 мин» / «просрочено на 2 ч 05 мин» / «выполнено». */
export function deadlineText(t: Pick<TaskListItem, 'status' | 'deadline' | 'createdAt'>, nowMs = Date.now()): string {
  if (t.status === 'done') return 'выполнено';
  if (t.status === 'declined') return 'отклонено';
  const left = (Date.parse(t.deadline) - nowMs) / 60_000;
  return left < 0 ? `просрочено на ${formatMinutes(-left)}` : `осталось ${formatMinutes(left)}`;
}

export const STATUS_COLORS = { new: 'indigo', in_work: 'cyan', done: STATE_COLORS.done, declined: STATE_COLORS.neutral } as const;

export const QUEUE_REASON_LABELS: Record<QueueReason, string> = {
  no_rule: 'Не подошло ни одно правило',
  no_fields: 'Нет нужных полей',
  broken_mime: 'Письмо повреждено',
  error: 'Ошибка обработки',
  too_large: 'Письмо слишком большое для разбора',
  parse_timeout: 'Разбор письма прерван: слишком долго',
};

export const MATCHED_BY_LABELS: Record<MatchedBy, string> = {
  distribution: 'по дистрибутиву',
  inn: 'по ИНН',
  email: 'по e-mail',
  phone: 'по телефону',
  created: 'создан новый клиент из заявки',
  manual: 'выбран вручную',
};

export const ASSIGNED_BY_LABELS: Record<AssignedBy, string> = {
  key_responsible: 'ответственный за ключевого клиента',
  sio: 'СИО клиента',
  pm: 'персональный менеджер клиента',
  round_robin: 'по очереди в направлении',
  manual: 'назначен вручную',
  taken: 'взял сам',
  none: 'некому назначить',
};

/** Russian names of the request fields the parser reads. */
export const FIELD_LABELS: Record<string, string> = {
  type: 'Тип заявки',
  number: 'Номер заявки',
  date: 'Дата заявки',
  fio: 'ФИО',
  org: 'Организация',
  inn: 'ИНН',
  city: 'Город',
  email: 'E-mail',
  phone: 'Телефон',
  comment: 'Комментарий',
  actions: 'Действия',
  page: 'Страница',
  system: 'Дистрибутив',
  question: 'Вопрос',
};
