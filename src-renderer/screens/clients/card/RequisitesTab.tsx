// Tab «Реквизиты»: the counterparty valid today in full, and the history of counterparties by period.
import { useState } from 'react';
import { Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconReplace } from '@tabler/icons-react';
import type { CounterpartyLink, CounterpartyRow } from '../../../../src-shared/types';
import { useSession } from '../../../app/session';
import { CounterpartyForm } from './CounterpartyForm';
import { fmtDate, fmtDateTime, todayIso } from './format';

function Row({ label, value, testId }: { label: string; value: string | null | undefined; testId?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={190} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value || '—'}
      </Text>
    </Group>
  );
}

function CounterpartyDetails({ cp }: { cp: CounterpartyRow }) {
  return (
    <Grid gap={4} data-testid="cp-current">
      <Grid.Col span={6}>
        <Stack gap={4}>
          <Row label="Полное наименование" value={cp.fullName} testId="cp-current-name" />
          <Row label="Краткое наименование" value={cp.shortName} />
          <Row label="ИНН / КПП" value={[cp.inn, cp.kpp].filter(Boolean).join(' / ')} testId="cp-current-inn" />
          <Row label="ОГРН" value={cp.ogrn} />
          <Row label="Юридический адрес" value={cp.legalAddress} />
          <Row label="Руководитель" value={[cp.directorPosition, cp.directorName].filter(Boolean).join(' ')} />
          <Row label="Подписант" value={cp.signerName ? `${cp.signerName}${cp.signerBasis ? `, на основании ${cp.signerBasis}` : ''}` : null} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={6}>
        <Stack gap={4}>
          <Row label="Банк" value={cp.bankName} />
          <Row label="БИК" value={cp.bik} />
          <Row label="Корреспондентский счёт" value={cp.corrAccount} />
          <Row label="Расчётный счёт" value={cp.account} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function period(l: CounterpartyLink): string {
  return `с ${fmtDate(l.effectiveFrom)} ${l.effectiveTo ? `по ${fmtDate(l.effectiveTo)}` : 'по настоящее время'}`;
}

export function RequisitesTab({
  clientId,
  current,
  history,
  reload,
}: {
  clientId: number;
  current: CounterpartyRow | null;
  history: CounterpartyLink[];
  reload: () => Promise<void>;
}) {
  const { hasRole } = useSession();
  const canEdit = hasRole('admin', 'head', 'sales', 'sio', 'pm', 'caller');
  const [open, setOpen] = useState(false);
  const today = todayIso();
  // The link valid today is the newest one that has started; later ones are planned.
  const currentLinkId = history.find((l) => l.effectiveFrom <= today)?.id;

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Title order={5}>Действующий контрагент на {fmtDate(today)}</Title>
          {canEdit && (
            <Button size="xs" leftSection={<IconReplace size={14} />} onClick={() => setOpen(true)} data-testid="cp-change">
              Сменить контрагента с даты…
            </Button>
          )}
        </Group>
        {current ? (
          <CounterpartyDetails cp={current} />
        ) : (
          <Text size="sm" c="dimmed">
            Контрагент не указан. Нажмите «Сменить контрагента с даты…», чтобы внести реквизиты — без них не напечатать договор.
          </Text>
        )}
      </Paper>
      <Title order={5}>История контрагентов</Title>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          Истории пока нет: здесь появятся периоды, когда клиент работал через разных контрагентов.
        </Text>
      ) : (
        <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="cp-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={340}>Период</Table.Th>
              <Table.Th>Контрагент</Table.Th>
              <Table.Th w={220}>ИНН / КПП</Table.Th>
              <Table.Th>Основание</Table.Th>
              <Table.Th w={230}>Кто внёс</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((l) => (
              <Table.Tr key={l.id} data-testid="cp-history-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {period(l)}
                    </Text>
                    {l.id === currentLinkId && (
                      <Badge size="xs" color="green" variant="light" tt="none">
                        действует
                      </Badge>
                    )}
                    {l.effectiveFrom > today && (
                      <Badge size="xs" color="yellow" variant="light" tt="none">
                        с будущей даты
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{l.counterparty.shortName || l.counterparty.fullName}</Table.Td>
                <Table.Td>{[l.counterparty.inn, l.counterparty.kpp].filter(Boolean).join(' / ')}</Table.Td>
                <Table.Td>{l.basis ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{l.createdBy ?? '—'}</Text>
                  <Text size="xs" c="dimmed">
                    {fmtDateTime(l.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CounterpartyForm
        clientId={clientId}
        current={current}
        takenDates={history.map((l) => l.effectiveFrom)}
        opened={open}
        onClose={() => {
          setOpen(false);
          void reload();
        }}
      />
    </Stack>
  );
}
