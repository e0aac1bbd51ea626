// Opens the chat operator window (a narrow popup on #/chat/operator) from the rail, the palette or the host's global shortcut.
import { useEffect } from 'react';
import { OPERATOR_ROUTE, OPERATOR_WINDOW_NAME } from '../../src-shared/bridge';

export { OPERATOR_ROUTE, OPERATOR_WINDOW_NAME };

/** The hash of the operator screen looking up `q` (nothing looked up when empty). */
export function operatorHash(q = ''): string {
  const text = q.trim().slice(0, 500);
  return `#${OPERATOR_ROUTE}${text ? `?q=${encodeURIComponent(text)}` : ''}`;
}

/**
 * A popup rather than a window of the host's own: the browser copies the session (sessionStorage) into a window this
 * page opens, so the operator is signed in there at once. The Electron host gives it its narrow size and options.
 */
export function openOperatorWindow(q = ''): void {
  const url = `${window.location.pathname}${window.location.search}${operatorHash(q)}`;
  const w = window.open(url, OPERATOR_WINDOW_NAME, 'popup,width=440,height=820');
  w?.focus();
}

/** The host's global shortcut reaches the main window, which opens (or refills) the operator window. */
export function useOperatorShortcut(): void {
  useEffect(() => window.crm?.onOpenOperator?.((q) => openOperatorWindow(q)), []);
}
