// «Документы»: the register of all documents with filters (type, return state, СИО, client, period, number) kept per employee, and a row count.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFilterOff, IconRefresh } from '@tabler/icons-react';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, RETURN_STATES, RETURN_STATE_LABELS } from '../../../../src-shared/doc-types';
import { navigate } from '../../../app/router';
import { useSession } from '../../../app/session';
import { DateField } from '../../../components/DateField';
import { isValidIsoDate } from '../../../../src-shared/api/common';
import { todayIso } from '../../clients/card/format';
import { ClientFilter } from '../ClientFilter';
import { RegisterTable } from './RegisterTable';
import { EMPTY_FILTERS, loadFilters, registerInput, saveFilters, useRegister, type RegisterFilters } from './useRegister';
import { DOCUMENT_COLUMNS } from '../../../../src-shared/lists';
import { call } from '../../../api/transport';
import { SavedFiltersMenu } from '../../../components/lists/SavedFiltersMenu';
import { ColumnsMenu, useListColumns } from '../../../components/lists/ColumnsMenu';
import { downloadExport } from '../../../components/lists/exportXlsx';

export function DocumentsRegister() {
  const { user, refs } = useSession();
  const [filters, setFilters] = useState<RegisterFilters>(() => loadFilters(user.id));
  const [number, setNumber] = useState(filters.number);
  const [debouncedNumber] = useDebouncedValue(number, 300);
  const effective = { ...filters, number: debouncedNumber };
  const reg = useRegister(effective);
  const [columns, setColumns] = useListColumns('documents', DOCUMENT_COLUMNS);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    await downloadExport(() => call('lists.documentsXlsx', { ...registerInput(effective), columns }));
    setExporting(false);
  };
  const applySaved = (raw: Record<string, unknown>) => {
    const f = { ...EMPTY_FILTERS, ...(raw as Partial<RegisterFilters>) };
    setFilters(f);
    setNumber(typeof f.number === 'string' ? f.number : '');
  };
  const set = <K extends keyof RegisterFilters>(k: K, v: RegisterFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  useEffect(() => saveFilters(user.id, { ...filters, number: debouncedNumber }), [filters, debouncedNumber, user.id]);

  const sioOptions = (refs?.employees ?? []).filter((e) => e.roles.includes('sio')).map((e) => ({ value: String(e.id), label: e.fullName }));
  const filtered = JSON.stringify(effective) !== JSON.stringify(EMPTY_FILTERS);
  const periodBad = filters.dateFrom && filters.dateTo && filters.dateTo < filters.dateFrom;

  return (
    <Stack gap="sm" h="calc(100vh - 80px)" data-testid="documents-register">
      <Group justify="space-between">
        <Title order={3}>Документы</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="register-count">
            {reg.total == null ? 'Загрузка…' : `Найдено: ${reg.total.toLocaleString('ru-RU')}`}
          </Text>
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={reg.reload}>
            Обновить
          </Button>
          <SavedFiltersMenu list="documents" current={effective as unknown as Record<string, unknown>} onApply={applySaved} />
          <ColumnsMenu list="documents" all={DOCUMENT_COLUMNS} value={columns} onChange={setColumns} />
          <Button size="xs" variant="default" leftSection={<IconFileSpreadsheet size={14} />} loading={exporting} onClick={() => void exportXlsx()} data-testid="documents-export">
            В XLSX
          </Button>
        </Group>
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput size="xs" w={110} label="Номер" placeholder="Д-2026-0012" value={number} onChange={(e) => setNumber(e.currentTarget.value)} data-testid="filter-number" />
        <Select
          size="xs"
          w={150}
          label="Тип"
          placeholder="Все типы"
          clearable
          data={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
          value={filters.type}
          onChange={(v) => set('type', v as RegisterFilters['type'])}
          data-testid="filter-type"
        />
        <Select
          size="xs"
          w={170}
          label="Возврат"
          placeholder="Любое состояние"
          clearable
          data={RETURN_STATES.map((s) => ({ value: s, label: RETURN_STATE_LABELS[s] }))}
          value={filters.returnState}
          onChange={(v) => set('returnState', v as RegisterFilters['returnState'])}
          data-testid="filter-state"
        />
        <Select
          size="xs"
          w={170}
          label="СИО"
          placeholder="Все СИО"
          clearable
          searchable
          data={sioOptions}
          value={filters.sioId != null ? String(filters.sioId) : null}
          onChange={(v) => set('sioId', v ? Number(v) : null)}
        />
        <ClientFilter w={230} value={filters.client} onChange={(c) => set('client', c)} />
        <DateField size="xs" w={110} label="Дата с" value={filters.dateFrom} onChange={(d) => set('dateFrom', d && !isValidIsoDate(d) ? filters.dateFrom : d)} clearable />
        <DateField size="xs" w={110} label="по" value={filters.dateTo} onChange={(d) => set('dateTo', d && !isValidIsoDate(d) ? filters.dateTo : d)} clearable error={periodBad ? 'Раньше начала' : undefined} />
        {filtered && (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => {
              setFilters(EMPTY_FILTERS);
              setNumber('');
            }}
          >
            Сбросить
          </Button>
        )}
      </Group>
      {reg.error && <Alert color="red">Список не загрузился: {reg.error}</Alert>}
      {reg.total === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {filtered ? 'По этим условиям документов нет. Измените или сбросьте фильтры.' : 'Документов пока нет. Договоры и другие документы создаются в карточке клиента на вкладке «Документы».'}
        </Text>
      ) : (
        <RegisterTable shown={columns} rows={reg.rows} today={todayIso()} ensure={reg.ensure} onOpen={(d) => navigate(`/documents/${d.id}`)} />
      )}
    </Stack>
  );
}
