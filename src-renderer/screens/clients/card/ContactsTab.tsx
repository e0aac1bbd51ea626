// Tab «Контакты»: contact persons with roles, phones, e-mails and characteristics; add, edit, archive, restore.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconPencil, IconPlus } from '@tabler/icons-react';
import type { ContactRow } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { useSession } from '../../../app/session';
import { CONTACT_ROLE_LABELS } from './labels';
import { ContactForm } from './ContactForm';

/** Characteristics of a contact grouped by their group, in the order the server gives. */
function CharacteristicsCell({ contact }: { contact: ContactRow }) {
  const groups = new Map<string, ContactRow['characteristics']>();
  for (const c of contact.characteristics) groups.set(c.groupName, [...(groups.get(c.groupName) ?? []), c]);
  if (!groups.size) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {[...groups].map(([group, items]) => (
        <Text size="xs" key={group}>
          <Text span size="xs" c="dimmed">
            {group}:{' '}
          </Text>
          {items.map((i, n) => (
            <span key={i.characteristicId}>
              {n > 0 && ', '}
              <b>{i.name}</b>
              {i.comment && <Text span size="xs" c="dimmed"> ({i.comment})</Text>}
            </span>
          ))}
        </Text>
      ))}
    </Stack>
  );
}

function ContactTable({ contacts, onEdit, onToggle, canEdit }: { contacts: ContactRow[]; onEdit: (c: ContactRow) => void; onToggle: (c: ContactRow) => void; canEdit: boolean }) {
  return (
    <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="contacts-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={220}>ФИО, должность</Table.Th>
          <Table.Th w={170}>Роли</Table.Th>
          <Table.Th w={200}>Телефоны</Table.Th>
          <Table.Th w={190}>E-mail</Table.Th>
          <Table.Th>Характеристики</Table.Th>
          <Table.Th w={160}>Примечание</Table.Th>
          {canEdit && <Table.Th w={70} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {contacts.map((c) => (
          <Table.Tr key={c.id} data-testid={`contact-row-${c.id}`} style={{ verticalAlign: 'top' }}>
            <Table.Td>
              <Text size="sm" fw={500} td={c.active ? undefined : 'line-through'}>
                {c.fullName}
              </Text>
              {c.position && (
                <Text size="xs" c="dimmed">
                  {c.position}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={3}>
                {c.roles.map((r) => (
                  <Badge key={r} size="xs" variant="light" color={r === 'lpr' || r === 'director' ? 'indigo' : 'gray'} radius="sm" tt="none" fw={600}>
                    {CONTACT_ROLE_LABELS[r] ?? r}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              {c.phones.map((p) => (
                <Text size="sm" key={p.id} style={{ whiteSpace: 'nowrap' }}>
                  {p.formatted}
                  {p.note && <Text span size="xs" c="dimmed"> {p.note}</Text>}
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
              {c.emails.map((e) => (
                <Text size="sm" key={e.id}>
                  {e.email}
                  {e.note && <Text span size="xs" c="dimmed"> {e.note}</Text>}
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
              <CharacteristicsCell contact={c} />
            </Table.Td>
            <Table.Td>
              <Text size="xs">{c.note}</Text>
            </Table.Td>
            {canEdit && (
              <Table.Td>
                <Group gap={2} wrap="nowrap">
                  {c.active && (
                    <Tooltip label="Изменить">
                      <ActionIcon variant="subtle" onClick={() => onEdit(c)} aria-label={`Изменить контакт ${c.fullName}`}>
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  <Tooltip label={c.active ? 'В архив' : 'Восстановить из архива'}>
                    <ActionIcon variant="subtle" color="gray" onClick={() => onToggle(c)} aria-label={c.active ? `В архив: ${c.fullName}` : `Восстановить: ${c.fullName}`}>
                      {c.active ? <IconArchive size={16} /> : <IconArrowBackUp size={16} />}
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ContactsTab({ clientId, contacts, reload }: { clientId: number; contacts: ContactRow[]; reload: () => Promise<void> }) {
  const { hasRole } = useSession();
  const canEdit = hasRole('admin', 'head', 'sales', 'sio', 'pm', 'caller');
  const [editing, setEditing] = useState<ContactRow | 'new' | null>(null);
  const [showArchive, setShowArchive] = useState(false);
  const active = contacts.filter((c) => c.active);
  const archived = contacts.filter((c) => !c.active);

  const toggle = (c: ContactRow) =>
    modals.openConfirmModal({
      title: c.active ? 'Перенести контакт в архив?' : 'Восстановить контакт?',
      children: (
        <Text size="sm">
          {c.active
            ? `«${c.fullName}» пропадёт из списка контактов, но останется в документах и поручениях. Его можно восстановить.`
            : `«${c.fullName}» снова появится в списке контактов клиента.`}
        </Text>
      ),
      labels: { confirm: c.active ? 'В архив' : 'Восстановить', cancel: 'Отмена' },
      confirmProps: { color: c.active ? 'red' : undefined, 'data-testid': 'confirm-archive' } as never,
      onConfirm: async () => {
        try {
          await call('contacts.setActive', { id: c.id, active: !c.active });
          notifications.show({ color: 'green', message: c.active ? `Контакт «${c.fullName}» перенесён в архив` : `Контакт «${c.fullName}» восстановлен` });
          void reload();
        } catch (err) {
          notifications.show({ color: 'red', message: errorText(err) });
        }
      },
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Контактов: {active.length}
          {archived.length > 0 && `, в архиве: ${archived.length}`}
        </Text>
        <Group gap="sm">
          {archived.length > 0 && <Switch size="xs" label="Показать архив" checked={showArchive} onChange={(e) => setShowArchive(e.currentTarget.checked)} />}
          {canEdit && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="contact-add">
              Добавить контакт
            </Button>
          )}
        </Group>
      </Group>
      {active.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          Контактов нет. Добавьте руководителя и главного бухгалтера — их ФИО нужны для готовности к обзвонке.
        </Text>
      ) : (
        <ContactTable contacts={active} onEdit={setEditing} onToggle={toggle} canEdit={canEdit} />
      )}
      {showArchive && archived.length > 0 && (
        <>
          <Text size="sm" fw={500} mt="sm">
            Архив
          </Text>
          <ContactTable contacts={archived} onEdit={setEditing} onToggle={toggle} canEdit={canEdit} />
        </>
      )}
      <ContactForm
        clientId={clientId}
        contact={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
          void reload();
        }}
      />
    </Stack>
  );
}
