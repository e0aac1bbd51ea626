// Dialogs for distributions: add or edit a distribution, and change its service scheme from a date.
import { Button, Checkbox, Grid, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DistributionRow } from '../../../../src-shared/types';
import type { Scheme } from '../../../../src-shared/api/common';
import { NETWORK_TYPES, DISTR_STATES } from '../../../../src-shared/api/common';
import { formatDistr } from '../../../../src-shared/distr';
import { call } from '../../../api/transport';
import { DateField } from '../../../components/DateField';
import { dateError } from '../../../components/dateText';
import { fmtDate, todayIso } from './format';
import { DISTR_STATE_OPTIONS, NETWORK_TYPE_OPTIONS, SCHEME_LABELS, SCHEME_OPTIONS } from './labels';
import { useForm } from './useForm';
import { compact, REQUIRED } from './validators';
import { SystemSelect, useSystems } from '../../../components/systems';
import { parseKit, type ParsedKit, type SystemCatalog } from '../../../../src-shared/systems';
import { ChatHistory, ChatState } from './ChatOn';

type NetworkType = (typeof NETWORK_TYPES)[number];
type DistrState = (typeof DISTR_STATES)[number];

interface Values {
  systemCode: string;
  /** What the user typed or pasted: a bare number, or a whole kit in code or number form. */
  distrText: string;
  comp: number | string;
  networkType: NetworkType;
  state: DistrState;
  /** A new distribution only: an existing one switches with a date («Онлайн-диалог с даты…»). */
  chatEnabled: boolean;
  chatFrom: string | null;
  address: string;
  scheme: Scheme;
  schemeFrom: string | null;
}

