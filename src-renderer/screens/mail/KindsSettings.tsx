// Per kind of task: the direction it goes to and the deadline from arrival (hours and minutes).
import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TaskKind, TaskKindSetting } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { TASK_KIND_LABELS } from '../tasks/taskFormat';

interface Row {
  kind: TaskKind;
  directionId: string;
  hours: number | string;
  minutes: number | string;
  dirty: boolean;
}

export function KindsSettings() {
  const { refs } = useSession();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () =>
    call('tasks.kinds.list', {})
      .then((list: TaskKindSetting[]) =>
        setRows(list.map((k) => ({ kind: k.kind, directionId: String(k.directionId), hours: Math.floor(k.deadlineMinutes / 60), minutes: k.deadlineMinutes % 60, dirty: false }))),
      )
      .catch(() => undefined);
  useEffect(() => {
    void load();
  }, []);
  const patch = (kind: TaskKind, p: Partial<Row>) => setRows((rs) => rs?.map((r) => (r.kind === kind ? { ...r, ...p, dirty: true } : r)) ?? null);
  const save = async () => {
    setBusy(true);
    try {
      for (const r of rows?.filter((x) => x.dirty) ?? []) {
        await call('tasks.kinds.save', { kind: r.kind, directionId: Number(r.directionId), deadlineMinutes: Number(r.hours) * 60 + Number(r.minutes) });
      }
      notifications.show({ color: 'green', message: 'Сроки сохранены: они действуют для новых поручений', autoClose: 3000 });
      void load();
    } catch (err) {
      notifications.show({ color: 'red', title: 'Не сохранено', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  if (!rows) return null;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          Направление и срок по видам поручений
        </Text>
        <Table fz="sm" verticalSpacing={3} data-testid="kinds-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Вид</Table.Th>
              <Table.Th>Направление</Table.Th>
              <Table.Th w={170}>Срок (ч : мин)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.kind}>
                <Table.Td>{TASK_KIND_LABELS[r.kind]}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    data={(refs?.directions ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
                    value={r.directionId}
                    onChange={(v) => v && patch(r.kind, { directionId: v })}
                    allowDeselect={false}
                    aria-label={`Направление: ${TASK_KIND_LABELS[r.kind]}`}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <NumberInput size="xs" w={70} min={0} max={1440} allowDecimal={false} value={r.hours} onChange={(v) => patch(r.kind, { hours: v })} aria-label="Часов" />
                    <NumberInput size="xs" w={64} min={0} max={59} allowDecimal={false} value={r.minutes} onChange={(v) => patch(r.kind, { minutes: v })} aria-label="Минут" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button size="xs" onClick={() => void save()} loading={busy} disabled={!rows.some((r) => r.dirty)}>
            Сохранить сроки
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
