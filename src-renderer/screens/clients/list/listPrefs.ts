// Remembers the client list's filters per user (localStorage) and the last query and selection per tab (sessionStorage).
import { useCallback, useState } from 'react';
import { CLIENT_STATUSES } from '../../../../src-shared/api/common';
import { USR_FILTERS, USR_STALE_DAYS_MAX } from '../../../../src-shared/usr-card';
import { GB_DAYS_MAX, GB_FILTERS } from '../../../../src-shared/glavbukh';
import type { SearchFilters } from './useClientSearch';

const filtersKey = (userId: number) => `crm.clients.filters.u${userId}`;
const viewKey = (userId: number) => `crm.clients.view.u${userId}`;

function readJson(storage: Storage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

/** Keeps only well-formed fields: a stored value may come from an older version of the program. */
export function sanitizeFilters(raw: unknown): SearchFilters {
  const out: SearchFilters = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.status === 'string' && (CLIENT_STATUSES as readonly string[]).includes(r.status)) out.status = r.status as SearchFilters['status'];
  if (typeof r.isKey === 'boolean') out.isKey = r.isKey;
  if (typeof r.sioId === 'number' && Number.isInteger(r.sioId) && r.sioId > 0) out.sioId = r.sioId;
  if (typeof r.readyStage === 'string' && r.readyStage) out.readyStage = r.readyStage;
  if (typeof r.usr === 'string' && (USR_FILTERS as readonly string[]).includes(r.usr)) out.usr = r.usr as SearchFilters['usr'];
  if (out.usr === 'stale' && typeof r.usrDays === 'number' && Number.isInteger(r.usrDays) && r.usrDays >= 1 && r.usrDays <= USR_STALE_DAYS_MAX) out.usrDays = r.usrDays;
  if (typeof r.gb === 'string' && (GB_FILTERS as readonly string[]).includes(r.gb)) out.gb = r.gb as SearchFilters['gb'];
  if (out.gb === 'expiring' && typeof r.gbDays === 'number' && Number.isInteger(r.gbDays) && r.gbDays >= 1 && r.gbDays <= GB_DAYS_MAX) out.gbDays = r.gbDays;
  return out;
}

export function hasFilters(f: SearchFilters): boolean {
  return f.status !== undefined || f.isKey !== undefined || f.sioId !== undefined || f.readyStage !== undefined || f.usr !== undefined || f.gb !== undefined;
}

/** Filters that survive restarts, separately for each employee sharing a workstation. */
export function usePersistedFilters(userId: number): [SearchFilters, (f: SearchFilters) => void] {
  const [filters, setFilters] = useState<SearchFilters>(() => sanitizeFilters(readJson(localStorage, filtersKey(userId))));
  const update = useCallback(
    (f: SearchFilters) => {
      const clean = sanitizeFilters(f);
      setFilters(clean);
      try {
        localStorage.setItem(filtersKey(userId), JSON.stringify(clean));
      } catch {
        // Storage full or disabled: the filters still work for this session.
      }
    },
    [userId],
  );
  return [filters, update];
}

export interface ListView {
  query: string;
  selectedId: number | null;
}

/** The query and the selected row, so that coming back from a card shows the same list. */
export function readListView(userId: number): ListView {
  const raw = readJson(sessionStorage, viewKey(userId)) as Partial<ListView> | null;
  return {
    query: typeof raw?.query === 'string' ? raw.query : '',
    selectedId: typeof raw?.selectedId === 'number' ? raw.selectedId : null,
  };
}

export function saveListView(userId: number, view: ListView): void {
  try {
    sessionStorage.setItem(viewKey(userId), JSON.stringify(view));
  } catch {
    // Not worth bothering the user about.
  }
}
