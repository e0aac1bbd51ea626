// Filter bar of the client list: status, key clients, СИО, readiness for a stage, USR proof («нет обновлений N дней»), Главбух certificate («истекает в течение N дней»).
import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, NumberInput, Select } from '@mantine/core';
import { call } from '../../../api/transport';
import { DEFAULT_USR_SETTINGS, USR_STALE_DAYS_MAX } from '../../../../src-shared/usr-card';
import { DEFAULT_GB_SETTINGS, GB_DAYS_MAX } from '../../../../src-shared/glavbukh';
import { CLIENT_STATUSES } from '../../../../src-shared/api/common';
import type { Refs } from '../../../../src-shared/types';
import { CLIENT_STATUS_LABELS } from '../../../components/StatusBadges';
import { hasFilters } from './listPrefs';
import type { SearchFilters } from './useClientSearch';

const STATUS_OPTIONS = CLIENT_STATUSES.map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }));
const USR_OPTIONS = [
  { value: 'stale', label: 'Нет обновлений N дней' },
  { value: 'none', label: 'Нет ни одного USR' },
];
const GB_OPTIONS = [
  { value: 'certified', label: 'Сертифицирован' },
  { value: 'expiring', label: 'Истекает в течение N дней' },
  { value: 'expired', label: 'Истёк' },
  { value: 'requested', label: 'Заявка' },
  { value: 'revoked', label: 'Отозван' },
  { value: 'none', label: 'Нет сертификата' },
];

export function ClientsFilters({
  filters,
  onChange,
  refs,
  gbDefaultDays = DEFAULT_GB_SETTINGS.expiringDays,
}: {
  filters: SearchFilters;
  onChange: (f: SearchFilters) => void;
  refs: Refs | null;
  /** «Истекает в течение N дней» starts at the РИЦ's own N (the Главбух settings). */
  gbDefaultDays?: number;
}) {
  // Active СИО, plus the chosen one if they have since left, so a stored filter is never shown blank.
  const sios = (refs?.employees ?? [])
    .filter((e) => e.roles.includes('sio') && (e.active || e.id === filters.sioId))
    .map((e) => ({ value: String(e.id), label: e.active ? e.fullName : `${e.fullName} (не работает)` }));
  const stages = (refs?.readinessStages ?? []).map((s) => ({ value: s.code, label: `Готов к стадии «${s.name}»` }));
  const set = (patch: Partial<SearchFilters>) => onChange({ ...filters, ...patch });
  // «Нет обновлений N дней» starts at the РИЦ's own limit (Настройки → USR).
  const [defaultDays, setDefaultDays] = useState(DEFAULT_USR_SETTINGS.staleDays);
  useEffect(() => {
    call('usr.settings.get', {}).then(
      (s) => setDefaultDays(s.staleDays),
      () => undefined,
    );
  }, []);

  return (
    <Group gap="xs" wrap="nowrap" data-testid="clients-filters">
      <Select
        size="xs"
        w={160}
        placeholder="Все статусы"
        aria-label="Статус"
        data={STATUS_OPTIONS}
        value={filters.status ?? null}
        onChange={(v) => set({ status: (v ?? undefined) as SearchFilters['status'] })}
        clearable
        allowDeselect
      />
      <Select
        size="xs"
        w={190}
        placeholder="Все СИО"
        aria-label="СИО"
        data={sios}
        value={filters.sioId ? String(filters.sioId) : null}
        onChange={(v) => set({ sioId: v ? Number(v) : undefined })}
        searchable
        clearable
        nothingFoundMessage="Нет такого СИО"
      />
      <Select
        size="xs"
        w={220}
        placeholder="Любая готовность"
        aria-label="Готовность"
        data={stages}
        value={filters.readyStage ?? null}
        onChange={(v) => set({ readyStage: v ?? undefined })}
        clearable
      />
      <Select
        size="xs"
        w={200}
        placeholder="USR: все"
        aria-label="USR"
        data={USR_OPTIONS}
        value={filters.usr ?? null}
        onChange={(v) => set({ usr: (v ?? undefined) as SearchFilters['usr'], usrDays: v === 'stale' ? (filters.usrDays ?? defaultDays) : undefined })}
        clearable
      />
      {filters.usr === 'stale' && (
        <NumberInput
          size="xs"
          w={110}
          aria-label="Дней без обновлений"
          suffix=" дн."
          min={1}
          max={USR_STALE_DAYS_MAX}
          allowDecimal={false}
          allowNegative={false}
          value={filters.usrDays ?? defaultDays}
          onChange={(v) => typeof v === 'number' && v >= 1 && v <= USR_STALE_DAYS_MAX && set({ usrDays: v })}
        />
      )}
      <Select
        size="xs"
        w={180}
        placeholder="Главбух: все"
        aria-label="Главбух"
        data={GB_OPTIONS}
        value={filters.gb ?? null}
        onChange={(v) => set({ gb: (v ?? undefined) as SearchFilters['gb'], gbDays: v === 'expiring' ? (filters.gbDays ?? gbDefaultDays) : undefined })}
        clearable
        data-testid="gb-filter"
      />
      {filters.gb === 'expiring' && (
        <NumberInput
          size="xs"
          w={110}
          aria-label="Истекает в течение дней"
          suffix=" дн."
          min={1}
          max={GB_DAYS_MAX}
          allowDecimal={false}
          allowNegative={false}
          value={filters.gbDays ?? gbDefaultDays}
          onChange={(v) => typeof v === 'number' && v >= 1 && v <= GB_DAYS_MAX && set({ gbDays: v })}
          data-testid="gb-filter-days"
        />
      )}
      <Checkbox size="xs" label="Только ключевые" checked={filters.isKey === true} onChange={(e) => set({ isKey: e.currentTarget.checked ? true : undefined })} />
      {hasFilters(filters) && (
        <Button size="compact-xs" variant="subtle" onClick={() => onChange({})}>
          Сбросить фильтры
        </Button>
      )}
    </Group>
  );
}
