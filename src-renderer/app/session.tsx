// Who is signed in and the reference data (employees, directions, characteristics, readiness settings).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Refs, SessionUser } from '../../src-shared/types';
import type { Role } from '../../src-shared/roles';
import { call, onPush } from '../api/transport';

interface SessionValue {
  user: SessionUser;
  refs: Refs | null;
  reloadRefs: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
  logout: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ user, onLogout, children }: { user: SessionUser; onLogout: () => void; children: ReactNode }) {
  const [refs, setRefs] = useState<Refs | null>(null);
  const reloadRefs = useCallback(async () => setRefs(await call('refs.get', {})), []);
  useEffect(() => {
    void reloadRefs();
    return onPush((event) => {
      if (event === 'refs.changed') void reloadRefs();
    });
  }, [reloadRefs]);
  const value: SessionValue = {
    user,
    refs,
    reloadRefs,
    hasRole: (...roles) => user.roles.some((r) => roles.includes(r)),
    logout: onLogout,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
