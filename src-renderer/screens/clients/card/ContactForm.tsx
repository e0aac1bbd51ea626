// Dialog to add or edit a contact person: roles, phones, e-mails, characteristics by group with comments.
import { Button, Chip, Divider, Grid, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ContactRole } from '../../../../src-shared/api/common';
import type { ContactRow } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { useSession } from '../../../app/session';
import { CONTACT_ROLE_OPTIONS } from './labels';
import { EmailListInput, PhoneListInput, emailListErrors, emailsForSave, phoneListErrors, phonesForSave, type EmailValue, type PhoneValue } from './PhoneListInput';
import { useForm } from './useForm';
import { compact, required } from './validators';

interface Values {
  fullName: string;
  position: string;
  note: string;
  roles: ContactRole[];
  phones: PhoneValue[];
  emails: EmailValue[];
  /** Chosen characteristics: id → comment. */
  chars: Record<string, string>;
}

function fromContact(c: ContactRow | null): Values {
  return {
    fullName: c?.fullName ?? '',
    position: c?.position ?? '',
    note: c?.note ?? '',
    roles: c?.roles ?? [],
    phones: c?.phones.map((p) => ({ raw: p.formatted, note: p.note ?? '' })) ?? [{ raw: '', note: '' }],
    emails: c?.emails.map((e) => ({ email: e.email, note: e.note ?? '' })) ?? [{ email: '', note: '' }],
    chars: Object.fromEntries(c?.characteristics.map((x) => [String(x.characteristicId), x.comment ?? '']) ?? []),
  };
}

/** `contact` null: a new contact. */
export function ContactForm({ clientId, contact, opened, onClose }: { clientId: number; contact: ContactRow | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={contact ? `Контакт: ${contact.fullName}` : 'Новый контакт'} size="xl">
      {opened && <ContactFormBody clientId={clientId} contact={contact} onClose={onClose} />}
    </Modal>
  );
}

function ContactFormBody({ clientId, contact, onClose }: { clientId: number; contact: ContactRow | null; onClose: () => void }) {
  const { refs } = useSession();
  const groups = refs?.characteristicGroups ?? [];
  const form = useForm<Values>(fromContact(contact), {
    validate: (v) => ({ ...compact({ fullName: required(v.fullName) }), ...phoneListErrors(v.phones), ...emailListErrors(v.emails) }),
    save: async (v) => {
      await call('contacts.save', {
        clientId,
        id: contact?.id,
        fullName: v.fullName,
        position: v.position,
        note: v.note,
        roles: v.roles,
        phones: phonesForSave(v.phones),
        emails: emailsForSave(v.emails),
        characteristics: Object.entries(v.chars).map(([id, comment]) => ({ characteristicId: Number(id), comment: comment.trim() || null })),
      });
      notifications.show({ color: 'green', message: contact ? 'Контакт сохранён' : 'Контакт добавлен' });
      onClose();
    },
  });
  const v = form.values;

  const toggleGroup = (groupItems: number[], selected: string[]) => {
    const next: Record<string, string> = {};
    for (const [id, comment] of Object.entries(v.chars)) if (!groupItems.includes(Number(id))) next[id] = comment;
    for (const id of selected) next[id] = v.chars[id] ?? '';
    form.set('chars', next);
  };

  return (
    <Stack gap="sm" onKeyDown={form.onKeyDown} data-testid="contact-form">
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput
            label="ФИО"
            required
            data-autofocus
            value={v.fullName}
            onChange={(e) => form.set('fullName', e.currentTarget.value)}
            error={form.error('fullName')}
            data-testid="contact-fullName"
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput label="Должность" value={v.position} onChange={(e) => form.set('position', e.currentTarget.value)} error={form.error('position')} />
        </Grid.Col>
      </Grid>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Роли
        </Text>
        <Chip.Group multiple value={v.roles} onChange={(r) => form.set('roles', r as ContactRole[])}>
          <Group gap={6}>
            {CONTACT_ROLE_OPTIONS.map((o) => (
              <Chip key={o.value} value={o.value} size="xs">
                {o.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <Grid gap="sm">
        <Grid.Col span={6}>
          <PhoneListInput label="Телефоны" value={v.phones} onChange={(l) => form.set('phones', l)} errors={form.shown} prefix="phones" testId="contact-phones" />
        </Grid.Col>
        <Grid.Col span={6}>
          <EmailListInput label="E-mail" value={v.emails} onChange={(l) => form.set('emails', l)} errors={form.shown} prefix="emails" testId="contact-emails" />
        </Grid.Col>
      </Grid>
      <Divider label="Характеристики" labelPosition="left" />
      {groups.length === 0 && (
        <Text size="sm" c="dimmed">
          Справочник характеристик пуст — администратор заполняет его в настройках.
        </Text>
      )}
      {groups.map((g) => {
        const ids = g.items.map((i) => i.id);
        const selected = ids.filter((id) => String(id) in v.chars).map(String);
        return (
          <Stack key={g.id} gap={4} data-testid={`char-group-${g.id}`}>
            <Group gap="sm" align="center" wrap="nowrap">
              <Text size="sm" w={220} fw={500}>
                {g.name}
              </Text>
              <Chip.Group multiple value={selected} onChange={(s) => toggleGroup(ids, s)}>
                <Group gap={6}>
                  {g.items.map((i) => (
                    <Chip key={i.id} value={String(i.id)} size="xs">
                      {i.name}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Group>
            {selected.map((id) => {
              const item = g.items.find((i) => String(i.id) === id)!;
              return (
                <Group key={id} gap="sm" wrap="nowrap" pl={220}>
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    aria-label={`Комментарий: ${item.name}`}
                    placeholder={`Комментарий к «${item.name}» (необязательно)`}
                    value={v.chars[id] ?? ''}
                    onChange={(e) => form.set('chars', { ...v.chars, [id]: e.currentTarget.value })}
                  />
                </Group>
              );
            })}
          </Stack>
        );
      })}
      <Textarea label="Примечание" value={v.note} onChange={(e) => form.set('note', e.currentTarget.value)} autosize minRows={1} maxRows={4} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter" data-testid="contact-save">
          Сохранить
        </Button>
      </Group>
    </Stack>
  );
}
