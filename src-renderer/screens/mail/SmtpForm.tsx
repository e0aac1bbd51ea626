// SMTP settings for e-mail copies of notifications an employee has not read in time, with a test send.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SmtpSettingsView } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { fmtDateTime } from '../tasks/taskFormat';

interface Values {
  enabled: boolean;
  host: string;
  port: number | string;
  tls: boolean;
  user: string;
  password: string;
  from: string;
  delayMinutes: number | string;
}

const EMPTY: Values = { enabled: false, host: '', port: 587, tls: false, user: '', password: '', from: '', delayMinutes: 15 };

export function SmtpForm() {
  const [view, setView] = useState<SmtpSettingsView | null>(null);
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [testing, setTesting] = useState(false);
  const load = () =>
    call('notifications.smtp.get', {})
      .then((s) => {
        setView(s);
        if (s) setV({ enabled: s.enabled, host: s.host, port: s.port, tls: s.tls, user: s.user ?? '', password: '', from: s.from, delayMinutes: s.delayMinutes });
      })
      .catch(() => undefined);
  useEffect(() => {
    void load();
  }, []);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((s) => ({ ...s, [k]: value }));

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      await call('notifications.smtp.save', {
        enabled: v.enabled,
        host: v.host.trim(),
        port: Number(v.port) || 587,
        tls: v.tls,
        user: v.user.trim() || null,
        password: v.password || undefined,
        from: v.from.trim(),
        delayMinutes: Number(v.delayMinutes) || 0,
      });
      notifications.show({ color: 'green', message: 'Настройки отправки сохранены', autoClose: 3000 });
      setV((s) => ({ ...s, password: '' }));
      void load();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifications.show({ color: 'red', title: 'Не сохранено', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  const test = async () => {
    setTesting(true);
    try {
      const r = await call('notifications.smtp.test', { to: testTo.trim() });
      notifications.show(
        r.sent
          ? { color: 'green', message: `Проверочное письмо отправлено на ${testTo.trim()}` }
          : { color: 'red', title: 'Письмо не отправлено', message: r.error === 'not configured' ? 'Сначала сохраните настройки' : (r.error ?? '') },
      );
      void load();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Text fw={600}>Уведомления по e-mail</Text>
        <Text size="xs" c="dimmed">
          Если сотрудник не открыл уведомление о новом поручении в программе за указанное время, копия уходит на его e-mail (сотрудник может отказаться в колокольчике).
        </Text>
        <Switch label="Отправлять копии уведомлений" checked={v.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <TextInput label="Сервер SMTP" value={v.host} onChange={(e) => set('host', e.currentTarget.value)} error={errors.host} placeholder="smtp.example.ru" />
          <NumberInput label="Порт" value={v.port} onChange={(x) => set('port', x)} min={1} max={65535} allowDecimal={false} error={errors.port} />
          <TextInput label="Пользователь" value={v.user} onChange={(e) => set('user', e.currentTarget.value)} error={errors.user} />
          <PasswordInput label="Пароль" value={v.password} placeholder={view?.hasPassword ? 'Сохранён; введите, чтобы сменить' : ''} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} autoComplete="new-password" />
          <TextInput label="Адрес отправителя" value={v.from} onChange={(e) => set('from', e.currentTarget.value)} error={errors.from} placeholder="crm@ric.example" />
          <NumberInput label="Через сколько минут" value={v.delayMinutes} onChange={(x) => set('delayMinutes', x)} min={0} max={1440} allowDecimal={false} error={errors.delayMinutes} />
          <Switch label="TLS с начала соединения (порт 465)" checked={v.tls} onChange={(e) => set('tls', e.currentTarget.checked)} mt="lg" />
        </SimpleGrid>
        {view?.lastError && (
          <Alert color="red" p="xs" title={`Последняя ошибка отправки${view.lastErrorAt ? ` (${fmtDateTime(view.lastErrorAt)})` : ''}`}>
            <Text size="xs">{view.lastError}</Text>
          </Alert>
        )}
        {view?.lastSentAt && (
          <Text size="xs" c="dimmed">
            Последнее письмо отправлено {fmtDateTime(view.lastSentAt)}
          </Text>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            <TextInput size="xs" placeholder="адрес для проверки" value={testTo} onChange={(e) => setTestTo(e.currentTarget.value)} w={220} aria-label="Адрес для проверочного письма" />
            <Button size="xs" variant="default" onClick={() => void test()} loading={testing} disabled={!testTo.trim() || !view}>
              Отправить проверочное письмо
            </Button>
          </Group>
          <Button onClick={() => void save()} loading={busy}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
