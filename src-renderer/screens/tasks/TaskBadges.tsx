// Badges of a task: status, kind, and the deadline coloured by its state.
import { Badge, Text } from '@mantine/core';
import type { TaskKind, TaskListItem, TaskStatus } from '../../../src-shared/mail-types';
import { deadlineState, deadlineText, fmtWhen, stateColor, STATUS_COLORS, TASK_KIND_LABELS, TASK_STATUS_LABELS } from './taskFormat';

const KIND_COLORS: Record<TaskKind, string> = { lead_price: 'blue', lead_demo: 'violet', lead_trial: 'teal', question: 'orange', other: 'gray' };

export function TaskStatusBadge({ status, size = 'xs' }: { status: TaskStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge size={size} variant="light" color={STATUS_COLORS[status]} radius="sm" tt="none" fw={600} data-status={status}>
      {TASK_STATUS_LABELS[status]}
    </Badge>
  );
}

export function TaskKindBadge({ kind, size = 'xs' }: { kind: TaskKind; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge size={size} variant="outline" color={KIND_COLORS[kind]} radius="sm" tt="none" fw={600}>
      {TASK_KIND_LABELS[kind]}
    </Badge>
  );
}

/** The deadline as a date-time in its state's colour, with the time left (or overdue) as a hint. */
export function Deadline({ task, now, withText = false }: { task: Pick<TaskListItem, 'status' | 'deadline' | 'createdAt'>; now: number; withText?: boolean }) {
  const state = deadlineState(task, now);
  const text = deadlineText(task, now);
  return (
    <Text
      span
      size="sm"
      c={state === 'neutral' ? undefined : stateColor(state) === 'yellow' ? 'yellow.8' : `${stateColor(state)}.7`}
      fw={state === 'overdue' ? 600 : undefined}
      title={text}
      data-deadline={state}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {fmtWhen(task.deadline, new Date(now))}
      {withText && ` — ${text}`}
    </Text>
  );
}
