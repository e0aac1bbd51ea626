// The «USR» section of the client card: per distribution the last file, the newest update per bank, the age with a warning past the limit, and the files to download.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { formatBytes, formatDate, formatDays } from '../../../src-shared/format';
import { formatDistr } from '../../../src-shared/distr';
import type { UsrCard, UsrDistributionProof, UsrFileItem } from '../../../src-shared/usr-card';
import { errorText } from '../../api/messages';
import { downloadUsrFile } from './usrDownload';

const STATE_LABELS: Record<string, string> = { active: 'действует', suspended: 'приостановлен', closed: 'закрыт' };

/** The file's own date is the installation's wall time (`YYYY-MM-DDTHH:MM:SS`): shown as written, not moved between zones. */
export function fileAtText(v: string | null): string {
  if (!v) return '—';
  const time = /T(\d{2}:\d{2})/.exec(v)?.[1];
  return time ? `${formatDate(v.slice(0, 10))} ${time}` : formatDate(v.slice(0, 10));
}

function FileRow({ f }: { f: UsrFileItem }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadUsrFile(f.id, f.name);
    } catch (err) {
      notifications.show({ color: 'red', message: `Файл не скачан: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Table.Tr data-testid={`usr-file-${f.id}`}>
      <Table.Td>{fileAtText(f.fileAt)}</Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>{f.name}</Table.Td>
      <Table.Td>{formatDate(f.newestUpdate)}</Table.Td>
      <Table.Td>{formatBytes(f.size)}</Table.Td>
      <Table.Td>
        {f.purged ? (
          <Text size="xs" c="dimmed" title="Файл удалён при очистке хранилища; сведения из него сохранены">
            удалён при очистке
          </Text>
        ) : (
          <Button size="compact-xs" variant="subtle" leftSection={<IconDownload size={12} />} loading={busy} onClick={() => void download()} aria-label={`Скачать ${f.name}`}>
            Скачать
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function DistributionProof({ d, staleDays }: { d: UsrDistributionProof; staleDays: number }) {
  const code = formatDistr({ system: d.systemCode, number: d.distrNumber, comp: d.comp });
  return (
    <Paper withBorder p="xs" data-testid={`usr-distr-${d.distributionId}`}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Group gap="xs">
          <Text fw={600}>{code}</Text>
          {d.state !== 'active' && (
            <Badge color="gray" variant="light" size="sm">
              {STATE_LABELS[d.state] ?? d.state}
            </Badge>
          )}
        </Group>
        {d.lastUpdate && (
          <Badge color={d.stale ? 'red' : 'green'} variant="light" data-testid="usr-age">
            {d.ageDays === 0 ? 'обновлён сегодня' : `обновлён ${formatDays(d.ageDays ?? 0)} назад`}
          </Badge>
        )}
      </Group>
      {!d.hasFiles ? (
        <Text size="sm" c="dimmed" data-testid="usr-no-files">
          USR-файлов по этому комплекту нет. Файлы, которые СИО привозят от клиента, загружаются в разделе «USR-файлы».
        </Text>
      ) : (
        <Stack gap={6}>
          {d.stale && (
            <Alert color="red" variant="light" p={6} icon={<IconAlertTriangle size={16} />} data-testid="usr-stale">
              {d.lastUpdate
                ? `Последнее подтверждённое обновление ${formatDate(d.lastUpdate)} — старше ${formatDays(staleDays)}.`
                : 'Файлы есть, но ни одного обновления в них нет.'}
            </Alert>
          )}
          <Text size="sm">
            Последний файл: {d.lastFile ? `${fileAtText(d.lastFile.fileAt)} · ${d.lastFile.name}` : '—'}
            {d.lastUpdate && ` · последнее обновление ${formatDate(d.lastUpdate)}`}
          </Text>
          {d.banks.length > 0 && (
            <Table fz="sm" verticalSpacing={2} striped withTableBorder data-testid="usr-banks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Банк</Table.Th>
                  <Table.Th>Название</Table.Th>
                  <Table.Th w={130}>Обновлён</Table.Th>
                  <Table.Th w={110}>Документов</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.banks.map((b) => (
                  <Table.Tr key={b.code}>
                    <Table.Td>{b.code}</Table.Td>
                    <Table.Td>{b.name ?? ''}</Table.Td>
                    <Table.Td>{formatDate(b.lastUpdate) || '—'}</Table.Td>
                    <Table.Td>{b.docs ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed">
            Файлы ({d.fileCount}
            {d.fileCount > d.files.length ? `, показаны последние ${d.files.length}` : ''})
          </Text>
          <Table fz="sm" verticalSpacing={2} data-testid="usr-files">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>Дата файла</Table.Th>
                <Table.Th>Имя</Table.Th>
                <Table.Th w={120}>Обновление</Table.Th>
                <Table.Th w={80}>Размер</Table.Th>
                <Table.Th w={120} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.files.map((f) => (
                <FileRow key={f.id} f={f} />
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Paper>
  );
}

export function UsrSection({ data, error }: { data: UsrCard | null; error: unknown }) {
  if (error) return <Alert color="red">Не удалось загрузить сведения USR: {errorText(error)}</Alert>;
  if (!data) return <Loader size="sm" />;
  return (
    <Stack gap="sm" data-testid="usr-section">
      <Group justify="space-between">
        <Title order={5}>Подтверждение обновлений (USR)</Title>
        <Text size="xs" c="dimmed">
          Предупреждение — если последнее обновление старше {formatDays(data.staleDays)}
        </Text>
      </Group>
      {data.distributions.length === 0 ? (
        <Text size="sm" c="dimmed">
          У клиента нет дистрибутивов. Добавьте их на вкладке «Дистрибутивы и схемы сервиса» — тогда здесь появятся их USR-файлы.
        </Text>
      ) : (
        data.distributions.map((d) => <DistributionProof key={d.distributionId} d={d} staleDays={data.staleDays} />)
      )}
    </Stack>
  );
}
