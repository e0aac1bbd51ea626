// Makes a task from an unrecognised message: kind, client (or found/created from the fields), assignee, request number and fields.
import { useState } from 'react';
import { Button, Group, Kbd, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { TASK_KINDS, type MailField, type MailFields, type MailMessageView, type TaskKind } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { FIELD_LABELS, TASK_KIND_LABELS } from '../tasks/taskFormat';
import { ClientPicker } from './ClientPicker';

/** The fields a person most often fills from a letter's text. */
const EDITABLE: MailField[] = ['fio', 'org', 'inn', 'city', 'phone', 'email', 'system'];

export function MakeTaskDialog({ queueId, mail, onClose, onDone }: { queueId: number; mail: MailMessageView; onClose: () => void; onDone: (taskId: number) => void }) {
  const { refs } = useSession();
  const [kind, setKind] = useState<TaskKind>('other');
  const [client, setClient] = useState<{ id: number; name: string } | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [requestNumber, setRequestNumber] = useState(mail.fields.number ?? '');
  const [fields, setFields] = useState<MailFields>(() => ({ ...mail.fields }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const employees = (refs?.employees ?? []).filter((e) => e.active);

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const r = await call('mail.queue.makeTask', {
        id: queueId,
        kind,
        clientId: client?.id ?? null,
        assigneeId: assigneeId ? Number(assigneeId) : null,
        requestNumber: requestNumber.trim() || null,
        fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v ?? '').trim()])),
      });
      notifications.show({ color: 'green', message: 'Поручение создано', autoClose: 3000 });
      onDone(r.taskId);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(Object.fromEntries(Object.entries(fe).map(([k, v]) => [k.replace(/^fields\./, ''), v])));
      notifications.show({ color: 'red', title: 'Поручение не создано', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  const setField = (k: MailField, v: string) => setFields((f) => ({ ...f, [k]: v }));
  // A question's text when the parser found one, otherwise a free comment.
  const noteField: MailField = mail.fields.question != null && mail.fields.comment == null ? 'question' : 'comment';

  return (
    <Modal opened onClose={onClose} title="Создать поручение из письма" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])}
      >
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Вид поручения"
              data={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))}
              value={kind}
              onChange={(v) => v && setKind(v as TaskKind)}
              allowDeselect={false}
              error={errors.kind}
              comboboxProps={{ withinPortal: true }}
              data-testid="make-kind"
            />
            <TextInput label="Номер заявки" value={requestNumber} onChange={(e) => setRequestNumber(e.currentTarget.value)} error={errors.requestNumber} data-testid="make-number" />
          </SimpleGrid>
          <ClientPicker value={client} onChange={setClient} description="Пусто — клиент найдётся по ИНН, e-mail или телефону, иначе будет создан новый потенциальный" error={errors.clientId} />
          <Select
            label="Исполнитель"
            description="Пусто — по правилам назначения (ответственный, СИО, ПМ, очередь направления)"
            searchable
            clearable
            data={employees.map((e) => ({ value: String(e.id), label: e.fullName }))}
            value={assigneeId}
            onChange={setAssigneeId}
            error={errors.assigneeId}
            comboboxProps={{ withinPortal: true }}
            data-testid="make-assignee"
          />
          <SimpleGrid cols={2} spacing="sm">
            {EDITABLE.map((k) => (
              <TextInput key={k} label={FIELD_LABELS[k]} value={fields[k] ?? ''} onChange={(e) => setField(k, e.currentTarget.value)} error={errors[k]} data-testid={`make-field-${k}`} />
            ))}
          </SimpleGrid>
          <Textarea label={FIELD_LABELS[noteField]} autosize minRows={2} maxRows={6} value={fields[noteField] ?? ''} onChange={(e) => setField(noteField, e.currentTarget.value)} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> — создать
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button type="submit" loading={busy} data-testid="make-save">
                Создать поручение
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
