// A tiny hash router: the route is the part after '#', e.g. #/clients/42/contacts.
import { useSyncExternalStore } from 'react';

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
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.location.replace(`#${path}`);
  else window.location.hash = path;
}
