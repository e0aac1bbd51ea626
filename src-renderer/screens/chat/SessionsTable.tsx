// The sessions list as a dense virtualised table: sticky header, arrows and Enter to open, more rows fetched near the end.
import { memo, useEffect, type CSSProperties, type KeyboardEvent } from 'react';
import { Table, Text } from '@mantine/core';
import { HEAD_HEIGHT, ROW_HEIGHT, TABLE_BOX_STYLE, navTarget, useVirtualTable } from '../../components/useVirtualTable';
import type { ChatSessionRow } from '../../../src-shared/chat-sessions';
import { formatDateTime } from '../../../src-shared/format';
import { chatKitText, durationText } from '../../components/chatSession';

const COLUMNS: { key: string; title: string; width?: number }[] = [
  { key: 'start', title: 'Начало', width: 128 },
  { key: 'duration', title: 'Длительность', width: 110 },
  { key: 'kit', title: 'Комплект', width: 140 },
  { key: 'client', title: 'Клиент' },
  { key: 'person', title: 'Пользователь', width: 190 },
  { key: 'operator', title: 'Оператор', width: 170 },
];
const MIN_WIDTH = COLUMNS.reduce((s, c) => s + (c.width ?? 180), 0);
const CELL: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };

const Row = memo(function Row({ s, index, selected, onOpen, onSelect }: { s: ChatSessionRow; index: number; selected: boolean; onOpen: (s: ChatSessionRow) => void; onSelect: (i: number) => void }) {
  const person = s.contactName ?? s.fio ?? s.email ?? '';
  return (
    <Table.Tr
      h={ROW_HEIGHT}
      data-session-id={s.id}
      aria-selected={selected}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer' }}
      onClick={() => {
        onSelect(index);
        onOpen(s);
      }}
    >
      <Table.Td style={{ ...CELL, fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(s.startAt)}</Table.Td>
      <Table.Td style={{ ...CELL, fontVariantNumeric: 'tabular-nums' }}>{durationText(s.durationSec)}</Table.Td>
      <Table.Td style={CELL}>
        <Text span ff="monospace" size="sm" c={s.flags.length ? 'orange.8' : undefined}>
          {chatKitText(s)}
        </Text>
      </Table.Td>
      <Table.Td style={CELL} title={s.clientName ?? undefined}>
        {s.clientName ?? (
          <Text span c="orange.8" size="sm">
            не привязан
          </Text>
        )}
      </Table.Td>
      <Table.Td style={CELL} title={person}>
        {person}
      </Table.Td>
      <Table.Td style={CELL} title={s.personal ?? undefined}>
        {s.employeeName ?? (
          <Text span c="dimmed" size="sm">
            {s.personal ?? '—'}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
});

export function SessionsTable({
  rows,
  selected,
  onSelect,
  onOpen,
  onNearEnd,
}: {
  rows: ChatSessionRow[];
  selected: number;
  onSelect: (i: number) => void;
  onOpen: (s: ChatSessionRow) => void;
  /** Called when the visible window reaches the last rows fetched. */
  onNearEnd: () => void;
}) {
  const { scrollRef, virtualRows, padTop, padBottom, pageSize } = useVirtualTable({ count: rows.length, selected });
  const last = virtualRows.length ? virtualRows[virtualRows.length - 1]!.index : -1;
  useEffect(() => {
    if (rows.length > 0 && last >= rows.length - 20) onNearEnd();
  }, [last, rows.length, onNearEnd]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = navTarget(e.key, selected, rows.length, pageSize);
    if (to != null) {
      e.preventDefault();
      if (rows.length > 0) onSelect(to);
    } else if (e.key === 'Enter' && rows[selected]) {
      e.preventDefault();
      onOpen(rows[selected]!);
    }
  };
  return (
    <div ref={scrollRef} data-testid="chat-sessions-table" tabIndex={0} onKeyDown={onKeyDown} style={TABLE_BOX_STYLE}>
      <Table stickyHeader layout="fixed" highlightOnHover horizontalSpacing={8} verticalSpacing={0} fz="sm" miw={MIN_WIDTH} aria-rowcount={rows.length}>
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
          {virtualRows.map((v) => {
            const s = rows[v.index]!;
            return <Row key={s.id} s={s} index={v.index} selected={v.index === selected} onOpen={onOpen} onSelect={onSelect} />;
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}
