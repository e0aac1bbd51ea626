// Loads the USR proof of a client's distributions (usr.card) and reloads it on demand.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport';
import type { UsrCard } from '../../../src-shared/usr-card';

export function useUsrCard(clientId: number): { data: UsrCard | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<UsrCard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    call('usr.card', { clientId }).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [clientId, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload };
}

/** How many distributions warn (the card tab's badge). */
export const staleCount = (d: UsrCard | null) => d?.distributions.filter((x) => x.stale).length ?? 0;
