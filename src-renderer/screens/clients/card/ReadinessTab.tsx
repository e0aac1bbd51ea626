// Tab «Готовность»: per stage, its required fields with value, confirmation date and freshness; confirm values.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import type { ClientCard, ReadinessFieldState, ReadinessStageState } from '../../../../src-shared/types';
import { useSession } from '../../../app/session';
import { StageBadge } from './CardHeader';
import { addDaysIso, fmtDate } from './format';
import { ReadinessConfirmForm } from './ReadinessConfirmForm';

function FreshBadge({ field, stage }: { field: ReadinessFieldState; stage: ReadinessStageState }) {
  if (!field.value || !field.confirmedAt)
    return (
      <Badge size="sm" radius="sm" tt="none" fw={600} variant="outline" color="gray">
        не заполнено
      </Badge>
    );
  const until = addDaysIso(field.confirmedAt, stage.freshnessDays);
  return field.fresh ? (
    <Badge size="sm" radius="sm" tt="none" fw={600} variant="light" color="green">
      свежее до {fmtDate(until)}
    </Badge>
  ) : (
    <Badge size="sm" radius="sm" tt="none" fw={600} variant="light" color="red">
      устарело {fmtDate(until)}
    </Badge>
  );
}

function StagePanel({ stage, canEdit, onConfirm }: { stage: ReadinessStageState; canEdit: boolean; onConfirm: (fields: ReadinessFieldState[], title: string) => void }) {
  const missing = stage.fields.filter((f) => !f.fresh);
  return (
    <Paper withBorder p="sm" data-testid={`readiness-stage-${stage.code}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <Text fw={600}>{stage.name}</Text>
          <StageBadge stage={stage} />
          <Text size="xs" c="dimmed">
            Данные считаются свежими {stage.freshnessDays} дн. после подтверждения
            {!stage.ready && missing.length > 0 && ` · не хватает: ${missing.map((f) => f.name).join(', ')}`}
          </Text>
        </Group>
        {canEdit && (
          <Button
            size="xs"
            variant={stage.ready ? 'default' : 'filled'}
            leftSection={<IconChecks size={14} />}
            onClick={() => onConfirm(stage.fields, `Подтверждение данных: ${stage.name}`)}
            data-testid={`readiness-confirm-all-${stage.code}`}
          >
            Подтвердить все поля…
          </Button>
        )}
      </Group>
      <Table withTableBorder verticalSpacing={3} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={300}>Поле</Table.Th>
            <Table.Th>Значение</Table.Th>
            <Table.Th w={130}>Подтверждено</Table.Th>
            <Table.Th w={170}>Свежесть</Table.Th>
            {canEdit && <Table.Th w={120} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stage.fields.map((f) => (
            <Table.Tr key={f.code} data-testid={`readiness-field-${stage.code}-${f.code}`}>
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>{f.value ?? <Text span size="sm" c="dimmed">—</Text>}</Table.Td>
              <Table.Td>{fmtDate(f.confirmedAt) || '—'}</Table.Td>
              <Table.Td>
                <FreshBadge field={f} stage={stage} />
              </Table.Td>
              {canEdit && (
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => onConfirm([f], `Подтверждение: ${f.name}`)} data-testid={`readiness-confirm-${stage.code}-${f.code}`}>
                    Подтвердить
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function ReadinessTab({ card, reload }: { card: ClientCard; reload: () => Promise<void> }) {
  const { hasRole } = useSession();
  const canEdit = hasRole('admin', 'head', 'sales', 'sio', 'pm', 'caller');
  const [confirming, setConfirming] = useState<{ fields: ReadinessFieldState[]; title: string } | null>(null);
  if (card.readiness.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Стадии готовности не настроены. Администратор задаёт их и нужные поля в настройках.
      </Text>
    );
  return (
    <Stack gap="sm">
      {card.readiness.map((s) => (
        <StagePanel key={s.code} stage={s} canEdit={canEdit} onConfirm={(fields, title) => setConfirming({ fields, title })} />
      ))}
      <ReadinessConfirmForm
        card={card}
        fields={confirming?.fields ?? []}
        title={confirming?.title ?? ''}
        opened={confirming !== null}
        onClose={() => {
          setConfirming(null);
          void reload();
        }}
      />
    </Stack>
  );
}
