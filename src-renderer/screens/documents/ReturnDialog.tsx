// Marking a signed original as returned (date, paper or ЭДО, who brought it) and taking the mark back after a confirmation.
import { Button, Grid, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { RETURN_VIA_LABELS, type DocumentListItem, type ReturnVia } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { dateError } from '../../components/dateText';
import { todayIso } from '../clients/card/format';
import { useForm } from '../clients/card/useForm';
import { compact } from '../clients/card/validators';
import { docTitle } from './docUi';
import { agree, DOC_GENDER } from '../../../src-shared/doc-gender';

type Values = { date: string | null; via: ReturnVia; broughtById: string | null; broughtBy: string };

export function ReturnDialog({ doc, onClose, onDone }: { doc: DocumentListItem | null; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={doc !== null} onClose={onClose} title={doc ? `Вернули подписанным: ${docTitle(doc)}` : ''} size="lg">
      {doc && <ReturnForm doc={doc} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ReturnForm({ doc, onClose, onDone }: { doc: DocumentListItem; onClose: () => void; onDone: () => void }) {
  const { refs } = useSession();
  const today = todayIso();
  const form = useForm<Values>(
    { date: doc.returnedAt ?? today, via: 'paper', broughtById: doc.sio ? String(doc.sio.id) : null, broughtBy: '' },
    {
      validate: (v) =>
        compact({
          date: dateError(v.date, { required: true, max: today, maxMessage: 'Дата не может быть в будущем', min: doc.date, minMessage: `Не раньше даты документа (${formatDate(doc.date)})` }),
        }),
      save: async (v) => {
        await call('documents.markReturned', {
          id: doc.id,
          date: v.date!,
          via: v.via,
          broughtById: v.via === 'paper' && v.broughtById ? Number(v.broughtById) : null,
          broughtBy: v.broughtBy.trim() || null,
        });
        const late = doc.plannedReturn && v.date! > doc.plannedReturn;
        notifications.show({
          color: late ? 'yellow' : 'green',
          message: `${docTitle(doc)}: ${agree(doc.type, 'возвращён')} ${formatDate(v.date)}${late ? ' — позже планового срока' : ' — в срок'}`,
        });
        onDone();
        onClose();
      },
    },
  );
  const v = form.values;
  const people = (refs?.employees ?? []).filter((e) => e.active).map((e) => ({ value: String(e.id), label: e.fullName }));
  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="return-form">
      <Text size="sm" c="dimmed">
        Плановый возврат: {doc.plannedReturn ? formatDate(doc.plannedReturn) : 'не отслеживается'}
      </Text>
      <Grid gap="sm">
        <Grid.Col span={4}>
          <DateField size="xs" label="Дата возврата" required value={v.date} onChange={(d) => form.set('date', d)} error={form.error('date')} maxDate={today} maxMessage="Дата не может быть в будущем" data-testid="return-date" />
        </Grid.Col>
        <Grid.Col span={8}>
          <Stack gap={2}>
            <Text size="xs" fw={500}>
              Как вернули
            </Text>
            <SegmentedControl
              size="xs"
              value={v.via}
              onChange={(x) => form.set('via', x as ReturnVia)}
              data={[
                { value: 'paper', label: `Бумажный ${RETURN_VIA_LABELS.paper}` },
                { value: 'edo', label: `Подписан через ${RETURN_VIA_LABELS.edo}` },
              ]}
            />
          </Stack>
        </Grid.Col>
        {v.via === 'paper' && (
          <>
            <Grid.Col span={6}>
              <Select
                size="xs"
                label="Кто принёс (сотрудник)"
                data={people}
                value={v.broughtById}
                onChange={(x) => {
                  form.set('broughtById', x);
                  if (x) form.set('broughtBy', '');
                }}
                searchable
                clearable
                error={form.error('broughtById')}
                comboboxProps={{ withinPortal: true }}
                data-testid="return-by"
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput
                size="xs"
                label="или кто (курьер, сам клиент)"
                placeholder="Например: курьер клиента"
                value={v.broughtBy}
                onChange={(e) => {
                  const text = e.currentTarget.value;
                  form.set('broughtBy', text);
                  // «или»: a name typed by hand replaces the employee picked above.
                  if (text.trim()) form.set('broughtById', null);
                }}
                error={form.error('broughtBy')}
              />
            </Grid.Col>
          </>
        )}
      </Grid>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button color="green" onClick={() => void form.submit()} loading={form.busy} data-testid="return-save">
          Отметить возврат
        </Button>
      </Group>
    </Stack>
  );
}

/** Asks before taking a return mark back: the document becomes awaited (or overdue) again; one signed in ЭДО says so. */
export function confirmUnmark(doc: DocumentListItem, onDone: () => void): void {
  const viaEdo = doc.returnedVia === 'edo';
  modals.openConfirmModal({
    title: viaEdo ? 'Документ подписан по ЭДО. Снять отметку о возврате?' : 'Снять отметку о возврате?',
    children: (
      <Text size="sm">
        {docTitle(doc)} снова будет числиться {DOC_GENDER[doc.type] === 'f' ? 'невозвращённой' : 'невозвращённым'}{doc.returnedAt ? ` (отметка от ${formatDate(doc.returnedAt)} удалится)` : ''}.
        {viaEdo && ' Снятие запишется в историю ЭДО; подпись клиента в ЭДО при этом не отменяется.'}
      </Text>
    ),
    labels: { confirm: 'Снять отметку', cancel: 'Оставить' },
    confirmProps: { color: 'red', 'data-testid': 'unmark-confirm' } as Record<string, unknown>,
    onConfirm: () => {
      call('documents.unmarkReturned', { id: doc.id })
        .then(() => {
          notifications.show({ message: `${docTitle(doc)}: отметка о возврате снята` });
          onDone();
        })
        .catch((err) => notifications.show({ color: 'red', message: `Отметка не снята: ${errorText(err)}` }));
    },
  });
}
