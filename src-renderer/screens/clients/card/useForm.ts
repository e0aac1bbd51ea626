// Small form state for the card's edit forms: values, checks as you type, server field errors, save with Ctrl+Enter.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { errorText, fieldErrors } from '../../../api/messages';
import { ApiCallError } from '../../../api/transport';
import type { Errors } from './validators';
import { useLeaveGuard } from '../../../app/leaveGuard';
import { mergeEdits, sameValue } from '../../../components/mergeEdits';

export interface FormApi<T> {
  values: T;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  setValues: (next: T) => void;
  /**
   * Merges a newer saved version into the form (three-way, against `base`), on the latest values: a key typed while
   * the newer version was loading is merged too, never overwritten by an older snapshot. `onMerged` gets the fields
   * both sides changed and the user's values they were found in, after the merge has rendered.
   */
  mergeIn: (base: T, theirs: T, onMerged?: (clashes: (keyof T & string)[], mine: T) => void) => void;
  /** Message to show next to a field (a dotted path such as `phones.0.raw`), or undefined. */
  error: (path: string) => string | undefined;
  /** Every error that would be shown, for list inputs that look up their rows. */
  shown: Errors;
  busy: boolean;
  dirty: boolean;
  /** Runs the checks; when they pass, calls `save`. Server field errors land next to the fields. */
  submit: () => Promise<boolean>;
  /** onKeyDown for the form: Ctrl+Enter saves. */
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => void;
  reset: (next: T) => void;
}

export interface FormOptions<T> {
  validate: (v: T) => Errors;
  save: (v: T) => Promise<void>;
  /** Maps a server field path to the form's own path (e.g. `counterparty.inn` → `inn`). */
  mapServerPath?: (path: string) => string;
  /** Handles an error other than field errors; return true when handled. */
  onError?: (err: unknown) => boolean;
}

const head = (path: string) => path.split('.')[0] ?? path;

export function useForm<T extends object>(initial: T, opts: FormOptions<T>): FormApi<T> {
  const [values, setValuesState] = useState<T>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const valuesRef = useRef(values);
  valuesRef.current = values;
  // Counts changes as they are made (not as they render): a save tells keys typed during it from none.
  const edits = useRef(0);
  // Leaving the page with edits in this form asks first.
  const guard = useLeaveGuard(dirty);

  // Checks are cheap; running them every render keeps them in step with props they may read.
  const shown: Errors = {};
  for (const [k, v] of Object.entries(opts.validate(values))) if (submitted || touched.has(head(k))) shown[k] = v;
  for (const [k, v] of Object.entries(server)) shown[k] ??= v;

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    const name = String(key);
    edits.current++;
    setValuesState((prev) => ({ ...prev, [key]: value }));
    setTouched((prev) => (prev.has(name) ? prev : new Set(prev).add(name)));
    setServer((prev) => {
      // A server message is about the value it saw: drop it once that field changes.
      const keys = Object.keys(prev).filter((k) => head(k) === name);
      if (!keys.length) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k];
      return next;
    });
    setDirty(true);
  }, []);

  // A merge is computed inside the state update (on the values React really has), its clashes reported after it renders.
  // Keyed by the merge's own number: an updater run twice (StrictMode) records its merge once; two merges in one render both report.
  const pendingMerges = useRef(new Map<number, { clashes: (keyof T & string)[]; mine: T; onMerged?: (clashes: (keyof T & string)[], mine: T) => void }>());
  const mergeSeq = useRef(0);
  const [mergeTick, setMergeTick] = useState(0);
  const mergeIn = useCallback((base: T, theirs: T, onMerged?: (clashes: (keyof T & string)[], mine: T) => void) => {
    const no = ++mergeSeq.current;
    setValuesState((mine) => {
      const merged = mergeEdits(base, mine, theirs);
      pendingMerges.current.set(no, { clashes: merged.clashes, mine, onMerged });
      // Nothing new for the form: the same object, so a save in progress still sees its values unchanged.
      const changed = (Object.keys(merged.values) as (keyof T)[]).some((k) => !sameValue(merged.values[k], mine[k]));
      if (changed) edits.current++;
      return changed ? merged.values : mine;
    });
    setDirty(true);
    setMergeTick((t) => t + 1);
  }, []);
  useEffect(() => {
    const done = [...pendingMerges.current.entries()].sort(([a], [b]) => a - b);
    pendingMerges.current.clear();
    for (const [, p] of done) p.onMerged?.(p.clashes, p.mine);
  }, [mergeTick]);

  const reset = useCallback((next: T) => {
    setValuesState(next);
    setTouched(new Set());
    setSubmitted(false);
    setServer({});
    setDirty(false);
    guard.dirty = false;
  }, [guard]);

  const submit = useCallback(async () => {
    const o = optsRef.current;
    const v = valuesRef.current;
    setSubmitted(true);
    if (Object.keys(o.validate(v)).length > 0) {
      notifications.show({ color: 'red', message: 'Исправьте поля, отмеченные красным: ничего не сохранено' });
      return false;
    }
    setBusy(true);
    guard.saving = true;
    const editsAtStart = edits.current;
    try {
      await o.save(v);
      // Keys typed while the save was on its way are edits of their own: the form stays unsaved for them.
      if (edits.current === editsAtStart && valuesRef.current === v) {
        setDirty(false);
        guard.dirty = false;
      }
      return true;
    } catch (err) {
      const f = fieldErrors(err);
      if (Object.keys(f).length) {
        const mapped: Errors = {};
        for (const [k, msg] of Object.entries(f)) mapped[o.mapServerPath ? o.mapServerPath(k) : k] = msg;
        setServer(mapped);
        notifications.show({ color: 'red', message: `Не сохранено: ${Object.values(mapped)[0]}` });
      } else if (!(o.onError?.(err) ?? false)) {
        notifications.show({ color: 'red', message: `Не сохранено: ${errorText(err)}` });
      }
      return false;
    } finally {
      setBusy(false);
      guard.saving = false;
    }
  }, [guard]);

  const onKeyDown = useMemo(() => getHotkeyHandler([['mod+Enter', () => void submit()]]), [submit]);

  return {
    values,
    set,
    setValues: (next: T) => {
      edits.current++;
      setValuesState(next);
      setDirty(true);
    },
    mergeIn,
    error: (path: string) => shown[path],
    shown,
    busy,
    dirty,
    submit,
    onKeyDown,
    reset,
  };
}

/** True when the error is the contract's CONFLICT (someone else saved first). */
export const isConflict = (err: unknown) => err instanceof ApiCallError && err.code === 'CONFLICT' && !err.error.issues?.length;
