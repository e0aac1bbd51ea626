// The register's rows loaded page by page as the table scrolls (documents.list answers at most 1000 rows a call), and its filters kept per employee.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentListItem, DocumentType, ReturnState } from '../../../../src-shared/doc-types';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';

export interface RegisterFilters {
  type: DocumentType | null;
  returnState: Exclude<ReturnState, 'not_tracked'> | null;
  sioId: number | null;
  client: { id: number; name: string } | null;
  dateFrom: string | null;
  dateTo: string | null;
  number: string;
}

export const EMPTY_FILTERS: RegisterFilters = { type: null, returnState: null, sioId: null, client: null, dateFrom: null, dateTo: null, number: '' };

const key = (userId: number) => `crm.documents.register.${userId}`;

export function loadFilters(userId: number): RegisterFilters {
  try {
    const raw = localStorage.getItem(key(userId));
    return raw ? { ...EMPTY_FILTERS, ...(JSON.parse(raw) as Partial<RegisterFilters>) } : EMPTY_FILTERS;
  } catch {
    return EMPTY_FILTERS;
  }
}

export function saveFilters(userId: number, f: RegisterFilters): void {
  localStorage.setItem(key(userId), JSON.stringify(f));
}

const PAGE = 200;

/** The filters as documents.list (and the register's export) take them. */
export function registerInput(f: RegisterFilters) {
  return {
    type: f.type ?? undefined,
    returnState: f.returnState ?? undefined,
    sioId: f.sioId ?? undefined,
    clientId: f.client?.id,
    dateFrom: f.dateFrom ?? undefined,
    dateTo: f.dateTo ?? undefined,
    number: f.number.trim() || undefined,
  };
}

export interface RegisterRows {
  total: number | null;
  /** Sparse: a row not loaded yet is undefined. */
  rows: (DocumentListItem | undefined)[];
  error: string | null;
  /** Asks for the rows in [from, to) to be loaded. */
  ensure: (from: number, to: number) => void;
  reload: () => void;
}

export function useRegister(f: RegisterFilters): RegisterRows {
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<(DocumentListItem | undefined)[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const pages = useRef(new Set<number>());
  const gen = useRef(0);
  const input = registerInput(f);
  const inputKey = JSON.stringify(input);

  const loadPage = useCallback(
    (page: number, mine: number) => {
      pages.current.add(page);
      call('documents.list', { ...(JSON.parse(inputKey) as typeof input), limit: PAGE, offset: page * PAGE })
        .then((r) => {
          if (mine !== gen.current) return;
          setTotal(r.total);
          setRows((prev) => {
            const next = prev.length === r.total ? prev.slice() : Array.from({ length: r.total }, (_, i) => prev[i]);
            r.items.forEach((item, i) => (next[page * PAGE + i] = item));
            return next;
          });
          setError(null);
        })
        .catch((err) => {
          if (mine !== gen.current) return;
          pages.current.delete(page);
          setError(errorText(err));
        });
    },
    // `inputKey` stands for the filters.
    [inputKey],
  );

  useEffect(() => {
    const mine = ++gen.current;
    pages.current = new Set();
    setRows([]);
    setTotal(null);
    loadPage(0, mine);
  }, [loadPage, generation]);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) if (!pages.current.has(p)) loadPage(p, gen.current);
    },
    [loadPage],
  );

  return { total, rows, error, ensure, reload: () => setGeneration((g) => g + 1) };
}
