// The task list's scope and filters: their shape, how a stored value is read back, and the list call they make.
import { TASK_KINDS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../../../src-shared/mail-types';
import type { TaskListInput } from '../../../src-shared/api/tasks';

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

/** How many rows a list shows at most; the virtualised table keeps thousands cheap. */
export const LIST_LIMIT = 3000;

export function listInput(f: TaskFilters, directionId: number | null): TaskListInput {
  const input: TaskListInput = { limit: LIST_LIMIT };
  if (f.scope === 'mine') input.mine = true;
  if (f.scope === 'direction' && directionId != null) input.directionId = directionId;
  if (f.status === 'open') input.open = true;
  else if (f.status !== 'any') input.status = f.status;
  if (f.kind) input.kind = f.kind;
  if (f.assigneeId != null && f.scope !== 'mine') input.assigneeId = f.assigneeId;
  return input;
}
