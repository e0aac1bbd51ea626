// The НСС records of a client on the card: ГЛ calls, personal manager calls and meetings, СИО visits, other contacts — the list, adding, editing and deleting one.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, ActionIcon, Tooltip } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { NSS_RECORD_KINDS, type NssRecordItem, type NssRecordKind } from '../../../src-shared/nss';
import type { ContactRow, DistributionRow } from '../../../src-shared/types';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { todayIso } from '../clients/card/format';

export const NSS_KIND_TEXT: Record<NssRecordKind, string> = {
  gl_call: 'Звонок на ГЛ',
  pm_call: 'Звонок персонального менеджера',
  pm_meeting: 'Встреча персонального менеджера',
  sio_visit: 'Визит СИО',
  contact: 'Другой контакт',
};
const SOURCE_TEXT: Record<string, string> = { manual: 'вручную', bulk: 'списком', import: 'из файла' };

interface Draft {
  id?: number;
  kind: NssRecordKind;
  date: string;
  time: string;
  distributionId: string | null;
  contactId: string | null;
  minutes: number | string;
  count: number | string;
  comment: string;
  usrUpdate: string;
  /** The stored duration and how it was shown: sent back unchanged unless the minutes were edited. */
  origSec?: number | null;
  origMinutes?: number | string;
}

const newDraft = (): Draft => ({ kind: 'pm_call', date: todayIso(), time: new Date().toTimeString().slice(0, 5), distributionId: null, contactId: null, minutes: '', count: 1, comment: '', usrUpdate: '' });
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** «дд.мм.гггг» as typed → ISO; ISO stays. */
const isoOf = (v: string) => {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : v.trim();
};

