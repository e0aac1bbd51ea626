// The «Главбух» tab of the client card: the certificates of every programme with their history, adding, editing and revoking one.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { gbBadgeState, type GbCard, type GbCertificateItem } from '../../../src-shared/glavbukh';
import { CLIENT_EDITORS } from '../../../src-shared/roles';
import { GbCertificateForm } from './GbCertificateForm';

const STATE_TEXT = { certified: 'Сертифицирован', expiring: 'Истекает', expired: 'Истёк', requested: 'Заявка', revoked: 'Отозван' } as const;
const STATE_COLOR = { certified: 'green', expiring: 'yellow', expired: 'red', requested: 'gray', revoked: 'gray' } as const;

function sourceText(c: GbCertificateItem): string {
  if (c.source === 'import') return c.sourceFile ? `Список «${c.sourceFile.name}»` : 'Список сертифицированных';
  if (c.source === 'request') return c.requestId ? `Заявка № ${c.requestId}` : 'Заявка';
  return 'Вручную';
}

function RevokeDialog({ cert, onClose, onDone }: { cert: GbCertificateItem; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) return setError('Укажите причину');
    setBusy(true);
    try {
      await call('glavbukh.certificates.revoke', { id: cert.id, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={() => !busy && onClose()} title="Отозвать сертификат?" data-testid="gb-revoke-dialog">
      <Stack gap="xs">
        <Text size="sm">
          Сертификат {cert.number ? `№ ${cert.number}` : 'без номера'} будет отмечен как отозванный. Он останется в истории, но значок в карточке и списке исчезнет.
        </Text>
        <TextInput label="Причина" value={reason} onChange={(e) => (setReason(e.currentTarget.value), setError(null))} error={error} data-autofocus data-testid="gb-revoke-reason" maxLength={500} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Отмена
          </Button>
          <Button color="red" loading={busy} onClick={() => void submit()} data-testid="gb-revoke-confirm">
            Отозвать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function GbSection({ clientId, data, error, reload, today }: { clientId: number; data: GbCard | null; error: unknown; reload: () => void; today: string }) {
  const { hasRole } = useSession();
  const canEdit = hasRole(...CLIENT_EDITORS);
  const [editing, setEditing] = useState<GbCertificateItem | null | undefined>(undefined);
  const [revoking, setRevoking] = useState<GbCertificateItem | null>(null);
  if (error && !data) return <Alert color="red">Сведения о сертификатах не загрузились: {errorText(error)}</Alert>;
  if (!data) return <Loader size="sm" />;
  const programmeName = (code: string) => data.programmes.find((p) => p.code === code)?.name ?? code;
  return (
    <Stack gap="sm" data-testid="gb-section">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Сертификаты программ КЦ: «истекает» — меньше {data.expiringDays} дн. до окончания срока
        </Text>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing(null)} data-testid="gb-add">
            Добавить сертификат
          </Button>
        )}
      </Group>
      {data.certificates.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="gb-empty">
          Сертификатов нет. Они появятся после загрузки списка сертифицированных клиентов или заявки; можно добавить сертификат вручную.
        </Text>
      ) : (
        <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="gb-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Программа</Table.Th>
              <Table.Th>Номер</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Выдан</Table.Th>
              <Table.Th>Действует до</Table.Th>
              <Table.Th>Контактное лицо</Table.Th>
              <Table.Th>Источник</Table.Th>
              <Table.Th>Изменён</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.certificates.map((c) => {
              const state = gbBadgeState(c, today, data.expiringDays);
              return (
                <Table.Tr key={c.id} data-testid={`gb-cert-${c.id}`} data-state={state}>
                  <Table.Td>{programmeName(c.programme)}</Table.Td>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{c.number ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light" radius="sm" tt="none" fw={600} color={STATE_COLOR[state]} title={c.status === 'revoked' && c.note ? `Причина: ${c.note}` : undefined}>
                      {STATE_TEXT[state]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(c.issuedOn) || '—'}</Table.Td>
                  <Table.Td>{formatDate(c.validUntil) || '—'}</Table.Td>
                  <Table.Td>{c.contact?.name ?? '—'}</Table.Td>
                  <Table.Td>{sourceText(c)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(c.updatedAt)}</Text>
                    {c.updatedBy && (
                      <Text size="xs" c="dimmed">
                        {c.updatedBy}
                      </Text>
                    )}
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      {c.status !== 'revoked' && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(c)} data-testid="gb-edit">
                            Изменить
                          </Button>
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRevoking(c)} data-testid="gb-revoke">
                            Отозвать
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {editing !== undefined && (
        <GbCertificateForm
          clientId={clientId}
          card={data}
          cert={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            notifications.show({ color: 'green', message: 'Сертификат сохранён' });
            reload();
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          cert={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            notifications.show({ color: 'green', message: 'Сертификат отозван' });
            reload();
          }}
        />
      )}
    </Stack>
  );
}
