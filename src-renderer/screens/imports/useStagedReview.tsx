// The state of a staged list's review screen (a certified list, a call list): the person's decisions, the review's page, apply and discard.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { ApiCallError, call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useLeaveGuard } from '../../app/leaveGuard';

/** What every staged review answers with. */
export interface StagedReviewBase<M> {
  stageState: string;
  mapping: M;
  mappingErrors: string[];
  total: number;
  skippedCount: number;
  open: number;
}

export interface StagedDecisions<M> {
  mapping?: M;
  matches: { row: number; clientId: number }[];
  skip: number[];
}

export const REVIEW_PAGE = 100;

/**
 * `fetch` reads one page of the review for the decisions and the state filter; `appliedText` says what the apply wrote.
 * Nothing is written until `apply`; leaving with decisions made asks first.
 */
export function useStagedReview<M, S extends string, R extends StagedReviewBase<M>>(
  stageId: number,
  fetch: (q: { decisions: StagedDecisions<M>; state: S | undefined; offset: number; limit: number }) => Promise<R>,
  appliedText: (res: { added: number; skipped: number }) => string,
) {
  const [review, setReview] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<M | null>(null);
  const [matches, setMatches] = useState<Map<number, number>>(new Map());
  const [skip, setSkip] = useState<Set<number>>(new Set());
  const [state, setState] = useState<S | null>(null);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const decisions = useMemo<StagedDecisions<M>>(
    () => ({ ...(mapping ? { mapping } : {}), matches: [...matches].map(([row, clientId]) => ({ row, clientId })), skip: [...skip] }),
    [mapping, matches, skip],
  );
  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const r = await fetchRef.current({ decisions, state: state ?? undefined, offset: (page - 1) * REVIEW_PAGE, limit: REVIEW_PAGE });
      if (mine !== seq.current) return;
      setReview(r);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(errorText(err));
    }
  }, [decisions, state, page]);
  useEffect(() => {
    void load();
  }, [load, stageId]);

  const staged = review?.stageState === 'staged';
  const touched = mapping !== null || matches.size > 0 || skip.size > 0;
  const guard = useLeaveGuard(staged && touched);
  const blocking = review?.open ?? 0;
  const canApply = !!review && staged && review.mappingErrors.length === 0 && blocking === 0 && review.total > review.skippedCount;

  function match(row: number, clientId: number | null) {
    setMatches((m) => {
      const next = new Map(m);
      if (clientId == null) next.delete(row);
      else next.set(row, clientId);
      return next;
    });
  }
  function leaveOut(row: number, on: boolean) {
    setSkip((s) => {
      const next = new Set(s);
      if (on) next.add(row);
      else next.delete(row);
      return next;
    });
  }

  async function apply() {
    if (!review || !canApply) return;
    setBusy(true);
    guard.saving = true;
    try {
      const res = await call('imports.stage.apply', { id: stageId, decisions: { ...decisions, mapping: mapping ?? review.mapping } });
      notifications.show({ color: 'green', message: appliedText(res) });
      navigate('/imports', { replace: true });
    } catch (err) {
      const rows = err instanceof ApiCallError ? (err.error.issues ?? []).filter((i) => i.path.startsWith('rows.')).length : 0;
      notifications.show({ color: 'red', message: rows ? `Список не загружен: не решено строк — ${rows}. Ничего не записано` : errorText(err) });
      void load();
    } finally {
      guard.saving = false;
      setBusy(false);
    }
  }
  function discard() {
    modals.openConfirmModal({
      title: 'Отложить список?',
      children: <Text size="sm">Из списка ничего не будет записано. Его можно будет загрузить ещё раз.</Text>,
      labels: { confirm: 'Отложить', cancel: 'Отмена' },
      onConfirm: () => {
        call('imports.stage.discard', { id: stageId })
          .then(() => navigate('/imports', { replace: true }))
          .catch((err: unknown) => notifications.show({ color: 'red', message: errorText(err) }));
      },
    });
  }
  useHotkeys([['mod+Enter', () => void apply()]]);

  return { review, error, mapping, setMapping, skip, state, setState, page, setPage, busy, staged, blocking, canApply, match, leaveOut, apply, discard };
}
