// Editable lists of phones and e-mails (each with a note) for the client and its contacts.
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Errors } from './validators';
import { emailError, phoneError, phonePreview } from './validators';

export interface PhoneValue {
  raw: string;
  note: string;
}
export interface EmailValue {
  email: string;
  note: string;
}

/** Errors of a phone list under `prefix` (`phones.0.raw`); blank rows are ignored — they are dropped on save. */
export function phoneListErrors(list: PhoneValue[], prefix = 'phones'): Errors {
  const out: Errors = {};
  list.forEach((p, i) => {
    if (!p.raw.trim() && !p.note.trim()) return;
    const e = phoneError(p.raw);
    if (e) out[`${prefix}.${i}.raw`] = e;
  });
  return out;
}

export function emailListErrors(list: EmailValue[], prefix = 'emails'): Errors {
  const out: Errors = {};
  list.forEach((p, i) => {
    if (!p.email.trim() && !p.note.trim()) return;
    const e = emailError(p.email);
    if (e) out[`${prefix}.${i}.email`] = e;
  });
  return out;
}

/** What the contract takes: blank rows dropped, an empty note sent as null. */
export const phonesForSave = (list: PhoneValue[]) => list.filter((p) => p.raw.trim() || p.note.trim()).map((p) => ({ raw: p.raw.trim(), note: p.note.trim() || null }));
export const emailsForSave = (list: EmailValue[]) =>
  list.filter((p) => p.email.trim() || p.note.trim()).map((p) => ({ email: p.email.trim(), note: p.note.trim() || null }));

interface ListProps<V> {
  label: string;
  value: V[];
  onChange: (next: V[]) => void;
  errors: Errors;
  prefix: string;
  testId: string;
}

export function PhoneListInput({ label, value, onChange, errors, prefix, testId }: ListProps<PhoneValue>) {
  const update = (i: number, patch: Partial<PhoneValue>) => onChange(value.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {value.length === 0 && (
        <Text size="xs" c="dimmed">
          Телефонов нет — добавьте номер кнопкой ниже
        </Text>
      )}
      {value.map((p, i) => {
        const preview = phonePreview(p.raw);
        return (
          <Group key={i} gap={6} align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`${label}: номер ${i + 1}`}
              placeholder="+7 (423) 222-33-44"
              value={p.raw}
              onChange={(e) => update(i, { raw: e.currentTarget.value })}
              error={errors[`${prefix}.${i}.raw`]}
              description={preview && preview !== p.raw.trim() ? `Будет сохранён как ${preview}` : undefined}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              w={230}
              data-testid={`${testId}-raw-${i}`}
            />
            <TextInput
              aria-label={`${label}: примечание ${i + 1}`}
              placeholder="примечание: приёмная, бухгалтерия…"
              value={p.note}
              onChange={(e) => update(i, { note: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <ActionIcon variant="subtle" color="gray" mt={4} aria-label="Удалить телефон" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { raw: '', note: '' }])}>
          Телефон
        </Button>
      </Group>
    </Stack>
  );
}

export function EmailListInput({ label, value, onChange, errors, prefix, testId }: ListProps<EmailValue>) {
  const update = (i: number, patch: Partial<EmailValue>) => onChange(value.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {value.length === 0 && (
        <Text size="xs" c="dimmed">
          Адресов нет — добавьте кнопкой ниже
        </Text>
      )}
      {value.map((p, i) => (
        <Group key={i} gap={6} align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={`${label}: адрес ${i + 1}`}
            placeholder="info@example.ru"
            value={p.email}
            onChange={(e) => update(i, { email: e.currentTarget.value })}
            error={errors[`${prefix}.${i}.email`]}
            w={230}
            data-testid={`${testId}-email-${i}`}
          />
          <TextInput
            aria-label={`${label}: примечание ${i + 1}`}
            placeholder="примечание"
            value={p.note}
            onChange={(e) => update(i, { note: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <ActionIcon variant="subtle" color="gray" mt={4} aria-label="Удалить адрес" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { email: '', note: '' }])}>
          E-mail
        </Button>
      </Group>
    </Stack>
  );
}
