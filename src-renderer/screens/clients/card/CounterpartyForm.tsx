// Dialog «Сменить контрагента с даты»: effective date, basis and full requisites checked as they are typed.
import { Button, Checkbox, Divider, Grid, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CounterpartyRow } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { DateField } from './DateField';
import { fmtDate, todayIso } from './format';
import { useForm } from './useForm';
import { accountError, bikError, compact, innError, kppError, ogrnError, REQUIRED, required } from './validators';

const FIELDS = [
  'fullName',
  'shortName',
  'inn',
  'kpp',
  'ogrn',
  'legalAddress',
  'bankName',
  'bik',
  'corrAccount',
  'account',
  'directorName',
  'directorPosition',
  'signerName',
  'signerBasis',
] as const;
type Field = (typeof FIELDS)[number];

type Values = Record<Field, string> & { effectiveFrom: string | null; basis: string };

const empty = (): Values => ({ ...(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, string>), effectiveFrom: null, basis: '' });

function fromCounterparty(cp: CounterpartyRow, keep: Values): Values {
  const out = { ...keep };
  for (const f of FIELDS) out[f] = cp[f] ?? '';
  return out;
}

function validate(v: Values, takenDates: Set<string>) {
  return compact({
    effectiveFrom: !v.effectiveFrom ? REQUIRED : takenDates.has(v.effectiveFrom) ? 'С этой даты уже действует другой контрагент' : null,
    fullName: required(v.fullName),
    inn: innError(v.inn, true),
    kpp: kppError(v.kpp),
    ogrn: ogrnError(v.ogrn),
    bik: bikError(v.bik) ?? (!v.bik.trim() && (v.account.trim() || v.corrAccount.trim()) ? 'Укажите БИК банка: счета проверяются вместе с ним' : null),
    corrAccount: bikError(v.bik) ? null : accountError('corrAccount', v.corrAccount, v.bik),
    account: bikError(v.bik) ? null : accountError('account', v.account, v.bik),
  });
}

export function CounterpartyForm({
  clientId,
  current,
  takenDates,
  opened,
  onClose,
}: {
  clientId: number;
  current: CounterpartyRow | null;
  /** Dates a counterparty already starts on for this client (one per date). */
  takenDates: string[];
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Смена контрагента с даты" size="xl">
      {opened && <CounterpartyFormBody clientId={clientId} current={current} takenDates={new Set(takenDates)} onClose={onClose} />}
    </Modal>
  );
}

function CounterpartyFormBody({ clientId, current, takenDates, onClose }: { clientId: number; current: CounterpartyRow | null; takenDates: Set<string>; onClose: () => void }) {
  const form = useForm<Values>(empty(), {
    validate: (v) => validate(v, takenDates),
    // The contract nests requisites under `counterparty.`; the form keeps them flat.
    mapServerPath: (p) => p.replace(/^counterparty\./, ''),
    save: async (v) => {
      const t = (s: string) => s.trim() || null;
      await call('clients.changeCounterparty', {
        clientId,
        effectiveFrom: v.effectiveFrom!,
        basis: t(v.basis),
        counterparty: {
          fullName: v.fullName.trim(),
          shortName: t(v.shortName),
          inn: v.inn.trim(),
          kpp: t(v.kpp.toUpperCase()),
          ogrn: t(v.ogrn),
          legalAddress: t(v.legalAddress),
          bankName: t(v.bankName),
          bik: t(v.bik),
          corrAccount: t(v.corrAccount),
          account: t(v.account),
          directorName: t(v.directorName),
          directorPosition: t(v.directorPosition),
          signerName: t(v.signerName),
          signerBasis: t(v.signerBasis),
        },
      });
      notifications.show({ color: 'green', message: `Контрагент сменён с ${fmtDate(v.effectiveFrom)}` });
      onClose();
    },
  });
  const v = form.values;
  const prefilled = current != null && FIELDS.every((f) => v[f] === (current[f] ?? ''));

  const field = (key: Field, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput label={label} value={v[key]} onChange={(e) => form.set(key, e.currentTarget.value)} error={form.error(key)} data-testid={`cp-${key}`} {...extra} />
  );

  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="counterparty-form">
      <Text size="sm" c="dimmed">
        Старые документы сохранят прежнего контрагента: новый действует с указанной даты (обычно — по дополнительному соглашению).
      </Text>
      <Grid gap="sm">
        <Grid.Col span={3}>
          <DateField label="Действует с" required value={v.effectiveFrom} onChange={(d) => form.set('effectiveFrom', d)} error={form.error('effectiveFrom')} data-testid="cp-effectiveFrom" />
        </Grid.Col>
        <Grid.Col span={9}>
          <TextInput
            label="Основание"
            placeholder={`Дополнительное соглашение № … от ${fmtDate(todayIso())}`}
            value={v.basis}
            onChange={(e) => form.set('basis', e.currentTarget.value)}
            error={form.error('basis')}
            data-testid="cp-basis"
          />
        </Grid.Col>
      </Grid>
      {current && (
        <Checkbox
          label={`Заполнить реквизитами текущего контрагента (${current.shortName || current.fullName}) и исправить изменившиеся`}
          checked={prefilled}
          onChange={(e) => form.setValues(e.currentTarget.checked ? fromCounterparty(current, v) : { ...empty(), effectiveFrom: v.effectiveFrom, basis: v.basis })}
          data-testid="cp-prefill"
        />
      )}
      <Divider label="Реквизиты нового контрагента" labelPosition="left" />
      <Grid gap="sm">
        <Grid.Col span={8}>{field('fullName', 'Полное наименование', { required: true })}</Grid.Col>
        <Grid.Col span={4}>{field('shortName', 'Краткое наименование')}</Grid.Col>
        <Grid.Col span={4}>{field('inn', 'ИНН', { required: true, maxLength: 12 })}</Grid.Col>
        <Grid.Col span={4}>{field('kpp', 'КПП', { maxLength: 9 })}</Grid.Col>
        <Grid.Col span={4}>{field('ogrn', 'ОГРН / ОГРНИП', { maxLength: 15 })}</Grid.Col>
        <Grid.Col span={12}>{field('legalAddress', 'Юридический адрес')}</Grid.Col>
        <Grid.Col span={8}>{field('bankName', 'Банк')}</Grid.Col>
        <Grid.Col span={4}>{field('bik', 'БИК', { maxLength: 9 })}</Grid.Col>
        <Grid.Col span={6}>{field('corrAccount', 'Корреспондентский счёт', { maxLength: 20 })}</Grid.Col>
        <Grid.Col span={6}>{field('account', 'Расчётный счёт', { maxLength: 20 })}</Grid.Col>
        <Grid.Col span={6}>{field('directorName', 'Руководитель (ФИО)')}</Grid.Col>
        <Grid.Col span={6}>{field('directorPosition', 'Должность руководителя', { placeholder: 'Генеральный директор' })}</Grid.Col>
        <Grid.Col span={6}>{field('signerName', 'Подписант (ФИО)')}</Grid.Col>
        <Grid.Col span={6}>{field('signerBasis', 'Подписант действует на основании', { placeholder: 'Устава' })}</Grid.Col>
      </Grid>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button onClick={() => void form.submit()} loading={form.busy} title="Ctrl+Enter" data-testid="cp-save">
          Сменить контрагента
        </Button>
      </Group>
    </Stack>
  );
}
