// Dialog «Сменить контрагента с даты»: effective date, basis and full requisites checked as they are typed.
import { Button, Grid, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CounterpartyRow } from '../../../../src-shared/types';
import { call } from '../../../api/transport';
import { CounterpartyFields } from '../../../components/counterparty/CounterpartyFields';
import { counterpartyErrors, counterpartyInput, CP_FIELDS, type CpField } from '../../../components/counterparty/counterpartyModel';
import { DateField } from '../../../components/DateField';
import { dateError } from '../../../components/dateText';
import { fmtDate, todayIso } from './format';
import { useForm } from './useForm';
import { compact } from './validators';

type Values = Record<CpField, string> & { effectiveFrom: string | null; basis: string };

const empty = (): Values => ({ ...(Object.fromEntries(CP_FIELDS.map((f) => [f, ''])) as Record<CpField, string>), effectiveFrom: null, basis: '' });

function fromCounterparty(cp: CounterpartyRow, keep: Values): Values {
  const out = { ...keep };
  for (const f of CP_FIELDS) out[f] = cp[f] ?? '';
  return out;
}

function validate(v: Values, takenDates: Set<string>) {
  return compact({
    effectiveFrom: dateError(v.effectiveFrom, { required: true }) ?? (takenDates.has(v.effectiveFrom!) ? 'С этой даты уже действует другой контрагент' : null),
    ...counterpartyErrors((f) => v[f]),
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
        // КПП may hold letters; the dialog has always saved them in upper case.
        counterparty: { ...counterpartyInput((f) => v[f]), kpp: t(v.kpp.toUpperCase()) },
      });
      notifications.show({ color: 'green', message: `Контрагент сменён с ${fmtDate(v.effectiveFrom)}` });
      onClose();
    },
  });
  const v = form.values;
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
      <CounterpartyFields
        value={(f) => v[f]}
        onChange={(f, s) => form.set(f, s)}
        error={(f) => form.error(f)}
        current={current}
        onPrefill={(on) => form.setValues(on && current ? fromCounterparty(current, v) : { ...empty(), effectiveFrom: v.effectiveFrom, basis: v.basis })}
        testIdPrefix="cp-"
      />
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
