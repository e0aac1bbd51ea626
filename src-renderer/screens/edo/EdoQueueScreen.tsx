// Screen «Обмен с 1С» (#/edo[/<group>]): documents handed to 1С by group, with their state, 1С number, errors and «Повторить».
import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Group, Pagination, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { EDO_QUEUE_GROUPS, type EdoQueueGroup, type EdoQueueRow } from '../../../src-shared/edo';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { fmtDateTime } from '../tasks/taskFormat';
import { EdoStateBadge, GROUP_LABELS, edoErrorText } from './edoUi';

const PAGE = 50;

const EMPTY: Record<EdoQueueGroup, string> = {
  pending: 'Очередь пуста. Выданные счета и акты клиентов «через ЭДО» попадают сюда сами; любой документ можно отправить кнопкой «Отправить в 1С» в его карточке.',
  sent: 'Нет документов, ждущих подтверждения 1С.',
  acknowledged: '1С ещё не подтвердила ни одного документа.',
  failing: 'Ошибок передачи нет.',
};

type Data = { rows: EdoQueueRow[]; total: number; counts: Record<EdoQueueGroup, number> };

function docLabel(r: EdoQueueRow): string {
  return `${DOCUMENT_TYPE_LABELS[r.type as DocumentType] ?? r.type} № ${r.number} от ${formatDate(r.date)}`;
}

export function EdoQueueScreen({ tab }: { tab?: string }) {
  const group: EdoQueueGroup = (EDO_QUEUE_GROUPS as readonly string[]).includes(tab ?? '') ? (tab as EdoQueueGroup) : 'pending';
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await call('edo.queue.list', { group, limit: PAGE, offset: (page - 1) * PAGE }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [group, page]);
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onPush((event) => {
      if (event !== 'edo.changed' || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  const retry = async (r: EdoQueueRow) => {
    setBusy(r.documentId);
    try {
      await call('edo.send', { documentId: r.documentId });
      notifications.show({ color: 'indigo', message: `${docLabel(r)}: передача в 1С повторяется` });
      void load();
    } catch (err) {
      notifications.show({ color: 'red', message: `Не повторено: ${errorText(err)}` });
    } finally {
      setBusy(null);
    }
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  return (
    <Stack gap="sm" data-testid="edo-queue">
      <Title order={3}>Обмен с 1С</Title>
      <Tabs
        value={group}
        onChange={(v) => {
          if (!v) return;
          setPage(1);
          navigate(`/edo/${v}`, { samePage: true });
        }}
      >
        <Tabs.List>
          {EDO_QUEUE_GROUPS.map((g) => (
            <Tabs.Tab key={g} value={g} data-testid={`edo-tab-${g}`}>
              {GROUP_LABELS[g]}{' '}
              <Badge size="xs" variant="light" color={g === 'failing' && data?.counts[g] ? 'red' : 'gray'} data-testid={`edo-tab-count-${g}`}>
                {data?.counts[g] ?? '…'}
              </Badge>
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {data && data.rows.length === 0 && (
        <Text size="sm" c="dimmed" py="md">
          {EMPTY[group]}
        </Text>
      )}
      {data && data.rows.length > 0 && (
        <Table withTableBorder striped highlightOnHover fz="sm" verticalSpacing={4} stickyHeader data-testid="edo-queue-table">
          <Table.Thead>
            <Table.Tr bg="gray.0">
              <Table.Th>Документ</Table.Th>
              <Table.Th>Клиент</Table.Th>
              <Table.Th w={200}>Состояние</Table.Th>
              <Table.Th w={110}>Номер в 1С</Table.Th>
              <Table.Th>Ошибка / причина</Table.Th>
              <Table.Th w={70}>Попыток</Table.Th>
              <Table.Th w={130}>Изменено</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={r.documentId} data-testid={`edo-row-${r.documentId}`}>
                <Table.Td>
                  <Anchor size="sm" onClick={() => navigate(`/documents/${r.documentId}`)}>
                    {docLabel(r)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor size="sm" c="dark" onClick={() => navigate(`/clients/${r.clientId}/documents`)}>
                    {r.clientName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <EdoStateBadge state={r.state} raw={r.stateRaw} changed={r.changed} />
                </Table.Td>
                <Table.Td>{r.onecNumber ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" c={r.error ? 'red.7' : undefined} lineClamp={2} title={r.error ? edoErrorText(r.error) : (r.reason ?? undefined)} style={{ wordBreak: 'break-word' }}>
                    {r.error ? edoErrorText(r.error) : (r.reason ?? '')}
                  </Text>
                </Table.Td>
                <Table.Td>{r.attempts || ''}</Table.Td>
                <Table.Td>{fmtDateTime(r.updatedAt)}</Table.Td>
                <Table.Td>
                  {r.group === 'failing' && (
                    <Tooltip label="Повторить передачу сейчас">
                      <ActionIcon variant="subtle" loading={busy === r.documentId} onClick={() => void retry(r)} aria-label={`Повторить ${r.number}`} data-testid="edo-retry">
                        <IconRefresh size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed" data-testid="edo-queue-total">
            Всего: {data.total}
          </Text>
          {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} />}
        </Group>
      )}
    </Stack>
  );
}
