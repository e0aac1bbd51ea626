// Loads the task list for the chosen scope and filters, and reloads it live when a task is created or changed anywhere.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskListInput } from '../../../src-shared/api/tasks';
import type { TaskListItem } from '../../../src-shared/mail-types';
import { call, onPush } from '../../api/transport';

export interface TaskCounts {
  mine: number;
  mineOverdue: number;
}

/** Reloads on push events, at most once per `DEBOUNCE_MS` (a burst of mail makes one reload, not hundreds). */
const DEBOUNCE_MS = 250;

export function useTasks(input: TaskListInput) {
  const [items, setItems] = useState<TaskListItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<TaskCounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(input);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const my = ++seq.current;
    try {
      const [list, mine, mineOverdue] = await Promise.all([
        call('tasks.list', JSON.parse(key) as TaskListInput),
        call('tasks.list', { mine: true, open: true, limit: 1 }),
        call('tasks.list', { mine: true, overdue: true, limit: 1 }),
      ]);
      // A slower, older answer must not overwrite a newer one.
      if (my !== seq.current) return;
      setItems(list.items);
      setTotal(list.total);
      setCounts({ mine: mine.total, mineOverdue: mineOverdue.total });
      setError(null);
    } catch (err) {
      if (my === seq.current) setError(err);
    }
  }, [key]);

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onPush((event) => {
      if (event !== 'task.changed' || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, DEBOUNCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  return { items, total, counts, error, reload: load };
}

/** The current time, ticking every `ms`, so that deadline colours change while the screen stays open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
