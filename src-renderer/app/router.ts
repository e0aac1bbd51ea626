// A tiny hash router: the route is the part after '#', e.g. #/clients/42/contacts.
import { useSyncExternalStore } from 'react';
import { confirmLeave } from './leaveGuard';

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
  if (opts.replace) window.location.replace(`#${path}`);
  else if (opts.samePage) window.location.hash = path;
  else if (`#${path}` !== window.location.hash) confirmLeave(() => (window.location.hash = path));
}
