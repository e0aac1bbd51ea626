// «Мой день», the start screen: my tasks due today and overdue, calls to make, documents my clients owe, readiness lapsing this week; a head also sees the department's load.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { MyDay } from '../../../src-shared/home';
import type { TaskListItem } from '../../../src-shared/mail-types';
import { TASK_KIND_LABELS } from '../../../src-shared/task-report';
import { DOCUMENT_TYPE_LABELS } from '../../../src-shared/doc-types';
import { formatDate, formatDateText, formatDateTime, plural } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { DepartmentTable } from './DepartmentTable';

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

function useMyDay(): { day: MyDay | null; error: unknown } {
  const [day, setDay] = useState<MyDay | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      call('home.myDay', {})
        .then((d) => alive && (setDay(d), setError(null)))
        .catch((err) => alive && setError(err));
    void load();
    // A new or changed task elsewhere changes the day: reload, at most once a second.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onPush(() => {
      if (!timer) timer = setTimeout(() => ((timer = null), void load()), 1000);
    });
    return () => {
      alive = false;
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return { day, error };
}

function Section({ title, count, testId, empty, children }: { title: string; count: number; testId: string; empty: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId} data-count={count}>
      <Group justify="space-between" mb={6}>
        <Title order={5}>{title}</Title>
        <Badge variant="light" color={count ? 'blue' : 'gray'} data-testid={`${testId}-count`}>
          {count}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}

const who = (t: TaskListItem) => t.client?.name ?? t.org ?? t.contactName ?? '—';

function TaskRows({ items, now, calls }: { items: TaskListItem[]; now: string; calls?: boolean }) {
  return (
    <Table fz="xs" verticalSpacing={3} highlightOnHover>
      <Table.Tbody>
        {items.map((t) => {
          const late = calls ? t.nextContactAt! <= now : t.overdue;
          return (
            <Table.Tr key={t.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/tasks/${t.id}`)} data-testid={`${calls ? 'call' : 'task'}-row-${t.id}`} data-overdue={late}>
              <Table.Td w={110}>{TASK_KIND_LABELS[t.kind]}</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={1}>
                  {who(t)}
                </Text>
              </Table.Td>
              <Table.Td w={130} style={{ whiteSpace: 'nowrap' }}>
                {t.phone ?? ''}
              </Table.Td>
              <Table.Td w={110} c={late ? 'red.7' : undefined} fw={late ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(calls ? t.nextContactAt : t.deadline)}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function MyDayScreen() {
  const { day, error } = useMyDay();
  if (error != null && !day) return <Alert color="red">{errorText(error)}</Alert>;
  if (!day) return <Loader />;
  const overdue = day.tasks.filter((t) => t.overdue).length;
  const docsOverdue = day.documents.filter((d) => d.daysOverdue > 0).length;
  return (
    <Stack gap="sm" data-testid="my-day">
      <Group justify="space-between">
        <Title order={3}>Мой день</Title>
        <Text size="sm" c="dimmed">
          {formatDateText(day.today)}
        </Text>
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <Section title="Поручения на сегодня" count={day.tasks.length} testId="my-tasks" empty="На сегодня поручений нет. Новые заявки появятся в разделе «Поручения».">
          {overdue > 0 && (
            <Text size="xs" c="red.7" mb={4}>
              Просрочено: {overdue}
            </Text>
          )}
          <TaskRows items={day.tasks} now={day.now} />
        </Section>
        <Section title="Кому позвонить" count={day.calls.length} testId="my-calls" empty="Звонков на сегодня не назначено. Время следующего контакта задаётся в попытке связи.">
          <TaskRows items={day.calls} now={day.now} calls />
        </Section>
        <Section title="Документы к возврату" count={day.documentsTotal} testId="my-documents" empty="Ваши клиенты ничего не должны вернуть.">
          {docsOverdue > 0 && (
            <Text size="xs" c="red.7" mb={4}>
              Просрочено: {docsOverdue}
              {day.documentsTotal > day.documents.length ? ` (показаны первые ${day.documents.length})` : ''}
            </Text>
          )}
          <Table fz="xs" verticalSpacing={3} highlightOnHover>
            <Table.Tbody>
              {day.documents.map((d) => (
                <Table.Tr key={d.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/documents/${d.id}`)} data-testid={`owed-row-${d.number}`} data-overdue={d.daysOverdue > 0}>
                  <Table.Td w={150}>
                    {DOCUMENT_TYPE_LABELS[d.type]} № {d.number}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" lineClamp={1}>
                      {d.clientName}
                    </Text>
                  </Table.Td>
                  <Table.Td w={80}>{formatDate(d.plannedReturn)}</Table.Td>
                  <Table.Td w={90} style={NUM} c={d.daysOverdue ? 'red.7' : undefined}>
                    {d.daysOverdue ? `${d.daysOverdue} ${plural(d.daysOverdue, 'день', 'дня', 'дней')}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Anchor size="xs" onClick={() => navigate('/reports/document-returns')}>
            Отчёт «Возврат документов»
          </Anchor>
        </Section>
        <Section title="Готовность истекает на этой неделе" count={day.readiness.length} testId="my-readiness" empty="На этой неделе готовность ваших клиентов не истекает.">
          <Table fz="xs" verticalSpacing={3} highlightOnHover>
            <Table.Tbody>
              {day.readiness.map((r) => (
                <Table.Tr key={`${r.clientId}-${r.stageName}`} style={{ cursor: 'pointer' }} onClick={() => navigate(`/clients/${r.clientId}`)} data-testid={`lapsing-row-${r.clientId}`}>
                  <Table.Td>
                    <Text size="xs" lineClamp={1}>
                      {r.clientName}
                    </Text>
                  </Table.Td>
                  <Table.Td w={160}>{r.stageName}</Table.Td>
                  <Table.Td w={90} c="yellow.8">
                    до {formatDate(r.readyUntil)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>
      {day.department && <DepartmentTable name={day.department.name} employees={day.department.employees} />}
    </Stack>
  );
}
