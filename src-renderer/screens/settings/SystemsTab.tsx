// «Системы К+» tab: the catalogue that joins the КЦ's system numbers to the base's codes — everyone reads it, an administrator edits it.
import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Loader, Modal, NumberInput, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { KplusSystemRow } from '../../../src-shared/systems';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { DialogButtons, notifyFailed, notifySaved, saveOnCtrlEnter } from './dialog';

interface Draft {
  id?: number;
  number: number | string;
  code: string;
  name: string;
  active: boolean;
}

/** The checks of the contract, plus uniqueness against the list on screen (the server checks again). */
function draftErrors(d: Draft, all: KplusSystemRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  const code = d.code.trim().toUpperCase();
  if (!code) out.code = 'Укажите код системы, например SKJP';
  else if (!/^[A-Z0-9]{2,12}$/.test(code)) out.code = 'Код: от 2 до 12 латинских букв и цифр, например SKJP';
  else if (all.some((s) => s.code === code && s.id !== d.id)) out.code = 'Система с таким кодом уже есть в справочнике';
  if (!d.name.trim()) out.name = 'Укажите название системы';
  if (d.number !== '') {
    const n = Number(d.number);
    const other = all.find((s) => s.number === n && s.id !== d.id);
    if (!Number.isInteger(n) || n < 1 || n > 9999) out.number = 'Номер — целое число от 1 до 9999';
    else if (other) out.number = `Этот номер уже у системы ${other.code}`;
  }
  return out;
}

function SystemDialog({ draft, all, inUse, onClose, onSaved }: { draft: Draft; all: KplusSystemRow[]; inUse: boolean; onClose: () => void; onSaved: () => void }) {
  const [d, setD] = useState(draft);
  const [server, setServer] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const local = draftErrors(d, all);
  const errors = { ...(tried ? local : {}), ...server };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setServer(({ [k]: _drop, ...rest }) => rest);
  };
  const submit = async () => {
    setTried(true);
    if (busy || Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await call('systems.save', { id: d.id, code: d.code.trim().toUpperCase(), name: d.name.trim(), number: d.number === '' ? null : Number(d.number), active: d.active });
      notifySaved(d.id ? `Система ${d.code.trim().toUpperCase()} сохранена` : `Система ${d.code.trim().toUpperCase()} добавлена`);
      onSaved();
    } catch (e) {
      const f = fieldErrors(e);
      if (Object.keys(f).length) setServer(f);
      else notifyFailed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={d.id ? `Система ${draft.code}` : 'Новая система К+'}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={saveOnCtrlEnter(() => void submit())}
        data-testid="system-form"
      >
        <Stack gap="xs">
          <TextInput
            label="Код"
            description={inUse ? 'Код указан у дистрибутивов базы и не меняется' : 'Как в дистрибутивах: SKJP_000123_02'}
            required
            data-autofocus
            readOnly={inUse}
            value={d.code}
            onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
            error={errors.code}
            data-testid="system-code"
          />
          <TextInput label="Название" required value={d.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-testid="system-name" />
          <NumberInput
            label="Номер системы"
            description="Как в файлах КЦ (1_000123_02, CONS#1_…). Оставьте пустым, если не знаете точно"
            allowDecimal={false}
            allowNegative={false}
            hideControls
            value={d.number}
            onChange={(n) => set('number', n)}
            error={errors.number}
            data-testid="system-number"
          />
          <Checkbox label="Используется (предлагается для новых дистрибутивов)" checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        </Stack>
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

export function SystemsTab() {
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const [rows, setRows] = useState<KplusSystemRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ draft: Draft; inUse: boolean } | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await call('systems.list', {}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!rows) return <Loader size="sm" />;
  const incomplete = rows.filter((s) => s.number == null || !s.name).length;

  const remove = (s: KplusSystemRow) =>
    modals.openConfirmModal({
      title: `Удалить систему ${s.code}?`,
      children: <Text size="sm">Система не указана ни у одного дистрибутива. Её можно будет добавить снова.</Text>,
      labels: { confirm: 'Удалить', cancel: 'Отмена' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void call('systems.delete', { id: s.id })
          .then(() => {
            notifySaved(`Система ${s.code} удалена`);
            return load();
          })
          .catch((e) => notifyFailed(e, 'Не удалено')),
    });

  return (
    <Stack gap="sm" maw={900}>
      <Text size="sm" c="dimmed">
        Файлы КЦ называют систему номером (1_000123_02 в hotline.txt, номер «1» в выгрузке чатов), база — кодом (SKJP_000123_02). Справочник связывает
        одно с другим; дистрибутивам выбирают систему из него. Номер, которого вы не знаете точно, оставьте пустым: комплекты с ним будут показаны как
        нераспознанные, а не привязаны наугад.
      </Text>
      {incomplete > 0 && (
        <Alert color="yellow" py={6} data-testid="systems-incomplete">
          Не заполнены номер или название у систем: {incomplete}. Без номера система не распознаётся в файлах КЦ.
        </Alert>
      )}
      {isAdmin && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ draft: { number: '', code: '', name: '', active: true }, inUse: false })} data-testid="system-add">
            Добавить систему
          </Button>
        </Group>
      )}
      {rows.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          Справочник пуст. {isAdmin ? 'Добавьте системы К+, которые обслуживает РИЦ, кнопкой «Добавить систему».' : 'Его заполняет администратор.'}
        </Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" data-testid="systems-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>Номер</Table.Th>
              <Table.Th w={110}>Код</Table.Th>
              <Table.Th>Название</Table.Th>
              <Table.Th w={130}>Дистрибутивов</Table.Th>
              <Table.Th w={140}>Состояние</Table.Th>
              {isAdmin && <Table.Th w={70} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id} data-testid={`system-row-${s.code}`}>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {s.number ?? (
                    <Badge size="sm" color="yellow" variant="light" tt="none">
                      не указан
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ff="monospace">{s.code}</Table.Td>
                <Table.Td>
                  {s.name ?? (
                    <Badge size="sm" color="yellow" variant="light" tt="none">
                      нет названия
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{s.distributions}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={s.active ? 'green' : 'gray'} tt="none">
                    {s.active ? 'используется' : 'не используется'}
                  </Badge>
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Изменить">
                        <ActionIcon
                          variant="subtle"
                          size="sm"
                          aria-label={`Изменить систему ${s.code}`}
                          onClick={() => setEditing({ draft: { id: s.id, number: s.number ?? '', code: s.code, name: s.name ?? '', active: s.active }, inUse: s.distributions > 0 })}
                        >
                          <IconPencil size={14} />
                        </ActionIcon>
                      </Tooltip>
                      {s.distributions === 0 && (
                        <Tooltip label="Удалить">
                          <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Удалить систему ${s.code}`} onClick={() => remove(s)}>
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <SystemDialog
          draft={editing.draft}
          inUse={editing.inUse}
          all={rows}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </Stack>
  );
}
