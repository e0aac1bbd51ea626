// «Профиль» tab (everyone): who I am in the program and changing my own password.
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { notifySaved, saveOnCtrlEnter } from './dialog';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function ChangePassword() {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const local: Record<string, string> = {};
  if (newPassword && newPassword.length < 8) local.newPassword = 'Пароль должен быть не короче 8 символов';
  else if (newPassword && newPassword === oldPassword) local.newPassword = 'Новый пароль совпадает с текущим';
  if (repeat && repeat !== newPassword) local.repeat = 'Пароли не совпадают';
  if (submitted) {
    if (!oldPassword) local.oldPassword = 'Введите текущий пароль';
    if (!newPassword) local.newPassword = 'Введите новый пароль';
    if (!repeat) local.repeat = 'Повторите новый пароль';
  }
  const err = (f: string) => local[f] ?? server[f];

  const submit = async () => {
    if (busy) return;
    setSubmitted(true);
    setDone(false);
    if (!oldPassword || !newPassword || !repeat || Object.keys(local).length > 0) return;
    setBusy(true);
    setFormError(null);
    try {
      await call('auth.changePassword', { oldPassword, newPassword });
      setOld('');
      setNew('');
      setRepeat('');
      setSubmitted(false);
      setDone(true);
      notifySaved('Пароль изменён');
    } catch (e) {
      const fe = fieldErrors(e);
      setServer(fe);
      if (!fe.oldPassword && !fe.newPassword) setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={saveOnCtrlEnter(() => void submit())}
    >
      <Stack gap="sm" maw={380}>
        <Title order={5}>Смена пароля</Title>
        <Text size="sm" c="dimmed">
          После смены пароля все ваши сеансы на других компьютерах будут завершены; этот сеанс останется открытым.
        </Text>
        {done && (
          <Alert color="green" data-testid="password-changed">
            Пароль изменён. Другие сеансы завершены — на других компьютерах войдите с новым паролем.
          </Alert>
        )}
        {formError && <Alert color="red">{formError}</Alert>}
        <PasswordInput
          label="Текущий пароль"
          autoComplete="current-password"
          value={oldPassword}
          onChange={(e) => {
            setOld(e.currentTarget.value);
            setServer({});
          }}
          error={err('oldPassword')}
        />
        <PasswordInput
          label="Новый пароль"
          description="Не короче 8 символов"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => {
            setNew(e.currentTarget.value);
            setServer({});
          }}
          error={err('newPassword')}
        />
        <PasswordInput
          label="Повторите новый пароль"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={err('repeat')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Сменить пароль
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProfileTab() {
  const { user, refs } = useSession();
  const me = refs?.employees.find((e) => e.id === user.id);
  const department = me?.departmentId != null ? refs?.departments.find((d) => d.id === me.departmentId)?.name : undefined;
  const directions = (me?.directionIds ?? []).map((id) => refs?.directions.find((d) => d.id === id)?.name).filter(Boolean);
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" maw={720}>
        <SimpleGrid cols={2} spacing="sm" data-testid="profile-facts">
          <Fact label="ФИО">{user.fullName}</Fact>
          <Fact label="Логин">{user.login}</Fact>
          <Fact label="Роли">
            <Group gap={4} component="span">
              {user.roles.map((r) => (
                <Badge key={r} size="sm" variant="light" color="gray">
                  {ROLE_LABELS[r]}
                </Badge>
              ))}
            </Group>
          </Fact>
          <Fact label="Отдел">{department ?? 'не указан'}</Fact>
          <Fact label="Направления деятельности">{directions.length ? directions.join(', ') : 'не указаны'}</Fact>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          ФИО, роли и отдел меняет администратор.
        </Text>
      </Paper>
      <ChangePassword />
    </Stack>
  );
}
