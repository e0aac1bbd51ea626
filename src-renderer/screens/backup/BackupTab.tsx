// «Резервные копии» (administrator): the state of the last backup, the schedule, a copy on demand, the copies in the folder and the history of runs.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Code, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconDeviceFloppy } from '@tabler/icons-react';
import type { BackupRun, BackupStatus } from '../../../src-shared/backup';
import { formatBytes, formatDateTime } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';

const STEP_TEXT: Record<string, string> = {
  snapshot: 'снимок базы данных',
  key: 'ключ паролей',
  stores: 'файлы',
  verify: 'проверка копии',
  done: 'завершение',
};


const duration = (ms: number | null) => (ms == null ? '—' : ms < 60_000 ? `${(ms / 1000).toFixed(1).replace('.', ',')} с` : `${Math.round(ms / 60_000)} мин`);

export function useBackupStatus() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setStatus(await call('backup.status', {}));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    const off = onPush((event) => {
      if (event === 'backup.changed') void load();
    });
    // "Next run" and a run's steps move with time as well.
    const every = setInterval(() => void load(), 30_000);
    return () => {
      off();
      clearInterval(every);
    };
  }, [load]);
  return { status, error, reload: load };
}

function StateBadge({ s }: { s: BackupStatus }) {
  if (s.current)
    return (
      <Badge color="blue" variant="light" tt="none" data-backup-state="running">
        Выполняется: {STEP_TEXT[s.current.step] ?? s.current.step}
      </Badge>
    );
  if (s.last?.status === 'failed')
    return (
      <Badge color="red" variant="filled" tt="none" data-backup-state="failed">
        Последняя копия не создана
      </Badge>
    );
  if (!s.lastOk)
    return (
      <Badge color="yellow" variant="light" tt="none" data-backup-state="none">
        Копий ещё не было
      </Badge>
    );
  return (
    <Badge color="green" variant="light" tt="none" data-backup-state="ok">
      Копия создана
    </Badge>
  );
}

