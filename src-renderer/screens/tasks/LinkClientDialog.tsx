// «Привязать к клиенту»: a task that came without a client (a question from a kit not in the base) gets one; the kit may be added to it.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TaskCard } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { ClientPicker, type ClientRef } from '../../components/ClientPicker';

export function LinkClientDialog({ task, opened, onClose, onDone }: { task: TaskCard; opened: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Привязать поручение к клиенту" size="lg">
      {opened && <LinkBody task={task} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function LinkBody({ task, onClose, onDone }: { task: TaskCard; onClose: () => void; onDone: () => void }) {
  const { hasRole } = useSession();
  const kit = task.kitInfo;
  const canEditClients = hasRole('admin', 'head', 'sales', 'sio', 'pm', 'caller');
  // The kit can be added when the catalogue knows its system and no client has it yet.
  const addable = !!kit && !kit.problem && !kit.owner && canEditClients;
  const [client, setClient] = useState<ClientRef | null>(null);
  const [addKit, setAddKit] = useState(addable);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const link = async () => {
    if (!client) return setError('Выберите клиента');
    setBusy(true);
    setError(null);
    try {
      await call('tasks.linkClient', { id: task.id, clientId: client.id, addDistribution: addable && addKit });
      notifications.show({
        color: 'green',
        message: addable && addKit ? `Поручение привязано к «${client.name}», дистрибутив ${kit!.code} добавлен клиенту` : `Поручение привязано к «${client.name}»`,
      });
      onDone();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="link-client-dialog">
      {kit && (
        <Text size="sm">
          Комплект из заявки: <b>{kit.code ?? kit.text}</b>
          {kit.systemName ? ` (${kit.systemName})` : ''}
          {kit.owner ? ` — уже есть у клиента «${kit.owner.name}»` : kit.problem ? '' : ' — в базе его нет'}
        </Text>
      )}
      {kit?.problem === 'unknown_system_number' && (
        <Alert color="yellow" py={6}>
          Номер системы из заявки не найден в справочнике систем К+ («Настройки → Системы К+»): дистрибутив нельзя добавить, пока администратор не укажет номер. Привязать поручение можно.
        </Alert>
      )}
      {(kit?.problem === 'unknown_system_code' || kit?.problem === 'unparsed') && (
        <Alert color="yellow" py={6}>
          Комплект «{kit.text}» не распознан по справочнику систем К+: дистрибутив клиенту добавьте вручную на вкладке «Дистрибутивы».
        </Alert>
      )}
      <ClientPicker value={client} onChange={setClient} label="Клиент" placeholder="Название, ИНН, телефон или дистрибутив" showInn testId="link-client-picker" />
      {addable && (
        <Checkbox
          checked={addKit}
          onChange={(e) => setAddKit(e.currentTarget.checked)}
          label={`Добавить дистрибутив ${kit!.code} этому клиенту — следующие вопросы с этого комплекта найдут его сами`}
          data-testid="link-add-kit"
        />
      )}
      {error && (
        <Alert color="red" py={6} data-testid="link-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void link()} loading={busy} disabled={!client} data-testid="link-save">
          Привязать
        </Button>
      </Group>
    </Stack>
  );
}
