// The documents register as a dense virtualised table: sticky header, rows loaded as they scroll into view, arrows and Enter to open.
import { Fragment, memo, useEffect, useMemo, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { Table, Text } from '@mantine/core';
import { HEAD_HEIGHT, ROW_HEIGHT, TABLE_BOX_STYLE, navTarget, useVirtualTable } from '../../../components/useVirtualTable';
import { useInitialFocus } from '../../../components/useInitialFocus';
import type { DocumentListItem } from '../../../../src-shared/doc-types';
import { formatDate, formatMoney } from '../../../../src-shared/format';
import { initials } from '../../clients/list/ClientsTable';
import { ReturnStateBadge, StatusBadge } from '../DocBadges';
import { TYPE_SHORT } from '../docUi';
import { EdoMark } from '../../edo/edoUi';
import type { DocumentColumn } from '../../../../src-shared/lists';


type Column = { key: DocumentColumn; title: string; width?: number; num?: boolean };
const COLUMNS: Column[] = [
  { key: 'type', title: 'Тип', width: 120 },
  { key: 'number', title: 'Номер', width: 110 },
  { key: 'date', title: 'Дата', width: 88 },
  { key: 'client', title: 'Клиент' },
  { key: 'contract', title: 'Договор', width: 110 },
  { key: 'amount', title: 'Сумма', width: 108, num: true },
  { key: 'sio', title: 'СИО', width: 104 },
  { key: 'planned', title: 'Вернуть до', width: 92 },
  { key: 'state', title: 'Состояние', width: 190 },
];
// With the widths above the register fits a 1280 px wide window without scrolling sideways (test/e2e/texts.test.ts).
const CLIENT_MIN_WIDTH = 150;

const CELL: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
const NUM: CSSProperties = { ...CELL, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };

const Row = memo(function Row({
  d,
  index,
  selected,
  today,
  columns,
  onOpen,
}: {
  d: DocumentListItem;
  index: number;
  selected: boolean;
  today: string;
  columns: readonly Column[];
  onOpen: (i: number) => void;
}) {
  const cells: Record<DocumentColumn, () => ReactNode> = {
    type: () => <Table.Td style={CELL}>{TYPE_SHORT[d.type]}</Table.Td>,
    number: () => (
      <Table.Td style={CELL}>
        <Text size="sm" fw={selected ? 600 : 400} span>
          {d.number}
        </Text>{' '}
        <StatusBadge status={d.status} type={d.type} />
      </Table.Td>
    ),
    date: () => <Table.Td style={CELL}>{formatDate(d.date)}</Table.Td>,
    client: () => (
      <Table.Td style={CELL} title={`${d.clientName} — ${d.counterpartyName}`}>
        {d.clientName}
      </Table.Td>
    ),
    contract: () => <Table.Td style={CELL}>{d.parentNumber ?? ''}</Table.Td>,
    amount: () => <Table.Td style={NUM}>{d.amountKop ? formatMoney(d.amountKop) : ''}</Table.Td>,
    sio: () => (
      <Table.Td style={CELL} title={d.sio?.fullName}>
        {d.sio ? initials(d.sio.fullName) : ''}
      </Table.Td>
    ),
    planned: () => <Table.Td style={CELL}>{formatDate(d.plannedReturn)}</Table.Td>,
    state: () => (
      <Table.Td style={CELL}>
        {d.returnState === 'not_tracked' ? (
          <Text size="xs" c="dimmed">
            не отслеживается
          </Text>
        ) : (
          <ReturnStateBadge d={d} today={today} short />
        )}
        {d.edoState && <EdoMark state={d.edoState} />}
      </Table.Td>
    ),
  };
  return (
    <Table.Tr
      h={ROW_HEIGHT}
      data-index={index}
      data-doc-id={d.id}
      data-testid={`register-row-${d.number}`}
      aria-selected={selected}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer' }}
      onClick={() => onOpen(index)}
    >
      {columns.map((c) => (
        <Fragment key={c.key}>{cells[c.key]()}</Fragment>
      ))}
    </Table.Tr>
  );
});

function Placeholder({ index, span }: { index: number; span: number }) {
  return (
    <Table.Tr h={ROW_HEIGHT} data-index={index}>
      <Table.Td colSpan={span}>
        <Text size="xs" c="dimmed">
          загрузка…
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function RegisterTable({
  rows,
  today,
  ensure,
  onOpen,
  shown,
}: {
  rows: (DocumentListItem | undefined)[];
  /** The columns the employee chose (all when not given); the type always stays. */
  shown?: readonly DocumentColumn[];
  today: string;
  ensure: (from: number, to: number) => void;
  onOpen: (d: DocumentListItem) => void;
}) {
  const [selected, setSelected] = useState(-1);
  const { scrollRef, virtualRows, padTop, padBottom, pageSize } = useVirtualTable({ count: rows.length, selected, overscan: 15 });
  useInitialFocus(scrollRef);
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (rows.length) ensure(first, last + 1);
  }, [first, last, rows.length, ensure]);

  const open = (i: number) => {
    setSelected(i);
    const d = rows[i];
    if (d) onOpen(d);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = navTarget(e.key, selected, rows.length, pageSize);
    if (to != null) {
      e.preventDefault();
      setSelected(to);
    } else if (e.key === 'Enter' && selected >= 0) {
      e.preventDefault();
      open(selected);
    }
  };

  const columns = useMemo(() => (shown ? COLUMNS.filter((c) => c.key === 'type' || shown.includes(c.key)) : COLUMNS), [shown]);
  const minWidth = columns.reduce((s, c) => s + (c.width ?? CLIENT_MIN_WIDTH), 0);

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="register-table"
      style={TABLE_BOX_STYLE}
    >
      <Table stickyHeader layout="fixed" highlightOnHover horizontalSpacing={8} verticalSpacing={0} fz="sm" miw={minWidth} aria-rowcount={rows.length}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          <Table.Tr h={HEAD_HEIGHT} bg="gray.0">
            {columns.map((c) => (
              <Table.Th key={c.key} fz="xs" c="dimmed" style={c.num ? { ...CELL, textAlign: 'right' } : CELL}>
                {c.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
          {virtualRows.map((v) => {
            const d = rows[v.index];
            return d ? <Row key={d.id} d={d} index={v.index} selected={v.index === selected} today={today} columns={columns} onOpen={open} /> : <Placeholder key={`p${v.index}`} index={v.index} span={columns.length} />;
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}
