// Picks one client by typing part of its name, ИНН, phone or distribution (clients.search); used by filter rows and dialogs alike.
import { useEffect, useState } from 'react';
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { call } from '../api/transport';

export type ClientRef = { id: number; name: string };

/** An option keeps the bare name apart from its label, which may carry the ИНН. */
type Option = { value: string; label: string; name: string };

const optionOf = (c: ClientRef, label = c.name): Option => ({ value: String(c.id), label, name: c.name });

export function ClientPicker({
  value,
  onChange,
  label = 'Клиент',
  description,
  error,
  placeholder,
  showInn = false,
  size,
  w,
  testId = 'client-picker',
}: {
  value: ClientRef | null;
  onChange: (c: ClientRef | null) => void;
  label?: string;
  description?: string;
  error?: string;
  placeholder?: string;
  /** Show the ИНН next to found names, to tell namesakes apart. */
  showInn?: boolean;
  size?: 'xs';
  w?: number;
  testId?: string;
}) {
  const [query, setQuery] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(query, 250);
  const [options, setOptions] = useState<Option[]>(value ? [optionOf(value)] : []);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const q = debounced.trim();
    if (q.length < 2 || q === value?.name) return;
    let alive = true;
    setBusy(true);
    call('clients.search', { query: q, limit: 20 })
      .then((r) => {
        if (!alive) return;
        const found = r.items.map((c) => optionOf(c, showInn && c.inn ? `${c.name} (ИНН ${c.inn})` : c.name));
        // The chosen client stays selectable while another query runs.
        if (value && !found.some((o) => o.value === String(value.id))) found.unshift(optionOf(value));
        setOptions(found);
      })
      .catch(() => undefined)
      .finally(() => alive && setBusy(false));
    return () => {
      alive = false;
    };
  }, [debounced, value, showInn]);

  return (
    <Select
      size={size}
      w={w}
      label={label}
      description={description}
      placeholder={placeholder}
      searchable
      clearable
      filter={({ options: o }) => o}
      searchValue={query}
      onSearchChange={setQuery}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(v, opt) => onChange(v ? { id: Number(v), name: options.find((o) => o.value === v)?.name ?? opt?.label ?? '' } : null)}
      rightSection={busy ? <Loader size="xs" /> : undefined}
      nothingFoundMessage={query.trim().length < 2 ? 'Введите хотя бы 2 символа' : 'Клиент не найден'}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
