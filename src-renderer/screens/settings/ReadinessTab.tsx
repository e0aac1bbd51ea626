// «Готовность» tab (administrator): readiness stages with their freshness limits and required fields.
import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconPencil, IconPlus } from '@tabler/icons-react';
import type { ReadinessStageSetting } from '../../../src-shared/types';
import { useSession } from '../../app/session';
import { StageForm } from './StageForm';

export function ReadinessTab() {
  const { refs, reloadRefs } = useSession();
  const [editing, setEditing] = useState<ReadinessStageSetting | 'new' | null>(null);
  if (!refs) return <Loader size="sm" />;

  const fieldName = new Map(refs.readinessFields.map((f) => [f.code, f.name]));

  return (
    <>
      <Alert color="gray" icon={<IconInfoCircle size={18} />} mb="sm" p="xs">
        Этап готовности (например, «Обзвонка») перечисляет обязательные поля клиента. Каждое значение подтверждается датой; подтверждение старше срока
        свежести не засчитывается. Когда засчитаны все поля, клиент получает статус этапа автоматически. При сохранении этапа статус пересчитывается у всех
        клиентов.
      </Alert>
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Добавить этап
        </Button>
      </Group>

      {refs.readinessStages.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          Этапов пока нет. Нажмите «Добавить этап» и отметьте поля, которые должны быть заполнены, чтобы клиент считался готовым.
        </Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" data-testid="stages-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Этап</Table.Th>
              <Table.Th>Код</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Срок свежести</Table.Th>
              <Table.Th>Обязательные поля</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refs.readinessStages.map((s) => (
              <Table.Tr key={s.id} data-testid={`stage-row-${s.code}`} onDoubleClick={() => setEditing(s)}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setEditing(s)}>
                    {s.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{s.code}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.freshnessDays} дн.</Table.Td>
                <Table.Td>{s.fieldCodes.map((c) => fieldName.get(c) ?? c).join(', ')}</Table.Td>
                <Table.Td>
                  <Tooltip label="Изменить">
                    <ActionIcon variant="subtle" size="sm" aria-label={`Изменить этап: ${s.name}`} onClick={() => setEditing(s)}>
                      <IconPencil size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {editing && (
        <StageForm
          stage={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reloadRefs();
          }}
        />
      )}
    </>
  );
}
