// A tiny hash router: the route is the part after '#', e.g. #/clients/42/contacts.
import { useSyncExternalStore } from 'react';
import { confirmLeave, hasUnsavedEdits } from './leaveGuard';

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const snapshot = () => window.location.hash.replace(/^#/, '') || '/home';

/** Current route split into segments: '/clients/42' → ['clients', '42']. */
export function useRoute(): string[] {
  const path = useSyncExternalStore(subscribe, snapshot);
  return path.split('?')[0]!.split('/').filter(Boolean);
}

/** `replace`: the new route takes the current one's place in history (a redirect), so Back does not return to it. */
/**
 * A user's move to another page asks first when a form holds unsaved edits (see leaveGuard); a redirect does not,
 * nor `samePage` (a tab of the same card, whose forms stay mounted).
 */
export function navigate(path: string, opts: { replace?: boolean; samePage?: boolean } = {}): void {
  if (opts.replace) {
    expected = `#${path}`;
    window.location.replace(`#${path}`);
  } else if (opts.samePage) setHash(`#${path}`);
  else if (`#${path}` !== window.location.hash) confirmLeave(() => setHash(`#${path}`));
}

/** The hash `navigate` is about to set (already asked, or not a page change): its hashchange passes the guard below. */
let expected: string | null = null;
/** The hash the app shows now. */
let current = typeof window !== 'undefined' ? window.location.hash : '';

function setHash(hash: string): void {
  expected = hash;
  window.location.hash = hash;
}

// Back / Forward, or an address typed in the bar, change the hash without `navigate`: with unsaved edits open, the
// app stays where it is and asks; agreeing goes where the user was headed. Registered at load, so it runs before
// the screens' own hashchange listeners, which never see a refused change.
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', (e) => {
    const target = window.location.hash;
    const passed = expected !== null && target === expected;
    expected = null;
    if (passed || !hasUnsavedEdits()) {
      current = target;
      return;
    }
    e.stopImmediatePropagation();
    window.history.pushState(null, '', current || '#/');
    confirmLeave(() => setHash(target));
  });
}
