// «Настройки → Главбух» (heads and administrators): programmes with the fields their requests require, validity, contact role; «истекает в течение N дней».
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { GB_RULE_FIELDS, type GbProgramme, type GbSettings } from '../../../src-shared/glavbukh';
import { CONTACT_ROLES } from '../../../src-shared/api/common';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useLeaveGuard } from '../../app/leaveGuard';
import { notifyFailed, notifySaved } from '../settings/dialog';
import { RULE_FIELD_TEXT } from './gbTexts';

const ROLE_TEXT: Record<(typeof CONTACT_ROLES)[number], string> = {
  director: 'Руководитель',
  chief_accountant: 'Главный бухгалтер',
  lpr: 'ЛПР',
  key_user: 'Ключевой пользователь',
  accountant: 'Бухгалтер',
  lawyer: 'Юрист',
  it: 'ИТ-специалист',
};

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function programmeErrors(p: GbProgramme, all: GbProgramme[]): { code?: string; name?: string; months?: string } {
  return {
    code: !/^[A-Z0-9_-]{1,16}$/.test(p.code) ? 'Латинские заглавные буквы и цифры, до 16 знаков' : all.filter((o) => o.code === p.code).length > 1 ? 'Такой код уже есть' : undefined,
    name: p.name.trim() ? undefined : 'Укажите название',
    months: intIn(p.validityMonths, 1, 120) ? undefined : 'От 1 до 120 месяцев',
  };
}

export function GlavbukhSettingsTab() {
  const [saved, setSaved] = useState<GbSettings | null>(null);
  const [edit, setEdit] = useState<GbSettings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const show = (s: GbSettings) => {
    setSaved(s);
    setEdit(s);
  };
  useEffect(() => {
    call('glavbukh.settings.get', {}).then(show, setLoadError);
  }, []);
  const dirty = !!saved && JSON.stringify(saved) !== JSON.stringify(edit);
  useLeaveGuard(dirty);
  if (loadError) return <Alert color="red">Настройки не загружены: {errorText(loadError)}</Alert>;
  if (!edit) return <Loader size="sm" />;

  const errors = edit.programmes.map((p) => programmeErrors(p, edit.programmes));
  const daysError = intIn(edit.expiringDays, 1, 3650) ? null : 'Целое число дней от 1 до 3650';
  const invalid = !!daysError || errors.some((e) => e.code || e.name || e.months);
  const setProgramme = (i: number, p: Partial<GbProgramme>) => setEdit({ ...edit, programmes: edit.programmes.map((x, j) => (j === i ? { ...x, ...p } : x)) });

  const save = async () => {
    if (invalid) return;
    setBusy(true);
    try {
      show(await call('glavbukh.settings.save', edit));
      notifySaved('Настройки Главбух сохранены');
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
      <Stack gap="md" maw={860}>
        <NumberInput
          label="«Истекает в течение», дней"
          description="Сертификат, который истекает в этот срок, показывается как истекающий; такого клиента можно включить в новую заявку"
          w={420}
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          value={edit.expiringDays}
          onChange={(v) => setEdit({ ...edit, expiringDays: v as number })}
          error={daysError}
          data-testid="gb-expiring-days"
        />
        <Title order={5}>Программы</Title>
        {edit.programmes.map((p, i) => (
          <Paper key={i} withBorder p="sm" data-testid="gb-programme-settings">
            <Stack gap="xs">
              <Group align="flex-start">
                <TextInput label="Название" w={260} value={p.name} onChange={(e) => setProgramme(i, { name: e.currentTarget.value })} error={errors[i]!.name} />
                <TextInput label="Код" w={140} value={p.code} onChange={(e) => setProgramme(i, { code: e.currentTarget.value.toUpperCase() })} error={errors[i]!.code} />
                <NumberInput
                  label="Срок действия, мес."
                  w={160}
                  min={1}
                  max={120}
                  allowDecimal={false}
                  value={p.validityMonths}
                  onChange={(v) => setProgramme(i, { validityMonths: v as number })}
                  error={errors[i]!.months}
                />
                <Select
                  label="Контактное лицо в заявке"
                  w={220}
                  allowDeselect={false}
                  data={CONTACT_ROLES.map((r) => ({ value: r, label: ROLE_TEXT[r] }))}
                  value={p.contactRole}
                  onChange={(v) => v && setProgramme(i, { contactRole: v })}
                />
              </Group>
              <Text size="sm" fw={500}>
                Обязательно в заявке
              </Text>
              <Group gap="md">
                {GB_RULE_FIELDS.map((f) => (
                  <Checkbox
                    key={f}
                    label={RULE_FIELD_TEXT[f]}
                    checked={p.required.includes(f)}
                    onChange={(e) => setProgramme(i, { required: e.currentTarget.checked ? [...p.required, f] : p.required.filter((x) => x !== f) })}
                    data-testid={`gb-rule-${f}`}
                  />
                ))}
              </Group>
              {edit.programmes.length > 1 && (
                <Group>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEdit({ ...edit, programmes: edit.programmes.filter((_, j) => j !== i) })}>
                    Удалить программу
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              setEdit({
                ...edit,
                programmes: [...edit.programmes, { code: `GB${edit.programmes.length + 1}`, name: 'Новая программа', required: [...GB_RULE_FIELDS], validityMonths: 12, contactRole: 'chief_accountant' }],
              })
            }
          >
            Добавить программу
          </Button>
          <Button type="submit" loading={busy} disabled={!dirty || invalid} data-testid="gb-settings-save">
            Сохранить
          </Button>
          {dirty && (
            <>
              <Button variant="subtle" onClick={() => setEdit(saved)}>
                Отменить изменения
              </Button>
              <Text size="xs" c="dimmed">
                Есть несохранённые изменения
              </Text>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}
