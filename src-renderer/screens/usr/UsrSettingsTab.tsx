// «USR» settings tab (heads and administrators): the stale limit for the card's warning, retention years, and housekeeping of stored files.
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, NumberInput, Stack, Text, Title } from '@mantine/core';
import { USR_RETENTION_YEARS_MAX, USR_STALE_DAYS_MAX, type UsrSettings } from '../../../src-shared/usr-card';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useLeaveGuard } from '../../app/leaveGuard';
import { notifyFailed, notifySaved } from '../settings/dialog';
import { UsrHousekeeping } from './UsrHousekeeping';

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function UsrSettingsTab() {
  const [saved, setSaved] = useState<UsrSettings | null>(null);
  const [stale, setStale] = useState<number | string>(14);
  const [keepAll, setKeepAll] = useState(true);
  const [years, setYears] = useState<number | string>(3);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  const show = (s: UsrSettings) => {
    setSaved(s);
    setStale(s.staleDays);
    setKeepAll(s.retentionYears == null);
    setYears(s.retentionYears ?? 3);
  };
  useEffect(() => {
    call('usr.settings.get', {}).then(show, setLoadError);
  }, []);

  const staleError = intIn(stale, 1, USR_STALE_DAYS_MAX) ? null : `Целое число дней от 1 до ${USR_STALE_DAYS_MAX}`;
  const yearsError = keepAll || intIn(years, 1, USR_RETENTION_YEARS_MAX) ? null : `Целое число лет от 1 до ${USR_RETENTION_YEARS_MAX}`;
  const dirty = !!saved && (stale !== saved.staleDays || keepAll !== (saved.retentionYears == null) || (!keepAll && years !== saved.retentionYears));
  useLeaveGuard(dirty);

  if (loadError) return <Alert color="red">Настройки не загружены: {errorText(loadError)}</Alert>;
  if (!saved) return <Loader size="sm" />;

  const save = async () => {
    if (staleError || yearsError) return;
    setBusy(true);
    try {
      show(await call('usr.settings.save', { staleDays: stale as number, retentionYears: keepAll ? null : (years as number) }));
      setVersion((v) => v + 1);
      notifySaved('Настройки USR сохранены');
    } catch (err) {
      notifyFailed(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg" maw={760}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Title order={5}>Проверка обновлений</Title>
          <NumberInput
            label="Предупреждать, если последнее обновление старше, дней"
            description="Правило РИЦ — 14 дней. Предупреждение видно в карточке клиента на вкладке «USR»."
            w={420}
            min={1}
            max={USR_STALE_DAYS_MAX}
            allowDecimal={false}
            allowNegative={false}
            value={stale}
            onChange={setStale}
            error={staleError}
            data-testid="usr-stale-days"
          />
          <Title order={5} mt="sm">
            Хранение USR-файлов
          </Title>
          <Checkbox label="Хранить все файлы" checked={keepAll} onChange={(e) => setKeepAll(e.currentTarget.checked)} data-testid="usr-keep-all" />
          {!keepAll && (
            <NumberInput
              label="Хранить файлы не старше, лет"
              description="Считается по дате файла. Последний файл каждого комплекта хранится всегда; сведения об обновлениях остаются и после удаления файлов."
              w={420}
              min={1}
              max={USR_RETENTION_YEARS_MAX}
              allowDecimal={false}
              allowNegative={false}
              value={years}
              onChange={setYears}
              error={yearsError}
              data-testid="usr-retention-years"
            />
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={!dirty || !!staleError || !!yearsError} data-testid="usr-settings-save">
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
      <UsrHousekeeping version={version} />
    </Stack>
  );
}
