// Dialog to enter or confirm readiness values with a confirmation date; suggests values found in the card.
import { Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClientCard, ReadinessFieldState } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { DateField } from '../../../components/DateField';
import { dateError } from '../../../components/dateText';
import { fmtDate, todayIso } from './format';
import { useForm } from './useForm';
import { compact, REQUIRED } from './validators';

/** A value the card already holds for a readiness field, when the match is obvious. */
export function suggestValue(code: string, card: ClientCard): string | null {
  const contacts = card.contacts.filter((c) => c.active);
  const withRole = (...roles: string[]) => roles.map((r) => contacts.find((c) => c.roles.includes(r as never))).find(Boolean) ?? null;
  switch (code) {
    case 'org_name':
      return card.client.name;
    case 'phone':
      return card.client.phones[0]?.formatted ?? withRole('director', 'chief_accountant')?.phones[0]?.formatted ?? contacts.find((c) => c.phones.length)?.phones[0]?.formatted ?? null;
    case 'head_fio':
      return withRole('director', 'chief_accountant')?.fullName ?? null;
    case 'email':
      return card.client.emails[0]?.email ?? contacts.find((c) => c.emails.length)?.emails[0]?.email ?? null;
    case 'inn':
      return card.client.inn ?? card.counterparty?.inn ?? null;
    case 'lpr': {
      const c = withRole('lpr');
      return c ? `${c.fullName}${c.position ? `, ${c.position}` : ''}` : null;
    }
    default:
      return null;
  }
}

interface Values {
  values: Record<string, string>;
  date: string | null;
}

export function ReadinessConfirmForm({
  card,
  fields,
  title,
  opened,
  onClose,
}: {
  card: ClientCard;
  fields: ReadinessFieldState[];
  title: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      {opened && <Body card={card} fields={fields} onClose={onClose} />}
    </Modal>
  );
}

function Body({ card, fields, onClose }: { card: ClientCard; fields: ReadinessFieldState[]; onClose: () => void }) {
  const today = todayIso();
  // An older confirmation never replaces a newer one: the date may not go before any field's current confirmation.
  const latest = fields.reduce<string | null>((m, f) => (f.confirmedAt && (!m || f.confirmedAt > m) ? f.confirmedAt : m), null);
  const form = useForm<Values>(
    { values: Object.fromEntries(fields.map((f) => [f.code, f.value ?? suggestValue(f.code, card) ?? ''])), date: today },
    {
      validate: (v) => ({
        ...compact({ date: dateError(v.date, { required: true, max: today, maxMessage: 'Дата подтверждения не может быть в будущем', min: latest ?? undefined, minMessage: latest ? `Уже подтверждено позже: ${fmtDate(latest)}. Более раннее подтверждение не заменит его` : undefined }) }),
        ...compact(Object.fromEntries(fields.map((f) => [`values.${f.code}`, (v.values[f.code] ?? '').trim() ? null : REQUIRED]))),
      }),
      mapServerPath: (p) => (p === 'confirmedAt' ? 'date' : p),
      save: async (v) => {
        for (const f of fields) {
          await call('readiness.confirm', {
            clientId: card.client.id,
            fieldCode: f.code,
            value: v.values[f.code]!.trim(),
            // Today is left to the server: its calendar decides what "today" is for freshness.
            ...(v.date !== today ? { confirmedAt: v.date! } : {}),
          });
        }
        notifications.show({ color: 'green', message: fields.length === 1 ? `«${fields[0]!.name}» подтверждено на ${fmtDate(v.date)}` : `Подтверждено полей: ${fields.length}, на ${fmtDate(v.date)}` });
        onClose();
      },
    },
  );
  const setValue = (code: string, value: string) => form.set('values', { ...form.values.values, [code]: value });
  return (
    <Stack gap="sm" onKeyDown={form.onKeyDown} data-testid="readiness-form">
      <Text size="sm" c="dimmed">
        Подтверждайте только то, что проверили сейчас (со слов клиента, по документам). Значение считается свежим с даты подтверждения.
      </Text>
      {fields.map((f, i) => {
        const suggestion = suggestValue(f.code, card);
        const value = form.values.values[f.code] ?? '';
        return (
          <Stack key={f.code} gap={2}>
            <TextInput
              label={f.name}
              required
              data-autofocus={i === 0 ? true : undefined}
              value={value}
              onChange={(e) => setValue(f.code, e.currentTarget.value)}
              error={form.error(`values.${f.code}`)}
              description={f.value && f.confirmedAt ? `Было: ${f.value} (подтверждено ${fmtDate(f.confirmedAt)})` : undefined}
              data-testid={`readiness-value-${f.code}`}
            />
            {suggestion && suggestion !== value.trim() && (
              <Text size="xs" c="dimmed">
                В карточке: {suggestion}{' '}
                <Anchor component="button" type="button" size="xs" onClick={() => setValue(f.code, suggestion)}>
                  подставить
                </Anchor>
              </Text>
            )}
          </Stack>
        );
      })}
      <DateField label="Дата подтверждения" required maxDate={today} maxMessage="Дата подтверждения не может быть в будущем" value={form.values.date} onChange={(d) => form.set('date', d)} error={form.error('date')} w={200} data-testid="readiness-date" />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter" data-testid="readiness-save">
          Подтвердить
        </Button>
      </Group>
    </Stack>
  );
}
