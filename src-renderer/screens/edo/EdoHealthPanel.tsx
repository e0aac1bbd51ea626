// The 1С connections' health panel: last exchange, last success and error, message numbers, queue by group, lag, «Обменяться сейчас».
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { EDO_QUEUE_GROUPS, type OnecHealth } from '../../../src-shared/edo';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { fmtDateTime } from '../tasks/taskFormat';
import { GROUP_LABELS, TRANSPORT_LABELS, edoErrorText, lagText } from './edoUi';

/** Also re-read now and then: the lag grows with time passing. */
const REFRESH_MS = 10_000;

export function useEdoHealth() {
  const [health, setHealth] = useState<OnecHealth[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setHealth(await call('edo.health', {}));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onPush((event) => {
      if (event !== 'edo.changed' || timer) return;
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

function State({ h }: { h: OnecHealth }) {
  if (!h.enabled)
    return (
      <Badge color="gray" variant="light" tt="none">
        Выключено
      </Badge>
    );
  if (!h.lastRoundAt)
    return (
      <Badge color="gray" variant="light" tt="none" data-health="never">
        Обмена ещё не было
      </Badge>
    );
  const failing = h.lastErrorAt != null && (!h.lastOkAt || h.lastErrorAt > h.lastOkAt);
  return failing ? (
    <Badge color="red" variant="light" tt="none" data-health="error">
      Ошибка обмена
    </Badge>
  ) : (
    <Badge color="green" variant="light" tt="none" data-health="ok">
      Обмен идёт
    </Badge>
  );
}

export function EdoHealthCard({ h }: { h: OnecHealth }) {
  const [busy, setBusy] = useState(false);
  const runNow = async () => {
    setBusy(true);
    try {
      await call('edo.connections.runNow', { id: h.connectionId });
      notifications.show({ color: 'indigo', message: `Обмен с «${h.name}» запущен`, autoClose: 2500 });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" data-testid={`edo-health-${h.connectionId}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" truncate>
              {h.name}
            </Text>
            <Text size="xs" c="dimmed">
              {TRANSPORT_LABELS[h.sendVia]}
            </Text>
            <State h={h} />
          </Group>
          <Button size="compact-xs" variant="light" leftSection={<IconRefresh size={12} />} loading={busy} disabled={!h.enabled} onClick={() => void runNow()} data-testid="edo-run-now">
            Обменяться сейчас
          </Button>
        </Group>
        {!h.readsStates && (
          <Alert color="yellow" variant="light" p="xs" data-testid="edo-manual-signing">
            <Text size="xs">
              Подписание по ЭДО отмечается вручную: состояния ЭДО читаются только через OData, а у этого подключения OData не настроен.
            </Text>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 4, md: 8 }} spacing="xs">
          {EDO_QUEUE_GROUPS.map((g) => (
            <Num key={g} label={GROUP_LABELS[g]} value={h.counts[g]} color={g === 'failing' && h.counts[g] ? 'red.7' : undefined} testId={`edo-count-${g}`} />
          ))}
          <Num label="Задержка" value={lagText(h.lagMs)} />
          <Num label="Отправлено сообщений" value={h.sentNo} testId="edo-sent-no" />
          <Num label="Получено сообщений" value={h.receivedNo} />
          <Num label="Подтверждено 1С" value={h.ackedNo} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Последний обмен: {h.lastRoundAt ? fmtDateTime(h.lastRoundAt) : 'ещё не было'} · последний успешный: {h.lastOkAt ? fmtDateTime(h.lastOkAt) : 'ещё не было'}
          {h.refused > 0 && ` · отклонено входящих сообщений: ${h.refused}`}
        </Text>
        {h.lastError && (
          <Alert color="red" variant="light" p="xs" title={`Последняя ошибка${h.lastErrorAt ? ` (${fmtDateTime(h.lastErrorAt)})` : ''}`} data-testid="edo-health-error">
            <Text size="xs" style={{ wordBreak: 'break-word' }}>
              {edoErrorText(h.lastError)}
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** `version`: bumped by the screen after a connection is saved, so the panel reads it again at once. */
export function EdoHealthPanel({ version = 0 }: { version?: number }) {
  const { health, error, reload } = useEdoHealth();
  useEffect(() => {
    if (version) void reload();
  }, [version, reload]);
  if (error) return <Alert color="red">{errorText(error)}</Alert>;
  if (!health) return null;
  if (health.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Подключений к 1С нет. Администратор добавляет их здесь же: папку обмена или адрес публикации базы 1С.
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="edo-health-panel">
      {health.map((h) => (
        <EdoHealthCard key={h.connectionId} h={h} />
      ))}
    </Stack>
  );
}