function RecordForm({ clientId, draft, distributions, contacts, onClose }: { clientId: number; draft: Draft; distributions: DistributionRow[]; contacts: ContactRow[]; onClose: (saved: boolean) => void }) {
  const [d, setD] = useState(draft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((p) => ({ ...p, [k]: v }));
  const date = isoOf(d.date);
  const usr = isoOf(d.usrUpdate);
  const local = {
    date: DATE_RE.test(date) ? undefined : 'Дата в виде дд.мм.гггг',
    time: /^([01]\d|2[0-3]):[0-5]\d$/.test(d.time) ? undefined : 'Время в виде чч:мм',
    usrUpdate: !d.usrUpdate || DATE_RE.test(usr) ? undefined : 'Дата в виде дд.мм.гггг',
    count: typeof d.count === 'number' && d.count >= 1 ? undefined : 'Не меньше 1',
  };
  const server = fieldErrors(error);
  const invalid = Object.values(local).some(Boolean);
  const save = async () => {
    if (invalid || busy) return;
    setBusy(true);
    try {
      await call('nss.records.save', {
        id: d.id,
        clientId,
        kind: d.kind,
        date,
        time: d.time,
        distributionId: d.distributionId ? Number(d.distributionId) : null,
        contactId: d.contactId ? Number(d.contactId) : null,
        durationSec: d.id != null && d.minutes === d.origMinutes ? (d.origSec ?? null) : typeof d.minutes === 'number' ? Math.round(d.minutes * 60) : null,
        count: d.count as number,
        comment: d.comment.trim() || undefined,
        usrUpdate: d.kind === 'sio_visit' && d.usrUpdate ? usr : null,
      });
      notifications.show({ color: 'green', message: d.id ? 'Запись изменена' : 'Запись добавлена' });
      onClose(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={() => onClose(false)} title={d.id ? 'Запись НСС' : 'Новая запись НСС'} size="lg">
      <Stack gap="xs" onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])} data-testid="nss-record-form">
        <Select label="Что было" data={NSS_RECORD_KINDS.map((k) => ({ value: k, label: NSS_KIND_TEXT[k] }))} value={d.kind} onChange={(v) => v && set('kind', v as NssRecordKind)} allowDeselect={false} data-testid="nss-record-kind" />
        <Group grow>
          <TextInput label="Дата" value={d.date.includes('-') ? formatDate(d.date) : d.date} onChange={(e) => set('date', e.currentTarget.value)} error={local.date ?? server.date} data-testid="nss-record-date" />
          <TextInput label="Время" value={d.time} onChange={(e) => set('time', e.currentTarget.value)} error={local.time ?? server.time} data-testid="nss-record-time" />
        </Group>
        <Group grow>
          <Select label="Комплект" placeholder="Не указан" clearable data={distributions.map((x) => ({ value: String(x.id), label: x.code }))} value={d.distributionId} onChange={(v) => set('distributionId', v)} error={server.distributionId} data-testid="nss-record-kit" />
          <Select label="Контактное лицо" placeholder="Не указано" clearable searchable data={contacts.map((x) => ({ value: String(x.id), label: x.fullName }))} value={d.contactId} onChange={(v) => set('contactId', v)} error={server.contactId} />
        </Group>
        <Group grow>
          <NumberInput label="Длительность, мин" min={0} max={1440} value={d.minutes} onChange={(v) => set('minutes', v)} data-testid="nss-record-minutes" />
          <NumberInput label="Сколько раз" min={1} max={1000} value={d.count} onChange={(v) => set('count', v)} error={local.count} />
        </Group>
        {d.kind === 'sio_visit' && <TextInput label="Обновление USR, подтверждённое визитом" placeholder="дд.мм.гггг" value={d.usrUpdate.includes('-') ? formatDate(d.usrUpdate) : d.usrUpdate} onChange={(e) => set('usrUpdate', e.currentTarget.value)} error={local.usrUpdate} />}
        <Textarea label="Комментарий" autosize minRows={2} maxLength={1000} value={d.comment} onChange={(e) => set('comment', e.currentTarget.value)} />
        {error != null && Object.keys(server).length === 0 && <Alert color="red">{errorText(error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>
            Отмена
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={invalid} data-testid="nss-record-save">
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function NssRecordsSection({ clientId, distributions, contacts, onChanged }: { clientId: number; distributions: DistributionRow[]; contacts: ContactRow[]; onChanged?: () => void }) {
  const [items, setItems] = useState<NssRecordItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const load = useCallback(() => {
    call('nss.records.list', { clientId, limit: 200 }).then(
      (r) => {
        setItems(r.items);
        setTotal(r.total);
        setError(null);
      },
      setError,
    );
  }, [clientId]);
  useEffect(load, [load]);
  const remove = (r: NssRecordItem) =>
    modals.openConfirmModal({
      title: 'Удалить запись?',
      children: `${NSS_KIND_TEXT[r.kind]} от ${formatDate(r.onDate)} пропадёт из отчёта НСС.`,
      labels: { confirm: 'Удалить', cancel: 'Оставить' },
      confirmProps: { color: 'red', 'data-testid': 'nss-record-delete-confirm' } as never,
      onConfirm: () =>
        void call('nss.records.delete', { id: r.id }).then(
          () => {
            load();
            onChanged?.();
          },
          (err: unknown) => notifications.show({ color: 'red', message: errorText(err) }),
        ),
    });
  const edit = (r: NssRecordItem) =>
    setDraft({
      id: r.id,
      kind: r.kind,
      date: r.onDate,
      time: r.time,
      distributionId: r.distributionId ? String(r.distributionId) : null,
      contactId: r.contactId ? String(r.contactId) : null,
      minutes: r.durationSec != null ? Math.round(r.durationSec / 6) / 10 : '',
      origSec: r.durationSec,
      origMinutes: r.durationSec != null ? Math.round(r.durationSec / 6) / 10 : '',
      count: r.count,
      comment: r.comment ?? '',
      usrUpdate: r.usrUpdate ?? '',
    });
  return (
    <Stack gap="xs" data-testid="nss-records">
      <Group justify="space-between">
        <Text fw={600}>Работа по НСС{total ? ` (${total})` : ''}</Text>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDraft(newDraft())} data-testid="nss-record-add">
          Записать контакт
        </Button>
      </Group>
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {items && items.length === 0 && <Text c="dimmed" size="sm">Звонков, встреч и визитов не записано.</Text>}
      {items && items.length > 0 && (
        <Table striped data-testid="nss-records-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Дата</Table.Th>
              <Table.Th>Что</Table.Th>
              <Table.Th>Комплект</Table.Th>
              <Table.Th>Кто</Table.Th>
              <Table.Th>Длительность</Table.Th>
              <Table.Th>Комментарий</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDate(r.onDate)}</Table.Td>
                <Table.Td>
                  {NSS_KIND_TEXT[r.kind]}
                  {r.count > 1 ? ` ×${r.count}` : ''}
                  <Text size="xs" c="dimmed">
                    {SOURCE_TEXT[r.source]}
                    {r.contactName ? ` · ${r.contactName}` : ''}
                    {r.usrUpdate ? ` · USR от ${formatDate(r.usrUpdate)}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{r.kit ?? '—'}</Table.Td>
                <Table.Td>{r.employeeName ?? '—'}</Table.Td>
                <Table.Td>{r.durationSec != null ? `${Math.round(r.durationSec / 60)} мин` : '—'}</Table.Td>
                <Table.Td>{r.comment ?? ''}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label="Изменить">
                      <ActionIcon variant="subtle" aria-label="Изменить" onClick={() => edit(r)}>
                        <IconPencil size={14} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Удалить">
                      <ActionIcon variant="subtle" color="red" aria-label="Удалить" onClick={() => remove(r)} data-testid="nss-record-delete">
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {draft && (
        <RecordForm
          clientId={clientId}
          draft={draft}
          distributions={distributions}
          contacts={contacts}
          onClose={(saved) => {
            setDraft(null);
            if (saved) {
              load();
              onChanged?.();
            }
          }}
        />
      )}
    </Stack>
  );
}
