// The chat operator window on the desktop: which popup opening is it, its narrow window options, its address with the text to look up.
// No electron value import here: main.ts wires these into the window open handler and the global shortcut; tests call them directly.
import type { BrowserWindowConstructorOptions } from 'electron';
import { OPERATOR_ROUTE, OPERATOR_WINDOW_NAME } from '../../src-shared/bridge';
import { APP_URL, isAppUrl } from './static';

/** The global shortcut that opens the window with the clipboard's text looked up (Ctrl+Shift+F; ⌘⇧F on a Mac). */
export const OPERATOR_SHORTCUT = 'CommandOrControl+Shift+F';
/** Longest clipboard text passed on: a kit, a phone or a ФИО, not a whole dialog. */
export const OPERATOR_TEXT_MAX = 500;

/** Whether a `window.open` is the renderer opening the operator window (the one popup the app allows). */
export function isOperatorOpen(url: string, frameName: string): boolean {
  if (frameName !== OPERATOR_WINDOW_NAME || !isAppUrl(url)) return false;
  const hash = new URL(url).hash.replace(/^#/, '');
  return hash.split('?')[0] === OPERATOR_ROUTE;
}

/** The operator screen looking up `text` (the clipboard's, trimmed and cut). */
export function operatorUrl(text: string): string {
  const q = text.trim().slice(0, OPERATOR_TEXT_MAX);
  return `${APP_URL}#${OPERATOR_ROUTE}${q ? `?q=${encodeURIComponent(q)}` : ''}`;
}

/** A narrow window beside the chat program, with the main window's locked-down web preferences. */
export function operatorWindowOptions(webPreferences: NonNullable<BrowserWindowConstructorOptions['webPreferences']>): BrowserWindowConstructorOptions {
  return {
    width: 440,
    height: 820,
    minWidth: 360,
    minHeight: 420,
    title: 'РИЦ CRM — окно оператора',
    autoHideMenuBar: true,
    webPreferences,
  };
}
