// «Столбцы»: which columns of a list the employee sees, kept on the server per employee; the first column always stays.
import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, Menu, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { COLUMN_LABELS, type ListName } from '../../../src-shared/lists';
import { call } from '../../api/transport';

/** The employee's columns of a list in the list's own order; the defaults until the server answers or when never chosen. */
export function useListColumns<K extends string>(list: ListName, all: readonly K[], defaults: readonly K[] = all): [K[], (next: K[]) => void] {
  const [cols, setCols] = useState<K[]>([...defaults]);
  useEffect(() => {
    let alive = true;
    call('lists.columns.get', { list }).then(
      (saved) => {
        if (alive && saved) setCols(all.filter((c) => c === all[0] || saved.includes(c)));
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
    // `all` is a module constant.
  }, [list]);
  const update = useCallback(
    (next: K[]) => {
      setCols(next);
      void call('lists.columns.save', { list, columns: next }).catch(() => undefined);
    },
    [list],
  );
  return [cols, update];
}

export function ColumnsMenu<K extends string>({ list, all, value, onChange }: { list: ListName; all: readonly K[]; value: readonly K[]; onChange: (next: K[]) => void }) {
  const toggle = (k: K, on: boolean) => onChange(all.filter((c) => (c === k ? on : value.includes(c))));
  return (
    <Menu position="bottom-end" withinPortal closeOnItemClick={false}>
      <Menu.Target>
        <Button size="compact-sm" variant="default" leftSection={<IconColumns size={14} />} data-testid="columns-menu">
          Столбцы
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={6} p="xs" data-testid="columns-list">
          {all.map((k, i) => (
            <Checkbox key={k} size="xs" label={COLUMN_LABELS[list][k]} checked={i === 0 || value.includes(k)} disabled={i === 0} onChange={(e) => toggle(k, e.currentTarget.checked)} />
          ))}
        </Stack>
      </Menu.Dropdown>
    </Menu>
  );
}
