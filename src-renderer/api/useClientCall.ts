// Loads one client-scoped method's answer (usr.card, glavbukh.card…) and reloads it on demand; a late answer for another client is dropped.
import { useCallback, useEffect, useState } from 'react';
import { call } from './transport';
import type { MethodName, MethodOutput } from '../../src-shared/api';

type ClientMethod = { [M in MethodName]: Parameters<typeof call<M>>[1] extends { clientId: number } ? M : never }[MethodName];

export function useClientCall<M extends ClientMethod>(method: M, clientId: number): { data: MethodOutput<M> | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<MethodOutput<M> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    call(method, { clientId } as Parameters<typeof call<M>>[1]).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [method, clientId, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload };
}
