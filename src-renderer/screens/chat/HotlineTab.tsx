// «hotline.txt» settings tab: the folder on the server, the last write and what changed, kits left out, download and a write on demand.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDownload, IconFileExport } from '@tabler/icons-react';
import type { HotlineStatus, HotlineWarning } from '../../../src-shared/hotline';
import { formatDateTime } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';

const FOLDER_ERRORS: Record<string, string> = {
  absolute_path: 'Укажите полный путь к папке на сервере, например D:\\КЦ',
  inside_store: 'Папка не может быть внутри папки файлов программы',
  not_writable: 'Сервер не может создать эту папку или писать в неё',
};

const WARNING_TEXT: Record<HotlineWarning['problem'], string> = {
  system_without_number: 'у системы нет номера в справочнике',
  unknown_system_code: 'системы нет в справочнике',
};

function saveFile(name: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
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

/** «+3: 1_000123, …» — the codes the last write added or removed (the list is cut; the count is whole). */
function Codes({ label, codes, count, color }: { label: string; codes: string[]; count: number; color: string }) {
  if (count === 0) return null;
  return (
    <Text size="xs">
      <Text span c={color} fw={600}>
        {label} {count}:
      </Text>{' '}
      <Text span ff="monospace" size="xs">
        {codes.join(', ')}
        {count > codes.length ? ', …' : ''}
      </Text>
    </Text>
  );
}

export function HotlineTab() {
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const [status, setStatus] = useState<HotlineStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'write' | 'download' | null>(null);
  const load = useCallback(async () => {
    try {
      const s = await call('hotline.status', {});
      setStatus(s);
      return s;
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
      return null;
    }
  }, []);
  useEffect(() => {
    void load().then((s) => s && setFolder(s.folder ?? ''));
    return onPush((event) => {
      if (event === 'hotline.changed') void load();
    });
  }, [load]);

  const run = async (what: 'save' | 'write' | 'download', fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      const f = fieldErrors(err);
      const reason = err && typeof err === 'object' && 'error' in err ? (err as { error: { issues?: { reason: string }[] } }).error.issues?.[0]?.reason : undefined;
      if (f.folder) setFolderError((reason && FOLDER_ERRORS[reason]) ?? f.folder);
      else if (reason === 'no_folder') notifications.show({ color: 'yellow', message: 'Сначала укажите папку для hotline.txt' });
      else notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  if (!status) return <Text c="dimmed">Загрузка…</Text>;
  const st = status.state;
  const saveFolder = () =>
    run('save', async () => {
      const s = await call('hotline.saveFolder', { folder });
      setStatus(s);
      setFolder(s.folder ?? '');
      notifications.show({ color: 'green', message: s.folder ? `Папка сохранена, hotline.txt записан: ${s.folder}` : 'Папка убрана: hotline.txt больше не записывается' });
    });
  const writeNow = () =>
    run('write', async () => {
      const s = await call('hotline.writeNow', {});
      setStatus(s);
      if (s.state.error) notifications.show({ color: 'red', message: `Не удалось записать hotline.txt: ${s.state.error.message}` });
      else notifications.show({ color: 'green', message: `hotline.txt записан: ${s.state.count} дистрибутивов` });
    });
  const download = () =>
    run('download', async () => {
      const f = await call('hotline.download', {});
      saveFile(f.name, f.base64);
    });

  return (
    <Stack gap="sm" maw={960} data-testid="hotline-tab">
      <Text size="sm" c="dimmed">
        hotline.txt — список дистрибутивов с подключённым Онлайн-диалогом для АРМ РИЦ КЦ: одна строка вида <Code>1_000123, 1_000124_02</Code>. Программа
        пересобирает файл сама, когда меняется набор на сегодня: при отметке в карточке клиента и в начале дня, с которого действует запланированное
        изменение.
      </Text>
      <Paper withBorder p="sm" data-testid="hotline-state">
        <Stack gap="xs">
          <Group justify="space-between">
            <Group gap="xs">
              <Text fw={600} size="sm">
                Файл
              </Text>
              {!status.folder ? (
                <Badge color="yellow" variant="light" tt="none" data-hotline-state="no-folder">
                  Не записывается: папка не указана
                </Badge>
              ) : st.error ? (
                <Badge color="red" variant="filled" tt="none" data-hotline-state="failed">
                  Последняя запись не удалась
                </Badge>
              ) : st.lastWrittenAt ? (
                <Badge color="green" variant="light" tt="none" data-hotline-state="ok">
                  Записан
                </Badge>
              ) : (
                <Badge color="gray" variant="light" tt="none" data-hotline-state="none">
                  Ещё не записывался
                </Badge>
              )}
            </Group>
            <Group gap="xs">
              <Button size="compact-sm" variant="light" leftSection={<IconDownload size={14} />} loading={busy === 'download'} onClick={() => void download()} data-testid="hotline-download">
                Скачать hotline.txt
              </Button>
              {isAdmin && (
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconFileExport size={14} />}
                  disabled={!status.folder}
                  loading={busy === 'write'}
                  onClick={() => void writeNow()}
                  data-testid="hotline-write"
                >
                  Записать сейчас
                </Button>
              )}
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
            <Num label="Дистрибутивов в файле" value={String(st.count)} testId="hotline-count" />
            <Num label="Последняя запись" value={st.lastWrittenAt ? formatDateTime(st.lastWrittenAt) : '—'} testId="hotline-written" />
            <Num label="Последняя проверка" value={st.checkedAt ? formatDateTime(st.checkedAt) : '—'} />
            <Num label="Не вошли (нет номера системы)" value={String(st.warnings.reduce((n, w) => n + w.count, 0))} />
          </SimpleGrid>
          {st.writtenPath && (
            <Text size="xs" c="dimmed">
              Файл: <Code>{st.writtenPath}</Code>
            </Text>
          )}
          {st.lastWrittenAt && (
            <Stack gap={2} data-testid="hotline-changes">
              <Text size="xs" fw={500}>
                Что изменилось при последней записи
              </Text>
              {st.addedCount + st.removedCount === 0 ? (
                <Text size="xs" c="dimmed">
                  Состав не изменился (файл записан заново)
                </Text>
              ) : (
                <>
                  <Codes label="Добавлено" codes={st.added} count={st.addedCount} color="green.8" />
                  <Codes label="Убрано" codes={st.removed} count={st.removedCount} color="red.8" />
                </>
              )}
            </Stack>
          )}
          {st.error && (
            <Alert color="red" variant="light" p="xs" title={`Ошибка записи ${formatDateTime(st.error.at)}`} data-testid="hotline-error">
              <Text size="xs" style={{ wordBreak: 'break-word' }}>
                {st.error.message}
              </Text>
            </Alert>
          )}
        </Stack>
      </Paper>

      {st.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title="Дистрибутивы, не вошедшие в hotline.txt" data-testid="hotline-warnings">
          <Stack gap={4}>
            <Text size="xs">
              КЦ называет системы номерами, а у этих систем номера нет в справочнике: укажите его во вкладке{' '}
              <Anchor size="xs" onClick={() => navigate('/settings/systems')}>
                «Системы К+»
              </Anchor>
              , и файл пересоберётся сам.
            </Text>
            {st.warnings.map((w) => (
              <Text size="xs" key={`${w.problem}:${w.systemCode}`}>
                <Anchor size="xs" fw={600} onClick={() => navigate('/settings/systems')}>
                  {w.systemCode}
                </Anchor>{' '}
                — {WARNING_TEXT[w.problem]}; дистрибутивов: {w.count} (
                <Text span ff="monospace" size="xs">
                  {w.kits.join(', ')}
                  {w.count > w.kits.length ? ', …' : ''}
                </Text>
                )
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      <Paper withBorder p="sm">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void saveFolder();
          }}
        >
          <Stack gap="xs">
            <Title order={5}>Папка на сервере</Title>
            <TextInput
              label="Куда записывать hotline.txt"
              description="Полный путь к папке на компьютере, где работает сервер программы; пусто — файл не записывается (его можно скачать)"
              placeholder="Например, D:\КЦ"
              value={folder}
              readOnly={!isAdmin}
              onChange={(e) => {
                setFolder(e.currentTarget.value);
                setFolderError(null);
              }}
              error={folderError}
              data-testid="hotline-folder"
            />
            {isAdmin && (
              <Group justify="flex-end">
                <Button type="submit" size="sm" leftSection={<IconDeviceFloppy size={14} />} loading={busy === 'save'} data-testid="hotline-save-folder">
                  Сохранить и проверить
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
