// «Объединить клиентов» (head, administrator): pick the other card and which one stays, see everything that moves, then merge in one step.
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Modal, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MergePreview, MergeSide } from '../../../../src-shared/dedupe';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { navigate } from '../../../app/router';
import { ClientPicker, type ClientRef } from '../../../components/ClientPicker';
import { CLIENT_STATUS_LABELS } from '../../../components/StatusBadges';

/** What each reference to a client is, in the preview; a table added later shows under its own name until worded here. */
const REF_LABELS: Record<string, string> = {
  'contacts.client_id': 'Контактные лица',
  'phones.client_id': 'Телефоны',
  'emails.client_id': 'E-mail',
  'distributions.client_id': 'Дистрибутивы',
  'documents.client_id': 'Документы',
  'tasks.client_id': 'Поручения',
  'client_events.client_id': 'События',
  'client_counterparties.client_id': 'Контрагенты (история по датам)',
  'client_readiness_values.client_id': 'Подтверждённые данные готовности',
  'client_readiness.client_id': 'Статусы готовности (пересчитаются)',
  'client_tombstones.survivor_id': 'Ранее присоединённые клиенты',
};

/** How rows that meet a row of the kept card are settled. */
const COLLISION_TEXT: Record<string, string> = {
  'contacts.client_id': 'совпадают по ФИО — станут одним контактом, роли и характеристики сложатся',
  'client_counterparties.client_id': 'с той же даты — останется контрагент остающейся карточки',
  'client_readiness_values.client_id': 'подтверждены в обеих — останется более свежее подтверждение',
};

const FILLED_LABELS: Record<string, string> = {
  shortName: 'краткое наименование',
  inn: 'ИНН и КПП',
  legalAddress: 'юридический адрес',
  actualAddress: 'фактический адрес',
  region: 'регион',
  city: 'город',
  sioId: 'СИО',
  pmId: 'персональный менеджер',
  comment: 'комментарий (добавится к имеющемуся)',
  isKey: 'отметка «Ключевой клиент»',
};

function Side({ title, s }: { title: string; s: MergeSide }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={600}>{s.name}</Text>
      <Text size="sm">{s.inn ? `ИНН ${s.inn}${s.kpp ? ` / КПП ${s.kpp}` : ''}` : 'ИНН не указан'}</Text>
      <Text size="sm" c="dimmed">
        {[s.city, CLIENT_STATUS_LABELS[s.status]].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

export function MergeDialog({ client, initialOther, opened, onClose }: { client: ClientRef; initialOther: ClientRef | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Объединить клиентов</Text>} size="xl" closeOnClickOutside={false}>
      {opened && <MergeBody client={client} initialOther={initialOther} onClose={onClose} />}
    </Modal>
  );
}

function MergeBody({ client, initialOther, onClose }: { client: ClientRef; initialOther: ClientRef | null; onClose: () => void }) {
  const [other, setOther] = useState<ClientRef | null>(initialOther);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);

  const survivorId = keep === 'this' ? client.id : other?.id;
  const mergedId = keep === 'this' ? other?.id : client.id;
  useEffect(() => {
    setPreview(null);
    setSure(false);
    setError(null);
    if (survivorId == null || mergedId == null) return;
    if (survivorId === mergedId) return setError('Выберите другого клиента: карточку нельзя объединить с самой собой');
    let alive = true;
    call('clients.mergePreview', { survivorId, mergedId })
      .then((p) => alive && setPreview(p))
      .catch((e) => alive && setError(errorText(e)));
    return () => {
      alive = false;
    };
  }, [survivorId, mergedId]);

  const merge = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      await call('clients.merge', {
        survivorId: preview.survivor.id,
        mergedId: preview.merged.id,
        survivorVersion: preview.survivor.version,
        mergedVersion: preview.merged.version,
      });
      notifications.show({ color: 'green', message: `Клиент «${preview.merged.name}» объединён с «${preview.survivor.name}»` });
      onClose();
      navigate(`/clients/${preview.survivor.id}`);
    } catch (e) {
      // A card edited since the preview: show the new preview rather than merge what was not seen.
      setError(errorText(e));
      setBusy(false);
      void call('clients.mergePreview', { survivorId: preview.survivor.id, mergedId: preview.merged.id }).then(setPreview, () => undefined);
    }
  };

  return (
    <Stack gap="sm" data-testid="merge-dialog">
      <Text size="sm">
        Для дублей: всё, что есть у присоединяемой карточки, перейдёт к остающейся, а сама она исчезнет из списков. Старые ссылки на неё будут открывать
        остающуюся карточку.
      </Text>
      <ClientPicker value={other} onChange={setOther} label="Другая карточка" placeholder="Название, ИНН, телефон или дистрибутив" showInn testId="merge-other" />
      {other && (
        <SegmentedControl
          value={keep}
          onChange={(v) => setKeep(v as 'this' | 'other')}
          data={[
            { value: 'this', label: `Оставить «${client.name}»` },
            { value: 'other', label: `Оставить «${other.name}»` },
          ]}
          data-testid="merge-keep"
        />
      )}
      {error && <Alert color="red">{error}</Alert>}
      {other && !preview && !error && <Loader size="sm" />}
      {preview && (
        <>
          <SimpleGrid cols={2}>
            <Side title="Остаётся" s={preview.survivor} />
            <Side title="Присоединяется и исчезнет" s={preview.merged} />
          </SimpleGrid>
          {preview.moves.length === 0 ? (
            <Text size="sm" c="dimmed">
              У присоединяемой карточки нет ни контактов, ни дистрибутивов, ни документов, ни событий.
            </Text>
          ) : (
            <Table withTableBorder fz="sm" verticalSpacing={3} data-testid="merge-moves">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Что перейдёт</Table.Th>
                  <Table.Th w={90}>Записей</Table.Th>
                  <Table.Th>Совпадения</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.moves.map((m) => (
                  <Table.Tr key={m.ref} data-testid={`merge-move-${m.ref}`}>
                    <Table.Td>{REF_LABELS[m.ref] ?? m.ref}</Table.Td>
                    <Table.Td>{m.count}</Table.Td>
                    <Table.Td c={m.collisions ? undefined : 'dimmed'}>{m.collisions ? `${m.collisions}: ${COLLISION_TEXT[m.ref] ?? 'будут объединены'}` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {preview.sameContacts.length > 0 && <Text size="sm">Контакты, которые станут одним: {preview.sameContacts.join(', ')}.</Text>}
          <Text size="sm" data-testid="merge-filled">
            {preview.filled.length > 0
              ? `Остающаяся карточка возьмёт у присоединяемой то, чего у неё нет: ${preview.filled
                  .map((f) => (f === 'status' ? `статус «${CLIENT_STATUS_LABELS[preview.merged.status]}» вместо «${CLIENT_STATUS_LABELS[preview.survivor.status]}»` : (FILLED_LABELS[f] ?? f)))
                  .join(', ')}. Заполненные поля не меняются.`
              : 'Поля остающейся карточки не меняются.'}
          </Text>
          <Checkbox
            checked={sure}
            onChange={(e) => setSure(e.currentTarget.checked)}
            label={`Это одна организация: присоединить «${preview.merged.name}» к «${preview.survivor.name}». Отменить объединение нельзя`}
            data-testid="merge-sure"
          />
        </>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button color="red" disabled={!preview || !sure} loading={busy} onClick={() => void merge()} data-testid="merge-confirm">
          Объединить
        </Button>
      </Group>
    </Stack>
  );
}
