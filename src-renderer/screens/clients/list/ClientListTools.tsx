// Tools of the client list: «Мои фильтры» (saved per employee), «Столбцы», «В XLSX» (the list as filtered, built on the server), and ticking rows.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { ClientListItem } from '../../../../src-shared/types';
import { CLIENT_COLUMNS, type ClientColumn } from '../../../../src-shared/lists';
import { DEFAULT_CLIENT_COLUMNS } from './ClientsTable';
import { call } from '../../../api/transport';
import { SavedFiltersMenu } from '../../../components/lists/SavedFiltersMenu';
import { ColumnsMenu, useListColumns } from '../../../components/lists/ColumnsMenu';
import { downloadExport } from '../../../components/lists/exportXlsx';
import { sanitizeFilters } from './listPrefs';
import type { SearchFilters } from './useClientSearch';
import type { RowPicking } from './ClientsTable';

export function ClientListTools({
  query,
  filters,
  onApply,
  onColumns,
}: {
  query: string;
  filters: SearchFilters;
  onApply: (f: { query: string; filters: SearchFilters }) => void;
  onColumns: (columns: ClientColumn[]) => void;
}) {
  const [columns, setColumns] = useListColumns('clients', CLIENT_COLUMNS, DEFAULT_CLIENT_COLUMNS);
  const [busy, setBusy] = useState(false);
  useEffect(() => onColumns(columns), [columns, onColumns]);
  const current = useMemo(() => ({ ...(query ? { query } : {}), ...filters }), [query, filters]);

  const exportXlsx = async () => {
    setBusy(true);
    await downloadExport(() => call('lists.clientsXlsx', { query, filters, columns }));
    setBusy(false);
  };

  return (
    <Group gap={6} wrap="nowrap">
      <SavedFiltersMenu
        list="clients"
        current={current}
        onApply={(raw) => onApply({ query: typeof raw.query === 'string' ? raw.query : '', filters: sanitizeFilters(raw) })}
      />
      <ColumnsMenu list="clients" all={CLIENT_COLUMNS} value={columns} onChange={setColumns} />
      <Button size="compact-sm" variant="default" leftSection={<IconFileSpreadsheet size={14} />} loading={busy} onClick={() => void exportXlsx()} data-testid="clients-export">
        В XLSX
      </Button>
    </Group>
  );
}

export interface Picking extends RowPicking {
  clear: () => void;
}

/** Ticked clients among the rows shown; a row that left the list (new query, filter) is no longer ticked. */
export function usePicking(rows: readonly ClientListItem[]): Picking {
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const shownIds = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const visible = useMemo(() => new Set([...picked].filter((id) => shownIds.has(id))), [picked, shownIds]);
  const toggle = useCallback((id: number) => {
    setPicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback((on: boolean) => setPicked(on ? new Set(shownIds) : new Set()), [shownIds]);
  const clear = useCallback(() => setPicked(new Set()), []);
  return { picked: visible, toggle, toggleAll, clear };
}
