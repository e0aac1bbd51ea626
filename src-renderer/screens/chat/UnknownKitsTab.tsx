// Tab «Неизвестные комплекты»: kits whose sessions are linked to no client, each linked to a client picked by name, ИНН or phone.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UnknownKitRow } from '../../../src-shared/chat-sessions';
import { formatDateTime } from '../../../src-shared/format';
import { ApiCallError, call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { ClientPicker, type ClientRef } from '../../components/ClientPicker';
import { chatKitText, sessionsText } from '../../components/chatSession';

function linkError(e: unknown): string {
  if (e instanceof ApiCallError) {
    const issue = e.error.issues?.find((i) => i.reason === 'distribution_of_other_client');
    if (issue) return `Этот комплект уже есть у другого клиента${issue.ref?.name ? ` — «${issue.ref.name}»` : ''}: выберите его`;
  }
  return errorText(e);
}

function LinkDialog({ kit, onClose, onLinked }: { kit: UnknownKitRow; onClose: () => void; onLinked: () => void }) {
  const [client, setClient] = useState<ClientRef | null>(kit.existingClientId ? { id: kit.existingClientId, name: kit.existingClientName ?? '' } : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!client) {
      setError('Выберите клиента');
      return;
    }
    setBusy(true);
    try {
      const r = await call('chat.sessions.link', { systemNumber: kit.systemNumber, distrNumber: kit.distrNumber, comp: kit.comp, clientId: client.id });
      notifications.show({
        color: 'green',
        message: `Комплект ${chatKitText(kit)} привязан к «${client.name}»: ${sessionsText(r.linked)}${r.distributionId ? '; дистрибутив добавлен клиенту' : ''}`,
      });
      onLinked();
    } catch (e) {
      setError(linkError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Привязать комплект ${chatKitText(kit)}`} data-testid="chat-link-dialog">
      <Stack gap="sm">
        <Text size="sm">
          {kit.systemCode
            ? 'Комплект будет добавлен в дистрибутивы клиента, и его сессии — прошлые и будущие — будут привязаны к клиенту.'
            : `Системы № ${kit.systemNumber} нет в справочнике систем К+: сессии будут привязаны к клиенту, а дистрибутив добавится, когда номер системы появится в справочнике.`}
        </Text>
        <ClientPicker value={client} onChange={setClient} showInn error={error ?? undefined} testId="chat-link-client" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="chat-link-save">
            Привязать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function UnknownKitsTab() {
  const [kits, setKits] = useState<UnknownKitRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linking, setLinking] = useState<UnknownKitRow | null>(null);
  const load = useCallback(() => {
    call('chat.sessions.unknownKits', {})
      .then(setKits)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!kits) return null;
  if (kits.length === 0) return <Text c="dimmed">Неизвестных комплектов нет: все сессии чата привязаны к клиентам.</Text>;
  return (
    <Stack gap="sm" style={{ overflow: 'auto' }}>
      <Text size="sm" c="dimmed">
        Сессии этих комплектов не привязаны ни к одному клиенту. Привяжите комплект — и его следующие сессии привяжутся сами.
      </Text>
      <Table stickyHeader highlightOnHover fz="sm" data-testid="chat-kits-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Комплект</Table.Th>
            <Table.Th>Сессий</Table.Th>
            <Table.Th>Первая</Table.Th>
            <Table.Th>Последняя</Table.Th>
            <Table.Th>В базе</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kits.map((k) => (
            <Table.Tr key={`${k.systemNumber}_${k.distrNumber}_${k.comp}`} data-testid="chat-kit-row">
              <Table.Td>
                <Text span ff="monospace" size="sm">
                  {chatKitText(k)}
                </Text>
                {!k.systemCode && (
                  <Text span size="xs" c="orange.8" ml="xs">
                    система № {k.systemNumber} не в справочнике
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{k.sessions}</Table.Td>
              <Table.Td>{formatDateTime(k.firstAt)}</Table.Td>
              <Table.Td>{formatDateTime(k.lastAt)}</Table.Td>
              <Table.Td>{k.existingClientName ? `дистрибутив у «${k.existingClientName}»` : '—'}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => setLinking(k)} data-testid="chat-kit-link">
                  Привязать к клиенту
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {linking && (
        <LinkDialog
          kit={linking}
          onClose={() => setLinking(null)}
          onLinked={() => {
            setLinking(null);
            load();
          }}
        />
      )}
    </Stack>
  );
}
