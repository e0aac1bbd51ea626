// A seminar's registrations: add a client's contact person (or a typed ФИО), tick «Пришёл», remove with a confirmation.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, ActionIcon } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { ClientPicker, type ClientRef } from '../../components/ClientPicker';
import type { NssSeminar, NssSeminarPerson } from '../../../src-shared/nss';

const TYPED = 'typed';

function RegisterForm({ seminarId, onDone }: { seminarId: number; onDone: () => void }) {
  const [client, setClient] = useState<ClientRef | null>(null);
  const [contacts, setContacts] = useState<{ value: string; label: string }[]>([]);
  const [contact, setContact] = useState<string | null>(null);
  const [fio, setFio] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setContacts([]);
    setContact(null);
    if (!client) return;
    let live = true;
    call('clients.get', { id: client.id }).then(
      (card) => {
        if (!live) return;
        const list = card.contacts.filter((c) => c.active).map((c) => ({ value: String(c.id), label: c.position ? `${c.fullName}, ${c.position}` : c.fullName }));
        setContacts([...list, { value: TYPED, label: 'Другой человек — ввести ФИО' }]);
        setContact(list.length === 1 ? list[0]!.value : list.length ? null : TYPED);
      },
      (e: unknown) => live && setErrors({ form: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const submit = async () => {
    const e: Record<string, string> = {};
    if (!client) e.clientId = 'Выберите клиента';
    else if (!contact) e.contactId = 'Выберите контактное лицо';
    else if (contact === TYPED && !fio.trim()) e.fio = 'Введите ФИО';
    if (Object.keys(e).length) return setErrors(e);
    setBusy(true);
    try {
      await call('nss.seminars.register', { seminarId, clientId: client!.id, contactId: contact === TYPED ? null : Number(contact), fio: contact === TYPED ? fio : null });
      setClient(null);
      setFio('');
      setErrors({});
      onDone();
    } catch (err) {
      const f = fieldErrors(err);
      setErrors(f.fio || f.contactId || f.clientId ? f : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6} data-testid="seminar-register">
      <Group align="flex-start" grow>
        <ClientPicker value={client} onChange={(c) => (setClient(c), setErrors({}))} error={errors.clientId} testId="seminar-client" />
        <Select
          label="Контактное лицо"
          data={contacts}
          value={contact}
          onChange={(v) => (setContact(v), setErrors({}))}
          disabled={!client}
          error={errors.contactId}
          data-testid="seminar-contact"
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {contact === TYPED && <TextInput label="ФИО" value={fio} onChange={(e) => (setFio(e.currentTarget.value), setErrors({}))} error={errors.fio} maxLength={300} data-testid="seminar-fio" />}
      {errors.form && (
        <Alert color="red" py={6} data-testid="seminar-register-error">
          {errors.form}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button size="xs" loading={busy} onClick={() => void submit()} data-testid="seminar-register-save">
          Записать
        </Button>
      </Group>
    </Stack>
  );
}

export function SeminarPeople({ seminar, canEdit, onChanged }: { seminar: NssSeminar; canEdit: boolean; onChanged: () => void }) {
  const [people, setPeople] = useState<NssSeminarPerson[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    call('nss.seminars.people', { seminarId: seminar.id }).then(
      (p) => (setPeople(p), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [seminar.id]);
  useEffect(load, [load]);

  const attend = async (p: NssSeminarPerson, attended: boolean) => {
    // The tick shows at once; a refusal puts it back.
    setPeople((list) => list?.map((x) => (x.id === p.id ? { ...x, attended } : x)) ?? null);
    try {
      await call('nss.seminars.attend', { ids: [p.id], attended });
      onChanged();
    } catch (err) {
      setPeople((list) => list?.map((x) => (x.id === p.id ? { ...x, attended: !attended } : x)) ?? null);
      notifications.show({ color: 'red', message: errorText(err) });
    }
  };

  const remove = (p: NssSeminarPerson) =>
    modals.openConfirmModal({
      title: 'Убрать из списка?',
      children: <Text size="sm">{`${p.fio} (${p.clientName}) больше не будет записан на семинар${p.attended ? ', отметка о посещении пропадёт' : ''}.`}</Text>,
      labels: { confirm: 'Убрать', cancel: 'Отмена' },
      confirmProps: { color: 'red', 'data-testid': 'seminar-remove-confirm' } as Record<string, unknown>,
      onConfirm: () =>
        void call('nss.seminars.unregister', { id: p.id }).then(
          () => (load(), onChanged()),
          (e: unknown) => notifications.show({ color: 'red', message: errorText(e) }),
        ),
    });

  const full = seminar.capacity != null && seminar.registered >= seminar.capacity;
  return (
    <Stack gap="sm" data-testid="seminar-people">
      {error != null && <Alert color="red">Список записавшихся не загрузился: {errorText(error)}</Alert>}
      {people && people.length === 0 && (
        <Text size="sm" c="dimmed">
          Никто не записан. Выберите клиента и его контактное лицо ниже.
        </Text>
      )}
      {people && people.length > 0 && (
        <Table striped withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Клиент</Table.Th>
              <Table.Th>ФИО</Table.Th>
              <Table.Th>Пришёл</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => (
              <Table.Tr key={p.id} data-testid={`seminar-person-${p.id}`}>
                <Table.Td>{p.clientName}</Table.Td>
                <Table.Td>{p.fio}</Table.Td>
                <Table.Td>
                  <Checkbox checked={p.attended} disabled={!canEdit} onChange={(e) => void attend(p, e.currentTarget.checked)} aria-label="Пришёл" data-testid="seminar-attended" />
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" onClick={() => remove(p)} aria-label="Убрать" title="Убрать" data-testid="seminar-remove">
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit &&
        (full ? (
          <Text size="sm" c="dimmed">
            Все места заняты.
          </Text>
        ) : (
          <RegisterForm seminarId={seminar.id} onDone={() => (load(), onChanged())} />
        ))}
    </Stack>
  );
}