const whole = (v: number | string, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
const EXAMPLE = 'например 777, SKJP_000777_02, SKJP 777-2 или 1_000777_02';

/** A number longer than the list form's 6 digits is still a number the base accepts. */
const LONG_NUMBER = /^\s*0*(\d{7,9})\s*$/;

/** What the number field says, read through the catalogue. */
function readDistr(cat: SystemCatalog, text: string): ParsedKit | null {
  const long = LONG_NUMBER.exec(text);
  if (long) return { kind: 'partial', number: Number(long[1]) };
  return parseKit(cat, text);
}

function distrError(k: ParsedKit | null, text: string): string | null {
  if (!text.trim()) return REQUIRED;
  if (!k) return `Не распознано: ${EXAMPLE}`;
  if (k.kind === 'unknown_system_number')
    return `Система № ${k.systemNumber} не найдена в справочнике систем К+: введите только номер дистрибутива и выберите систему`;
  if (k.kind === 'unknown_system_code') return `Системы ${k.code} нет в справочнике систем К+: введите только номер дистрибутива и выберите систему`;
  return null;
}

const numberOf = (k: ParsedKit | null): number | null => (k && k.kind !== 'unknown_system_code' && k.kind !== 'unknown_system_number' ? (k.kind === 'kit' ? k.kit.number : k.number) : null);

/** `distr` null: a new distribution. */
export function DistributionForm({ clientId, distr, opened, onClose }: { clientId: number; distr: DistributionRow | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={distr ? `Дистрибутив ${distr.code}` : 'Новый дистрибутив'} size="lg">
      {opened && <DistributionFormBody clientId={clientId} distr={distr} onClose={onClose} />}
    </Modal>
  );
}

function DistributionFormBody({ clientId, distr, onClose }: { clientId: number; distr: DistributionRow | null; onClose: () => void }) {
  const cat = useSystems();
  const form = useForm<Values>(
    {
      systemCode: distr?.systemCode ?? '',
      distrText: distr ? String(distr.distrNumber) : '',
      comp: distr?.comp ?? 1,
      networkType: (distr?.networkType as NetworkType) ?? 'local',
      state: (distr?.state as DistrState) ?? 'active',
      chatEnabled: false,
      chatFrom: todayIso(),
      address: distr?.address ?? '',
      scheme: 'standard',
      schemeFrom: todayIso(),
    },
    {
      validate: (v) =>
        compact({
          systemCode: v.systemCode ? null : 'Выберите систему из справочника',
          distrText: distrError(readDistr(cat, v.distrText), v.distrText),
          comp: v.comp === '' || whole(v.comp, 99) ? null : 'Номер компьютера — от 1 до 99',
          schemeFrom: dateError(v.schemeFrom, { required: true }),
          chatFrom: !distr && v.chatEnabled ? dateError(v.chatFrom, { required: true }) : null,
        }),
      // The server names the number; the form shows it by the field the user typed it in.
      mapServerPath: (path) => (path === 'distrNumber' ? 'distrText' : path),
      save: async (v) => {
        await call('distributions.save', {
          clientId,
          id: distr?.id,
          systemCode: v.systemCode,
          distrNumber: numberOf(readDistr(cat, v.distrText))!,
          comp: v.comp === '' ? 1 : Number(v.comp),
          networkType: v.networkType,
          state: v.state,
          address: v.address,
          ...(distr ? {} : { scheme: v.scheme, schemeFrom: v.schemeFrom!, chatEnabled: v.chatEnabled, ...(v.chatEnabled ? { chatFrom: v.chatFrom! } : {}) }),
        });
        notifications.show({ color: 'green', message: distr ? 'Дистрибутив сохранён' : 'Дистрибутив добавлен' });
        onClose();
      },
    },
  );
  const v = form.values;
  const parsed = readDistr(cat, v.distrText);

  /** A pasted or typed kit fills the system and the computer; the number is read from the text itself. */
  const setDistrText = (text: string) => {
    form.set('distrText', text);
    const k = readDistr(cat, text);
    if (k?.kind === 'kit') {
      form.set('systemCode', k.kit.system);
      if (k.compGiven) form.set('comp', k.kit.comp);
    } else if (k && (k.kind === 'partial' || k.kind === 'unknown_system_number' || k.kind === 'unknown_system_code') && k.comp) form.set('comp', k.comp);
  };

  const number = numberOf(parsed);
  const system = v.systemCode ? cat.byCode(v.systemCode) : undefined;
  const preview = system && number != null && (v.comp === '' || whole(v.comp, 99)) ? formatDistr({ system: system.code, number, comp: v.comp === '' ? 1 : Number(v.comp) }) : null;
  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="distr-form">
      <Grid gap="sm">
        <Grid.Col span={5}>
          <TextInput
            label="Номер дистрибутива"
            description="Можно вставить весь комплект"
            placeholder="777 или SKJP_000777_02"
            required
            data-autofocus
            value={v.distrText}
            onChange={(e) => setDistrText(e.currentTarget.value)}
            error={form.error('distrText')}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="distr-number"
          />
        </Grid.Col>
        <Grid.Col span={5}>
          <SystemSelect
            label="Система"
            description="Из справочника систем К+"
            placeholder="Выберите систему"
            required
            value={v.systemCode}
            onChange={(code) => form.set('systemCode', code)}
            error={form.error('systemCode')}
            data-testid="distr-system"
          />
        </Grid.Col>
        <Grid.Col span={2}>
          <NumberInput
            label="Компьютер"
            description="1, если один"
            allowDecimal={false}
            allowNegative={false}
            min={1}
            max={99}
            value={v.comp}
            onChange={(n) => form.set('comp', n)}
            error={form.error('comp')}
            data-testid="distr-comp"
          />
        </Grid.Col>
      </Grid>
      {preview && (
        <Text size="xs" c="dimmed" data-testid="distr-preview">
          В списках: <b>{preview}</b>
          {system?.name ? ` · ${system.name}` : ''}
        </Text>
      )}
      {cat.list.length === 0 && (
        <Text size="xs" c="red.7">
          Справочник систем К+ пуст: администратор заполняет его в «Настройки → Системы К+».
        </Text>
      )}
      <Grid gap="sm">
        <Grid.Col span={4}>
          <Select label="Тип сети" data={NETWORK_TYPE_OPTIONS} value={v.networkType} onChange={(s) => s && form.set('networkType', s as NetworkType)} allowDeselect={false} />
        </Grid.Col>
        <Grid.Col span={4}>
          <Select label="Состояние" data={DISTR_STATE_OPTIONS} value={v.state} onChange={(s) => s && form.set('state', s as DistrState)} allowDeselect={false} />
        </Grid.Col>
        <Grid.Col span={4} pt={distr ? 28 : 34}>
          {distr ? (
            <Stack gap={2} data-testid="distr-chat">
              <Text size="sm" fw={500}>
                Онлайн-диалог
              </Text>
              <ChatState d={distr} />
            </Stack>
          ) : (
            <Checkbox label="Онлайн-диалог подключён" checked={v.chatEnabled} onChange={(e) => form.set('chatEnabled', e.currentTarget.checked)} data-testid="distr-chat" />
          )}
        </Grid.Col>
        {!distr && v.chatEnabled && (
          <Grid.Col span={4} offset={8}>
            <DateField label="Онлайн-диалог с" required value={v.chatFrom} onChange={(d) => form.set('chatFrom', d)} error={form.error('chatFrom')} data-testid="distr-chatFrom" />
          </Grid.Col>
        )}
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
        <>
          <Text size="xs" fw={500}>
            История Онлайн-диалога
          </Text>
          <ChatHistory d={distr} />
        </>
      )}
      {distr && (
        <Text size="xs" c="dimmed">
          Схема сервиса и Онлайн-диалог меняются с даты кнопками «Сменить схему с даты…» и «Онлайн-диалог с даты…» в таблице: так
          сохраняется история.
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
      validate: (v) => compact({ effectiveFrom: dateError(v.effectiveFrom, { required: true }) }),
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
