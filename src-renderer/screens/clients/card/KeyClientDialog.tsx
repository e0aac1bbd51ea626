// Dialog «Ключевой клиент»: the key flag and its responsible employee (for heads and administrators).
import { Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClientDetails } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { useSession } from '../../../app/session';
import { useForm } from './useForm';
import { compact, REQUIRED } from './validators';

interface Values {
  isKey: boolean;
  responsibleId: string | null;
}

export function KeyClientDialog({ client, opened, onClose }: { client: ClientDetails; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Ключевой клиент" size="md">
      {opened && <KeyClientForm client={client} onClose={onClose} />}
    </Modal>
  );
}

function KeyClientForm({ client, onClose }: { client: ClientDetails; onClose: () => void }) {
  const { refs } = useSession();
  const employees = (refs?.employees ?? []).filter((e) => e.active || e.id === client.keyResponsible?.id);
  const form = useForm<Values>(
    // Opened on an ordinary client, the dialog is there to mark it: the flag starts ticked.
    { isKey: true, responsibleId: client.keyResponsible ? String(client.keyResponsible.id) : null },
    {
      validate: (v) => compact({ responsibleId: v.isKey && !v.responsibleId ? `${REQUIRED}: у ключевого клиента должен быть ответственный` : null }),
      save: async (v) => {
        await call('clients.setKey', { id: client.id, isKey: v.isKey, responsibleId: v.isKey ? Number(v.responsibleId) : null });
        notifications.show({ color: 'green', message: v.isKey ? 'Клиент отмечен как ключевой' : 'Отметка «Ключевой клиент» снята' });
        onClose();
      },
    },
  );
  return (
    <Stack gap="sm" onKeyDown={form.onKeyDown}>
      <Text size="sm" c="dimmed">
        Ключевому клиенту назначается ответственный сотрудник; отметка и смена ответственного попадают в события клиента.
      </Text>
      <Checkbox label="Ключевой клиент" checked={form.values.isKey} onChange={(e) => form.set('isKey', e.currentTarget.checked)} data-testid="key-flag" />
      <Select
        label="Ответственный"
        placeholder="Выберите сотрудника"
        data={employees.map((e) => ({ value: String(e.id), label: e.fullName }))}
        value={form.values.responsibleId}
        onChange={(v) => form.set('responsibleId', v)}
        error={form.error('responsibleId')}
        disabled={!form.values.isKey}
        searchable
        data-testid="key-responsible"
        comboboxProps={{ withinPortal: true }}
      />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter">
          Сохранить
        </Button>
      </Group>
    </Stack>
  );
}
