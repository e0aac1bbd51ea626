// Tab «События»: the client's timeline, newest first, with automatic events worded in Russian and manual notes.
import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconNote, IconBolt, IconMessages } from '@tabler/icons-react';
import type { ClientEventRow } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { useSession } from '../../../app/session';
import { EVENT_TITLES, eventText } from './eventText';
import { fmtDateTime } from './format';
import { useForm } from './useForm';
import { compact } from './validators';
import { ChatSessionDialog } from '../../../components/ChatSessionDialog';

type Filter = 'all' | 'manual' | 'auto' | 'chat';

function NoteForm({ clientId, reload }: { clientId: number; reload: () => Promise<void> }) {
  const form = useForm<{ text: string }>(
    { text: '' },
    {
      validate: (v) => compact({ text: v.text.trim() ? null : 'Напишите текст заметки' }),
      save: async (v) => {
        await call('events.add', { clientId, text: v.text.trim() });
        notifications.show({ color: 'green', message: 'Заметка добавлена в события' });
        form.reset({ text: '' });
        void reload();
      },
    },
  );
  return (
    <Group align="flex-start" gap="xs" onKeyDown={form.onKeyDown} wrap="nowrap">
      <Textarea
        style={{ flex: 1 }}
        placeholder="Заметка: звонок, договорённость, жалоба… (Ctrl+Enter — добавить)"
        aria-label="Текст заметки"
        autosize
        minRows={1}
        maxRows={6}
        value={form.values.text}
        onChange={(e) => form.set('text', e.currentTarget.value)}
        error={form.error('text')}
        data-testid="event-text"
      />
      <Button onClick={() => void form.submit()} loading={form.busy} data-testid="event-add">
        Добавить заметку
      </Button>
    </Group>
  );
}

export function EventsTab({ clientId, events, reload }: { clientId: number; events: ClientEventRow[]; reload: () => Promise<void> }) {
  const { refs } = useSession();
  const [filter, setFilter] = useState<Filter>('all');
  const stageNames = Object.fromEntries((refs?.readinessStages ?? []).map((s) => [s.code, s.name]));
  const [openSession, setOpenSession] = useState<number | null>(null);
  // Chat sessions come from their own table (see loadEvents): a filter of their own, and a link to read the dialog.
  const shown = events.filter((e) =>
    filter === 'all' ? true : filter === 'chat' ? e.kind === 'chat_session' : filter === 'manual' ? e.kind === 'manual' : e.kind !== 'manual' && e.kind !== 'chat_session',
  );
  return (
    <Stack gap="sm" maw={1000}>
      <NoteForm clientId={clientId} reload={reload} />
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: `Все (${events.length})` },
            { value: 'manual', label: 'Заметки' },
            { value: 'auto', label: 'Автоматические' },
            { value: 'chat', label: 'Чат' },
          ]}
        />
        {events.length >= 200 && (
          <Text size="xs" c="dimmed">
            Показаны последние 200 событий
          </Text>
        )}
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {events.length === 0 ? 'Событий пока нет. Здесь появятся смены контрагента, схем, отметки «ключевой» и ваши заметки.' : 'Нет событий этого вида.'}
        </Text>
      ) : (
        <Timeline bulletSize={20} lineWidth={2} data-testid="events-timeline">
          {shown.map((e) => (
            <Timeline.Item
              key={`${e.kind}:${e.id}`}
              bullet={e.kind === 'manual' ? <IconNote size={12} /> : e.kind === 'chat_session' || e.kind === 'chat_question' ? <IconMessages size={12} /> : <IconBolt size={12} />}
              color={e.kind === 'manual' ? 'indigo' : e.kind === 'chat_session' || e.kind === 'chat_question' ? 'teal' : 'gray'}
              data-testid="event-item"
              data-kind={e.kind}
              title={
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {fmtDateTime(e.at)}
                  </Text>
                  <Text size="xs" fw={600}>
                    {EVENT_TITLES[e.kind] ?? 'Событие'}
                  </Text>
                  {e.author && (
                    <Text size="xs" c="dimmed">
                      {e.author}
                    </Text>
                  )}
                </Group>
              }
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="event-text-shown">
                {eventText(e, stageNames)}
                {e.kind === 'chat_session' && typeof e.data?.sessionId === 'number' && (
                  <Anchor size="sm" ml="xs" onClick={() => setOpenSession(e.data!.sessionId as number)} data-testid="event-open-chat">
                    Открыть диалог
                  </Anchor>
                )}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <ChatSessionDialog sessionId={openSession} onClose={() => setOpenSession(null)} />
    </Stack>
  );
}
