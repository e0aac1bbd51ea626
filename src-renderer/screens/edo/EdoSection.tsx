// The document card's «ЭДО» section: the state handed to 1С, 1С's number, the timeline newest first, and «Отправить в 1С».
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { EDO_DOCUMENT_TYPES, EDO_EVENT_LABELS, type EdoDocumentInfo } from '../../../src-shared/edo';
import type { DocumentStatus } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { fmtDateTime } from '../tasks/taskFormat';
import { EdoStateBadge, edoDetailText, edoErrorText } from './edoUi';

export const isEdoType = (type: string) => (EDO_DOCUMENT_TYPES as readonly string[]).includes(type);

/**
 * `onChanged`: the document itself may have changed (signing marks the return), so the card reloads it too.
 */
export function EdoSection({ doc, canEdit, onChanged }: { doc: { id: number; type: string; status: DocumentStatus; number: string }; canEdit: boolean; onChanged: () => void }) {
  const [info, setInfo] = useState<EdoDocumentInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setInfo(await call('edo.document', { documentId: doc.id }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [doc.id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      onPush((event, data) => {
        if (event !== 'edo.changed') return;
        const ids = (data as { documentIds: number[] | null }).documentIds;
        if (ids && !ids.includes(doc.id)) return;
        void load();
        onChanged();
      }),
    [load, onChanged, doc.id],
  );

  if (!isEdoType(doc.type)) return null;
  if (error) return <Alert color="red">ЭДО: {errorText(error)}</Alert>;
  if (!info) return null;
  const row = info.row;
  const canSend = canEdit && doc.status === 'issued' && (!row || row.group === 'failing');
  // Nothing to say about a draft never handed to 1С of a client without ЭДО.
  if (!row && info.events.length === 0 && !info.clientEdo?.enabled && !canSend) return null;

  const send = async () => {
    setBusy(true);
    try {
      await call('edo.send', { documentId: doc.id });
      notifications.show({ color: 'indigo', message: row ? `№ ${doc.number}: передача в 1С повторяется` : `№ ${doc.number} поставлен в очередь на передачу в 1С` });
      void load();
    } catch (err) {
      notifications.show({ color: 'red', message: `Не отправлено: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" data-testid="edo-section">
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Group gap="xs">
          <Title order={5}>ЭДО</Title>
          {row ? (
            <EdoStateBadge state={row.state} raw={row.stateRaw} changed={row.changed} />
          ) : (
            <Text size="sm" c="dimmed">
              в 1С не передавался{info.clientEdo?.enabled ? ' · клиент получает документы через ЭДО' : ''}
            </Text>
          )}
          {row?.onecNumber && (
            <Text size="sm" data-testid="edo-onec-number">
              номер в 1С: {row.onecNumber}
            </Text>
          )}
          {row?.signedOn && <Text size="sm">подписан {formatDate(row.signedOn)}</Text>}
        </Group>
        {canSend && (
          <Button size="xs" variant="light" leftSection={<IconSend size={14} />} loading={busy} onClick={() => void send()} data-testid="edo-send">
            {row ? 'Повторить передачу в 1С' : 'Отправить в 1С'}
          </Button>
        )}
      </Group>
      {row?.error && (
        <Alert color="red" variant="light" p="xs" mb={4}>
          <Text size="xs" style={{ wordBreak: 'break-word' }}>
            {edoErrorText(row.error)}
          </Text>
        </Alert>
      )}
      {row?.state === 'rejected' && row.reason && (
        <Alert color="red" variant="light" p="xs" mb={4} title="Клиент отклонил документ">
          <Text size="xs">{row.reason}</Text>
        </Alert>
      )}
      {info.events.length > 0 && (
        <Table fz="sm" verticalSpacing={2} data-testid="edo-timeline">
          <Table.Tbody>
            {info.events.map((e) => (
              <Table.Tr key={e.id} data-kind={e.kind}>
                <Table.Td w={140}>{fmtDateTime(e.at)}</Table.Td>
                <Table.Td w={260}>{EDO_EVENT_LABELS[e.kind] ?? e.kind}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {e.raw && (
                      <Text size="xs" c="dimmed">
                        в 1С: {e.raw}
                      </Text>
                    )}
                    {e.detail && (
                      <Text size="xs" style={{ wordBreak: 'break-word' }}>
                        {edoDetailText(e.detail, formatDate)}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td w={180}>
                  <Text size="xs" c="dimmed">
                    {e.employee ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
