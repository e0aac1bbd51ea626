// Settings tab «Почта»: the mailboxes (add, edit, sync now), their live health, and SMTP for e-mail copies of notifications.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { MailboxRow } from '../../../src-shared/mail-types';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { HealthPanel } from './HealthPanel';
import { MailboxForm } from './MailboxForm';
import { SmtpForm } from './SmtpForm';

export function MailboxesTab() {
  const [rows, setRows] = useState<MailboxRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<MailboxRow | 'new' | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await call('mail.mailboxes.list', {}));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    return onPush((event) => {
      if (event === 'mail.mailboxes.changed') void load();
    });
  }, [load]);

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Text fw={600}>Почтовые ящики</Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="mailbox-add">
          Добавить ящик
        </Button>
      </Group>
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {rows && rows.length > 0 && (
        <Table withTableBorder highlightOnHover fz="sm" verticalSpacing={4} data-testid="mailboxes-table">
          <Table.Thead>
            <Table.Tr bg="gray.0">
              <Table.Th>Название</Table.Th>
              <Table.Th>Сервер</Table.Th>
              <Table.Th>Пользователь</Table.Th>
              <Table.Th>Папка</Table.Th>
              <Table.Th w={120}>Состояние</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.id} onClick={() => setEditing(m)} style={{ cursor: 'pointer' }} data-testid={`mailbox-row-${m.id}`}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>
                  {m.host}:{m.port} {m.tls ? '(TLS)' : <Text span c="yellow.8" size="xs">без шифрования</Text>}
                </Table.Td>
                <Table.Td>{m.user}</Table.Td>
                <Table.Td>{m.folder}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={m.enabled ? 'green' : 'gray'} tt="none">
                    {m.enabled ? 'Читается' : 'Выключен'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fw={600}>Состояние синхронизации</Text>
      <HealthPanel />
      <SmtpForm />
      {editing && (
        <MailboxForm
          mailbox={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </Stack>
  );
}
