// Tests parsing rules on a stored message: the editor's draft, or all enabled rules as the job would; shows the fields read.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, NumberInput, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import type { RuleInput } from '../../../src-shared/api/mail';
import type { QueueItem, RuleTestResult } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { FIELD_LABELS, fmtDateTime, QUEUE_REASON_LABELS, TASK_KIND_LABELS } from '../tasks/taskFormat';

/** Messages to pick from: those of the queue (any status), newest first; any other can be typed by its number. */
function useQueueMessages() {
  const [items, setItems] = useState<QueueItem[]>([]);
  useEffect(() => {
    Promise.all((['open', 'dismissed', 'converted'] as const).map((status) => call('mail.queue.list', { status, limit: 100 })))
      .then((rs) => setItems(rs.flatMap((r) => r.items).sort((a, b) => b.message.id - a.message.id)))
      .catch(() => undefined);
  }, []);
  return items;
}

export function RuleTester({ draft, initialMessageId }: { draft: RuleInput | null; initialMessageId?: number | null }) {
  const queue = useQueueMessages();
  const [messageId, setMessageId] = useState<number | null>(initialMessageId ?? null);
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!messageId) return;
    setBusy(true);
    try {
      setResult(await call('mail.rules.test', draft ? { messageId, rule: draft } : { messageId }));
      setError(null);
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Opened for a particular message (from the queue or a task card): show its result at once.
  useEffect(() => {
    if (initialMessageId) void run();
    // Only on opening; later runs are the button's.
  }, []);

  const options = queue.map((q) => ({
    value: String(q.message.id),
    label: `№ ${q.message.id} · ${fmtDateTime(q.message.receivedAt)} · ${q.message.subject ?? '(без темы)'}`,
  }));
  if (messageId && !options.some((o) => o.value === String(messageId))) options.unshift({ value: String(messageId), label: `Письмо № ${messageId}` });

  return (
    <Paper withBorder p="sm" data-testid="rule-tester">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {draft ? 'Проверить это правило на письме' : 'Проверить все включённые правила на письме'}
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1 }}
            size="xs"
            label="Письмо из очереди"
            placeholder={options.length ? 'Выберите письмо' : 'В очереди писем нет — укажите номер письма'}
            searchable
            data={options}
            value={messageId ? String(messageId) : null}
            onChange={(v) => setMessageId(v ? Number(v) : null)}
            comboboxProps={{ withinPortal: true }}
            data-testid="tester-message"
          />
          <NumberInput size="xs" w={110} label="или № письма" value={messageId ?? ''} onChange={(v) => setMessageId(typeof v === 'number' && v > 0 ? v : null)} min={1} allowDecimal={false} />
          <Button size="xs" leftSection={<IconPlayerPlay size={14} />} onClick={() => void run()} loading={busy} disabled={!messageId} data-testid="tester-run">
            Проверить
          </Button>
        </Group>
        {error != null && <Alert color="red">{errorText(error)}</Alert>}
        {result && (
          <Stack gap={6} data-testid="tester-result">
            <Group gap="xs">
              {result.matched ? (
                <Badge color="green" tt="none" data-testid="tester-verdict">
                  Подходит: {result.kind ? TASK_KIND_LABELS[result.kind] : ''}
                  {result.requestNumber ? `, заявка № ${result.requestNumber}` : ''}
                </Badge>
              ) : (
                <Badge color="yellow" tt="none" data-testid="tester-verdict">
                  Не подходит{result.reason ? `: ${QUEUE_REASON_LABELS[result.reason]}` : ''}
                </Badge>
              )}
              {!result.decoded && (
                <Badge color="red" tt="none">
                  Письмо повреждено
                </Badge>
              )}
              <Text size="xs" c="dimmed" truncate>
                Тема: {result.subject ?? '(без темы)'}
              </Text>
            </Group>
            {result.badPatterns.length > 0 && <Alert color="red" p="xs">Неверные шаблоны: {result.badPatterns.join(', ')}</Alert>}
            {Object.keys(result.fields).length > 0 ? (
              <Table fz="xs" verticalSpacing={2} withTableBorder data-testid="tester-fields">
                <Table.Tbody>
                  {Object.entries(result.fields).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Td w={150} c="dimmed">
                        {FIELD_LABELS[k] ?? k}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{v}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="xs" c="dimmed">
                Поля не найдены.
              </Text>
            )}
            <details>
              <summary style={{ cursor: 'pointer', fontSize: 12 }}>Текст письма, как его видит разбор</summary>
              <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} mt={4}>
                {result.text}
              </Text>
            </details>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
