// The new counterparty's requisites block shared by «Смена контрагента» on the card and the change-of-counterparty agreement.
import { Checkbox, Divider, Grid, TextInput } from '@mantine/core';
import type { CounterpartyRow } from '../../../src-shared/types';
import { CP_FIELDS, type CpField, type CpGet } from './counterpartyModel';

export function CounterpartyFields({
  value,
  onChange,
  error,
  current,
  onPrefill,
  testIdPrefix,
  dense = false,
}: {
  value: CpGet;
  onChange: (field: CpField, value: string) => void;
  error: (field: CpField) => string | undefined;
  /** The client's counterparty now; when set, a checkbox copies its requisites in to correct what changed. */
  current: CounterpartyRow | null;
  onPrefill: (on: boolean) => void;
  /** Test ids read `${testIdPrefix}inn`, `${testIdPrefix}prefill`. */
  testIdPrefix: string;
  /** Small inputs for the document form, which is denser than the dialog. */
  dense?: boolean;
}) {
  const size = dense ? 'xs' : undefined;
  const field = (key: CpField, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      size={size}
      label={label}
      value={value(key)}
      onChange={(e) => onChange(key, e.currentTarget.value)}
      error={error(key)}
      data-testid={`${testIdPrefix}${key}`}
      {...extra}
    />
  );
  const prefilled = current != null && CP_FIELDS.every((f) => value(f) === (current[f] ?? ''));
  return (
    <>
      {current && (
        <Checkbox
          size={size}
          label={`Заполнить реквизитами текущего контрагента (${current.shortName || current.fullName}) и исправить изменившиеся`}
          checked={prefilled}
          onChange={(e) => onPrefill(e.currentTarget.checked)}
          data-testid={`${testIdPrefix}prefill`}
        />
      )}
      <Divider label="Реквизиты нового контрагента" labelPosition="left" />
      <Grid gap={dense ? 'xs' : 'sm'}>
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
    </>
  );
}
