// Settings tab «1С и ЭДО»: the administrator's 1С connections (add, edit) and, for heads too, their live health.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { OnecConnectionRow } from '../../../src-shared/edo';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { EdoHealthPanel } from './EdoHealthPanel';
import { OnecConnectionForm } from './OnecConnectionForm';
import { TRANSPORT_LABELS } from './edoUi';

function where(c: OnecConnectionRow): string {
  const parts = [];
  if (c.sendVia === 'folder') parts.push(`${c.folder ?? ''} (${c.ourCode ?? ''} → ${c.peerCode ?? ''}${c.zip ? ', ZIP' : ''})`);
  if (c.odataUrl) parts.push(c.odataUrl);
  return parts.join(' · ');
}

function ConnectionsList({ onSaved }: { onSaved: () => void }) {
  const [rows, setRows] = useState<OnecConnectionRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<OnecConnectionRow | 'new' | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await call('edo.connections.list', {}));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>Подключения к 1С</Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="onec-add">
          Добавить подключение
        </Button>
      </Group>
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {rows && rows.length > 0 && (
        <Table withTableBorder highlightOnHover fz="sm" verticalSpacing={4} data-testid="onec-table">
          <Table.Thead>
            <Table.Tr bg="gray.0">
              <Table.Th>Название</Table.Th>
              <Table.Th>Передача</Table.Th>
              <Table.Th>Куда</Table.Th>
              <Table.Th w={110}>Обмен каждые</Table.Th>
              <Table.Th w={120}>Состояние</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} onClick={() => setEditing(c)} style={{ cursor: 'pointer' }} data-testid={`onec-row-${c.id}`}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{TRANSPORT_LABELS[c.sendVia]}</Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ wordBreak: 'break-all' }}>
                    {where(c)}
                  </Text>
                </Table.Td>
                <Table.Td>{c.intervalSec} с</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={c.enabled ? 'green' : 'gray'} tt="none">
                    {c.enabled ? 'Включено' : 'Выключено'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <OnecConnectionForm
          connection={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
            onSaved();
          }}
        />
      )}
    </Stack>
  );
}

export function EdoSettingsTab() {
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const [version, setVersion] = useState(0);
  return (
    <Stack gap="md" maw={1100} data-testid="edo-settings">
      {isAdmin ? (
        <ConnectionsList onSaved={() => setVersion((x) => x + 1)} />
      ) : (
        <Text size="sm" c="dimmed">
          Подключения к 1С настраивает администратор; здесь видно, как идёт обмен.
        </Text>
      )}
      <Text fw={600}>Состояние обмена</Text>
      <EdoHealthPanel version={version} />
    </Stack>
  );
}
