// A compact client filter for dense filter rows: type part of a name, ИНН or phone (clients.search), pick one; empty means all clients.
import { useEffect, useState } from 'react';
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { call } from '../../api/transport';

export type ClientRef = { id: number; name: string };

export function ClientFilter({ value, onChange, w = 240 }: { value: ClientRef | null; onChange: (c: ClientRef | null) => void; w?: number }) {
  const [query, setQuery] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(query, 250);
  const [options, setOptions] = useState<{ value: string; label: string }[]>(value ? [{ value: String(value.id), label: value.name }] : []);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const q = debounced.trim();
    if (q.length < 2 || q === value?.name) return;
    let alive = true;
    setBusy(true);
    call('clients.search', { query: q, limit: 20 })
      .then((r) => {
        if (!alive) return;
        const found = r.items.map((c) => ({ value: String(c.id), label: c.name }));
        if (value && !found.some((o) => o.value === String(value.id))) found.unshift({ value: String(value.id), label: value.name });
        setOptions(found);
      })
      .catch(() => undefined)
      .finally(() => alive && setBusy(false));
    return () => {
      alive = false;
    };
  }, [debounced, value]);

  return (
    <Select
      size="xs"
      w={w}
      label="Клиент"
      placeholder="Все клиенты"
      searchable
      clearable
      filter={({ options: o }) => o}
      searchValue={query}
      onSearchChange={setQuery}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(v, opt) => onChange(v ? { id: Number(v), name: opt?.label ?? '' } : null)}
      rightSection={busy ? <Loader size="xs" /> : undefined}
      nothingFoundMessage={query.trim().length < 2 ? 'Введите хотя бы 2 символа' : 'Клиент не найден'}
      comboboxProps={{ withinPortal: true }}
      data-testid="client-filter"
    />
  );
}
