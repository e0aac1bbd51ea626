// The K+ systems catalogue on screens: from the session's reference data, as a lookup, a select and a kit label.
import { useMemo } from 'react';
import { Select, Text, type SelectProps } from '@mantine/core';
import { systemCatalog, systemOptionLabel, type SystemCatalog } from '../../src-shared/systems';
import { useSession } from '../app/session';

/** The catalogue as loaded with the reference data; it reloads when an administrator edits it (refs.changed). */
export function useSystems(): SystemCatalog {
  const { refs } = useSession();
  return useMemo(() => systemCatalog(refs?.systems ?? []), [refs]);
}

/**
 * Picks a system from the catalogue: «SKJP — Юрист». Inactive systems are offered only when they are the current
 * value (an existing kit keeps its system); typing filters by code and by name.
 */
export function SystemSelect({ value, onChange, ...rest }: { value: string; onChange: (code: string) => void } & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const cat = useSystems();
  const data = cat.list
    .filter((s) => s.active || s.code === value)
    .map((s) => ({ value: s.code, label: `${systemOptionLabel(s)}${s.number != null ? ` (№ ${s.number})` : ''}${s.active ? '' : ' — не используется'}` }));
  return (
    <Select
      searchable
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      nothingFoundMessage="Нет такой системы в справочнике"
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}

/** A kit as lists show it: the code people search by, and the system's name a client recognises. */
export function KitLabel({ code, systemName }: { code: string; systemName: string | null }) {
  return (
    <Text span size="sm">
      <Text span ff="monospace" fw={500} size="sm">
        {code}
      </Text>
      {systemName && (
        <Text span size="xs" c="dimmed" data-testid="kit-system-name">
          {' '}
          {systemName}
        </Text>
      )}
    </Text>
  );
}
