// One batch: progress while it runs, then a line per file (status, counts) with its problems, and review of staged files.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ImportBatchDetail, ImportResultRow } from '../../../src-shared/imports';
import { formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { kindText, problemText, statusOf } from './importTexts';

/** Staged kinds with a review screen of their own: `#/imports/<route>/<stage id>`. */
const REVIEW_ROUTES: Partial<Record<string, string>> = { 'glavbukh.list': 'glavbukh', 'nss.calls': 'nss-calls' };

function Problems({ r }: { r: ImportResultRow }) {
  const [open, setOpen] = useState(false);
  if (r.problemCount === 0) return null;
  return (
    <Stack gap={2}>
      <Button variant="subtle" size="compact-xs" onClick={() => setOpen((o) => !o)}>
        {open ? 'Скрыть' : `Замечания: ${r.problemCount}`}
      </Button>
      {open && (
        <Stack gap={0} data-testid="import-problems">
          {r.problems.map((p, i) => (
            <Text key={i} size="xs">
              {problemText(p)}
            </Text>
          ))}
          {r.problemCount > r.problems.length && <Text size="xs" c="dimmed">… и ещё {r.problemCount - r.problems.length}</Text>}
        </Stack>
      )}
    </Stack>
  );
}

export function BatchResults({ batch, onChanged }: { batch: ImportBatchDetail; onChanged: () => void }) {
  const running = batch.state !== 'done';
  async function stage(r: ImportResultRow, action: 'apply' | 'discard') {
    try {
      if (action === 'apply') await call('imports.stage.apply', { id: r.stageId!, decisions: {} });
      else await call('imports.stage.discard', { id: r.stageId! });
      onChanged();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  }
  return (
    <Paper withBorder p="md" data-testid="import-batch" data-state={batch.state}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={500}>
            Импорт от {formatDateTime(batch.createdAt)}: {running ? `обработано ${batch.filesDone} из ${batch.filesTotal}` : `готово, файлов: ${batch.filesTotal}`}
          </Text>
          <Text size="sm" c="dimmed">
            добавлено {batch.added}, пропущено {batch.skipped}, с замечаниями {batch.flagged}
          </Text>
        </Group>
        {running && <Progress value={batch.filesTotal ? (batch.filesDone / batch.filesTotal) * 100 : 0} animated />}
        <Table data-testid="import-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Файл</Table.Th>
              <Table.Th>Вид</Table.Th>
              <Table.Th>Результат</Table.Th>
              <Table.Th>Добавлено</Table.Th>
              <Table.Th>Пропущено</Table.Th>
              <Table.Th>Замечания</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batch.results.map((r) => {
              const s = statusOf(r.status);
              return (
                <Table.Tr key={r.id} data-status={r.status} data-name={r.name}>
                  <Table.Td style={{ paddingLeft: r.parentId != null ? 24 : undefined }}>{r.name}</Table.Td>
                  <Table.Td>{kindText(r.kind)}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge color={s.color} variant="light" tt="none">
                        {s.label}
                      </Badge>
                      {r.stageId != null && r.kind != null && REVIEW_ROUTES[r.kind] && (
                        <Button size="compact-xs" onClick={() => navigate(`/imports/${REVIEW_ROUTES[r.kind!]}/${r.stageId}`)} data-testid="import-review">
                          Проверить
                        </Button>
                      )}
                      {r.stageId != null && !(r.kind != null && REVIEW_ROUTES[r.kind]) && (
                        <>
                          <Button size="compact-xs" onClick={() => void stage(r, 'apply')}>
                            Применить
                          </Button>
                          <Button size="compact-xs" variant="default" onClick={() => void stage(r, 'discard')}>
                            Отложить
                          </Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.added}</Table.Td>
                  <Table.Td>{r.skipped}</Table.Td>
                  <Table.Td>
                    <Problems r={r} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
