// The task card: kind, client, request fields, deadline, assignee, status actions, the original message and the task's timeline.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Center, Grid, Group, Loader, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconHistory } from '@tabler/icons-react';
import type { TaskCard, TaskKit } from '../../../src-shared/mail-types';
import type { ClientEventRow } from '../../../src-shared/types';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { MessageView } from '../mail/MessageView';
import { NOTIFICATIONS_READ } from '../../components/NotificationBell';
import { Deadline, TaskKindBadge, TaskStatusBadge } from './TaskBadges';
import { TaskActions } from './TaskActions';
import { LinkClientDialog } from './LinkClientDialog';
import { ASSIGNED_BY_LABELS, CONTACT_RESULT_LABELS, FIELD_LABELS, fmtDateTime, fmtPhone, MATCHED_BY_LABELS } from './taskFormat';
import { taskEventText } from './taskEventText';
import { ATTEMPT_OUTCOME_LABELS } from '../../../src-shared/task-report';
import { useNow } from './useTasks';

/** Request fields in reading order; anything else the parser found follows. */
const FIELD_ORDER = ['fio', 'org', 'inn', 'city', 'phone', 'email', 'system', 'type', 'number', 'date', 'question', 'comment', 'actions', 'page'];

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w={170} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

function useTask(id: number) {
  const [task, setTask] = useState<TaskCard | null>(null);
  const [events, setEvents] = useState<ClientEventRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      const t = await call('tasks.get', { id });
      setTask(t);
      setError(null);
      if (t.client) {
        const all = await call('events.list', { clientId: t.client.id, limit: 500 });
        setEvents(all.filter((e) => e.data?.taskId === id));
      }
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void load();
    return onPush((event, data) => {
      if (event === 'task.changed' && (data as { taskId: number }).taskId === id) void load();
    });
  }, [id, load]);
  return { task, events, error, reload: load };
}

/** Whether the base knows the request's kit, in words. */
function kitStatus(k: TaskKit): string {
  if (k.owner) return `дистрибутив клиента «${k.owner.name}»`;
  if (k.problem === 'unknown_system_number') return 'номер системы не найден в справочнике систем К+';
  if (k.problem === 'unknown_system_code') return 'код системы не найден в справочнике систем К+';
  if (k.problem === 'unparsed') return 'комплект не распознан';
  return 'в базе нет такого дистрибутива';
}

