// The task list as a dense table: sticky header, a colour stripe per deadline state, rows virtualised, arrows and Enter to open.
import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { Table, Text } from '@mantine/core';
import { HEAD_HEIGHT, ROW_HEIGHT, TABLE_BOX_STYLE, navTarget, useVirtualTable } from '../../components/useVirtualTable';
import { useInitialFocus } from '../../components/useInitialFocus';
import type { TaskListItem } from '../../../src-shared/mail-types';
import { Deadline, TaskKindBadge, TaskStatusBadge } from './TaskBadges';
import { deadlineState, fmtPhone, fmtWhen, stateColor } from './taskFormat';
import { formatDateTime } from '../../../src-shared/format';


const COLUMNS: { key: string; title: string; width?: number }[] = [
  { key: 'deadline', title: 'Срок', width: 128 },
  { key: 'kind', title: 'Вид', width: 110 },
  { key: 'client', title: 'Клиент / организация' },
  { key: 'contact', title: 'Контакт', width: 120 },
  { key: 'phone', title: 'Телефон', width: 136 },
  { key: 'assignee', title: 'Исполнитель', width: 140 },
  { key: 'status', title: 'Статус', width: 96 },
  { key: 'number', title: '№ заявки', width: 80 },
  { key: 'created', title: 'Поступило', width: 116 },
];
/** The client column takes what is left, at least this: the table fits a 1280 px wide window (test/e2e/texts.test.ts). */
const CLIENT_MIN_WIDTH = 150;
const MIN_WIDTH = COLUMNS.reduce((s, c) => s + (c.width ?? CLIENT_MIN_WIDTH), 0);

const CELL: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };

const Row = memo(function Row({
  t,
  index,
  selected,
  now,
  onOpen,
  onSelect,
}: {
  t: TaskListItem;
  index: number;
  selected: boolean;
  now: number;
  onOpen: (t: TaskListItem) => void;
  onSelect: (index: number) => void;
}) {
  const state = deadlineState(t, now);
  const who = t.client?.name ?? t.org ?? '';
  const title = [who, !t.client && t.kit ? `комплект ${t.kit}` : ''].filter(Boolean).join(', ');
  return (
    <Table.Tr
      h={ROW_HEIGHT}
      data-task-id={t.id}
      data-state={state}
      aria-selected={selected}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer', boxShadow: `inset 3px 0 0 var(--mantine-color-${stateColor(state)}-6)` }}
      onClick={() => {
        onSelect(index);
        onOpen(t);
      }}
    >
      <Table.Td style={CELL}>
        <Deadline task={t} now={now} />
      </Table.Td>
      <Table.Td style={CELL}>
        <TaskKindBadge kind={t.kind} />
      </Table.Td>
      <Table.Td style={CELL} title={title}>
        <Text size="sm" span fw={t.status === 'new' ? 600 : undefined}>
          {who || <Text span c="dimmed" size="sm">без клиента</Text>}
        </Text>
        {/* A question from a kit not in the base: the kit is what the person linking it needs to see. */}
        {!t.client && t.kit && (
          <Text span size="sm" c="orange.8" title="Комплект из заявки: клиента с ним в базе нет" data-testid="task-row-kit">
            {' · '}
            <Text span ff="monospace" size="sm">
              {t.kit}
            </Text>
          </Text>
        )}
      </Table.Td>
      <Table.Td style={CELL} title={t.contactName ?? undefined}>
        {t.contactName ?? t.email}
      </Table.Td>
      <Table.Td style={CELL}>{fmtPhone(t.phone)}</Table.Td>
      <Table.Td style={CELL} title={t.assignee?.fullName}>
        {t.assignee?.fullName ?? <Text span c="red.7" size="sm">не назначен</Text>}
      </Table.Td>
      <Table.Td style={CELL}>
        <TaskStatusBadge status={t.status} />
        {/* Calls tried without closing the task: how many, and when to call again (red once that time has come). */}
        {t.attemptCount > 0 && (
          <Text
            span
            size="xs"
            ml={4}
            c={t.nextContactAt && Date.parse(t.nextContactAt) <= now ? 'red.7' : 'dimmed'}
            data-testid="task-row-attempts"
            title={`Попыток связи: ${t.attemptCount}${t.nextContactAt ? `; следующий контакт ${formatDateTime(t.nextContactAt)}` : ''}`}
          >
            ☎{t.attemptCount}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ ...CELL, fontVariantNumeric: 'tabular-nums' }}>{t.requestNumber}</Table.Td>
      <Table.Td style={{ ...CELL, fontVariantNumeric: 'tabular-nums' }}>{fmtWhen(t.createdAt, new Date(now))}</Table.Td>
    </Table.Tr>
  );
});

export function TaskTable({
  items,
  selected,
  now,
  onSelect,
  onOpen,
}: {
  items: TaskListItem[];
  selected: number;
  now: number;
  onSelect: (index: number) => void;
  onOpen: (t: TaskListItem) => void;
}) {
  const { scrollRef, virtualRows: rows, padTop, padBottom, pageSize } = useVirtualTable({ count: items.length, selected });
  useInitialFocus(scrollRef);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = navTarget(e.key, selected, items.length, pageSize);
    if (to != null) {
      e.preventDefault();
      if (items.length > 0) onSelect(to);
    } else if (e.key === 'Enter' && items[selected]) {
      e.preventDefault();
      onOpen(items[selected]!);
    }
  };

  return (
    <div
      ref={scrollRef}
      data-testid="tasks-table"
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={TABLE_BOX_STYLE}
    >
      <Table stickyHeader layout="fixed" highlightOnHover horizontalSpacing={8} verticalSpacing={0} fz="sm" miw={MIN_WIDTH} aria-rowcount={items.length}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          <Table.Tr h={HEAD_HEIGHT} bg="gray.0">
            {COLUMNS.map((c) => (
              <Table.Th key={c.key} style={CELL} fz="xs" c="dimmed">
                {c.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
          {rows.map((v) => {
            const t = items[v.index]!;
            return <Row key={t.id} t={t} index={v.index} selected={v.index === selected} now={now} onOpen={onOpen} onSelect={onSelect} />;
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}
