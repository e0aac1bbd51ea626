// Loads a client's Главбух certificates (glavbukh.card) and reloads them on demand: the card header and its tab share one copy.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport';
import type { GbCard } from '../../../src-shared/glavbukh';

export function useGbCard(clientId: number): { data: GbCard | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<GbCard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    call('glavbukh.card', { clientId }).then(
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