export function TaskCardScreen({ id }: { id: number }) {
  const { hasRole } = useSession();
  const { task, events, error, reload } = useTask(id);
  const [linking, setLinking] = useState(false);
  const now = useNow();
  // Esc goes back to the list, unless it is closing a dialog of the card.
  useHotkeys([['Escape', () => !document.querySelector('[role="dialog"]') && navigate('/tasks')]]);
  // Opening a task reads its notifications: the bell stops counting what the employee is looking at.
  useEffect(() => {
    void call('notifications.list', { unreadOnly: true, limit: 500 })
      .then((r) => {
        const ids = r.items.filter((n) => n.taskId === id).map((n) => n.id);
        if (ids.length) return call('notifications.markRead', { ids }).then(() => window.dispatchEvent(new Event(NOTIFICATIONS_READ)));
      })
      .catch(() => undefined);
  }, [id]);

  if (error && !task)
    return (
      <Stack>
        <Back />
        <Alert color="red">{errorText(error)}</Alert>
      </Stack>
    );
  if (!task)
    return (
      <Center h="50vh">
        <Loader />
      </Center>
    );
  const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  const fields = Object.entries(task.fields).sort(([a], [b]) => rank(a) - rank(b));
  const closed = task.status === 'done' || task.status === 'declined';
  return (
    <Stack gap="sm" data-testid="task-card" data-task-id={task.id}>
      <Back />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3}>
              {task.requestNumber ? `Заявка № ${task.requestNumber}` : `Поручение № ${task.id}`}
            </Title>
            <TaskKindBadge kind={task.kind} size="md" />
            <TaskStatusBadge status={task.status} size="md" />
          </Group>
          <Group gap="md">
            <Text size="sm">
              Срок: <Deadline task={task} now={now} withText />
            </Text>
            <Text size="sm" c="dimmed">
              Направление: {task.direction.name}
            </Text>
          </Group>
        </Stack>
        <TaskActions task={task} onChanged={() => void reload()} />
      </Group>

      <LinkClientDialog task={task} opened={linking} onClose={() => setLinking(false)} onDone={() => void reload()} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm">
            <Paper withBorder p="sm">
              <Table fz="sm" verticalSpacing={3} horizontalSpacing={6} withRowBorders={false} data-testid="task-facts">
                <Table.Tbody>
                  <Fact label="Клиент">
                    {task.client ? (
                      <>
                        <Anchor size="sm" href={`#/clients/${task.client.id}`} data-testid="task-client-link">
                          {task.client.name}
                        </Anchor>
                        {task.matchedBy && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            — {MATCHED_BY_LABELS[task.matchedBy]}
                          </Text>
                        )}
                      </>
                    ) : (
                      <Group gap="xs">
                        <Text span c="dimmed">
                          не определён
                        </Text>
                        <Button size="compact-xs" variant="light" onClick={() => setLinking(true)} data-testid="task-link-client">
                          Привязать к клиенту
                        </Button>
                      </Group>
                    )}
                  </Fact>
                  {task.kitInfo && (
                    <Fact label="Комплект">
                      <span data-testid="task-kit">
                        <Text span ff="monospace" size="sm">
                          {task.kitInfo.code ?? task.kitInfo.text}
                        </Text>
                        {task.kitInfo.systemName && ` · ${task.kitInfo.systemName}`}
                        <Text span size="xs" c={task.kitInfo.owner ? 'dimmed' : 'orange.8'}>
                          {' '}
                          — {kitStatus(task.kitInfo)}
                        </Text>
                      </span>
                    </Fact>
                  )}
                  <Fact label="Исполнитель">
                    {task.assignee?.fullName ?? <Text span c="red.7">не назначен</Text>}
                    <Text span size="xs" c="dimmed">
                      {' '}
                      — {ASSIGNED_BY_LABELS[task.assignedBy]}
                    </Text>
                  </Fact>
                  <Fact label="Поступило">{fmtDateTime(task.message?.receivedAt ?? task.createdAt)}</Fact>
                  {task.takenAt && <Fact label="Взято в работу">{fmtDateTime(task.takenAt)}</Fact>}
                  {closed && <Fact label={task.status === 'done' ? 'Выполнено' : 'Отклонено'}>{fmtDateTime(task.closedAt)}</Fact>}
                  {task.result && (
                    <Fact label="Результат">
                      <Badge variant="light" color={task.status === 'done' ? 'green' : 'gray'} tt="none" data-testid="task-result-badge">
                        {CONTACT_RESULT_LABELS[task.result]}
                      </Badge>
                    </Fact>
                  )}
                  {task.comment && <Fact label="Комментарий">{task.comment}</Fact>}
                  {!closed && task.nextContactAt && (
                    <Fact label="Следующий контакт">
                      <Text span size="sm" c={Date.parse(task.nextContactAt) < now ? 'red.7' : undefined} data-testid="task-next-contact">
                        {fmtDateTime(task.nextContactAt)}
                      </Text>
                    </Fact>
                  )}
                  {task.createdBy && <Fact label="Создал">{task.createdBy.fullName}</Fact>}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" mb={4}>
                Данные заявки
              </Text>
              {fields.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Полей в письме не найдено.
                </Text>
              ) : (
                <Table fz="sm" verticalSpacing={3} horizontalSpacing={6} withRowBorders={false} data-testid="task-fields">
                  <Table.Tbody>
                    {fields.map(([k, v]) => (
                      <Fact key={k} label={FIELD_LABELS[k] ?? k}>
                        {k === 'email' ? <Anchor size="sm" href={`mailto:${v}`}>{v}</Anchor> : k === 'phone' ? <Anchor size="sm" href={`tel:${String(v).replace(/[^\d+]/g, '')}`}>{fmtPhone(v)}</Anchor> : v}
                      </Fact>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
            <Paper withBorder p="sm" data-testid="task-attempts">
              <Text fw={600} size="sm" mb={4}>
                Попытки связи{task.attempts.length > 0 ? ` (${task.attempts.length})` : ''}
              </Text>
              {task.attempts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Попыток пока не было. Не дозвонились — нажмите «Попытка связи…», поручение останется открытым.
                </Text>
              ) : (
                <Table fz="sm" verticalSpacing={3} horizontalSpacing={6}>
                  <Table.Tbody>
                    {task.attempts.map((a) => (
                      <Table.Tr key={a.id} data-testid="task-attempt-row">
                        <Table.Td w={130}>{fmtDateTime(a.at)}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color="gray" tt="none">
                            {ATTEMPT_OUTCOME_LABELS[a.outcome]}
                          </Badge>
                          {a.comment && ` ${a.comment}`}
                          {a.nextContactAt && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              — перезвонить {fmtDateTime(a.nextContactAt)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td c="dimmed">{a.by?.fullName ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
            {task.client && (
              <Paper withBorder p="sm">
                <Group gap={6} mb={6}>
                  <IconHistory size={16} />
                  <Text fw={600} size="sm">
                    История в событиях клиента
                  </Text>
                </Group>
                {events.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Записей пока нет.
                  </Text>
                ) : (
                  <Timeline bulletSize={12} lineWidth={2} data-testid="task-history">
                    {events.map((e) => (
                      <Timeline.Item key={e.id} title={<Text size="xs" c="dimmed">{`${fmtDateTime(e.at)}${e.author ? ` · ${e.author}` : ''}`}</Text>}>
                        <Text size="sm">{taskEventText(e.kind, e.data) ?? e.text}</Text>
                      </Timeline.Item>
                    ))}
                  </Timeline>
                )}
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm">
            {task.message ? <MessageView message={task.message} maxTextHeight={520} ruleTest={hasRole('admin')} /> : <Text c="dimmed">Поручение создано без письма.</Text>}
            {task.repeats.length > 0 && (
              <Alert color="gray" title="Повторные письма с этой заявкой">
                {task.repeats.map((r) => (
                  <Text key={r.id} size="sm">
                    {fmtDateTime(r.receivedAt)} — {r.subject ?? '(без темы)'}
                  </Text>
                ))}
              </Alert>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Back() {
  return (
    <Group>
      <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/tasks')} data-testid="task-back">
        Поручения
      </Button>
    </Group>
  );
}
