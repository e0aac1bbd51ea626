// «Отделы» tab (administrator): the list of departments, adding a new one and renaming.
import { useState } from 'react';
import { ActionIcon, Button, Group, Loader, Modal, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { DialogButtons, errorCode, notifySaved, saveOnCtrlEnter } from './dialog';

const DUPLICATE_TEXT = 'Отдел с таким названием уже есть';

/** Saves a department and returns the message to show next to the name field, or null on success. */
async function saveDepartment(input: { id?: number; name: string }): Promise<string | null> {
  if (!input.name.trim()) return 'Введите название отдела';
  try {
    await call('departments.save', { ...input, name: input.name.trim() });
    return null;
  } catch (e) {
    // The unique name constraint comes back as a CONFLICT without a field path.
    if (errorCode(e) === 'CONFLICT') return DUPLICATE_TEXT;
    return fieldErrors(e).name ?? errorText(e);
  }
}

function RenameDialog({ dep, onClose, onSaved }: { dep: { id: number; name: string }; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(dep.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const err = await saveDepartment({ id: dep.id, name });
    setBusy(false);
    setError(err);
    if (!err) {
      notifySaved('Отдел переименован');
      onSaved();
    }
  };
  return (
    <Modal opened onClose={onClose} title="Переименовать отдел">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={saveOnCtrlEnter(() => void submit())}
      >
        <TextInput
          label="Название"
          data-autofocus
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          error={error}
        />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

export function DepartmentsTab() {
  const { refs, reloadRefs } = useSession();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);

  if (!refs) return <Loader size="sm" />;

  const add = async () => {
    if (busy) return;
    setBusy(true);
    const err = await saveDepartment({ name });
    setBusy(false);
    setError(err);
    if (!err) {
      notifySaved(`Отдел «${name.trim()}» добавлен`);
      setName('');
      await reloadRefs();
    }
  };

  const staff = (id: number) => refs.employees.filter((e) => e.departmentId === id && e.active).length;

  return (
    <>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Group align="flex-start" gap="xs" mb="sm">
          <TextInput
            placeholder="Название нового отдела"
            aria-label="Название нового отдела"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            w={320}
          />
          <Button type="submit" loading={busy} leftSection={<IconPlus size={16} />}>
            Добавить отдел
          </Button>
        </Group>
      </form>

      {refs.departments.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          Отделов пока нет. Введите название выше и нажмите «Добавить отдел», затем укажите отдел в карточке сотрудника на вкладке «Сотрудники».
        </Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" maw={640} data-testid="departments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Отдел</Table.Th>
              <Table.Th w={120}>Сотрудников</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refs.departments.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>{staff(d.id)}</Table.Td>
                <Table.Td>
                  <Tooltip label="Переименовать">
                    <ActionIcon variant="subtle" size="sm" aria-label={`Переименовать: ${d.name}`} onClick={() => setRenaming(d)}>
                      <IconPencil size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {renaming && (
        <RenameDialog
          dep={renaming}
          onClose={() => setRenaming(null)}
          onSaved={() => {
            setRenaming(null);
            void reloadRefs();
          }}
        />
      )}
    </>
  );
}
