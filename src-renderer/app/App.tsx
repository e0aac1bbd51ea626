// Top level: restores the session, shows the login or the workspace, and returns to login when the session ends.
import { useEffect, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import type { SessionUser } from '../../src-shared/types';
import { call, getToken, onUnauthorized, resetPush, setToken } from '../api/transport';
import { Login } from '../screens/Login';
import { SessionProvider } from './session';
import { Shell } from './Shell';

export function App() {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [checking, setChecking] = useState(!!getToken());

  useEffect(() => {
    if (getToken()) {
      call('auth.me', {})
        .then(setUser)
        .catch(() => setToken(null))
        .finally(() => setChecking(false));
    }
    return onUnauthorized(() => {
      setToken(null);
      setUser(null);
    });
  }, []);

  const logout = () => {
    void call('auth.logout', {}).catch(() => undefined);
    setToken(null);
    setUser(null);
  };

  if (checking)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (!user)
    return (
      <Login
        onLogin={(u) => {
          resetPush();
          setUser(u);
        }}
      />
    );
  return (
    <SessionProvider user={user} onLogout={logout}>
      <Shell />
    </SessionProvider>
  );
}
