// Sign-in screen; on an empty database it offers to create the first administrator instead.
import { useEffect, useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SessionUser } from '../../src-shared/types';
import { call, setToken } from '../api/transport';
import { errorText, fieldErrors } from '../api/messages';

export function Login({ onLogin }: { onLogin: (user: SessionUser) => void }) {
  const [needsSetup, setNeedsSetup] = useState<boolean | null>(null);
  const [login, setLogin] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('auth.status', {})
      .then((s) => setNeedsSetup(s.needsSetup))
      .catch((e) => setError(errorText(e)));
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const r = needsSetup ? await call('auth.setup', { login, fullName, password }) : await call('auth.login', { login, password });
      setToken(r.token);
      onLogin(r.user);
    } catch (err) {
      const f = fieldErrors(err);
      setFields(f);
      const code = (err as { code?: string }).code;
      setError(code === 'UNAUTHORIZED' ? 'Неверный логин или пароль' : Object.keys(f).length ? null : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center h="100vh" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={3}>РИЦ CRM</Title>
            {needsSetup && <Text size="sm">База пуста. Создайте учётную запись администратора — с неё вы добавите остальных сотрудников.</Text>}
            {error && (
              <Alert color="red" data-testid="login-error">
                {error}
              </Alert>
            )}
            <TextInput label="Логин" value={login} onChange={(e) => setLogin(e.currentTarget.value)} error={fields.login} autoFocus required autoComplete="username" />
            {needsSetup && <TextInput label="ФИО" value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={fields.fullName} required />}
            <PasswordInput
              label="Пароль"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fields.password}
              required
              autoComplete={needsSetup ? 'new-password' : 'current-password'}
            />
            <Button type="submit" loading={busy} disabled={needsSetup === null}>
              {needsSetup ? 'Создать администратора' : 'Войти'}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
