// Client-side sorting of the loaded list by a column; no sort keeps the server's relevance order.
import type { ClientListItem } from '../../../../src-shared/types';
import { CLIENT_STATUS_LABELS, SCHEME_LABELS } from '../../../components/StatusBadges';
import { sortKey } from '../../../../src-shared/search-text';

export type SortKey = 'name' | 'inn' | 'city' | 'sio' | 'scheme' | 'status';
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

const VALUE: Record<SortKey, (c: ClientListItem) => string> = {
  // «ООО «Ромашка»» sorts under Р, beside «АО Ромашка», not among all the «О».
  name: (c) => sortKey(c.name),
  inn: (c) => c.inn ?? '',
  city: (c) => c.city ?? '',
  sio: (c) => c.sioName ?? '',
  scheme: (c) => (c.schemes ? SCHEME_LABELS[c.schemes] : ''),
  status: (c) => CLIENT_STATUS_LABELS[c.status],
};

/** Sorted copy; empty values go last in either direction, so blanks never crowd the top. */
export function sortClients(items: ClientListItem[], sort: SortState | null): ClientListItem[] {
  if (!sort) return items;
  const get = VALUE[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const va = get(a);
    const vb = get(b);
    if (!va !== !vb) return va ? -1 : 1;
    return sign * collator.compare(va, vb) || collator.compare(sortKey(a.name), sortKey(b.name));
  });
}

/** Header click cycle: ascending → descending → back to relevance. */
export function nextSort(current: SortState | null, key: SortKey): SortState | null {
  if (current?.key !== key) return { key, dir: 'asc' };
  return current.dir === 'asc' ? { key, dir: 'desc' } : null;
}