function Num({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

/** The health card: the last result (time, size, duration, error), the next run, a run on demand. */
export function BackupHealthCard({ s, onRun }: { s: BackupStatus; onRun: () => void }) {
  const last = s.last;
  return (
    <Paper withBorder p="sm" data-testid="backup-health">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600} size="sm">
              Резервное копирование
            </Text>
            <StateBadge s={s} />
          </Group>
          <Button size="compact-sm" variant="light" leftSection={<IconDatabaseExport size={14} />} disabled={!s.schedulerRunning || !!s.current} onClick={onRun} data-testid="backup-run-now">
            Создать копию сейчас
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs">
          <Num label="Последняя успешная" value={s.lastOk ? formatDateTime(s.lastOk.startedAt) : '—'} testId="backup-last-ok" />
          <Num label="Размер" value={s.lastOk?.bytes != null ? formatBytes(s.lastOk.bytes) : '—'} testId="backup-size" />
          <Num label="Длительность" value={duration(s.lastOk?.durationMs ?? null)} />
          <Num label="Следующая" value={!s.settings.enabled ? 'по расписанию не создаются' : s.nextAt ? formatDateTime(s.nextAt) : '—'} />
          <Num label="Копий в папке" value={String(s.backups.length)} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Папка: <Code>{s.folder}</Code>
        </Text>
        {!s.schedulerRunning && (
          <Alert color="yellow" variant="light" p="xs">
            Копии по расписанию создаёт сервер программы (<Code>npm run serve</Code>); здесь он не запущен, поэтому копии не создаются. Вручную:{' '}
            <Code>npm run cli -- backup --db … --to …</Code>
          </Alert>
        )}
        {last?.status === 'failed' && (
          <Alert color="red" variant="light" p="xs" title={`Ошибка копирования ${formatDateTime(last.startedAt)}`} data-testid="backup-error">
            <Text size="xs" style={{ wordBreak: 'break-word' }}>
              {last.error}
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

interface Form {
  enabled: boolean;
  intervalHours: number | string;
  folder: string;
  keepCount: number | string;
  keepDays: number | string;
}

function ScheduleForm({ s, onSaved }: { s: BackupStatus; onSaved: () => void }) {
  const [form, setForm] = useState<Form>({
    enabled: s.settings.enabled,
    intervalHours: s.settings.intervalHours,
    folder: s.settings.folder ?? '',
    keepCount: s.settings.keepCount,
    keepDays: s.settings.keepDays ?? 0,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  const save = async () => {
    setBusy(true);
    try {
      await call('backup.saveSettings', {
        enabled: form.enabled,
        intervalHours: Number(form.intervalHours) || 0,
        folder: form.folder,
        keepCount: Number(form.keepCount) || 0,
        keepDays: Number(form.keepDays) || 0,
      });
      notifications.show({ color: 'green', message: 'Расписание резервных копий сохранено', autoClose: 3000 });
      onSaved();
    } catch (err) {
      const f = fieldErrors(err);
      setErrors(f);
      if (Object.keys(f).length === 0) notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Title order={5}>Расписание</Title>
          <Switch label="Создавать копии по расписанию" checked={form.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} data-testid="backup-enabled" />
          <Group grow align="flex-start">
            <NumberInput label="Каждые, часов" min={1} max={720} allowDecimal={false} value={form.intervalHours} onChange={(v) => set('intervalHours', v)} error={errors.intervalHours} data-testid="backup-interval" />
            <NumberInput label="Хранить копий" min={1} max={1000} allowDecimal={false} value={form.keepCount} onChange={(v) => set('keepCount', v)} error={errors.keepCount} />
            <NumberInput
              label="Удалять старше, дней"
              description="0 — не удалять по возрасту"
              min={0}
              max={3650}
              allowDecimal={false}
              value={form.keepDays}
              onChange={(v) => set('keepDays', v)}
              error={errors.keepDays}
            />
          </Group>
          <TextInput
            label="Папка для копий на сервере"
            description="Лучше на другом диске или сетевом хранилище: копия на том же диске не спасёт при его поломке. Пусто — папка backups рядом с базой."
            placeholder={s.settings.folder ? '' : s.folder}
            value={form.folder}
            onChange={(e) => set('folder', e.currentTarget.value)}
            error={errors.folder}
            data-testid="backup-folder"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={16} />} data-testid="backup-save">
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const RESULT: Record<BackupRun['status'], string> = { ok: 'создана', failed: 'ошибка' };

export function BackupTab() {
  const { status, error, reload } = useBackupStatus();
  if (error) return <Alert color="red">{errorText(error)}</Alert>;
  if (!status) return null;
  const runNow = async () => {
    try {
      await call('backup.runNow', {});
      notifications.show({ color: 'indigo', message: 'Резервная копия создаётся', autoClose: 2500 });
      void reload();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  };
  return (
    <Stack gap="md" maw={1000}>
      <BackupHealthCard s={status} onRun={() => void runNow()} />
      <ScheduleForm key={JSON.stringify(status.settings)} s={status} onSaved={() => void reload()} />
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Title order={5}>Копии в папке</Title>
          {status.backups.length === 0 ? (
            <Text size="sm" c="dimmed">
              Копий этой базы в папке нет.
            </Text>
          ) : (
            <Table striped withTableBorder fz="sm" data-testid="backup-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Создана</Table.Th>
                  <Table.Th>Папка копии</Table.Th>
                  <Table.Th ta="right">Размер</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.backups.map((b) => (
                  <Table.Tr key={b.name}>
                    <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                    <Table.Td>
                      <Code>{b.name}</Code>
                    </Table.Td>
                    <Table.Td ta="right">{formatBytes(b.bytes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed">
            Восстановление — при остановленном сервере: <Code>npm run cli -- restore --db &lt;база&gt; --from &lt;папка копии&gt;</Code>. Заменённые файлы сохраняются рядом с базой.
          </Text>
        </Stack>
      </Paper>
      {status.runs.length > 0 && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Title order={5}>Последние запуски</Title>
            <Table withTableBorder fz="sm" data-testid="backup-runs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Начало</Table.Th>
                  <Table.Th>Запуск</Table.Th>
                  <Table.Th>Результат</Table.Th>
                  <Table.Th ta="right">Размер</Table.Th>
                  <Table.Th ta="right">Длительность</Table.Th>
                  <Table.Th>Ошибка</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.runs.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{formatDateTime(r.startedAt)}</Table.Td>
                    <Table.Td>{r.trigger === 'manual' ? 'вручную' : 'по расписанию'}</Table.Td>
                    <Table.Td c={r.status === 'failed' ? 'red' : undefined}>{RESULT[r.status]}</Table.Td>
                    <Table.Td ta="right">{r.bytes != null ? formatBytes(r.bytes) : '—'}</Table.Td>
                    <Table.Td ta="right">{duration(r.durationMs)}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{r.error ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
