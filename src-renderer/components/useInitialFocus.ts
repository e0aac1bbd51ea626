// Puts keyboard focus on a list's table when its screen opens, so ↑ ↓ Enter work at once without a click.
import { useEffect, type RefObject } from 'react';

/** Where focus is the user's own: a field being typed in, or anything inside an open dialog. */
function busy(a: Element | null): boolean {
  return !!a && (a.matches('input, textarea, select, [contenteditable="true"]') || a.closest('[role="dialog"]') !== null);
}

/**
 * Focuses `ref` on mount unless focus is already inside it or busy elsewhere. Tries again shortly after: a dialog
 * that has just closed (the Ctrl+K palette that opened this screen) hands focus back to its trigger a moment later.
 */
export function useInitialFocus(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const grab = () => {
      const el = ref.current;
      const a = document.activeElement;
      if (!el || (a && el.contains(a)) || busy(a)) return;
      el.focus({ preventScroll: true });
    };
    grab();
    const timers = [60, 250, 500, 800, 1500, 2500].map((ms) => setTimeout(grab, ms));
    return () => timers.forEach(clearTimeout);
  }, [ref]);
}
