// Tab «Неизвестные комплекты»: kits of stored USR files that the base does not know, each linked to a client picked by name, ИНН or phone.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UsrUnknownKitRow } from '../../../src-shared/usr';
import { formatDate, plural } from '../../../src-shared/format';
import { ApiCallError, call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { ClientPicker, type ClientRef } from '../../components/ClientPicker';
import { fileAtText } from './usrTexts';

function linkError(e: unknown): string {
  if (e instanceof ApiCallError) {
    const other = e.error.issues?.find((i) => i.reason === 'distribution_of_other_client');
    if (other) return `Этот комплект уже есть у другого клиента${other.ref?.name ? ` — «${other.ref.name}»` : ''}: выберите его`;
    if (e.error.issues?.some((i) => i.reason === 'unknown_system')) return 'Системы этого комплекта нет в справочнике систем К+: сначала добавьте её в настройках';
  }
  return errorText(e);
}

const filesText = (n: number) => `${n} ${plural(n, 'файл', 'файла', 'файлов')}`;

function LinkDialog({ kit, onClose, onLinked }: { kit: UsrUnknownKitRow; onClose: () => void; onLinked: () => void }) {
  const [client, setClient] = useState<ClientRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!client) {
      setError('Выберите клиента');
      return;
    }
    setBusy(true);
    try {
      const r = await call('usr.kits.link', { usrKitId: kit.usrKitId, clientId: client.id });
      notifications.show({
        color: 'green',
        message: `Комплект ${kit.kit} привязан к «${client.name}»${r.created ? ', дистрибутив добавлен клиенту' : ''}; сохранено: ${filesText(r.filesStored)}`,
      });
      onLinked();
    } catch (e) {
      setError(linkError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Привязать комплект ${kit.kit}`} data-testid="usr-link-dialog">
      <Stack gap="sm">
        <Text size="sm">Комплект будет добавлен в дистрибутивы клиента (если его там ещё нет), и его USR-файлы — прошлые и будущие — будут относиться к клиенту.</Text>
        <ClientPicker value={client} onChange={setClient} showInn error={error ?? undefined} testId="usr-link-client" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="usr-link-save">
            Привязать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function UsrKitsTab() {
  const [kits, setKits] = useState<UsrUnknownKitRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linking, setLinking] = useState<UsrUnknownKitRow | null>(null);
  const load = useCallback(() => {
    call('usr.kits.unknown', {})
      .then(setKits)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!kits) return null;
  if (kits.length === 0) return <Text c="dimmed">Неизвестных комплектов нет: все USR-файлы относятся к дистрибутивам из базы.</Text>;
  return (
    <Stack gap="sm" style={{ overflow: 'auto' }}>
      <Text size="sm" c="dimmed">
        Этих комплектов нет среди дистрибутивов базы. Привяжите комплект к клиенту — и его файлы станут доказательством обслуживания клиента.
      </Text>
      <Table stickyHeader highlightOnHover fz="sm" data-testid="usr-kits-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Комплект</Table.Th>
            <Table.Th>Файлов</Table.Th>
            <Table.Th>Последний файл</Table.Th>
            <Table.Th>Последнее обновление</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kits.map((k) => (
            <Table.Tr key={k.usrKitId} data-testid="usr-kit-row">
              <Table.Td>
                <Text span ff="monospace" size="sm">
                  {k.kit}
                </Text>
                {!k.systemKnown && (
                  <Text span size="xs" c="orange.8" ml="xs">
                    системы нет в справочнике
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{k.files}</Table.Td>
              <Table.Td>{fileAtText(k.lastFileAt)}</Table.Td>
              <Table.Td>{k.lastUpdate ? formatDate(k.lastUpdate) : '—'}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => setLinking(k)} data-testid="usr-kit-link">
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
