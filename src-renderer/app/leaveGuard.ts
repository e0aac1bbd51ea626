// Unsaved edits guard: open forms report their edits here; leaving by the rail, the palette, Esc, a reload or closing the window asks first.
import { useEffect, useRef } from 'react';
import { modals } from '@mantine/modals';

interface Entry {
  dirty: boolean;
  /** A form being saved is not "unsaved": a save that opens the new record's page must not ask. */
  saving: boolean;
}

const entries = new Set<Entry>();

/** True while some open form holds edits that are neither saved nor being saved. */
export function hasUnsavedEdits(): boolean {
  for (const e of entries) if (e.dirty && !e.saving) return true;
  return false;
}

/** Registers a form for the guard; the returned entry is updated in place, synchronously, as the form changes. */
export function useLeaveGuard(dirty: boolean): Entry {
  const entry = useRef<Entry>({ dirty, saving: false }).current;
  entry.dirty = dirty;
  useEffect(() => {
    entries.add(entry);
    return () => {
      entries.delete(entry);
    };
  }, [entry]);
  return entry;
}

let asking = false;

/** Runs `go` at once when nothing is unsaved; otherwise asks, and runs it only when the user agrees to lose the edits. */
export function confirmLeave(go: () => void): void {
  if (!hasUnsavedEdits()) return go();
  if (asking) return;
  asking = true;
  modals.openConfirmModal({
    title: 'Уйти без сохранения?',
    children: 'Есть несохранённые изменения. Они пропадут.',
    labels: { confirm: 'Уйти без сохранения', cancel: 'Остаться' },
    confirmProps: { color: 'red', 'data-testid': 'leave-confirm' } as never,
    cancelProps: { 'data-testid': 'leave-stay' } as never,
    onConfirm: go,
    onClose: () => {
      asking = false;
    },
  });
}

// A reload or closing the window: the browser (or Electron's main process) asks with its own dialog.
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (e) => {
    if (!hasUnsavedEdits()) return;
    e.preventDefault();
    e.returnValue = '';
  });
}
