// Tab «Файлы»: stored USR files (kit, client, file date, newest update, status), filtered and paged; a side panel shows one file.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { UsrFileRow, UsrFileStatus } from '../../../src-shared/usr';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { UsrFilePanel } from './UsrFilePanel';
import { fileAtText, USR_STATUS_TEXT } from './usrTexts';

const PAGE = 100;

export function UsrFilesTab() {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const [status, setStatus] = useState<UsrFileStatus | null>(null);
  const [rows, setRows] = useState<UsrFileRow[]>([]);
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);

  useEffect(() => {
    let live = true;
    setError(null);
    call('usr.files', { ...(debounced ? { text: debounced } : {}), ...(status ? { status } : {}), offset: 0, limit: PAGE })
      .then((r) => {
        if (!live) return;
        setRows(r.rows);
        setTotal(r.total);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [debounced, status]);

  const loadMore = () => {
    setMore(true);
    call('usr.files', { ...(debounced ? { text: debounced } : {}), ...(status ? { status } : {}), offset: rows.length, limit: PAGE })
      .then((r) => setRows((prev) => [...prev, ...r.rows]))
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setMore(false));
  };

  return (
    <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
      <Stack gap="sm" style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
        <Group gap="sm">
          <TextInput placeholder="Имя файла или комплект" value={text} onChange={(e) => setText(e.currentTarget.value)} w={260} data-testid="usr-search" />
          <Select
            placeholder="Все файлы"
            clearable
            data={(Object.keys(USR_STATUS_TEXT) as UsrFileStatus[]).map((k) => ({ value: k, label: USR_STATUS_TEXT[k].label }))}
            value={status}
            onChange={(v) => setStatus(v as UsrFileStatus | null)}
            w={220}
            data-testid="usr-status"
          />
          <Text size="sm" c="dimmed" data-testid="usr-count">
            {total === 0 ? 'Файлов нет' : `Файлов: ${total}`}
          </Text>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {total === 0 && !error ? (
          <Text c="dimmed" size="sm">
            USR-файлы загружаются на экране «Импорт» (можно перетащить сразу много файлов или архив) или из отслеживаемых папок.{' '}
            <Button variant="subtle" size="compact-sm" onClick={() => navigate('/imports')}>
              Открыть «Импорт»
            </Button>
          </Text>
        ) : (
          <Table stickyHeader highlightOnHover fz="sm" data-testid="usr-files-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Дата файла</Table.Th>
                <Table.Th>Комплект</Table.Th>
                <Table.Th>Клиент</Table.Th>
                <Table.Th>Последнее обновление</Table.Th>
                <Table.Th>Статус</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const st = USR_STATUS_TEXT[r.status] ?? { label: r.status, color: 'gray' };
                const client = r.kits.find((k) => k.clientName);
                return (
                  <Table.Tr key={r.id} onClick={() => setOpen(r.id)} style={{ cursor: 'pointer' }} bg={open === r.id ? 'var(--mantine-color-blue-light)' : undefined} data-testid="usr-file-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fileAtText(r.fileAt)}</Table.Td>
                    <Table.Td>
                      <Text span ff="monospace" size="sm">
                        {r.kits.map((k) => k.kit).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{client?.clientName ?? '—'}</Table.Td>
                    <Table.Td>{r.newestUpdate ? formatDate(r.newestUpdate) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={st.color} variant="light" style={{ overflow: 'visible' }}>
                        {st.label}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {rows.length < total && (
          <Button variant="default" onClick={loadMore} loading={more} style={{ alignSelf: 'flex-start' }}>
            Показать ещё
          </Button>
        )}
      </Stack>
      {open != null && <UsrFilePanel id={open} onClose={() => setOpen(null)} />}
    </Group>
  );
}
