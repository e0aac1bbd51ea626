// Онлайн-диалог of a distribution on the card: the state today with its date, a planned change, the history, and the dated switch.
import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessageCircle } from '@tabler/icons-react';
import type { DistributionRow } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { DateField } from '../../../components/DateField';
import { dateError } from '../../../components/dateText';
import { fmtDate, fmtDateTime, todayIso } from './format';
import { useForm } from './useForm';
import { compact } from './validators';

const onOff = (enabled: boolean) => (enabled ? 'подключён' : 'отключён');

/** «Подключён с 01.02.2026» / «нет», and a planned change in yellow. */
export function ChatState({ d }: { d: DistributionRow }) {
  return (
    <Stack gap={0} data-testid="chat-state">
      {d.chatEnabled ? (
        <Group gap={4} wrap="nowrap">
          <IconMessageCircle size={16} color="var(--mantine-color-green-7)" aria-label="Онлайн-диалог подключён" />
          <Text size="sm" c="green.8">
            {d.chatSince ? `с ${fmtDate(d.chatSince)}` : 'подключён'}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          нет{d.chatSince ? ` (отключён с ${fmtDate(d.chatSince)})` : ''}
        </Text>
      )}
      {d.chatNext && (
        <Text size="xs" c="yellow.8">
          {d.chatNext.enabled ? 'Подключение' : 'Отключение'} с {fmtDate(d.chatNext.effectiveFrom)} (запланировано)
        </Text>
      )}
    </Stack>
  );
}

/** The history newest first: «подключён с 01.02.2026 · Иванова, 30.01.2026 14:05». */
export function ChatHistory({ d }: { d: DistributionRow }) {
  if (d.chatHistory.length === 0) return <Text size="xs" c="dimmed">Онлайн-диалог не подключали</Text>;
  const today = todayIso();
  return (
    <Stack gap={0} data-testid="chat-history">
      {d.chatHistory.map((h, i) => (
        <Text size="xs" key={i} c={h.effectiveFrom > today ? 'yellow.8' : undefined}>
          {onOff(h.enabled)} с {fmtDate(h.effectiveFrom)}
          {h.effectiveFrom > today && ' (запланировано)'}
          <Text span size="xs" c="dimmed">
            {' '}
            {/* No author: migrated from the old flag or entered by the demo's bulk load. */}· {h.setBy ? `${h.setBy}, ` : ''}
            {fmtDateTime(h.setAt)}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

export function ChatForm({ distr, opened, onClose }: { distr: DistributionRow | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={distr ? `Онлайн-диалог ${distr.code}` : ''} size="md">
      {opened && distr && <ChatFormBody distr={distr} onClose={onClose} />}
    </Modal>
  );
}

function ChatFormBody({ distr, onClose }: { distr: DistributionRow; onClose: () => void }) {
  const form = useForm<{ enabled: 'on' | 'off'; effectiveFrom: string | null }>(
    { enabled: distr.chatEnabled ? 'off' : 'on', effectiveFrom: todayIso() },
    {
      validate: (v) => compact({ effectiveFrom: dateError(v.effectiveFrom, { required: true }) }),
      save: async (v) => {
        const enabled = v.enabled === 'on';
        const r = await call('distributions.setChat', { id: distr.id, enabled, effectiveFrom: v.effectiveFrom! });
        notifications.show({
          color: r.changed ? 'green' : 'gray',
          message: r.changed
            ? `${distr.code}: Онлайн-диалог ${onOff(enabled)} с ${fmtDate(v.effectiveFrom)}`
            : `${distr.code}: Онлайн-диалог уже ${onOff(enabled)} на ${fmtDate(v.effectiveFrom)} — ничего не изменилось`,
        });
        onClose();
      },
    },
  );
  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="chat-form">
      <Text size="sm">
        Сейчас: <b>{distr.chatEnabled ? 'подключён' : 'не подключён'}</b>
        {distr.chatSince ? ` с ${fmtDate(distr.chatSince)}` : ''}
      </Text>
      <SegmentedControl
        data={[
          { value: 'on', label: 'Подключить' },
          { value: 'off', label: 'Отключить' },
        ]}
        value={form.values.enabled}
        onChange={(s) => form.set('enabled', s as 'on' | 'off')}
      />
      <DateField
        label="С даты"
        description="Дата в будущем вступит в силу в тот день: hotline.txt обновится сам"
        required
        value={form.values.effectiveFrom}
        onChange={(d) => form.set('effectiveFrom', d)}
        error={form.error('effectiveFrom')}
        data-testid="chat-from"
      />
      <Text size="xs" fw={500} mt={4}>
        История
      </Text>
      <ChatHistory d={distr} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter" data-testid="chat-save">
          Сохранить
        </Button>
      </Group>
    </Stack>
  );
}
