// Housekeeping of stored USR files: storage per year, and the retention clean-up — a dry run listed first, then removal after confirmation.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { formatBytes, formatDate, plural } from '../../../src-shared/format';
import type { UsrHousekeepingSummary, UsrPurgePlan } from '../../../src-shared/usr-card';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { fileAtText } from '../../components/usr/UsrSection';
import { notifyFailed, notifySaved } from '../settings/dialog';

const files = (n: number) => `${n} ${plural(n, 'файл', 'файла', 'файлов')}`;

/** `version` changes when the settings were saved: the summary and any shown plan are stale then. */
export function UsrHousekeeping({ version }: { version: number }) {
  const [summary, setSummary] = useState<UsrHousekeepingSummary | null>(null);
  const [plan, setPlan] = useState<UsrPurgePlan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setPlan(null);
    call('usr.housekeeping.summary', {}).then(setSummary, setError);
  }, []);
  useEffect(load, [load, version]);

  const dryRun = async () => {
    setBusy(true);
    try {
      setPlan(await call('usr.housekeeping.plan', {}));
    } catch (err) {
      notifyFailed(err, 'Не удалось проверить');
    } finally {
      setBusy(false);
    }
  };

  const run = (p: UsrPurgePlan) =>
    modals.openConfirmModal({
      title: `Удалить ${files(p.total)} (${formatBytes(p.bytes)})?`,
      children: (
        <Text size="sm">
          Файлы будут удалены из хранилища без возможности восстановления (кроме резервных копий). Сведения из них — банки и даты обновлений — останутся; последний файл каждого
          комплекта сохраняется всегда.
        </Text>
      ),
      labels: { confirm: 'Удалить файлы', cancel: 'Отмена' },
      confirmProps: { color: 'red', 'data-testid': 'usr-purge-confirm' } as Record<string, unknown>,
      onConfirm: () =>
        void call('usr.housekeeping.run', { expected: p.total })
          .then((r) => {
            notifySaved(`Удалено: ${files(r.purged)}, освобождено ${formatBytes(r.bytes)}`);
            load();
          })
          .catch((err) => {
            notifyFailed(err, 'Не удалено: список изменился, проверьте ещё раз');
            setPlan(null);
          }),
    });

  if (error) return <Alert color="red">Сведения о хранилище не загружены: {errorText(error)}</Alert>;
  if (!summary) return <Loader size="sm" />;

  return (
    <Stack gap="sm" data-testid="usr-housekeeping">
      <Title order={5}>Хранилище USR-файлов</Title>
      <Text size="sm" data-testid="usr-storage">
        {files(summary.files)}, занято {formatBytes(summary.bytes)}
        {summary.purged > 0 && ` · удалено при очистке: ${summary.purged}`}. Хранилище входит в каждую резервную копию.
      </Text>
      {summary.years.length > 0 && (
        <Table fz="sm" verticalSpacing={2} withTableBorder maw={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Год</Table.Th>
              <Table.Th>Файлов</Table.Th>
              <Table.Th>Занято</Table.Th>
              <Table.Th>Удалено</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.years.map((y) => (
              <Table.Tr key={y.year}>
                <Table.Td>{y.year}</Table.Td>
                <Table.Td>{y.files}</Table.Td>
                <Table.Td>{formatBytes(y.bytes)}</Table.Td>
                <Table.Td>{y.purged || ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {summary.retentionYears == null ? (
        <Text size="sm" c="dimmed">
          Хранятся все файлы. Чтобы удалять старые, снимите отметку «Хранить все файлы» и укажите срок.
        </Text>
      ) : (
        <Group>
          <Button variant="default" onClick={() => void dryRun()} loading={busy} data-testid="usr-plan">
            Проверить, что будет удалено
          </Button>
        </Group>
      )}
      {plan && (
        <Stack gap="xs" data-testid="usr-plan-result">
          {plan.total === 0 ? (
            <Text size="sm">Удалять нечего: файлов старше {plan.before ? formatDate(plan.before) : '—'} (кроме последних файлов комплектов) нет.</Text>
          ) : (
            <>
              <Text size="sm">
                Будет удалено {files(plan.total)} ({formatBytes(plan.bytes)}), датированных раньше {formatDate(plan.before)}
                {plan.total > plan.items.length ? `; ниже первые ${plan.items.length}` : ''}.
              </Text>
              <Table fz="sm" verticalSpacing={2} striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={140}>Дата файла</Table.Th>
                    <Table.Th>Имя</Table.Th>
                    <Table.Th>Комплекты</Table.Th>
                    <Table.Th w={80}>Размер</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.items.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{fileAtText(i.fileAt)}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{i.name}</Table.Td>
                      <Table.Td>{i.kits.join(', ')}</Table.Td>
                      <Table.Td>{formatBytes(i.size)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group>
                <Button color="red" onClick={() => run(plan)} data-testid="usr-purge">
                  Удалить эти файлы…
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
