// «Импорт»: drop or pick files (many, or ZIPs), watch the batch run with a result per file and record, and the journal of earlier imports.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Paper, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import type { ImportBatchDetail, ImportBatchRow } from '../../../src-shared/imports';
import { formatBytes, formatDateTime } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { uploadFile } from './upload';
import { BatchResults } from './BatchResults';
import { SOURCE_TEXT, kindText } from './importTexts';

/** Kinds a person may name for the files they drop (a spreadsheet detection cannot tell apart, an XLSX call list named otherwise). */
const PICKED_KINDS = [{ value: '', label: 'Вид определить по содержимому' }, ...['nss.calls', 'glavbukh.list'].map((k) => ({ value: k, label: kindText(k) }))];

interface Sending {
  name: string;
  size: number;
  share: number;
  error?: string;
}

function useJournal() {
  const [rows, setRows] = useState<ImportBatchRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setRows(await call('imports.batches', { limit: 100 }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    // The journal changes when a batch ends, not with every file of it.
    return onPush((event, data) => {
      if (event === 'imports.changed' || (event === 'imports.progress' && (data as { state: string }).state === 'done')) void load();
    });
  }, [load]);
  return { rows, error, reload: load };
}

export function ImportsScreen() {
  const [sending, setSending] = useState<Sending[]>([]);
  const [questionTasks, setQuestionTasks] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const [batch, setBatch] = useState<ImportBatchDetail | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const journal = useJournal();

  const loadBatch = useCallback(async (id: number) => {
    try {
      setBatch(await call('imports.batch', { id }));
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  // The batch on screen follows its progress events; a slow poll covers a missed event.
  useEffect(() => {
    if (openId == null) return;
    void loadBatch(openId);
    // A batch of a thousand files sends a thousand events: at most one reload a second.
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onPush((event, data) => {
      if (event !== 'imports.progress' || (data as { batchId: number }).batchId !== openId || timer) return;
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        void loadBatch(openId);
      }, Math.max(0, 1000 - (Date.now() - last)));
    });
    const every = setInterval(() => void loadBatch(openId), 3000);
    return () => {
      off();
      clearInterval(every);
      if (timer) clearTimeout(timer);
    };
  }, [openId, loadBatch]);

  async function start(files: File[]) {
    if (files.length === 0 || busy) return;
    setBusy(true);
    setError(null);
    setSending(files.map((f) => ({ name: f.name, size: f.size, share: 0 })));
    const uploaded: { sha256: string; name: string }[] = [];
    for (const [i, f] of files.entries()) {
      try {
        const u = await uploadFile(f, (share) => setSending((s) => s.map((x, j) => (j === i ? { ...x, share } : x))));
        uploaded.push({ sha256: u.sha256, name: f.name });
      } catch (err) {
        const text = (err as { code?: string }).code === 'BAD_INPUT' ? 'файл больше 256 МБ' : errorText(err);
        setSending((s) => s.map((x, j) => (j === i ? { ...x, error: text } : x)));
      }
    }
    try {
      if (uploaded.length) {
        const { batchId } = await call('imports.start', { files: uploaded, options: { questionTasks, ...(kind ? { kind } : {}) } });
        setOpenId(batchId);
        void journal.reload();
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const failedUploads = sending.filter((s) => s.error);
  return (
    <Stack gap="md" data-testid="imports-screen">
      <Title order={3}>Импорт файлов</Title>
      <Paper
        withBorder
        p="lg"
        data-testid="import-drop"
        style={{ borderStyle: 'dashed', borderColor: dragging ? 'var(--mantine-color-blue-6)' : undefined }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void start([...e.dataTransfer.files]);
        }}
      >
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <IconFileImport size={28} />
            <Stack gap={0}>
              <Text fw={500}>Перетащите файлы сюда или выберите их</Text>
              <Text size="sm" c="dimmed">
                Выгрузки Онлайн-диалога и «Задать вопрос», USR-файлы, списки сертифицированных по программе «Главбух» и списки звонков горячей линии (XLSX, CSV), ZIP-архивы с ними. Вид файла определяется по содержимому; уже загруженные файлы не загружаются повторно.
              </Text>
            </Stack>
          </Group>
          <Group>
            <Select
              size="sm"
              w={260}
              aria-label="Вид файлов"
              data={PICKED_KINDS}
              value={kind ?? ''}
              allowDeselect={false}
              onChange={(v) => setKind(v ? v : null)}
              data-testid="import-kind"
            />
            <Checkbox label="Создавать поручения по новым вопросам" checked={questionTasks} onChange={(e) => setQuestionTasks(e.currentTarget.checked)} />
            <Button leftSection={<IconUpload size={16} />} loading={busy} onClick={() => input.current?.click()} data-testid="import-pick">
              Выбрать файлы
            </Button>
          </Group>
        </Group>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void start(files);
          }}
        />
        {busy && sending.length > 0 && (
          <Stack gap={4} mt="md">
            {sending.map((s) => (
              <Group key={s.name} gap="xs" wrap="nowrap">
                <Text size="sm" w={260} truncate>
                  {s.name} ({formatBytes(s.size)})
                </Text>
                <Progress value={s.share * 100} style={{ flex: 1 }} color={s.error ? 'red' : undefined} />
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
      {error && <Alert color="red">{error}</Alert>}
      {failedUploads.length > 0 && (
        <Alert color="red" title="Не все файлы отправлены">
          {failedUploads.map((s) => (
            <div key={s.name}>
              {s.name}: {s.error}
            </div>
          ))}
        </Alert>
      )}
      {batch && <BatchResults batch={batch} onChanged={() => void loadBatch(batch.id)} />}
      <Title order={4}>Журнал импорта</Title>
      {journal.error != null && <Alert color="red">{errorText(journal.error)}</Alert>}
      {journal.rows?.length === 0 && <Text c="dimmed">Импортов ещё не было. Загрузите файлы выше или настройте папки в «Настройки → Импорт».</Text>}
      {journal.rows && journal.rows.length > 0 && (
        <Table striped highlightOnHover stickyHeader data-testid="import-journal">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Когда</Table.Th>
              <Table.Th>Откуда</Table.Th>
              <Table.Th>Кто</Table.Th>
              <Table.Th>Файлов</Table.Th>
              <Table.Th>Добавлено</Table.Th>
              <Table.Th>Пропущено</Table.Th>
              <Table.Th>С замечаниями</Table.Th>
              <Table.Th>Не загружено</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {journal.rows.map((b) => (
              <Table.Tr key={b.id} onClick={() => setOpenId(b.id)} style={{ cursor: 'pointer' }} data-batch-id={b.id}>
                <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                <Table.Td>
                  {SOURCE_TEXT[b.source] ?? b.source}
                  {b.folder ? `: ${b.folder}` : ''}
                </Table.Td>
                <Table.Td>{b.createdByName ?? '—'}</Table.Td>
                <Table.Td>
                  {b.state === 'done' ? b.filesTotal : `${b.filesDone} из ${b.filesTotal}`}
                </Table.Td>
                <Table.Td>{b.added}</Table.Td>
                <Table.Td>{b.skipped}</Table.Td>
                <Table.Td>{b.flagged}</Table.Td>
                <Table.Td>{b.refused > 0 ? <Badge color="red">{b.refused}</Badge> : 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
