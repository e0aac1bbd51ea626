// Remembers the task list's scope and filters per user (localStorage), so that each employee finds the list as they left it.
import { useCallback, useState } from 'react';
import { DEFAULT_FILTERS, sanitize, type TaskFilters } from './taskFilters';

const key = (userId: number) => `crm.tasks.filters.u${userId}`;

export function useTaskFilters(userId: number, canSeeAll: boolean): [TaskFilters, (f: Partial<TaskFilters>) => void] {
  const [filters, setFilters] = useState<TaskFilters>(() => {
    try {
      return sanitize(JSON.parse(localStorage.getItem(key(userId)) ?? 'null'), canSeeAll);
    } catch {
      return DEFAULT_FILTERS;
    }
  });
  const update = useCallback(
    (patch: Partial<TaskFilters>) => {
      setFilters((prev) => {
        const next = sanitize({ ...prev, ...patch }, canSeeAll);
        try {
          localStorage.setItem(key(userId), JSON.stringify(next));
        } catch {
          // Storage full or disabled: the filters still work for this session.
        }
        return next;
      });
    },
    [userId, canSeeAll],
  );
  return [filters, update];
}
