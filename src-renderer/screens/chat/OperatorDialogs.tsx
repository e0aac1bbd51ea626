// The operator window's three actions: a call-back task for the СИО or personal manager, an event on the client, the person added as a contact.
import { useState, type FormEvent } from 'react';
import { Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { ChatLookup } from '../../../src-shared/chat-operator';
import { call } from '../../api/transport';
import { fieldErrors } from '../../api/messages';
import { DialogButtons, notifyFailed, notifySaved, saveOnCtrlEnter } from '../settings/dialog';

export type OperatorAction = 'callback' | 'event' | 'contact' | null;

interface Props {
  action: OperatorAction;
  r: ChatLookup;
  /** The text looked up: it prefills the new contact's phone, e-mail or ФИО. */
  query: string;
  onClose: () => void;
  /** After a change, the window looks the client up again. */
  onDone: (contactId?: number) => void;
}

export function OperatorDialogs(p: Props) {
  if (!p.r.client) return null;
  return (
    <>
      {/* Mounted only while open: each opening starts from the client and person on screen now. */}
      {p.action === 'callback' && <CallbackDialog {...p} opened />}
      {p.action === 'event' && <EventDialog {...p} opened />}
      {p.action === 'contact' && <ContactDialog {...p} opened />}
    </>
  );
}

type Opened = Props & { opened: boolean };

/** Deadlines a person picks in one keystroke; `rules` leaves it to the kind's setting (working time). */
const DEADLINES = [
  { value: '1h', label: 'Через час' },
  { value: '3h', label: 'Через 3 часа' },
  { value: 'tomorrow', label: 'Завтра к 10:00' },
  { value: 'rules', label: 'По сроку для поручений (рабочее время)' },
];

function deadlineOf(choice: string): string | undefined {
  const now = new Date();
  if (choice === '1h') return new Date(now.getTime() + 3_600_000).toISOString();
  if (choice === '3h') return new Date(now.getTime() + 3 * 3_600_000).toISOString();
  if (choice === 'tomorrow') {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0);
    return d.toISOString();
  }
  return undefined;
}

function CallbackDialog({ r, opened, onClose, onDone }: Opened) {
  const c = r.client!;
  const people = [
    c.sio && { value: String(c.sio.id), label: `СИО: ${c.sio.fullName}` },
    c.pm && c.pm.id !== c.sio?.id && { value: String(c.pm.id), label: `ПМ: ${c.pm.fullName}` },
    c.isKey && c.keyResponsible && ![c.sio?.id, c.pm?.id].includes(c.keyResponsible.id) && { value: String(c.keyResponsible.id), label: `Ответственный: ${c.keyResponsible.fullName}` },
  ].filter((x): x is { value: string; label: string } => !!x);
  const who = r.contact ? [r.contact.fullName, r.contact.phones[0]].filter(Boolean).join(', ') : '';
  const [assignee, setAssignee] = useState<string>(people[0]?.value ?? 'rules');
  const [deadline, setDeadline] = useState('1h');
  const [text, setText] = useState(`Перезвонить${who ? `: ${who}` : ''}. `);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    try {
      await call('tasks.create', {
        kind: 'other',
        clientId: c.id,
        assigneeId: assignee === 'rules' ? null : Number(assignee),
        deadline: deadlineOf(deadline),
        contactId: r.contact?.id ?? null,
        text,
      });
      notifySaved('Поручение создано');
      onClose();
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyFailed(err, 'Поручение не создано');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Перезвонить клиенту" size="sm">
      <form onSubmit={save} onKeyDown={saveOnCtrlEnter(() => void save())} data-testid="op-callback-form">
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {c.name}
          </Text>
          <SegmentedControl
            orientation="vertical"
            fullWidth
            value={assignee}
            onChange={setAssignee}
            data={[...people, { value: 'rules', label: 'По правилам назначения' }]}
            data-testid="op-callback-assignee"
          />
          <Select label="Срок" data={DEADLINES} value={deadline} onChange={(v) => setDeadline(v ?? '1h')} allowDeselect={false} error={errors.deadline} />
          <Textarea label="Что сделать" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} data-autofocus data-testid="op-callback-text" />
          <DialogButtons busy={busy} onCancel={onClose} saveLabel="Создать поручение" />
        </Stack>
      </form>
    </Modal>
  );
}

function EventDialog({ r, opened, onClose, onDone }: Opened) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    try {
      await call('events.add', { clientId: r.client!.id, text });
      notifySaved('Событие записано');
      setText('');
      onClose();
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyFailed(err, 'Событие не записано');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Событие клиента" size="sm">
      <form onSubmit={save} onKeyDown={saveOnCtrlEnter(() => void save())} data-testid="op-event-form">
        <Textarea label="Что произошло" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} data-autofocus />
        <DialogButtons busy={busy} onCancel={onClose} saveLabel="Записать" />
      </form>
    </Modal>
  );
}

function prefill(query: string): { fullName: string; phone: string; email: string } {
  const q = query.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(q)) return { fullName: '', phone: '', email: q };
  if (/^[\d\s()+\-.]+$/.test(q) && q.replace(/\D/g, '').length >= 10) return { fullName: '', phone: q, email: '' };
  if (/^[\p{L}\s.-]+$/u.test(q)) return { fullName: q, phone: '', email: '' };
  return { fullName: '', phone: '', email: '' };
}

function ContactDialog({ r, query, opened, onClose, onDone }: Opened) {
  const [v, setV] = useState(() => ({ ...prefill(query), position: '' }));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    try {
      const { id } = await call('chat.addContact', {
        clientId: r.client!.id,
        fullName: v.fullName,
        position: v.position || null,
        ...(v.phone.trim() ? { phone: v.phone } : {}),
        ...(v.email.trim() ? { email: v.email } : {}),
      });
      notifySaved('Контактное лицо добавлено');
      onClose();
      onDone(id);
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyFailed(err, 'Контакт не добавлен');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Добавить контактное лицо" size="sm">
      <form onSubmit={save} onKeyDown={saveOnCtrlEnter(() => void save())} data-testid="op-contact-form">
        <Stack gap="xs">
          <TextInput label="ФИО" required value={v.fullName} onChange={set('fullName')} error={errors.fullName} data-autofocus />
          <TextInput label="Должность" value={v.position} onChange={set('position')} error={errors.position} />
          <TextInput label="Телефон" value={v.phone} onChange={set('phone')} error={errors.phone} />
          <TextInput label="Эл. почта" value={v.email} onChange={set('email')} error={errors.email} />
          <DialogButtons busy={busy} onCancel={onClose} saveLabel="Добавить" />
        </Stack>
      </form>
    </Modal>
  );
}
