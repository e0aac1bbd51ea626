// Client search as you type: debounced calls to clients.search where an older answer never overwrites a newer one.
import { useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../../src-shared/api';
import { call, onPush } from '../../../api/transport';

export type SearchFilters = NonNullable<MethodInput<'clients.search'>['filters']>;
export type SearchResult = MethodOutput<'clients.search'>;

export interface ClientSearchState {
  result: SearchResult | null;
  /** The trimmed query the shown result answers (it lags behind the input while a call is in flight). */
  resultQuery: string | null;
  /** True from the first keystroke until the answer for the latest input arrives. */
  pending: boolean;
  error: unknown;
  retry: () => void;
}

/**
 * Runs `clients.search` for the latest query and filters. Typing is debounced by `delayMs`; a change of
 * filters alone is sent at once (a click is not typing). Every request gets a sequence number and only the
 * answer to the newest one is applied, so a slow answer to "ром" cannot replace the answer to "рома".
 */
export function useClientSearch(query: string, filters: SearchFilters, limit: number, delayMs = 150, enabled = true): ClientSearchState {
  const q = query.trim();
  const filtersKey = JSON.stringify(filters);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [resultQuery, setResultQuery] = useState<string | null>(null);
  const [pending, setPending] = useState(enabled);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const lastQuery = useRef<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const my = ++seq.current;
    const typed = lastQuery.current !== null && lastQuery.current !== q;
    lastQuery.current = q;
    setPending(true);
    const timer = setTimeout(
      () => {
        call('clients.search', { query: q, limit, filters: JSON.parse(filtersKey) as SearchFilters }).then(
          (r) => {
            if (my !== seq.current) return;
            setResult(r);
            setResultQuery(q);
            setError(null);
            setPending(false);
          },
          (err: unknown) => {
            if (my !== seq.current) return;
            setError(err);
            setPending(false);
          },
        );
      },
      typed ? delayMs : 0,
    );
    return () => clearTimeout(timer);
  }, [q, filtersKey, limit, delayMs, enabled, nonce]);

  // Another workstation (or another tab) changed a client: refresh what is shown, quietly.
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onPush((event) => {
      if (event !== 'client.changed') return;
      clearTimeout(timer);
      timer = setTimeout(() => setNonce((n) => n + 1), 300);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [enabled]);

  return { result, resultQuery, pending, error, retry: () => setNonce((n) => n + 1) };
}
