// Picks a client by typing part of its name, ИНН, phone or distribution (clients.search); empty means "find or create from the request".
import { useEffect, useState } from 'react';
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { call } from '../../api/transport';

export function ClientPicker({
  value,
  onChange,
  label = 'Клиент',
  description,
  error,
}: {
  value: { id: number; name: string } | null;
  onChange: (c: { id: number; name: string } | null) => void;
  label?: string;
  description?: string;
  error?: string;
}) {
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
        const found = r.items.map((c) => ({ value: String(c.id), label: c.inn ? `${c.name} (ИНН ${c.inn})` : c.name }));
        // The chosen client stays selectable while another query runs.
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
      label={label}
      description={description}
      placeholder="Начните вводить название, ИНН или телефон"
      searchable
      clearable
      filter={({ options: o }) => o}
      searchValue={query}
      onSearchChange={setQuery}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(v, opt) => onChange(v ? { id: Number(v), name: (opt?.label ?? '').replace(/ \(ИНН \d+\)$/, '') } : null)}
      rightSection={busy ? <Loader size="xs" /> : undefined}
      nothingFoundMessage={query.trim().length < 2 ? 'Введите хотя бы 2 символа' : 'Клиент не найден'}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="client-picker"
    />
  );
}
