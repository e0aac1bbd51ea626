// Loads a client card and reloads it when any workstation changes that client (push event `client.changed`).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientCard } from '../../../../src-shared/types';
import { call, onPush } from '../../../api/transport';
import { ApiCallError } from '../../../api/transport';
import { errorText } from '../../../api/messages';

export interface ClientCardState {
  card: ClientCard | null;
  /** Russian text of a load failure. */
  error: string | null;
  notFound: boolean;
  /** The client was merged into another: its survivor, for old links to go on to. */
  mergedInto: { id: number; name: string } | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useClientCard(id: number): ClientCardState {
  const [card, setCard] = useState<ClientCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [mergedInto, setMergedInto] = useState<{ id: number; name: string } | null>(null);
  const [loading, setLoading] = useState(true);
  // Answers can arrive out of order when pushes come in bursts: only the latest request may land.
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const c = await call('clients.get', { id });
      if (mine !== seq.current) return;
      setCard(c);
      setError(null);
      setNotFound(false);
    } catch (err) {
      if (mine !== seq.current) return;
      setNotFound(err instanceof ApiCallError && err.code === 'NOT_FOUND');
      setMergedInto((err instanceof ApiCallError && err.error.issues?.find((i) => i.reason === 'merged')?.ref) || null);
      setError(errorText(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [id]);

  useEffect(() => {
    void reload();
    return onPush((event, data) => {
      if (event === 'client.changed' && (data as { clientId: number }).clientId === id) void reload();
    });
  }, [id, reload]);

  return { card, error, notFound, mergedInto, loading, reload };
}
