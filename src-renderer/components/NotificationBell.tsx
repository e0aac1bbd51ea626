// The bell in the header: unread counter and list of the employee's notifications, live by push; a new task also shows on the desktop.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Switch, Text, UnstyledButton } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell, IconBellRinging } from '@tabler/icons-react';
import type { NotificationRow, TaskKind } from '../../src-shared/mail-types';
import { TASK_KIND_LABELS } from '../../src-shared/task-report';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../src-shared/doc-types';
import { call, onPush } from '../api/transport';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useDesktopNotifications, windowInFront } from '../app/useDesktopNotifications';

/** A window event other screens send after marking notifications read, so the counter follows. */
export const NOTIFICATIONS_READ = 'crm:notifications-read';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** «Демоверсия № 734520» from the notification's data. */
function noteTitle(n: NotificationRow): string {
  const d = n.data ?? {};
  if (n.kind === 'edo_rejected') return `Документ ${str(d.number) ?? ''} отклонён по ЭДО: ${str(d.reason) ?? 'причина не указана'}`;
  const kind = str(d.kind) as TaskKind | null;
  const what = kind && TASK_KIND_LABELS[kind] ? TASK_KIND_LABELS[kind] : 'Поручение';
  const num = str(d.requestNumber) ? ` № ${str(d.requestNumber)}` : '';
  if (n.kind === 'task_reminder') return `Пора перезвонить: ${what}${num}`;
  return `${str(d.by) ? 'Вам передано' : 'Новое поручение'}: ${what}${num}`;
}

function noteBody(n: NotificationRow): string {
  const d = n.data ?? {};
  if (n.kind === 'edo_rejected') {
    const type = str(d.type);
    return `${type && DOCUMENT_TYPE_LABELS[type as DocumentType] ? DOCUMENT_TYPE_LABELS[type as DocumentType] : 'Документ'}: остаётся в ожидании возврата`;
  }
  const parts = [str(d.client) ?? 'клиент не определён'];
  const deadline = str(d.deadline);
  if (deadline) {
    const t = new Date(deadline);
    const p = (x: number) => String(x).padStart(2, '0');
    parts.push(`срок ${p(t.getDate())}.${p(t.getMonth() + 1)} ${p(t.getHours())}:${p(t.getMinutes())}`);
  }
  if (str(d.by)) parts.push(`от ${str(d.by)}`);
  return parts.join(' · ');
}

function ago(iso: string): string {
  const min = Math.round((Date.now() - Date.parse(iso)) / 60_000);
  if (min < 1) return 'только что';
  if (min < 60) return `${min} мин назад`;
  if (min < 24 * 60) return `${Math.floor(min / 60)} ч назад`;
  const d = new Date(iso);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

export function NotificationBell() {
  const { user } = useSession();
  const [items, setItems] = useState<NotificationRow[]>([]);
  const [unread, setUnread] = useState(0);
  const [opened, setOpened] = useState(false);
  const [emailWhenAway, setEmailWhenAway] = useState<boolean | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  const desktop = useDesktopNotifications();
  /** Notifications already announced: each push is shown once, even if a reload lists it again. */
  const seen = useRef(new Set<number>());

  const openTask = useCallback((n: NotificationRow) => {
    setOpened(false);
    if (!n.read)
      void call('notifications.markRead', { ids: [n.id] })
        .then(() => window.dispatchEvent(new Event(NOTIFICATIONS_READ)))
        .catch(() => undefined);
    const documentId = n.kind === 'edo_rejected' ? Number(n.data?.documentId) : NaN;
    if (Number.isInteger(documentId) && documentId > 0) navigate(`/documents/${documentId}`);
    else if (n.taskId) navigate(`/tasks/${n.taskId}`);
  }, []);

  const load = useCallback(async (announce: number | null) => {
    const r = await call('notifications.list', { limit: 30 });
    setItems(r.items);
    setUnread(r.unread);
    if (announce == null) return;
    const n = r.items.find((x) => x.id === announce);
    if (!n || seen.current.has(n.id)) return;
    seen.current.add(n.id);
    const note = { title: noteTitle(n), body: noteBody(n), tag: `task-${n.taskId ?? n.id}`, onClick: () => openTask(n) };
    // In front: a toast in the window is enough; otherwise the desktop (if allowed), with the toast as the fallback.
    if (windowInFront() || !desktop.show(note)) {
      toasts.show({
        color: 'indigo',
        title: note.title,
        message: (
          <UnstyledButton onClick={note.onClick} fz="sm">
            {note.body}
          </UnstyledButton>
        ),
        autoClose: 10_000,
      });
    }
  }, [desktop, openTask]);

  useEffect(() => {
    void load(null).catch(() => undefined);
    return onPush((event, data) => {
      if (event !== 'notification.new') return;
      const d = data as { employeeId: number; notificationId: number };
      // Every screen receives every employee's events; each bell keeps its own.
      if (d.employeeId === user.id) void load(d.notificationId).catch(() => undefined);
    });
  }, [load, user.id]);

  // Reading a task elsewhere (its card marks its notifications read) lowers the counter too.
  useEffect(() => {
    const reload = () => void load(null).catch(() => undefined);
    window.addEventListener(NOTIFICATIONS_READ, reload);
    return () => window.removeEventListener(NOTIFICATIONS_READ, reload);
  }, [load]);

  useEffect(() => {
    if (!opened || emailWhenAway !== null) return;
    call('notifications.prefs.get', {})
      .then((p) => {
        setEmailWhenAway(p.emailWhenAway);
        setEmail(p.email);
      })
      .catch(() => undefined);
  }, [opened, emailWhenAway]);

  const markAll = async () => {
    await call('notifications.markRead', {}).catch(() => undefined);
    void load(null);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} color="red" disabled={unread === 0} offset={4} data-testid="bell-counter" data-count={unread}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Уведомления: непрочитанных ${unread}`} onClick={() => setOpened((o) => !o)} data-testid="bell">
            {unread ? <IconBellRinging size={20} /> : <IconBell size={20} />}
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="bell-dropdown">
        <Group justify="space-between" px="sm" py={6}>
          <Text fw={600} size="sm">
            Уведомления
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => void markAll()}>
            Прочитать все
          </Button>
        </Group>
        <Divider />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            Уведомлений нет. Когда вам назначат поручение, оно появится здесь.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={380}>
            <Stack gap={0}>
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => openTask(n)}
                  px="sm"
                  py={6}
                  bg={n.read ? undefined : 'var(--mantine-color-indigo-0)'}
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                  data-testid="bell-item"
                  data-read={n.read}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={n.read ? 400 : 600} truncate>
                      {noteTitle(n)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {ago(n.at)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {noteBody(n)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Divider />
        <Stack gap={6} p="sm">
          {desktop.permission === 'default' && (
            <Button size="compact-xs" variant="light" onClick={() => void desktop.request()}>
              Показывать уведомления на рабочем столе
            </Button>
          )}
          {desktop.permission === 'denied' && (
            <Text size="xs" c="dimmed">
              Уведомления на рабочем столе запрещены в настройках браузера.
            </Text>
          )}
          <Switch
            size="xs"
            label={email ? `Присылать на ${email}, если не прочитано вовремя` : 'Присылать на e-mail, если не прочитано вовремя'}
            description={email ? undefined : 'В вашей карточке сотрудника не указан e-mail'}
            checked={!!emailWhenAway}
            disabled={emailWhenAway === null}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setEmailWhenAway(v);
              void call('notifications.prefs.save', { emailWhenAway: v }).catch(() => setEmailWhenAway(!v));
            }}
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
