// Fields of the "change of counterparty from a date" agreement: the date and the new counterparty's requisites, checked as they are typed.
import { Grid, Text } from '@mantine/core';
import type { CounterpartyRow } from '../../../../src-shared/types';
import { CounterpartyFields } from '../../../components/counterparty/CounterpartyFields';
import { CP_FIELDS } from '../../../components/counterparty/counterpartyModel';
import { DateField } from '../../../components/DateField';
import type { FormApi } from '../../clients/card/useForm';
import type { FormValues } from './formModel';

export function CounterpartyChangeFields({ form, current }: { form: FormApi<FormValues>; current: CounterpartyRow | null }) {
  const v = form.values;
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
      <CounterpartyFields
        value={(f) => v[`cp_${f}`]}
        onChange={(f, s) => form.set(`cp_${f}`, s)}
        error={(f) => form.error(`cp_${f}`)}
        current={current}
        onPrefill={fill}
        testIdPrefix="doc-cp-"
        dense
      />
    </>
  );
}
