// Fields of the "change of counterparty from a date" agreement: the date and the new counterparty's requisites, checked as they are typed.
import { Checkbox, Divider, Grid, Text, TextInput } from '@mantine/core';
import type { CounterpartyRow } from '../../../../src-shared/types';
import { DateField } from '../../clients/card/DateField';
import type { FormApi } from '../../clients/card/useForm';
import { CP_FIELDS, type CpField, type FormValues } from './formModel';

export function CounterpartyChangeFields({ form, current }: { form: FormApi<FormValues>; current: CounterpartyRow | null }) {
  const v = form.values;
  const field = (key: CpField, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      size="xs"
      label={label}
      value={v[`cp_${key}`]}
      onChange={(e) => form.set(`cp_${key}`, e.currentTarget.value)}
      error={form.error(`cp_${key}`)}
      data-testid={`doc-cp-${key}`}
      {...extra}
    />
  );
  const prefilled = current != null && CP_FIELDS.every((f) => v[`cp_${f}`] === (current[f] ?? ''));
  const fill = (on: boolean) => {
    const next = { ...v };
    for (const f of CP_FIELDS) next[`cp_${f}`] = on && current ? (current[f] ?? '') : '';
    form.setValues(next);
  };
  return (
    <>
      <Grid gap="sm">
        <Grid.Col span={4}>
          <DateField size="xs" label="Новый контрагент действует с" required value={v.changeFrom} onChange={(d) => form.set('changeFrom', d)} error={form.error('changeFrom')} data-testid="doc-changeFrom" />
        </Grid.Col>
        <Grid.Col span={8}>
          <Text size="xs" c="dimmed" mt={22}>
            Документы до этой даты печатаются с прежним контрагентом; с неё — с новым. Смена попадёт в историю реквизитов клиента.
          </Text>
        </Grid.Col>
      </Grid>
      {current && (
        <Checkbox
          size="xs"
          label={`Заполнить реквизитами текущего контрагента (${current.shortName || current.fullName}) и исправить изменившиеся`}
          checked={prefilled}
          onChange={(e) => fill(e.currentTarget.checked)}
        />
      )}
      <Divider label="Реквизиты нового контрагента" labelPosition="left" />
      <Grid gap="xs">
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
