// «Качество ответов» settings tab: the scorecard's categories (scale, weight, critical, order, active) and the weekly sample's size and minimal length.
import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Loader, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { QUALITY_SCALES, type QualityCategory, type QualityScale, type QualitySettings } from '../../../src-shared/quality';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { DialogButtons, notifyFailed, notifySaved, saveOnCtrlEnter } from '../settings/dialog';
import { SCALE_LABELS } from '../../components/quality/labels';

type Draft = Omit<QualityCategory, 'id' | 'weight' | 'position'> & { id?: number; weight: number | string; position: number | string };

function CategoryDialog({ draft, onClose, onSaved }: { draft: Draft; onClose: () => void; onSaved: () => void }) {
  const [d, setD] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors(({ [k]: _drop, ...rest }) => rest);
  };
  const submit = async () => {
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = 'Укажите название категории';
    const weight = Number(d.weight);
    if (d.weight === '' || !(weight > 0) || weight > 100) local.weight = 'Вес — число больше 0 и не больше 100';
    setErrors(local);
    if (busy || Object.keys(local).length) return;
    setBusy(true);
    try {
      await call('quality.categories.save', { id: d.id, name: d.name.trim(), scale: d.scale, weight, critical: d.critical, position: Number(d.position) || 0, active: d.active });
      notifySaved(d.id ? 'Категория сохранена' : 'Категория добавлена');
      onSaved();
    } catch (e) {
      const f = fieldErrors(e);
      if (Object.keys(f).length) setErrors(f);
      else notifyFailed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={d.id ? `Категория «${draft.name}»` : 'Новая категория'}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={saveOnCtrlEnter(() => void submit())}
        data-testid="category-form"
      >
        <Stack gap="xs">
          <TextInput label="Название" required data-autofocus value={d.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-testid="category-name" />
          <Select
            label="Шкала"
            data={QUALITY_SCALES.map((s) => ({ value: s, label: SCALE_LABELS[s] }))}
            value={d.scale}
            onChange={(v) => v && set('scale', v as QualityScale)}
            allowDeselect={false}
            data-testid="category-scale"
          />
          <NumberInput label="Вес" min={0.1} max={100} decimalScale={2} value={d.weight} onChange={(v) => set('weight', v)} error={errors.weight} data-testid="category-weight" />
          <NumberInput label="Порядок" description="Категории идут по возрастанию" allowDecimal={false} allowNegative={false} value={d.position} onChange={(v) => set('position', v)} />
          <Checkbox
            label="Критичная: оценка ниже половины шкалы обнуляет всю проверку"
            checked={d.critical}
            onChange={(e) => set('critical', e.currentTarget.checked)}
            data-testid="category-critical"
          />
          <Checkbox label="Используется в новых проверках" checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        </Stack>
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

function SampleSettings() {
  const [s, setS] = useState<{ perOperator: number | string; minDurationSec: number | string } | null>(null);
  const [saved, setSaved] = useState<QualitySettings | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('quality.settings.get', {})
      .then((v) => (setS(v), setSaved(v)))
      .catch((e) => notifyFailed(e, 'Настройки не загружены'));
  }, []);
  if (!s || !saved) return <Loader size="sm" />;
  const per = Number(s.perOperator);
  const min = Number(s.minDurationSec);
  const valid = Number.isInteger(per) && per >= 1 && per <= 100 && Number.isInteger(min) && min >= 0 && min <= 86_400;
  const dirty = per !== saved.perOperator || min !== saved.minDurationSec;
  const save = async () => {
    setBusy(true);
    try {
      await call('quality.settings.save', { perOperator: per, minDurationSec: min });
      setSaved({ perOperator: per, minDurationSec: min });
      notifySaved('Настройки выборки сохранены');
    } catch (e) {
      notifyFailed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="flex-end" gap="sm">
      <NumberInput w={200} label="Сеансов на оператора в неделю" min={1} max={100} allowDecimal={false} value={s.perOperator} onChange={(v) => setS({ ...s, perOperator: v })} data-testid="quality-per-operator" />
      <NumberInput w={200} label="Минимальная длительность, с" min={0} max={86_400} allowDecimal={false} value={s.minDurationSec} onChange={(v) => setS({ ...s, minDurationSec: v })} data-testid="quality-min-duration" />
      <Button onClick={() => void save()} loading={busy} disabled={!valid || !dirty} data-testid="quality-settings-save">
        Сохранить
      </Button>
    </Group>
  );
}

export function ScorecardTab() {
  const [rows, setRows] = useState<QualityCategory[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Draft | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await call('quality.categories.list', {}));
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

  const remove = (c: QualityCategory) =>
    modals.openConfirmModal({
      title: `Удалить категорию «${c.name}»?`,
      children: <Text size="sm">Сделанные проверки сохранят свои оценки по ней. Чтобы только перестать оценивать категорию, снимите отметку «Используется».</Text>,
      labels: { confirm: 'Удалить', cancel: 'Отмена' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void call('quality.categories.delete', { id: c.id })
          .then(() => {
            notifySaved('Категория удалена');
            return load();
          })
          .catch((e) => notifyFailed(e, 'Не удалено')),
    });
  const weights = rows.filter((c) => c.active).reduce((s, c) => s + c.weight, 0);

  return (
    <Stack gap="md" maw={900}>
      <Text size="sm" c="dimmed">
        Оценка проверки = Σ(вес × доля шкалы) / Σ весов × 100 по оценённым категориям; «не применимо» не учитывается. Критичная категория ниже половины шкалы обнуляет
        проверку. Изменения критериев не меняют уже сделанные проверки.
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setEditing({ name: '', scale: '1_5', weight: 1, critical: false, position: rows.length ? Math.max(...rows.map((r) => r.position)) + 1 : 1, active: true })}
          data-testid="category-add"
        >
          Добавить категорию
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          Критериев пока нет. Добавьте категории, например «Верно по существу», «Полнота», «Ссылки на документы К+», «Вежливость и грамотность».
        </Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" data-testid="categories-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Порядок</Table.Th>
              <Table.Th>Категория</Table.Th>
              <Table.Th w={90}>Шкала</Table.Th>
              <Table.Th w={120}>Вес (доля)</Table.Th>
              <Table.Th w={150}>Состояние</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} data-testid="category-row">
                <Table.Td>{c.position}</Table.Td>
                <Table.Td>
                  {c.name}
                  {c.critical && (
                    <Badge ml={6} size="xs" color="red" variant="light">
                      критичная
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{SCALE_LABELS[c.scale]}</Table.Td>
                <Table.Td>
                  {c.weight}
                  {c.active && weights > 0 ? ` (${Math.round((c.weight / weights) * 100)} %)` : ''}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={c.active ? 'green' : 'gray'} tt="none">
                    {c.active ? 'используется' : 'не используется'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label="Изменить" onClick={() => setEditing({ ...c })}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label="Удалить" onClick={() => remove(c)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={5}>Еженедельная выборка</Title>
      <SampleSettings />
      {editing && (
        <CategoryDialog
          draft={editing}
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
