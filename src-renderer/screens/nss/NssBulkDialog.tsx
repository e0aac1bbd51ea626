// «Записать контакт НСС» for the clients ticked in the list: one kind, date and comment for all of them, all or nothing.
import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { NSS_RECORD_KINDS, type NssRecordKind } from '../../../src-shared/nss';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { todayIso } from '../clients/card/format';
import { NSS_KIND_TEXT } from './NssRecordsSection';

const isoOf = (v: string) => {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : v.trim();
};

export function NssBulkDialog({ ids, opened, onClose, onDone }: { ids: number[]; opened: boolean; onClose: () => void; onDone: () => void }) {
  const [kind, setKind] = useState<NssRecordKind>('pm_call');
  const [date, setDate] = useState(formatDate(todayIso()));
  const [time, setTime] = useState('12:00');
  const [minutes, setMinutes] = useState<number | string>('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const iso = isoOf(date);
  const dateError = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? undefined : 'Дата в виде дд.мм.гггг';
  const timeError = /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? undefined : 'Время в виде чч:мм';
  const save = async () => {
    if (dateError || timeError || busy) return;
    setBusy(true);
    try {
      const r = await call('nss.records.bulk', { clientIds: ids, kind, date: iso, time, durationSec: typeof minutes === 'number' ? Math.round(minutes * 60) : null, comment: comment.trim() || undefined });
      notifications.show({ color: 'green', message: `Записано клиентам: ${r.created}` });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Записать контакт НСС — клиентов: ${ids.length}`}>
      <Stack gap="xs" onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])} data-testid="nss-bulk-form">
        <Select label="Что было" data={NSS_RECORD_KINDS.map((k) => ({ value: k, label: NSS_KIND_TEXT[k] }))} value={kind} onChange={(v) => v && setKind(v as NssRecordKind)} allowDeselect={false} />
        <Group grow>
          <TextInput label="Дата" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={dateError} data-testid="nss-bulk-date" />
          <TextInput label="Время" value={time} onChange={(e) => setTime(e.currentTarget.value)} error={timeError} />
        </Group>
        <NumberInput label="Длительность, мин" min={0} max={1440} value={minutes} onChange={setMinutes} />
        <Textarea label="Комментарий" autosize minRows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {error != null && <Alert color="red">{errorText(error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={!!dateError || !!timeError} data-testid="nss-bulk-save">
            Записать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
