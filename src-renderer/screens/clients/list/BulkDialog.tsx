// Bulk action on the chosen clients (a head's): assign a СИО or a personal manager, or change the status — chosen, then confirmed with the count.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CLIENT_STATUSES, type ClientStatus } from '../../../../src-shared/api/common';
import type { Refs } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { CLIENT_STATUS_LABELS } from '../../../components/StatusBadges';

export type BulkKind = 'sio' | 'pm' | 'status';

const TITLES: Record<BulkKind, string> = { sio: 'Назначить СИО', pm: 'Назначить персонального менеджера', status: 'Сменить статус' };
const NONE = 'none';

/** «5 клиентам», «1 клиенту», «22 клиентам». */
function clientsDative(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  return `${n.toLocaleString('ru-RU')} ${mod10 === 1 && mod100 !== 11 ? 'клиенту' : 'клиентам'}`;
}

export function BulkDialog({ kind, ids, refs, onClose, onDone }: { kind: BulkKind | null; ids: number[]; refs: Refs | null; onClose: () => void; onDone: () => void }) {
  const [value, setValue] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setValue(null);
    setConfirming(false);
    setError(null);
    onClose();
  };

  const role = kind === 'pm' ? 'pm' : 'sio';
  const options =
    kind === 'status'
      ? CLIENT_STATUSES.map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }))
      : [{ value: NONE, label: 'Не назначен (снять)' }, ...(refs?.employees ?? []).filter((e) => e.active && e.roles.includes(role)).map((e) => ({ value: String(e.id), label: e.fullName }))];
  const chosen = options.find((o) => o.value === value)?.label ?? '';
  const what = kind === 'status' ? `статус «${chosen}»` : kind === 'sio' ? (value === NONE ? 'снять СИО' : `СИО: ${chosen}`) : value === NONE ? 'снять персонального менеджера' : `персональный менеджер: ${chosen}`;

  const apply = async () => {
    if (!kind || !value) return;
    setBusy(true);
    try {
      const person = value === NONE ? null : Number(value);
      const r = await call('lists.clientsBulk', kind === 'status' ? { ids, status: value as ClientStatus } : kind === 'sio' ? { ids, sioId: person } : { ids, pmId: person });
      notifications.show({ color: 'green', message: `Изменено клиентов: ${r.changed}${r.unchanged ? `, уже было так: ${r.unchanged}` : ''}` });
      close();
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={kind != null} onClose={close} title={kind ? TITLES[kind] : ''} size="md">
      <Stack gap="sm" data-testid="bulk-dialog">
        {!confirming ? (
          <>
            <Text size="sm">Выбрано клиентов: {ids.length.toLocaleString('ru-RU')}</Text>
            <Select
              label={kind === 'status' ? 'Новый статус' : 'Сотрудник'}
              data={options}
              value={value}
              onChange={setValue}
              searchable
              nothingFoundMessage="Никого не нашли"
              data-autofocus
              data-testid="bulk-value"
              comboboxProps={{ withinPortal: true }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Отмена
              </Button>
              <Button disabled={!value} onClick={() => setConfirming(true)} data-testid="bulk-next">
                Далее
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm" data-testid="bulk-confirm-text">
              Применить к {clientsDative(ids.length)}: {what}? Каждое изменение запишется в журнал.
            </Text>
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
                Назад
              </Button>
              <Button color="orange" loading={busy} onClick={() => void apply()} data-testid="bulk-apply">
                Применить
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
