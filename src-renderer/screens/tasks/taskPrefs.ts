// Remembers the task list's scope and filters per user (localStorage), so that each employee finds the list as they left it.
import { useCallback, useState } from 'react';
import { TASK_KINDS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../../../src-shared/mail-types';

export type TaskScope = 'mine' | 'direction' | 'all';
/** `open`: new and in work (the default); `any`: every status. */
export type StatusFilter = 'open' | 'any' | TaskStatus;

export interface TaskFilters {
  scope: TaskScope;
  status: StatusFilter;
  kind: TaskKind | null;
  assigneeId: number | null;
  /** The direction shown by the «Направление» scope; null until one is chosen (the first of the employee's). */
  directionId: number | null;
}

export const DEFAULT_FILTERS: TaskFilters = { scope: 'mine', status: 'open', kind: null, assigneeId: null, directionId: null };

const key = (userId: number) => `crm.tasks.filters.u${userId}`;

/** Keeps only well-formed values: what is stored may come from an older version of the program. */
export function sanitize(raw: unknown, canSeeAll: boolean): TaskFilters {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const scope = r.scope === 'mine' || r.scope === 'direction' || (r.scope === 'all' && canSeeAll) ? r.scope : DEFAULT_FILTERS.scope;
  const status =
    r.status === 'open' || r.status === 'any' || (typeof r.status === 'string' && (TASK_STATUSES as readonly string[]).includes(r.status))
      ? (r.status as StatusFilter)
      : DEFAULT_FILTERS.status;
  const kind = typeof r.kind === 'string' && (TASK_KINDS as readonly string[]).includes(r.kind) ? (r.kind as TaskKind) : null;
  const id = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
  return { scope, status, kind, assigneeId: id(r.assigneeId), directionId: id(r.directionId) };
}

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
