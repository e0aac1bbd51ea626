// The unrecognised mail queue: messages no rule turned into a task; open one, make a task from it, or dismiss it (with confirmation).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Center, Grid, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconChecklist, IconMailOff, IconTrash } from '@tabler/icons-react';
import type { MailMessageView, QueueItem, QueueStatus } from '../../../src-shared/mail-types';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { fmtDateTime, QUEUE_REASON_LABELS } from '../tasks/taskFormat';
import { MessageView } from './MessageView';
import { MakeTaskDialog } from './MakeTaskDialog';

const STATUS_LABELS: Record<QueueStatus, string> = { open: 'Ждут разбора', converted: 'Стали поручениями', dismissed: 'Отклонённые' };
const REASON_COLORS = { no_rule: 'yellow', no_fields: 'yellow', broken_mime: 'red', error: 'red', too_large: 'red', parse_timeout: 'red' } as const;

function useQueue(status: QueueStatus) {
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      const r = await call('mail.queue.list', { status, limit: 500 });
      setItems(r.items);
      setTotal(r.total);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [status]);
  useEffect(() => {
    void load();
    return onPush((event) => {
      if (event === 'mail.queue.changed') void load();
    });
  }, [load]);
  return { items, total, error, reload: load };
}

function Opened({ id, onHandled }: { id: number; onHandled: () => void }) {
  const { hasRole } = useSession();
  const [item, setItem] = useState<(QueueItem & { mail: MailMessageView }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [making, setMaking] = useState(false);
  useEffect(() => {
    setItem(null);
    call('mail.queue.get', { id })
      .then(setItem)
      .catch(setError);
  }, [id]);
  if (error) return <Alert color="red">{errorText(error)}</Alert>;
  if (!item)
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  const dismiss = () =>
    modals.openConfirmModal({
      title: 'Отклонить письмо?',
      children: <Text size="sm">Письмо «{item.message.subject ?? 'без темы'}» уйдёт из очереди без поручения. Оно останется в списке «Отклонённые».</Text>,
      labels: { confirm: 'Отклонить', cancel: 'Отмена' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-dismiss' },
      onConfirm: async () => {
        try {
          await call('mail.queue.dismiss', { id: item.id });
          notifications.show({ color: 'gray', message: 'Письмо отклонено', autoClose: 3000 });
          onHandled();
        } catch (err) {
          notifications.show({ color: 'red', title: 'Не отклонено', message: errorText(err) });
        }
      },
    });
  return (
    <Stack gap="sm" data-testid="queue-opened">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={REASON_COLORS[item.reason]} variant="light" tt="none">
            {QUEUE_REASON_LABELS[item.reason]}
          </Badge>
          {item.status !== 'open' && (
            <Text size="sm" c="dimmed">
              {item.status === 'converted' ? 'Стало поручением' : 'Отклонено'}
              {item.resolvedBy && ` — ${item.resolvedBy.fullName}, ${fmtDateTime(item.resolvedAt)}`}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          {item.status === 'open' && (
            <>
              <Button leftSection={<IconChecklist size={16} />} onClick={() => setMaking(true)} data-testid="queue-make-task">
                Создать поручение…
              </Button>
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={dismiss} data-testid="queue-dismiss">
                Отклонить…
              </Button>
            </>
          )}
          {item.taskId && (
            <Button variant="light" onClick={() => navigate(`/tasks/${item.taskId}`)}>
              Открыть поручение
            </Button>
          )}
        </Group>
      </Group>
      <MessageView message={item.mail} maxTextHeight={560} ruleTest={hasRole('admin')} />
      {making && (
        <MakeTaskDialog
          queueId={item.id}
          mail={item.mail}
          onClose={() => setMaking(false)}
          onDone={(taskId) => {
            setMaking(false);
            navigate(`/tasks/${taskId}`);
          }}
        />
      )}
    </Stack>
  );
}

export function QueueScreen({ openId }: { openId: number | null }) {
  const [status, setStatus] = useState<QueueStatus>('open');
  const { items, total, error, reload } = useQueue(status);
  const open = (id: number | null) => navigate(id ? `/tasks/queue/${id}` : '/tasks/queue');
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/tasks')}>
            Поручения
          </Button>
          <Title order={3}>Нераспознанные письма</Title>
        </Group>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => setStatus(v as QueueStatus)}
          data={(Object.keys(STATUS_LABELS) as QueueStatus[]).map((s) => ({ value: s, label: s === status && items ? `${STATUS_LABELS[s]} (${total})` : STATUS_LABELS[s] }))}
          data-testid="queue-status"
        />
      </Group>
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          {!items ? (
            <Center h={200}>
              <Loader />
            </Center>
          ) : items.length === 0 ? (
            <Paper withBorder p="lg" data-testid="queue-empty">
              <Stack align="center" gap={4}>
                <IconMailOff size={32} color="var(--mantine-color-gray-5)" />
                <Text fw={600}>{status === 'open' ? 'Все письма разобраны' : 'Здесь пока пусто'}</Text>
                <Text size="sm" c="dimmed" ta="center">
                  Сюда попадают письма, которые не подошли ни под одно правило разбора или повреждены. Их можно превратить в поручение или отклонить.
                </Text>
              </Stack>
            </Paper>
          ) : (
            <Paper withBorder style={{ overflow: 'auto', maxHeight: 'calc(100vh - 170px)' }}>
              <Table highlightOnHover fz="sm" verticalSpacing={4} horizontalSpacing={8} stickyHeader data-testid="queue-table">
                <Table.Thead>
                  <Table.Tr bg="gray.0">
                    <Table.Th fz="xs" c="dimmed" w={120}>Получено</Table.Th>
                    <Table.Th fz="xs" c="dimmed">Письмо</Table.Th>
                    <Table.Th fz="xs" c="dimmed" w={150}>Причина</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((q) => (
                    <Table.Tr
                      key={q.id}
                      data-queue-id={q.id}
                      onClick={() => open(q.id)}
                      style={{ cursor: 'pointer' }}
                      bg={q.id === openId ? 'var(--mantine-primary-color-light)' : undefined}
                      tabIndex={0}
                      onKeyDown={(e) => e.key === 'Enter' && open(q.id)}
                    >
                      <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{fmtDateTime(q.message.receivedAt)}</Table.Td>
                      <Table.Td style={{ maxWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                        <Text size="sm" fw={500} truncate title={q.message.subject ?? undefined}>
                          {q.message.subject ?? '(без темы)'}
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {q.message.from ?? 'отправитель не указан'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge size="xs" color={REASON_COLORS[q.reason]} variant="light" tt="none">
                          {QUEUE_REASON_LABELS[q.reason]}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {openId ? (
            <Opened
              key={openId}
              id={openId}
              onHandled={() => {
                void reload();
                open(null);
              }}
            />
          ) : (
            <Text c="dimmed" size="sm" mt="md">
              Выберите письмо слева, чтобы прочитать его.
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
