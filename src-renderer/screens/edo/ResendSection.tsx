// «Передать заново» on a 1С connection: after 1С was restored from a copy, its documents from a date go to 1С again.
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { DateField } from '../../components/DateField';
import { dateError } from '../../components/dateText';
import { todayIso } from '../clients/card/format';

/** The first day of the previous month: a restore point is seldom older. */
function defaultSince(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return d.toISOString().slice(0, 10);
}

export function ResendSection({ connectionId }: { connectionId: number }) {
  const [since, setSince] = useState<string | null>(() => defaultSince(todayIso()));
  const [busy, setBusy] = useState(false);

  // A date typed wrong or in the future: the field says why on leaving it, and nothing is asked.
  const invalid = !since || dateError(since, { required: true, max: todayIso() }) != null;
  const ask = async () => {
    if (!since || invalid) return;
    setBusy(true);
    try {
      const { documents } = await call('edo.connections.resend', { id: connectionId, since, dryRun: true });
      if (documents === 0) {
        notifications.show({ color: 'gray', message: `С ${formatDate(since)} нет документов, которые можно передать заново` });
        return;
      }
      modals.openConfirmModal({
        title: 'Передать документы в 1С заново?',
        children: (
          <Text size="sm">
            Документов с {formatDate(since)}: <b>{documents}</b>. Они уйдут в 1С заново при следующем обмене; 1С найдёт каждый по его ключу или создаст
            снова. Подписанные и аннулированные документы не трогаются.
          </Text>
        ),
        labels: { confirm: `Передать заново (${documents})`, cancel: 'Отмена' },
        confirmProps: { 'data-testid': 'onec-resend-confirm' } as never,
        onConfirm: () => void run(since),
      });
    } catch (err) {
      notifications.show({ color: 'red', message: `Не удалось: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };
  const run = async (from: string) => {
    try {
      const { documents } = await call('edo.connections.resend', { id: connectionId, since: from });
      notifications.show({ color: 'green', message: `Документов поставлено в очередь заново: ${documents}` });
    } catch (err) {
      notifications.show({ color: 'red', message: `Не передано: ${errorText(err)}` });
    }
  };

  return (
    <Stack gap={4} data-testid="onec-resend-section">
      <Text size="sm" fw={600}>
        1С восстановили из резервной копии?
      </Text>
      <Text size="xs" c="dimmed">
        Документы, которые 1С получила после этой копии, в ней пропали. Передайте их заново с даты копии.
      </Text>
      <Group align="flex-end" gap="xs">
        <DateField label="Документы с" value={since} onChange={setSince} maxDate={todayIso()} maxMessage="Дата не может быть в будущем" w={180} data-testid="onec-resend-since" />
        <Button type="button" variant="default" onClick={() => void ask()} loading={busy} disabled={invalid} data-testid="onec-resend">
          Передать заново…
        </Button>
      </Group>
    </Stack>
  );
}
