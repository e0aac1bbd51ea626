// Side panel of one USR file: what it proves (kits, banks with their last update) and what it says (versions, tech info).
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, CloseButton, Divider, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { downloadUsrFile } from '../../components/usr/usrDownload';
import type { UsrFileFull } from '../../../src-shared/usr';
import { formatBytes, formatDate, formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { fileAtText, USR_STATUS_TEXT } from './usrTexts';

function Fact({ label, value }: { label: string; value: string | number | null | undefined }) {
  if (value == null || value === '') return null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Group>
  );
}

export function UsrFilePanel({ id, onClose }: { id: number; onClose: () => void }) {
  const [file, setFile] = useState<UsrFileFull | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setFile(null);
    setError(null);
    call('usr.file', { id })
      .then((f) => live && setFile(f))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [id]);
  const st = file ? (USR_STATUS_TEXT[file.status] ?? { label: file.status, color: 'gray' }) : null;
  return (
    <Paper withBorder p="md" w={440} style={{ overflow: 'auto', flexShrink: 0 }} data-testid="usr-file-panel">
      <Group justify="space-between" wrap="nowrap" mb="sm">
        <Title order={5} style={{ wordBreak: 'break-all' }}>
          {file?.name ?? 'Файл'}
        </Title>
        <CloseButton onClick={onClose} aria-label="Закрыть" />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {file && st && (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color={st.color} variant="light">
              {st.label}
            </Badge>
            {file.purgedAt && <Badge color="gray">Файл удалён из хранилища</Badge>}
            {!file.purgedAt && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconDownload size={12} />}
                onClick={() => void downloadUsrFile(file.id, file.name).catch((e: unknown) => notifications.show({ color: 'red', message: `Файл не скачан: ${errorText(e)}` }))}
                data-testid="usr-file-download"
              >
                Скачать
              </Button>
            )}
          </Group>
          <Fact label="Дата файла" value={fileAtText(file.fileAt)} />
          <Fact label="Последнее обновление" value={file.newestUpdate ? formatDate(file.newestUpdate) : null} />
          <Fact label="Загружен" value={formatDateTime(file.importedAt)} />
          <Fact label="Размер" value={formatBytes(file.size)} />
          <Divider label="Комплекты" labelPosition="left" />
          {file.kitDetails.map((k) => (
            <Group key={k.usrKitId} gap="xs" wrap="nowrap">
              <Text ff="monospace" size="sm">
                {k.kit}
              </Text>
              {k.netCount != null && <Text size="xs" c="dimmed">{`мест: ${k.netCount}`}</Text>}
              {k.clientId != null ? (
                <Anchor size="sm" onClick={() => navigate(`/clients/${k.clientId}`)}>
                  {k.clientName}
                </Anchor>
              ) : (
                <Anchor size="sm" c="orange.8" onClick={() => navigate('/usr/kits')}>
                  нет в базе — привязать
                </Anchor>
              )}
            </Group>
          ))}
          <Divider label="Информационные банки" labelPosition="left" />
          <Table fz="xs" data-testid="usr-banks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Банк</Table.Th>
                <Table.Th>Обновлён</Table.Th>
                <Table.Th>Документов</Table.Th>
                <Table.Th>Пополнений</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {file.banks.map((b, i) => (
                <Table.Tr key={`${b.code}-${i}`}>
                  <Table.Td title={b.kit ?? undefined}>{b.name ?? b.code}</Table.Td>
                  <Table.Td>{b.lastUpdate ? formatDate(b.lastUpdate) : '—'}</Table.Td>
                  <Table.Td>{b.lastDocs ?? '—'}</Table.Td>
                  <Table.Td>{b.updateCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Divider label="Версии и компьютер" labelPosition="left" />
          <Fact label="Версия ресурсов" value={file.resVersion} />
          <Fact label="Версия оболочки" value={file.consExeVersion} />
          <Fact label="Версия КД" value={file.kdVersion} />
          <Fact label="Комплектация" value={file.complect} />
          <Fact label="Формат файла" value={file.formatVersion} />
          <Fact label="Операционная система" value={[file.osName, file.osVersion].filter(Boolean).join(', ')} />
          <Fact label="Процессор" value={file.processor} />
          <Fact label="Оперативная память" value={file.ramMb != null ? `${file.ramMb} МБ` : null} />
          <Fact label="Свободно на диске" value={file.diskFreeMb != null ? `${file.diskFreeMb} МБ` : null} />
          <Fact label="Офисный пакет" value={file.office} />
        </Stack>
      )}
    </Paper>
  );
}
