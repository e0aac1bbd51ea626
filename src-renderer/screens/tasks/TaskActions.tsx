// Status actions of a task card: take into work, complete with a contact result and comment, decline with a reason, reassign (heads).
import { useState } from 'react';
import { Button, Group, Kbd, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconHandGrab, IconPhoneCall, IconUserShare, IconX } from '@tabler/icons-react';
import { CLOSING_RESULTS, type ContactResult, type TaskCard, type TaskKind } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { CONTACT_RESULT_LABELS } from './taskFormat';
import { AttemptDialog } from './AttemptDialog';

/** The result a kind usually ends with, offered first. */
const USUAL_RESULT: Record<TaskKind, ContactResult> = {
  lead_price: 'price_sent',
  lead_demo: 'demo_installed',
  lead_trial: 'trial_given',
  question: 'answered',
  other: 'other',
};
// «Не дозвонились» stays a reason to decline after attempts; calling back later is an attempt («Попытка связи»), not a result.
const DECLINE_RESULTS: ContactResult[] = ['refused', 'no_answer', 'wrong_contact', 'duplicate', 'other'];

type Dialog = 'complete' | 'decline' | 'assign' | 'attempt' | null;

function ResultDialog({ task, mode, onClose, onDone }: { task: TaskCard; mode: 'complete' | 'decline'; onClose: () => void; onDone: () => void }) {
  const [result, setResult] = useState<ContactResult>(mode === 'complete' ? USUAL_RESULT[task.kind] : 'refused');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const options = mode === 'complete' ? [USUAL_RESULT[task.kind], ...CLOSING_RESULTS.filter((r) => r !== USUAL_RESULT[task.kind])] : DECLINE_RESULTS;
  const save = async () => {
    if (mode === 'decline' && !comment.trim()) {
      setErrors({ comment: 'Напишите причину отказа' });
      return;
    }
    setBusy(true);
    try {
      if (mode === 'complete') await call('tasks.complete', { id: task.id, result, comment: comment.trim() || null });
      else await call('tasks.decline', { id: task.id, result, comment: comment.trim() });
      notifications.show({ color: 'green', message: mode === 'complete' ? 'Поручение выполнено' : 'Поручение отклонено', autoClose: 3000 });
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifications.show({ color: 'red', title: 'Не сохранено', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={mode === 'complete' ? 'Выполнить поручение' : 'Отклонить поручение'} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])}
      >
        <Stack gap="sm">
          <Select
            label="Результат контакта"
            data={options.map((r) => ({ value: r, label: CONTACT_RESULT_LABELS[r] }))}
            value={result}
            onChange={(v) => v && setResult(v as ContactResult)}
            allowDeselect={false}
            error={errors.result}
            data-testid="task-result"
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label={mode === 'complete' ? 'Комментарий' : 'Причина'}
            withAsterisk={mode === 'decline'}
            autosize
            minRows={3}
            maxRows={10}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={errors.comment}
            data-testid="task-comment"
            data-autofocus
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> — сохранить
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button type="submit" loading={busy} color={mode === 'complete' ? 'green' : 'red'} data-testid="task-dialog-save">
                {mode === 'complete' ? 'Выполнить' : 'Отклонить'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AssignDialog({ task, onClose, onDone }: { task: TaskCard; onClose: () => void; onDone: () => void }) {
  const { refs } = useSession();
  const [assigneeId, setAssigneeId] = useState<string | null>(task.assignee ? String(task.assignee.id) : null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Employees of the task's direction first: they are who usually takes it.
  const active = (refs?.employees ?? []).filter((e) => e.active);
  const inDirection = active.filter((e) => e.directionIds.includes(task.direction.id));
  const others = active.filter((e) => !e.directionIds.includes(task.direction.id));
  const save = async () => {
    if (!assigneeId) {
      setError('Выберите сотрудника');
      return;
    }
    setBusy(true);
    try {
      await call('tasks.assign', { id: task.id, assigneeId: Number(assigneeId) });
      notifications.show({ color: 'green', message: 'Исполнитель сменён', autoClose: 3000 });
      onDone();
    } catch (err) {
      setError(fieldErrors(err).assigneeId ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Переназначить поручение" size="md">
      <Stack gap="sm">
        <Select
          label="Новый исполнитель"
          searchable
          data={[
            { group: `Направление «${task.direction.name}»`, items: inDirection.map((e) => ({ value: String(e.id), label: e.fullName })) },
            { group: 'Другие сотрудники', items: others.map((e) => ({ value: String(e.id), label: e.fullName })) },
          ].filter((g) => g.items.length)}
          value={assigneeId}
          onChange={setAssigneeId}
          error={error}
          data-testid="task-assignee"
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void save()} data-testid="task-dialog-save">
            Переназначить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function TaskActions({ task, onChanged }: { task: TaskCard; onChanged: () => void }) {
  const { user, hasRole } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [taking, setTaking] = useState(false);
  const closed = task.status === 'done' || task.status === 'declined';
  const done = () => {
    setDialog(null);
    onChanged();
  };
  const take = async () => {
    setTaking(true);
    try {
      await call('tasks.take', { id: task.id });
      notifications.show({ color: 'green', message: 'Поручение взято в работу', autoClose: 3000 });
      onChanged();
    } catch (err) {
      notifications.show({ color: 'red', title: 'Не удалось взять в работу', message: errorText(err) });
    } finally {
      setTaking(false);
    }
  };
  if (closed) return null;
  const mineInWork = task.status === 'in_work' && task.assignee?.id === user.id;
  return (
    <Group gap="xs" data-testid="task-actions">
      {!mineInWork && (
        <Button leftSection={<IconHandGrab size={16} />} onClick={() => void take()} loading={taking} variant={task.status === 'new' ? 'filled' : 'light'} data-testid="task-take">
          {task.assignee && task.assignee.id !== user.id ? 'Взять себе' : 'Взять в работу'}
        </Button>
      )}
      <Button variant="light" leftSection={<IconPhoneCall size={16} />} onClick={() => setDialog('attempt')} data-testid="task-attempt">
        Попытка связи…
      </Button>
      <Button color="green" leftSection={<IconCheck size={16} />} onClick={() => setDialog('complete')} data-testid="task-complete">
        Выполнить…
      </Button>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setDialog('decline')} data-testid="task-decline">
        Отклонить…
      </Button>
      {hasRole('admin', 'head') && (
        <Button variant="default" leftSection={<IconUserShare size={16} />} onClick={() => setDialog('assign')} data-testid="task-assign">
          Переназначить…
        </Button>
      )}
      {(dialog === 'complete' || dialog === 'decline') && <ResultDialog task={task} mode={dialog} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'attempt' && <AttemptDialog task={task} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'assign' && <AssignDialog task={task} onClose={() => setDialog(null)} onDone={done} />}
    </Group>
  );
}
