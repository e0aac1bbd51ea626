// The mailbox health panel: connected or not, stalled, last message seen, lag, counters and the last error — refreshed live.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import type { MailboxHealth } from '../../../src-shared/mail-types';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { fmtDateTime, formatMinutes } from '../tasks/taskFormat';

/** Also re-read now and then: "stalled" is a matter of time passing without news. */
const REFRESH_MS = 10_000;

export function useMailHealth() {
  const [health, setHealth] = useState<MailboxHealth[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setHealth(await call('mail.health', {}));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onPush((event) => {
      if ((event !== 'mail.health' && event !== 'mail.mailboxes.changed') || timer) return;
      // A sync publishes after every batch: one reload per short burst is plenty.
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, 300);
    });
    const every = setInterval(() => void load(), REFRESH_MS);
    return () => {
      off();
      clearInterval(every);
      if (timer) clearTimeout(timer);
    };
  }, [load]);
  return { health, error, reload: load };
}

function lagText(ms: number | null): string {
  if (ms == null) return '—';
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} с`;
  return formatMinutes(ms / 60_000);
}

function State({ h }: { h: MailboxHealth }) {
  if (!h.enabled)
    return (
      <Badge color="gray" variant="light" tt="none">
        Выключен
      </Badge>
    );
  if (h.stale)
    return (
      <Tooltip label="Программа давно не проверяла ящик: синхронизация остановилась или сервер программы не запущен">
        <Badge color="yellow" variant="filled" tt="none" data-health="stale">
          Синхронизация остановилась
        </Badge>
      </Tooltip>
    );
  return h.connected ? (
    <Badge color="green" variant="light" tt="none" data-health="connected">
      Подключён
    </Badge>
  ) : (
    <Badge color="red" variant="light" tt="none" data-health="disconnected">
      Нет связи
    </Badge>
  );
}

function Num({ label, value, color, testId }: { label: string; value: number | string; color?: string; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId} data-value={value}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

export function HealthCard({ h }: { h: MailboxHealth }) {
  const [busy, setBusy] = useState(false);
  const syncNow = async () => {
    setBusy(true);
    try {
      await call('mail.mailboxes.syncNow', { id: h.mailboxId });
      notifications.show({ color: 'indigo', message: `Ящик «${h.name}» проверяется`, autoClose: 2500 });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" data-testid={`health-${h.mailboxId}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" truncate>
              {h.name}
            </Text>
            <Text size="xs" c="dimmed">
              {h.folder}
            </Text>
            <State h={h} />
          </Group>
          <Button size="compact-xs" variant="light" leftSection={<IconRefresh size={12} />} loading={busy} disabled={!h.enabled} onClick={() => void syncNow()} data-testid="sync-now">
            Синхронизировать сейчас
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 3, md: 6 }} spacing="xs">
          <Num label="Обработано" value={h.processed} testId="health-processed" />
          <Num label="Повторы пропущены" value={h.duplicates} />
          <Num label="Нераспознано" value={h.unrecognised} color={h.unrecognised ? 'yellow.8' : undefined} />
          <Num label="В очереди на сервере" value={h.pending} />
          <Num label="Задержка" value={lagText(h.lagMs)} />
          <Num label="Последнее письмо" value={h.lastMessageAt ? fmtDateTime(h.lastMessageAt) : '—'} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Последняя проверка: {h.lastCheckAt ? fmtDateTime(h.lastCheckAt) : 'ещё не было'}
          {h.owner && ` · читает ${h.owner}`}
        </Text>
        {h.lastError && (
          <Alert color="red" variant="light" p="xs" title={`Последняя ошибка${h.lastErrorAt ? ` (${fmtDateTime(h.lastErrorAt)})` : ''}`} data-testid="health-error">
            <Text size="xs" style={{ wordBreak: 'break-word' }}>
              {h.lastError}
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function HealthPanel() {
  const { health, error } = useMailHealth();
  if (error) return <Alert color="red">{errorText(error)}</Alert>;
  if (!health) return null;
  if (health.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Почтовых ящиков нет. Добавьте ящик, куда КЦ присылает заявки с сайта и вопросы «Задать вопрос».
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="health-panel">
      {health.map((h) => (
        <HealthCard key={h.mailboxId} h={h} />
      ))}
    </Stack>
  );
}
