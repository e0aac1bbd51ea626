// The client list as a dense table: sticky header, sortable columns, rows virtualised with @tanstack/react-virtual.
import { memo, useMemo, type CSSProperties, type KeyboardEvent } from 'react';
import { Checkbox, Table, Text, UnstyledButton, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { HEAD_HEIGHT, ROW_HEIGHT, TABLE_BOX_STYLE, useVirtualTable } from '../../../components/useVirtualTable';
import type { ClientListItem, ReadinessStageSetting, SearchMatch } from '../../../../src-shared/types';
import { ClientStatusBadge, KeyBadge, ReadyBadges, SchemeBadge } from '../../../components/StatusBadges';
import type { SortKey, SortState } from './sortClients';
import type { ClientColumn } from '../../../../src-shared/lists';
import { matchLabel } from '../../../components/searchMatch';
import { GbBadges } from '../../../components/glavbukh/GbBadge';
import { todayIso } from '../card/format';


interface Column {
  key: ClientColumn | 'matched' | 'pick';
  title: string;
  width?: number;
  sort?: SortKey;
}

const COLUMNS: Column[] = [
  { key: 'name', title: 'Наименование', sort: 'name' },
  { key: 'inn', title: 'ИНН', width: 108, sort: 'inn' },
  { key: 'city', title: 'Город', width: 112, sort: 'city' },
  { key: 'phone', title: 'Телефон', width: 138 },
  { key: 'sio', title: 'СИО', width: 116, sort: 'sio' },
  { key: 'scheme', title: 'Схема', width: 88, sort: 'scheme' },
  { key: 'ready', title: 'Готовность', width: 136 },
  { key: 'gb', title: 'Главбух', width: 132 },
  { key: 'status', title: 'Статус', width: 112, sort: 'status' },
];
/** Shown until the employee chooses: the Главбух badge stands beside the name instead of a column of its own (the table fits 1280 px). */
export const DEFAULT_CLIENT_COLUMNS: readonly ClientColumn[] = COLUMNS.map((c) => c.key as ClientColumn).filter((k) => k !== 'gb');
const MATCH_COLUMN: Column = { key: 'matched', title: 'Совпадение', width: 200 };
const PICK_COLUMN: Column = { key: 'pick', title: '', width: 34 };

/** Ticking rows for a bulk action (heads): the ticked ids and how to change them. */
export interface RowPicking {
  picked: ReadonlySet<number>;
  toggle: (id: number) => void;
  toggleAll: (on: boolean) => void;
}
/** The name keeps at least this much; past it the table scrolls sideways rather than squeezing names to «ООО «…». */
const NAME_MIN_WIDTH = 210;

/** «Петров Пётр Ильич» → «Петров П. И.»: the full name is in the tooltip, the column stays narrow. */
export function initials(fullName: string): string {
  const [last, ...rest] = fullName.trim().split(/\s+/);
  if (!last || rest.length === 0) return fullName;
  return `${last} ${rest.map((p) => `${p[0]}.`).join(' ')}`;
}

/** The table's short form: a contact by surname and initials; the tooltip has the full text with the position. */
function shortMatchLabel(m: SearchMatch): string {
  return m.kind === 'contact' ? `Контакт: ${initials(m.name)}${m.active ? '' : ' (в архиве)'}` : matchLabel(m);
}

const CELL: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
const CELL_NUM: CSSProperties = { ...CELL, fontVariantNumeric: 'tabular-nums' };

const Row = memo(function Row({
  item,
  index,
  selected,
  columns,
  picked,
  onPick,
  stages,
  gbDays,
  gbInName,
  onOpen,
}: {
  gbDays: number;
  gbInName: boolean;
  item: ClientListItem;
  index: number;
  selected: boolean;
  columns: readonly Column[];
  picked: boolean | null;
  onPick: ((id: number) => void) | null;
  stages: readonly ReadinessStageSetting[] | undefined;
  onOpen: (index: number) => void;
}) {
  const cell = (key: Column['key']) => {
    switch (key) {
      case 'pick':
        return (
          <Table.Td key={key} onClick={(e) => e.stopPropagation()}>
            <Checkbox size="xs" aria-label={`Выбрать «${item.name}»`} checked={!!picked} onChange={() => onPick?.(item.id)} data-testid="pick-client" />
          </Table.Td>
        );
      case 'name':
        return (
          <Table.Td key={key} style={CELL} data-col="name">
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={selected ? 600 : 400} style={CELL} title={item.name}>
                {item.name}
              </Text>
              {item.isKey && (
                <span style={{ flexShrink: 0, display: 'inline-flex' }}>
                  <KeyBadge />
                </span>
              )}
              {gbInName && item.gb.length > 0 && (
                <span style={{ flexShrink: 0, display: 'inline-flex', gap: 4 }} data-testid="gb-in-name">
                  <GbBadges badges={item.gb} today={todayIso()} expiringDays={gbDays} short="name" />
                </span>
              )}
            </Group>
          </Table.Td>
        );
      case 'inn':
        return (
          <Table.Td key={key} style={CELL_NUM}>
            {item.inn}
          </Table.Td>
        );
      case 'city':
        return (
          <Table.Td key={key} style={CELL} title={item.city ?? undefined}>
            {item.city}
          </Table.Td>
        );
      case 'phone':
        return (
          <Table.Td key={key} style={CELL}>
            {item.phone}
          </Table.Td>
        );
      case 'sio':
        return (
          <Table.Td key={key} style={CELL} title={item.sioName ?? undefined}>
            {item.sioName && initials(item.sioName)}
          </Table.Td>
        );
      case 'scheme':
        return (
          <Table.Td key={key} style={CELL}>
            <SchemeBadge scheme={item.schemes} />
          </Table.Td>
        );
      case 'ready':
        return (
          <Table.Td key={key} style={CELL}>
            <ReadyBadges codes={item.ready} stages={stages} />
          </Table.Td>
        );
      case 'gb':
        return (
          <Table.Td key={key} style={CELL} data-col="gb">
            <GbBadges badges={item.gb} today={todayIso()} expiringDays={gbDays} short />
          </Table.Td>
        );
      case 'status':
        return (
          <Table.Td key={key} style={CELL}>
            <ClientStatusBadge status={item.status} />
          </Table.Td>
        );
      case 'matched':
        return (
          <Table.Td
            key={key}
            style={CELL_NUM}
            c={item.matched?.kind === 'name' ? 'dimmed' : 'indigo.8'}
            fw={item.matched?.kind === 'name' ? 400 : 500}
            data-testid="matched"
            data-kind={item.matched?.kind}
            title={item.matched ? matchLabel(item.matched) : undefined}
          >
            {item.matched && shortMatchLabel(item.matched)}
          </Table.Td>
        );
    }
  };
  return (
    <Table.Tr
      h={ROW_HEIGHT}
      data-client-id={item.id}
      data-index={index}
      aria-selected={selected}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer' }}
      onClick={() => onOpen(index)}
    >
      {columns.map((c) => cell(c.key))}
    </Table.Tr>
  );
});

export function ClientsTable({
  items,
  selectedIndex,
  stages,
  sort,
  onSort,
  onOpen,
  onKeyDown,
  shown,
  picking,
  gbDays = 30,
}: {
  /** The settings' «истекает в течение N дней» for the Главбух badges. */
  gbDays?: number;
  items: ClientListItem[];
  /** The columns the employee chose (all when not given). */
  shown?: readonly ClientColumn[];
  /** Present for those who may act on many clients at once: a tick column. */
  picking?: RowPicking | null;
  selectedIndex: number;
  stages: readonly ReadinessStageSetting[] | undefined;
  sort: SortState | null;
  onSort: (key: SortKey) => void;
  onOpen: (index: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>, pageSize: number) => void;
}) {
  const showMatch = items.some((i) => i.matched);
  const canPick = picking != null;
  // One array per choice, so the memoised rows are not all redrawn on every render.
  const columns = useMemo(() => {
    const chosen = COLUMNS.filter((c) => c.key === 'name' || (shown ?? DEFAULT_CLIENT_COLUMNS).includes(c.key as ClientColumn));
    // During a search the reason stands next to the name, where the eye already is, and never scrolls out of view.
    return [...(canPick ? [PICK_COLUMN] : []), chosen[0]!, ...(showMatch ? [MATCH_COLUMN] : []), ...chosen.slice(1)];
  }, [shown, canPick, showMatch]);
  const allPicked = picking != null && items.length > 0 && items.every((i) => picking.picked.has(i.id));
  const minWidth = columns.reduce((sum, c) => sum + (c.width ?? NAME_MIN_WIDTH), 0);
  const { scrollRef, virtualRows, padTop, padBottom, pageSize } = useVirtualTable({ count: items.length, selected: selectedIndex, scrollKey: items });

  return (
    <div
      ref={scrollRef}
      data-testid="clients-table"
      tabIndex={0}
      onKeyDown={(e) => onKeyDown(e, pageSize)}
      style={TABLE_BOX_STYLE}
    >
      <Table stickyHeader layout="fixed" highlightOnHover horizontalSpacing={8} verticalSpacing={0} fz="sm" miw={minWidth} aria-rowcount={items.length}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          <Table.Tr h={HEAD_HEIGHT} bg="gray.0">
            {columns.map((c) => (
              <Table.Th key={c.key} style={CELL} fz="xs" c="dimmed" aria-sort={sort?.key === c.sort ? (sort?.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.key === 'pick' && picking ? (
                  <Checkbox
                    size="xs"
                    aria-label="Выбрать все показанные"
                    checked={allPicked}
                    indeterminate={!allPicked && items.some((i) => picking.picked.has(i.id))}
                    onChange={(e) => picking.toggleAll(e.currentTarget.checked)}
                    data-testid="pick-all"
                  />
                ) : c.sort ? (
                  <UnstyledButton fz="xs" fw={600} c="dimmed" onClick={() => onSort(c.sort!)} title="Сортировать; третье нажатие — по релевантности" tabIndex={-1}>
                    <Group gap={2} wrap="nowrap">
                      {c.title}
                      {sort?.key === c.sort && (sort.dir === 'asc' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />)}
                    </Group>
                  </UnstyledButton>
                ) : (
                  c.title
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
          {virtualRows.map((v) => {
            const item = items[v.index]!;
            return (
              <Row
                key={item.id}
                item={item}
                index={v.index}
                selected={v.index === selectedIndex}
                columns={columns}
                picked={picking ? picking.picked.has(item.id) : null}
                onPick={picking?.toggle ?? null}
                gbDays={gbDays}
                gbInName={!columns.some((c) => c.key === 'gb')}
                stages={stages}
                onOpen={onOpen}
              />
            );
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}
