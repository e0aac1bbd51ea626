// «Рабочий календарь» tab (administrator): working weekdays and hours, holidays and worked days off, the РИЦ's time zone — task deadlines count in it.
import { useEffect, useState } from 'react';
import { Alert, Button, Chip, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { WorkCalendar } from '../../../src-shared/calendar';
import { isValidIsoDate } from '../../../src-shared/api/common';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { hasIssue, notifySaved } from './dialog';

const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];
const ZONES: [string, string][] = [
  ['Europe/Kaliningrad', 'Калининград (МСК−1)'],
  ['Europe/Moscow', 'Москва (МСК)'],
  ['Europe/Samara', 'Самара (МСК+1)'],
  ['Asia/Yekaterinburg', 'Екатеринбург (МСК+2)'],
  ['Asia/Omsk', 'Омск (МСК+3)'],
  ['Asia/Novosibirsk', 'Новосибирск (МСК+4)'],
  ['Asia/Krasnoyarsk', 'Красноярск (МСК+4)'],
  ['Asia/Irkutsk', 'Иркутск (МСК+5)'],
  ['Asia/Yakutsk', 'Якутск (МСК+6)'],
  ['Asia/Vladivostok', 'Владивосток (МСК+7)'],
  ['Asia/Magadan', 'Магадан (МСК+8)'],
  ['Asia/Kamchatka', 'Камчатка (МСК+9)'],
];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Dates typed one per line (or by commas) as ДД.ММ.ГГГГ: the ISO dates, or the first line that is not a date. */
function parseDates(text: string): { dates: string[]; bad: string | null } {
  const dates: string[] = [];
  for (const part of text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(part);
    const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
    if (!isValidIsoDate(iso)) return { dates, bad: part };
    dates.push(iso);
  }
  return { dates: [...new Set(dates)].sort(), bad: null };
}

const datesText = (dates: string[]) => dates.map(formatDate).join('\n');

export function WorkCalendarTab() {
  const { hasRole } = useSession();
  const admin = hasRole('admin');
  const [cal, setCal] = useState<WorkCalendar | null>(null);
  const [holidays, setHolidays] = useState('');
  const [weekends, setWeekends] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('settings.workCalendar.get', {})
      .then((c) => {
        setCal(c);
        setHolidays(datesText(c.holidays));
        setWeekends(datesText(c.workingWeekends));
      })
      .catch(setLoadError);
  }, []);

  if (loadError) return <Alert color="red">{errorText(loadError)}</Alert>;
  if (!cal) return <Loader />;

  const save = async () => {
    const h = parseDates(holidays);
    const w = parseDates(weekends);
    const next: Record<string, string> = {};
    if (h.bad) next.holidays = `Не дата: «${h.bad}». Пишите даты как 01.01.2027, по одной в строке`;
    if (w.bad) next.workingWeekends = `Не дата: «${w.bad}». Пишите даты как 01.01.2027, по одной в строке`;
    if (!HHMM.test(cal.dayStart)) next.dayStart = 'Время как 09:00';
    if (!HHMM.test(cal.dayEnd)) next.dayEnd = 'Время как 18:00';
    else if (HHMM.test(cal.dayStart) && cal.dayEnd <= cal.dayStart) next.dayEnd = 'Конец дня должен быть позже начала';
    if (cal.workDays.length === 0 && w.dates.length === 0) next.workDays = 'Отметьте хотя бы один рабочий день';
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await call('settings.workCalendar.save', { ...cal, holidays: h.dates, workingWeekends: w.dates });
      setHolidays(datesText(h.dates));
      setWeekends(datesText(w.dates));
      notifySaved('Рабочий календарь сохранён');
    } catch (err) {
      if (hasIssue(err, 'time_order')) setErrors({ dayEnd: 'Конец дня должен быть позже начала' });
      else if (hasIssue(err, 'time_zone')) setErrors({ timeZone: 'Неизвестный часовой пояс' });
      else setErrors({ form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const zoneData = ZONES.some(([z]) => z === cal.timeZone) ? ZONES : [...ZONES, [cal.timeZone, cal.timeZone] as [string, string]];
  return (
    <Stack gap="sm" maw={720} data-testid="work-calendar">
      <Text size="sm" c="dimmed">
        Сроки поручений считаются в рабочих часах этого календаря; «просрочено» наступает по нему. Новые сроки считаются по сохранённому календарю, у созданных поручений сроки не меняются.
      </Text>
      <Select
        label="Часовой пояс РИЦ"
        w={320}
        data={zoneData.map(([value, label]) => ({ value, label }))}
        value={cal.timeZone}
        onChange={(v) => v && setCal({ ...cal, timeZone: v })}
        error={errors.timeZone}
        disabled={!admin}
        data-testid="cal-zone"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Рабочие дни недели
        </Text>
        <Chip.Group multiple value={cal.workDays.map(String)} onChange={(v) => setCal({ ...cal, workDays: v.map(Number).sort() })}>
          <Group gap={6} data-testid="cal-weekdays">
            {WEEKDAYS.map((d, i) => (
              <Chip key={d} value={String(i + 1)} size="xs" disabled={!admin} data-testid={`cal-day-${i + 1}`}>
                {d}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {errors.workDays && (
          <Text size="xs" c="red">
            {errors.workDays}
          </Text>
        )}
      </Stack>
      <Group gap="sm" align="flex-start">
        <TextInput label="Начало дня" w={110} value={cal.dayStart} onChange={(e) => setCal({ ...cal, dayStart: e.currentTarget.value })} error={errors.dayStart} disabled={!admin} data-testid="cal-start" />
        <TextInput label="Конец дня" w={110} value={cal.dayEnd} onChange={(e) => setCal({ ...cal, dayEnd: e.currentTarget.value })} error={errors.dayEnd} disabled={!admin} data-testid="cal-end" />
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <Textarea
          label="Праздничные дни"
          description="Выходные в рабочие дни недели, по одной дате в строке"
          autosize
          minRows={4}
          maxRows={12}
          value={holidays}
          onChange={(e) => setHolidays(e.currentTarget.value)}
          error={errors.holidays}
          disabled={!admin}
          data-testid="cal-holidays"
        />
        <Textarea
          label="Рабочие выходные"
          description="Перенесённые рабочие дни в субботу или воскресенье"
          autosize
          minRows={4}
          maxRows={12}
          value={weekends}
          onChange={(e) => setWeekends(e.currentTarget.value)}
          error={errors.workingWeekends}
          disabled={!admin}
          data-testid="cal-weekends"
        />
      </SimpleGrid>
      {errors.form && <Alert color="red">{errors.form}</Alert>}
      {admin && (
        <Group>
          <Button onClick={() => void save()} loading={busy} data-testid="cal-save">
            Сохранить
          </Button>
        </Group>
      )}
    </Stack>
  );
}
