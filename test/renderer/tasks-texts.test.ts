// Task screens' pure parts: deadline states and texts, timeline wording of task events, stored filters read back safely.
import { describe, expect, it } from 'vitest';
import { deadlineState, deadlineText, fmtPhone } from '../../src-renderer/screens/tasks/taskFormat';
import { taskEventText } from '../../src-renderer/screens/tasks/taskEventText';
import { eventText } from '../../src-renderer/screens/clients/card/eventText';
import { listInput, sanitize } from '../../src-renderer/screens/tasks/taskFilters';

const at = (iso: string) => Date.parse(iso);
const task = (status: 'new' | 'in_work' | 'done' | 'declined', createdAt: string, deadline: string) => ({ status, createdAt, deadline });

describe('deadline state', () => {
  const t = task('new', '2026-11-27T09:00:00Z', '2026-11-27T11:00:00Z');
  it('is neutral with time to spare, amber in the last quarter (at least 30 minutes), red past it', () => {
    expect(deadlineState(t, at('2026-11-27T09:10:00Z'))).toBe('neutral');
    expect(deadlineState(t, at('2026-11-27T10:29:00Z'))).toBe('neutral');
    expect(deadlineState(t, at('2026-11-27T10:31:00Z'))).toBe('soon');
    expect(deadlineState(t, at('2026-11-27T11:00:00Z'))).toBe('overdue');
    // A short deadline still warns 30 minutes ahead.
    expect(deadlineState(task('in_work', '2026-11-27T09:00:00Z', '2026-11-27T09:40:00Z'), at('2026-11-27T09:11:00Z'))).toBe('soon');
  });
  it('is green when done and grey when declined, whatever the clock', () => {
    expect(deadlineState({ ...t, status: 'done' }, at('2026-12-01T00:00:00Z'))).toBe('done');
    expect(deadlineState({ ...t, status: 'declined' }, at('2026-12-01T00:00:00Z'))).toBe('neutral');
  });
  it('says how much time is left or how late it is', () => {
    expect(deadlineText(t, at('2026-11-27T09:55:00Z'))).toBe('осталось 1 ч 05 мин');
    expect(deadlineText(t, at('2026-11-27T11:20:00Z'))).toBe('просрочено на 20 мин');
    expect(deadlineText({ ...t, status: 'done' }, at('2026-11-27T11:20:00Z'))).toBe('выполнено');
  });
});

it('words task events of the client timeline, through the card’s eventText too', () => {
  // The screen shows the workstation's local time: the expected text is worked out with Intl in whatever zone the tests run
  // (npm test runs them in two), so a half-hour zone or one where 11:00 UTC is already the next day is covered too.
  const due = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date('2026-11-27T11:00:00Z'))
    .replace(',', '');
  expect(taskEventText('task_created', { kind: 'lead_demo', requestNumber: '734520', assignee: 'Иванова Мария', deadline: '2026-11-27T11:00:00Z' })).toBe(
    `Создано поручение «Демоверсия» № 734520, исполнитель — Иванова Мария, срок ${due}`,
  );
  expect(taskEventText('task_done', { kind: 'question', result: 'answered', comment: 'Ответили письмом' })).toBe('Выполнено поручение «Вопрос»: Дан ответ. Комментарий: Ответили письмом');
  expect(taskEventText('task_declined', { kind: 'lead_price', result: 'no_answer', comment: 'Трубку не берут' })).toBe(
    'Отклонено поручение «Прайс-лист»: Не дозвонились. Комментарий: Трубку не берут',
  );
  expect(taskEventText('task_assigned', { kind: 'lead_trial', assignee: 'Петров' })).toBe('Переназначено поручение «Пробный доступ»: исполнитель — Петров');
  expect(taskEventText('task_created', { kind: 'other' })).toBe('Создано поручение «Прочее», исполнитель не назначен');
  expect(taskEventText('readiness_gained', {})).toBeNull();
  expect(eventText({ kind: 'task_taken', text: '', data: { kind: 'lead_demo' } })).toBe('Взято в работу поручение «Демоверсия»');
  expect(eventText({ kind: 'something_new', text: '', data: null })).toBe('something_new');
});

it('reads stored filters back only when well formed, and turns them into the list call', () => {
  expect(sanitize({ scope: 'all', status: 'done', kind: 'lead_demo', assigneeId: 5, directionId: 2 }, true)).toEqual({ scope: 'all', status: 'done', kind: 'lead_demo', assigneeId: 5, directionId: 2 });
  // «Все» is for heads only; junk falls back to the defaults.
  expect(sanitize({ scope: 'all', status: 'archived', kind: 'spam', assigneeId: -1 }, false)).toEqual({ scope: 'mine', status: 'open', kind: null, assigneeId: null, directionId: null });
  expect(sanitize('garbage', true)).toMatchObject({ scope: 'mine', status: 'open' });
  expect(listInput({ scope: 'mine', status: 'open', kind: null, assigneeId: 7, directionId: null }, 3)).toEqual({ limit: 3000, mine: true, open: true });
  expect(listInput({ scope: 'direction', status: 'in_work', kind: 'question', assigneeId: 7, directionId: null }, 3)).toEqual({
    limit: 3000,
    directionId: 3,
    status: 'in_work',
    kind: 'question',
    assigneeId: 7,
  });
  expect(listInput({ scope: 'all', status: 'any', kind: null, assigneeId: null, directionId: null }, null)).toEqual({ limit: 3000 });
});

it('shows request phones in the house format when they parse', () => {
  expect(fmtPhone('8 914 700-11-22')).toBe('+7 (914) 700-11-22');
  expect(fmtPhone('звонить после обеда')).toBe('звонить после обеда');
  expect(fmtPhone(null)).toBe('');
});
