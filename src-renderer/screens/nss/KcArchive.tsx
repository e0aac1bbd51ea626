// The archive of НСС reports sent to the КЦ: month, who, when, rows; «Открыть» shows one exactly as saved (rows and differences), «Скачать» its file.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { NssKcArchiveItem, NssKcReportDetail } from '../../../src-shared/nss';
import { formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { downloadNssKcFile, monthLabel } from './kcTexts';
import { KC_PAGE, KcRowsTable } from './KcRowsTable';
import { KcDiffTabs } from './KcDiffTabs';

export function KcArchive() {
  const [items, setItems] = useState<NssKcArchiveItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<NssKcReportDetail | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    call('nss.kc.list', {}).then(setItems, setError);
  }, []);
  const show = (id: number, p = 1) =>
    void call('nss.kc.get', { id, offset: (p - 1) * KC_PAGE, limit: KC_PAGE }).then(
      (d) => {
        setOpen(d);
        setPage(p);
      },
      (e: unknown) => notifications.show({ color: 'red', message: errorText(e) }),
    );
  const download = (r: NssKcArchiveItem) => void downloadNssKcFile(r.id, r.fileName).catch((e: unknown) => notifications.show({ color: 'red', message: `Файл не скачан: ${errorText(e)}` }));

  return (
    <Stack gap="sm">
      <Title order={4}>Архив отправленных отчётов</Title>
      {error ? (
        <Alert color="red">Архив не загружен: {errorText(error)}</Alert>
      ) : !items ? (
        <Loader size="sm" />
      ) : !items.length ? (
        <Text c="dimmed">Сохранённых отчётов ещё нет.</Text>
      ) : (
        <Table striped highlightOnHover data-testid="kc-archive">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>Месяц</Table.Th>
              <Table.Th>Сохранён</Table.Th>
              <Table.Th>Кто</Table.Th>
              <Table.Th>Клиентов</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-testid="kc-archive-row">
                <Table.Td>{r.id}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {monthLabel(r.month)}
                    {r.latest ? <Badge size="xs">Последний</Badge> : <Badge size="xs" color="gray">Заменён</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                <Table.Td>{r.createdBy ?? '—'}</Table.Td>
                <Table.Td>{r.rowCount}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="light" onClick={() => show(r.id)} data-testid="kc-archive-open">
                      Открыть
                    </Button>
                    <Button size="compact-xs" variant="light" onClick={() => download(r)} data-testid="kc-archive-download">
                      Скачать
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <Stack gap="xs" data-testid="kc-archive-open-report">
          <Title order={5}>
            Отчёт № {open.id} за {monthLabel(open.month).toLowerCase()} от {formatDateTime(open.createdAt)}, как отправлен
          </Title>
          <KcDiffTabs diff={open.diff} />
          <KcRowsTable rows={open.rows} total={open.total} page={page} onPage={(p) => show(open.id, p)} totals={open.totals} />
        </Stack>
      )}
    </Stack>
  );
}
