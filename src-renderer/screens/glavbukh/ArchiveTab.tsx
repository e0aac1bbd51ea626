// The archive of certification requests: who built each, when, for which programme, how many clients; its clients and the file.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { GbRequestDetail, GbRequestSummary } from '../../../src-shared/glavbukh-requests';
import { formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { downloadGbRequestFile } from './gbTexts';

export function ArchiveTab() {
  const [items, setItems] = useState<GbRequestSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<GbRequestDetail | null>(null);
  useEffect(() => {
    call('glavbukh.requests.list', {}).then(setItems, setError);
  }, []);
  if (error) return <Alert color="red">Архив не загружен: {errorText(error)}</Alert>;
  if (!items) return <Loader size="sm" />;
  if (!items.length) return <Text c="dimmed">Заявок ещё нет. Соберите первую на вкладке «Новая заявка».</Text>;

  const download = (r: GbRequestSummary) => void downloadGbRequestFile(r.id, r.fileName).catch((e: unknown) => notifications.show({ color: 'red', message: `Файл не скачан: ${errorText(e)}` }));
  const show = (id: number) => void call('glavbukh.requests.get', { id }).then(setOpen, (e: unknown) => notifications.show({ color: 'red', message: errorText(e) }));

  return (
    <Stack gap="md">
      <Table striped highlightOnHover stickyHeader data-testid="gb-archive">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>№</Table.Th>
            <Table.Th>Создана</Table.Th>
            <Table.Th>Кто</Table.Th>
            <Table.Th>Программа</Table.Th>
            <Table.Th>Клиентов</Table.Th>
            <Table.Th>Примечание</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-testid="gb-archive-row">
              <Table.Td>
                <Anchor component="button" onClick={() => show(r.id)}>
                  {r.id}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
              <Table.Td>{r.createdBy?.name ?? '—'}</Table.Td>
              <Table.Td>{r.programme}</Table.Td>
              <Table.Td>{r.clientCount}</Table.Td>
              <Table.Td>{r.note ?? ''}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="light" onClick={() => show(r.id)}>
                    Клиенты
                  </Button>
                  <Button size="compact-xs" variant="light" onClick={() => download(r)} data-testid="gb-archive-download">
                    Скачать
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && (
        <Stack gap="xs" data-testid="gb-archive-clients">
          <Title order={5}>
            Заявка № {open.id} от {formatDateTime(open.createdAt)}: {open.clientCount} клиент(ов)
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Клиент</Table.Th>
                <Table.Th>ИНН</Table.Th>
                <Table.Th>Контактное лицо</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {open.items.map((it, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{it.clientId ? <Anchor href={`#/clients/${it.clientId}`}>{it.name}</Anchor> : it.name}</Table.Td>
                  <Table.Td>{it.inn}</Table.Td>
                  <Table.Td>{it.contactName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
