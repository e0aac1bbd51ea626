// Dialogs for distributions: add or edit a distribution, and change its service scheme from a date.
import { Button, Checkbox, Grid, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DistributionRow } from '../../../../src-shared/types';
import type { Scheme } from '../../../../src-shared/api/common';
import { NETWORK_TYPES, DISTR_STATES } from '../../../../src-shared/api/common';
import { formatDistr } from '../../../../src-shared/distr';
import { call } from '../../../api/transport';
import { DateField } from './DateField';
import { fmtDate, todayIso } from './format';
import { DISTR_STATE_OPTIONS, NETWORK_TYPE_OPTIONS, SCHEME_LABELS, SCHEME_OPTIONS } from './labels';
import { useForm } from './useForm';
import { compact, REQUIRED } from './validators';

type NetworkType = (typeof NETWORK_TYPES)[number];
type DistrState = (typeof DISTR_STATES)[number];

interface Values {
  systemCode: string;
  distrNumber: number | string;
  comp: number | string;
  networkType: NetworkType;
  state: DistrState;
  chatEnabled: boolean;
  address: string;
  scheme: Scheme;
  schemeFrom: string | null;
}

const whole = (v: number | string, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

function validate(v: Values) {
  return compact({
    systemCode: !v.systemCode.trim() ? REQUIRED : /^[A-Za-z0-9]{2,12}$/.test(v.systemCode.trim()) ? null : 'Код системы: латинские буквы и цифры, например SKJP',
    distrNumber: v.distrNumber === '' ? REQUIRED : whole(v.distrNumber, 999_999_999) ? null : 'Номер дистрибутива — целое число больше нуля',
    comp: v.comp === '' || whole(v.comp, 99) ? null : 'Номер компьютера — от 1 до 99',
    schemeFrom: v.schemeFrom ? null : REQUIRED,
  });
}

/** `distr` null: a new distribution. */
export function DistributionForm({ clientId, distr, opened, onClose }: { clientId: number; distr: DistributionRow | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={distr ? `Дистрибутив ${distr.code}` : 'Новый дистрибутив'} size="lg">
      {opened && <DistributionFormBody clientId={clientId} distr={distr} onClose={onClose} />}
    </Modal>
  );
}

function DistributionFormBody({ clientId, distr, onClose }: { clientId: number; distr: DistributionRow | null; onClose: () => void }) {
  const form = useForm<Values>(
    {
      systemCode: distr?.systemCode ?? '',
      distrNumber: distr?.distrNumber ?? '',
      comp: distr?.comp ?? 1,
      networkType: (distr?.networkType as NetworkType) ?? 'local',
      state: (distr?.state as DistrState) ?? 'active',
      chatEnabled: distr?.chatEnabled ?? false,
      address: distr?.address ?? '',
      scheme: 'standard',
      schemeFrom: todayIso(),
    },
    {
      validate,
      save: async (v) => {
        await call('distributions.save', {
          clientId,
          id: distr?.id,
          systemCode: v.systemCode.trim().toUpperCase(),
          distrNumber: Number(v.distrNumber),
          comp: v.comp === '' ? 1 : Number(v.comp),
          networkType: v.networkType,
          state: v.state,
          chatEnabled: v.chatEnabled,
          address: v.address,
          ...(distr ? {} : { scheme: v.scheme, schemeFrom: v.schemeFrom! }),
        });
        notifications.show({ color: 'green', message: distr ? 'Дистрибутив сохранён' : 'Дистрибутив добавлен' });
        onClose();
      },
    },
  );
  const v = form.values;
  const preview =
    /^[A-Za-z0-9]{2,12}$/.test(v.systemCode.trim()) && whole(v.distrNumber, 999_999_999)
      ? formatDistr({ system: v.systemCode, number: Number(v.distrNumber), comp: v.comp === '' ? 1 : Number(v.comp) })
      : null;
  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="distr-form">
      <Grid gap="sm">
        <Grid.Col span={4}>
          <TextInput
            label="Код системы"
            placeholder="SKJP"
            required
            data-autofocus
            value={v.systemCode}
            onChange={(e) => form.set('systemCode', e.currentTarget.value.toUpperCase())}
            error={form.error('systemCode')}
            data-testid="distr-systemCode"
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <NumberInput
            label="Номер дистрибутива"
            required
            allowDecimal={false}
            allowNegative={false}
            hideControls
            value={v.distrNumber}
            onChange={(n) => form.set('distrNumber', n)}
            error={form.error('distrNumber')}
            data-testid="distr-number"
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <NumberInput label="Компьютер" allowDecimal={false} allowNegative={false} min={1} max={99} value={v.comp} onChange={(n) => form.set('comp', n)} error={form.error('comp')} />
        </Grid.Col>
      </Grid>
      {preview && (
        <Text size="xs" c="dimmed">
          В списках: <b>{preview}</b>
        </Text>
      )}
      <Grid gap="sm">
        <Grid.Col span={4}>
          <Select label="Тип сети" data={NETWORK_TYPE_OPTIONS} value={v.networkType} onChange={(s) => s && form.set('networkType', s as NetworkType)} allowDeselect={false} />
        </Grid.Col>
        <Grid.Col span={4}>
          <Select label="Состояние" data={DISTR_STATE_OPTIONS} value={v.state} onChange={(s) => s && form.set('state', s as DistrState)} allowDeselect={false} />
        </Grid.Col>
        <Grid.Col span={4} pt={34}>
          <Checkbox label="Онлайн-диалог подключён" checked={v.chatEnabled} onChange={(e) => form.set('chatEnabled', e.currentTarget.checked)} />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput label="Адрес установки (ТО)" value={v.address} onChange={(e) => form.set('address', e.currentTarget.value)} error={form.error('address')} />
        </Grid.Col>
        {!distr && (
          <>
            <Grid.Col span={6}>
              <Select label="Схема сервиса" data={SCHEME_OPTIONS} value={v.scheme} onChange={(s) => s && form.set('scheme', s as Scheme)} allowDeselect={false} data-testid="distr-scheme" />
            </Grid.Col>
            <Grid.Col span={6}>
              <DateField
                label="Схема действует с"
                required
                value={v.schemeFrom}
                onChange={(d) => form.set('schemeFrom', d)}
                error={form.error('schemeFrom')}
                data-testid="distr-schemeFrom"
              />
            </Grid.Col>
          </>
        )}
      </Grid>
      {distr && (
        <Text size="xs" c="dimmed">
          Схема сервиса меняется с даты кнопкой «Сменить схему с даты…» в таблице: так сохраняется история.
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter" data-testid="distr-save">
          Сохранить
        </Button>
      </Group>
    </Stack>
  );
}

export function SchemeForm({ distr, opened, onClose }: { distr: DistributionRow | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={distr ? `Схема сервиса ${distr.code}` : ''} size="md">
      {opened && distr && <SchemeFormBody distr={distr} onClose={onClose} />}
    </Modal>
  );
}

function SchemeFormBody({ distr, onClose }: { distr: DistributionRow; onClose: () => void }) {
  const form = useForm<{ scheme: Scheme; effectiveFrom: string | null }>(
    { scheme: distr.scheme === 'nss' ? 'standard' : 'nss', effectiveFrom: todayIso() },
    {
      validate: (v) => compact({ effectiveFrom: v.effectiveFrom ? null : REQUIRED }),
      save: async (v) => {
        await call('distributions.setScheme', { id: distr.id, scheme: v.scheme, effectiveFrom: v.effectiveFrom! });
        notifications.show({ color: 'green', message: `${distr.code}: схема «${SCHEME_LABELS[v.scheme]}» с ${fmtDate(v.effectiveFrom)}` });
        onClose();
      },
    },
  );
  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="scheme-form">
      <Text size="sm">
        Сейчас: <b>{distr.scheme ? SCHEME_LABELS[distr.scheme] : 'не указана'}</b>
      </Text>
      <Select label="Новая схема" data={SCHEME_OPTIONS} value={form.values.scheme} onChange={(s) => s && form.set('scheme', s as Scheme)} allowDeselect={false} />
      <DateField label="Действует с" required value={form.values.effectiveFrom} onChange={(d) => form.set('effectiveFrom', d)} error={form.error('effectiveFrom')} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter">
          Сменить схему
        </Button>
      </Group>
    </Stack>
  );
}
