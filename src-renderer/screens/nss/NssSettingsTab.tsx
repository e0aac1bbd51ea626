// «НСС» settings tab (heads and administrators): the plan per service scheme (contacts a month, the longest gap), the
// «due for renewal» window of cycles and the «big change» threshold of the comparison with last month's КЦ report.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Stack, Text, Title } from '@mantine/core';
import type { NssSettings } from '../../../src-shared/nss';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useLeaveGuard } from '../../app/leaveGuard';
import { notifyFailed, notifySaved } from '../settings/dialog';

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
type Num = number | string;
interface Form {
  nssContacts: Num;
  nssGap: Num;
  stdContacts: Num;
  stdGap: Num;
  dueDays: Num;
  bigPct: Num;
}
const formOf = (s: NssSettings): Form => ({
  nssContacts: s.plans.nss.contactsPerMonth,
  nssGap: s.plans.nss.maxGapDays,
  stdContacts: s.plans.standard.contactsPerMonth,
  stdGap: s.plans.standard.maxGapDays,
  dueDays: s.cycleDueDays,
  bigPct: s.bigChangePct,
});

export function NssSettingsTab() {
  const [saved, setSaved] = useState<Form | null>(null);
  const [f, setF] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const show = (s: NssSettings) => {
    setSaved(formOf(s));
    setF(formOf(s));
  };
  useEffect(() => {
    call('nss.settings.get', {}).then(show, setLoadError);
  }, []);
  const dirty = !!saved && JSON.stringify(saved) !== JSON.stringify(f);
  useLeaveGuard(dirty);
  if (loadError) return <Alert color="red">Настройки не загружены: {errorText(loadError)}</Alert>;
  if (!f) return <Loader size="sm" />;

  const errors = {
    nssContacts: intIn(f.nssContacts, 0, 100) ? null : 'Целое число от 0 до 100',
    nssGap: intIn(f.nssGap, 1, 366) ? null : 'Целое число дней от 1 до 366',
    stdContacts: intIn(f.stdContacts, 0, 100) ? null : 'Целое число от 0 до 100',
    stdGap: intIn(f.stdGap, 1, 366) ? null : 'Целое число дней от 1 до 366',
    dueDays: intIn(f.dueDays, 1, 366) ? null : 'Целое число дней от 1 до 366',
    bigPct: intIn(f.bigPct, 1, 1000) ? null : 'Целое число от 1 до 1000',
  };
  const invalid = Object.values(errors).some(Boolean);
  const set = (k: keyof Form) => (v: Num) => setF({ ...f, [k]: v });
  const field = (k: keyof Form, label: string, description?: string) => (
    <NumberInput label={label} description={description} w={420} allowDecimal={false} allowNegative={false} value={f[k]} onChange={set(k)} error={errors[k]} data-testid={`nss-setting-${k}`} />
  );
  const save = async () => {
    if (invalid || busy) return;
    setBusy(true);
    try {
      const n = (v: Num) => v as number;
      show(
        await call('nss.settings.save', {
          plans: { nss: { contactsPerMonth: n(f.nssContacts), maxGapDays: n(f.nssGap) }, standard: { contactsPerMonth: n(f.stdContacts), maxGapDays: n(f.stdGap) } },
          cycleDueDays: n(f.dueDays),
          bigChangePct: n(f.bigPct),
        }),
      );
      notifySaved('Настройки НСС сохранены');
    } catch (err) {
      notifyFailed(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm" maw={760}>
        <Title order={5}>План работы с клиентами НСС</Title>
        {field('nssContacts', 'Контактов в месяц, не меньше', 'Месяц с меньшим числом контактов отмечается в отчёте НСС как ниже плана.')}
        {field('nssGap', 'Наибольший перерыв без контакта, дней', 'Клиент с более долгим перерывом выделяется в отчёте красным.')}
        <Title order={5} mt="sm">
          План для стандартной схемы
        </Title>
        {field('stdContacts', 'Контактов в месяц, не меньше')}
        {field('stdGap', 'Наибольший перерыв без контакта, дней')}
        <Title order={5} mt="sm">
          Циклы и отчёт в КЦ
        </Title>
        {field('dueDays', 'Цикл пора продлевать, если до конца осталось дней')}
        {field('bigPct', 'Большое изменение в сравнении с прошлым месяцем, %', 'Показатель клиента, изменившийся на эту долю и не меньше чем на 2, попадает в «Большие изменения».')}
        <Group>
          <Button type="submit" loading={busy} disabled={!dirty || invalid} data-testid="nss-settings-save">
            Сохранить
          </Button>
          {dirty && (
            <Text size="xs" c="dimmed">
              Есть несохранённые изменения
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
