// «Попытка связи»: logs a call attempt without closing the task — its outcome, a comment and when to call again.
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ATTEMPT_OUTCOMES, type AttemptOutcome, type TaskCard } from '../../../src-shared/mail-types';
import { ATTEMPT_OUTCOME_LABELS } from '../../../src-shared/task-report';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';

const pad = (n: number) => String(n).padStart(2, '0');
/** A local date-time for the input: YYYY-MM-DDTHH:MM. */
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

export function AttemptDialog({ task, onClose, onDone }: { task: TaskCard; onClose: () => void; onDone: () => void }) {
  const [outcome, setOutcome] = useState<AttemptOutcome>('no_answer');
  const [comment, setComment] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const save = async () => {
    let nextContactAt: string | null = null;
    if (next) {
      const d = new Date(next);
      if (Number.isNaN(d.getTime())) return setErrors({ nextContactAt: 'Введите дату и время полностью' });
      if (d.getTime() <= Date.now()) return setErrors({ nextContactAt: 'Время следующего контакта уже прошло' });
      nextContactAt = d.toISOString();
    }
    setBusy(true);
    try {
      await call('tasks.attempt', { id: task.id, outcome, comment: comment.trim() || null, nextContactAt });
      notifications.show({ color: 'blue', message: nextContactAt ? 'Попытка записана, напоминание поставлено' : 'Попытка записана', autoClose: 3000 });
      onDone();
    } catch (err) {
      const f = fieldErrors(err);
      setErrors(f.nextContactAt === 'past' ? { nextContactAt: 'Время следующего контакта уже прошло' } : f);
      notifications.show({ color: 'red', title: 'Не сохранено', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Попытка связи" size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Select
            label="Итог звонка"
            data={ATTEMPT_OUTCOMES.map((o) => ({ value: o, label: ATTEMPT_OUTCOME_LABELS[o] }))}
            value={outcome}
            onChange={(v) => v && setOutcome(v as AttemptOutcome)}
            allowDeselect={false}
            data-testid="attempt-outcome"
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            type="datetime-local"
            label="Следующий контакт"
            description="Напоминание придёт в это время"
            min={localInput(new Date())}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.nextContactAt}
            data-testid="attempt-next"
          />
          <Textarea label="Комментарий" autosize minRows={2} maxRows={6} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="attempt-comment" data-autofocus />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} data-testid="task-dialog-save">
              Записать попытку
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
