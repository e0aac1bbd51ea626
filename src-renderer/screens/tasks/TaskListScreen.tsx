// «Поручения»: my tasks, my direction's or all (heads), overdue first, filters kept per user, counts, a live virtualised table.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconInbox, IconMailQuestion } from '@tabler/icons-react';
import { TASK_KINDS, TASK_STATUSES } from '../../../src-shared/mail-types';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { errorText } from '../../api/messages';
import { TaskTable } from './TaskTable';
import { listInput, type StatusFilter, type TaskScope } from './taskFilters';
import { useTaskFilters } from './taskPrefs';
import { useNow, useTasks } from './useTasks';
import { TASK_KIND_LABELS, TASK_STATUS_LABELS } from './taskFormat';
import { useQueueCount } from '../mail/useQueueCount';
import { canHandleMail } from '../mail/access';

/** The task last opened from the list, so that coming back selects it again. */
let lastOpened: number | null = null;

export function TaskListScreen() {
  const { user, refs, hasRole } = useSession();
  const canSeeAll = hasRole('admin', 'head');
  const [filters, setFilters] = useTaskFilters(user.id, canSeeAll);
  const me = refs?.employees.find((e) => e.id === user.id);
  const myDirections = useMemo(() => {
    const all = refs?.directions ?? [];
    return canSeeAll ? all : all.filter((d) => me?.directionIds.includes(d.id));
  }, [refs, me, canSeeAll]);
  // The «Направление» scope shows the chosen direction, else the employee's first one.
  const directionId = filters.directionId && myDirections.some((d) => d.id === filters.directionId) ? filters.directionId : (myDirections.find((d) => me?.directionIds.includes(d.id)) ?? myDirections[0])?.id ?? null;
  const input = listInput(filters, directionId);
  const { items, total, counts, error } = useTasks(input);
  const now = useNow();
  const [selected, setSelected] = useState(0);
  const queueCount = useQueueCount();

  useEffect(() => {
    if (!items || lastOpened == null) return;
    const i = items.findIndex((t) => t.id === lastOpened);
    if (i >= 0) setSelected(i);
  }, [items]);

  const scopes: { value: TaskScope; label: string }[] = [
    { value: 'mine', label: counts ? `Мои (${counts.mine})` : 'Мои' },
    ...(myDirections.length ? [{ value: 'direction' as const, label: 'Направление' }] : []),
    ...(canSeeAll ? [{ value: 'all' as const, label: 'Все' }] : []),
  ];
  const overdueShown = items?.filter((t) => t.overdue).length ?? 0;
  const employees = (refs?.employees ?? []).filter((e) => e.active || e.id === filters.assigneeId);
  const open = (id: number) => {
    lastOpened = id;
    navigate(`/tasks/${id}`);
  };

  return (
    <Stack gap="sm" h="calc(100vh - 48px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" align="baseline">
          <Title order={3}>Поручения</Title>
          {counts && (
            <Text size="sm" c="dimmed" data-testid="tasks-counts">
              Мои открытые: {counts.mine}
              {counts.mineOverdue > 0 && (
                <Text span c="red.7" fw={600}>
                  {' '}
                  · просрочено {counts.mineOverdue}
                </Text>
              )}
            </Text>
          )}
        </Group>
        {canHandleMail(user.roles) && (
          <Button
            variant="light"
            color={queueCount ? 'yellow' : 'gray'}
            leftSection={<IconMailQuestion size={16} />}
            rightSection={queueCount ? <Badge size="xs" color="yellow" circle={queueCount < 10}>{queueCount}</Badge> : undefined}
            onClick={() => navigate('/tasks/queue')}
            data-testid="open-queue"
          >
            Нераспознанные письма
          </Button>
        )}
      </Group>

      <Group gap="xs" wrap="wrap">
        <SegmentedControl size="xs" value={filters.scope} onChange={(v) => setFilters({ scope: v as TaskScope })} data={scopes} data-testid="tasks-scope" />
        {filters.scope === 'direction' && myDirections.length > 1 && (
          <Select
            size="xs"
            w={190}
            aria-label="Направление"
            value={directionId != null ? String(directionId) : null}
            onChange={(v) => setFilters({ directionId: v ? Number(v) : null })}
            data={myDirections.map((d) => ({ value: String(d.id), label: d.name }))}
            allowDeselect={false}
          />
        )}
        <Select
          size="xs"
          w={150}
          aria-label="Статус"
          value={filters.status}
          onChange={(v) => setFilters({ status: (v ?? 'open') as StatusFilter })}
          data={[{ value: 'open', label: 'Открытые' }, { value: 'any', label: 'Все статусы' }, ...TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))]}
          allowDeselect={false}
          data-testid="filter-status"
        />
        <Select
          size="xs"
          w={160}
          aria-label="Вид"
          placeholder="Все виды"
          clearable
          value={filters.kind}
          onChange={(v) => setFilters({ kind: (v as typeof filters.kind) ?? null })}
          data={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))}
          data-testid="filter-kind"
        />
        {filters.scope !== 'mine' && (
          <Select
            size="xs"
            w={210}
            aria-label="Исполнитель"
            placeholder="Все исполнители"
            clearable
            searchable
            value={filters.assigneeId != null ? String(filters.assigneeId) : null}
            onChange={(v) => setFilters({ assigneeId: v ? Number(v) : null })}
            data={employees.map((e) => ({ value: String(e.id), label: e.fullName }))}
            data-testid="filter-assignee"
          />
        )}
        {items && (
          <Text size="xs" c="dimmed" ml="auto" data-testid="tasks-shown">
            {total > items.length ? `Показаны ${items.length} из ${total}` : `Всего: ${total}`}
            {overdueShown > 0 && `, просрочено: ${overdueShown}`}
          </Text>
        )}
      </Group>

      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {!items ? (
        <Center flex={1}>
          <Loader />
        </Center>
      ) : items.length === 0 ? (
        <Center flex={1} data-testid="tasks-empty">
          <Stack align="center" gap={4}>
            <IconInbox size={36} color="var(--mantine-color-gray-5)" />
            <Text fw={600}>Поручений нет. Новые заявки из почты появятся здесь</Text>
            {(filters.status !== 'open' || filters.kind || filters.assigneeId) && (
              <Button variant="subtle" size="xs" onClick={() => setFilters({ status: 'open', kind: null, assigneeId: null })}>
                Сбросить фильтры
              </Button>
            )}
          </Stack>
        </Center>
      ) : (
        <TaskTable items={items} selected={Math.min(selected, items.length - 1)} now={now} onSelect={setSelected} onOpen={(t) => open(t.id)} />
      )}
      <Text size="xs" c="dimmed">
        ↑ ↓ — выбрать, Enter — открыть. Просроченные — вверху, красным; срок скоро — жёлтым.
      </Text>
    </Stack>
  );
}
