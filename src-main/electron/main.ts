// Electron host: one locked-down window on the built renderer (and the narrow chat operator window it may open), the contract served over IPC.
// Local mode runs the core on userData/crm.db; connected mode forwards calls to a server (see connection.ts).
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
  type WebContents,
  type WebPreferences,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { ApiResult } from '../../src-shared/errors';
import { localBackend, remoteBackend, type Backend } from './backend';
import { ConnectionError, resolveConnection } from './connection';
import { CALL_CHANNEL, CLIPBOARD_CHANNEL, DOWNLOAD_GB_REQUEST_CHANNEL, DOWNLOAD_NSS_KC_CHANNEL, DOWNLOAD_USR_CHANNEL, EVENT_CHANNEL, NOTIFY_CHANNEL, ON_TOP_CHANNEL, OPEN_OPERATOR_CHANNEL, SAVE_DOWNLOAD_CHANNEL, UPLOAD_CHANNEL } from './channels';
import { OPERATOR_SHORTCUT, OPERATOR_TEXT_MAX, isOperatorOpen, operatorUrl, operatorWindowOptions } from './operator';
import { keyFileBox, keyPathFor, safeStorageBox } from '../features/mail/secrets';
import { APP_SCHEME, APP_URL, isAppUrl, rendererResponse } from './static';

// The bundle lives in dist/main/electron; the renderer build in dist/renderer.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../../renderer');
const preloadFile = path.join(here, 'preload.cjs');

// Must run before `ready`: a standard, secure scheme gets a real origin, so 'self' in the CSP means app://crm.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);
app.enableSandbox();

let win: BrowserWindow | null = null;
/** The chat operator window, opened by the main window's renderer (window.open), so it shares that session. */
let operatorWin: BrowserWindow | null = null;
let backend: Backend | null = null;

const alive = (w: BrowserWindow | null): w is BrowserWindow => !!w && !w.isDestroyed();

/** Links leave the app only as http(s) or mailto, and only to the system's own handler. */
function openOutside(url: string): void {
  try {
    const { protocol: p } = new URL(url);
    if (p === 'https:' || p === 'http:' || p === 'mailto:') void shell.openExternal(url);
  } catch {
    // Not a URL: ignore.
  }
}

/** Every web contents (the window and anything it might try to open) stays on the app origin. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url, frameName }) => {
    // The one popup allowed: the operator window on our own origin, narrow, with the main window's locked-down preferences.
    if (isOperatorOpen(url, frameName)) return { action: 'allow', overrideBrowserWindowOptions: operatorWindowOptions(webPreferences()) };
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('did-create-window', (child) => {
    operatorWin = child;
    child.on('closed', () => {
      if (operatorWin === child) operatorWin = null;
    });
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function setUpSession(): void {
  const ses = session.defaultSession;
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
  // The renderer reaches data only through IPC: no network, no files, whatever a page might try.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
  // Copy buttons need clipboard writes; camera, location, notifications and the rest are never granted.
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  ses.setPermissionCheckHandler((_wc, permission) => permission === 'clipboard-sanitized-write');
}

/** Only our window's top frame, showing our own origin, may call the contract. */
function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const ours = [win, operatorWin].some((w) => alive(w) && event.sender.id === w.webContents.id);
  return ours && !!frame && frame.parent === null && isAppUrl(frame.url);
}

function serveContract(b: Backend): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown, token: unknown): Promise<ApiResult<unknown>> => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', detail: 'untrusted sender' } };
    if (typeof method !== 'string' || (token !== null && token !== undefined && typeof token !== 'string')) {
      return { ok: false, error: { code: 'BAD_INPUT', detail: 'bad IPC arguments', issues: [{ path: '', reason: 'invalid_type' }] } };
    }
    return b.call(method, input, (token as string | null | undefined) ?? null);
  });
  ipcMain.handle(UPLOAD_CHANNEL, async (event, name: unknown, bytes: unknown, token: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', detail: 'untrusted sender' } };
    if (typeof name !== 'string' || !(bytes instanceof Uint8Array) || (token !== null && token !== undefined && typeof token !== 'string')) {
      return { ok: false, error: { code: 'BAD_INPUT', detail: 'bad IPC arguments', issues: [{ path: '', reason: 'invalid_type' }] } };
    }
    return b.upload(name, bytes, (token as string | null | undefined) ?? null);
  });
  ipcMain.handle(DOWNLOAD_USR_CHANNEL, async (event, usrFileId: unknown, token: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', detail: 'untrusted sender' } };
    if (typeof usrFileId !== 'number' || !Number.isSafeInteger(usrFileId) || usrFileId < 1 || (token !== null && token !== undefined && typeof token !== 'string')) {
      return { ok: false, error: { code: 'BAD_INPUT', detail: 'bad IPC arguments', issues: [{ path: '', reason: 'invalid_type' }] } };
    }
    return b.downloadUsr(usrFileId, (token as string | null | undefined) ?? null);
  });
  ipcMain.handle(DOWNLOAD_GB_REQUEST_CHANNEL, async (event, requestId: unknown, token: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', detail: 'untrusted sender' } };
    if (typeof requestId !== 'number' || !Number.isSafeInteger(requestId) || requestId < 1 || (token !== null && token !== undefined && typeof token !== 'string')) {
      return { ok: false, error: { code: 'BAD_INPUT', detail: 'bad IPC arguments', issues: [{ path: '', reason: 'invalid_type' }] } };
    }
    return b.downloadGbRequest(requestId, (token as string | null | undefined) ?? null);
  });
  ipcMain.handle(DOWNLOAD_NSS_KC_CHANNEL, async (event, reportId: unknown, token: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', detail: 'untrusted sender' } };
    if (typeof reportId !== 'number' || !Number.isSafeInteger(reportId) || reportId < 1 || (token !== null && token !== undefined && typeof token !== 'string')) {
      return { ok: false, error: { code: 'BAD_INPUT', detail: 'bad IPC arguments', issues: [{ path: '', reason: 'invalid_type' }] } };
    }
    return b.downloadNssKc(reportId, (token as string | null | undefined) ?? null);
  });
  // A one-time download (a USR ZIP): the employee picks the file, the host streams the archive into it.
  ipcMain.handle(SAVE_DOWNLOAD_CHANNEL, async (event, url: unknown, name: unknown) => {
    if (!trusted(event) || typeof url !== 'string' || typeof name !== 'string') return { ok: false, reason: 'failed' };
    const w = BrowserWindow.fromWebContents(event.sender);
    const pick = await (w ? dialog.showSaveDialog(w, { defaultPath: path.basename(name.slice(0, 200)) }) : dialog.showSaveDialog({ defaultPath: path.basename(name.slice(0, 200)) }));
    if (pick.canceled || !pick.filePath) return { ok: false, reason: 'cancelled' };
    const stream = await b.openDownload(url);
    if (!stream) return { ok: false, reason: 'not_found' };
    try {
      await pipeline(stream, fs.createWriteStream(pick.filePath));
      return { ok: true, path: pick.filePath };
    } catch {
      return { ok: false, reason: 'failed' };
    }
  });
  b.onEvent((name, data) => {
    for (const w of [win, operatorWin]) if (alive(w)) w.webContents.send(EVENT_CHANNEL, name, data);
  });
}

/** Desktop notifications the window asks for (a new task); the promise settles on click (true) or dismissal (false). */
const shown = new Set<Notification>();
function serveNotifications(): void {
  ipcMain.handle(NOTIFY_CHANNEL, (event, note: unknown): Promise<boolean> | boolean => {
    if (!trusted(event) || typeof Notification?.isSupported !== 'function' || !Notification.isSupported()) return false;
    const n = note as { title?: unknown; body?: unknown } | null;
    if (typeof n?.title !== 'string' || typeof n.body !== 'string') return false;
    const title = n.title.slice(0, 200);
    const body = n.body.slice(0, 500);
    return new Promise<boolean>((resolve) => {
      const shownNote = new Notification({ title, body });
      // Kept referenced until it settles: a collected notification loses its click handler.
      shown.add(shownNote);
      const settle = (clicked: boolean) => {
        shown.delete(shownNote);
        resolve(clicked);
      };
      shownNote.on('click', () => {
        if (win && !win.isDestroyed()) {
          if (win.isMinimized()) win.restore();
          win.show();
          win.focus();
        }
        settle(true);
      });
      shownNote.on('close', () => settle(false));
      shownNote.show();
    });
  });
}

/** Every window's web preferences: isolated, sandboxed, no Node. */
function webPreferences(): WebPreferences {
  return {
    preload: preloadFile,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !app.isPackaged,
  };
}

/**
 * The operator window's host services: the clipboard's text (the page is never granted clipboard reads), always on top
 * (only for that window), and the global shortcut — the window shows the clipboard's text looked up; when it is not open,
 * the main window's renderer opens it (window.open copies the signed-in session into it).
 */
function serveOperator(): void {
  ipcMain.handle(CLIPBOARD_CHANNEL, (event): string => (trusted(event) ? clipboard.readText().slice(0, OPERATOR_TEXT_MAX * 4) : ''));
  ipcMain.handle(ON_TOP_CHANNEL, (event, on: unknown): boolean => {
    if (!trusted(event) || !alive(operatorWin) || event.sender.id !== operatorWin.webContents.id) return false;
    operatorWin.setAlwaysOnTop(on === true);
    return operatorWin.isAlwaysOnTop();
  });
  const registered = globalShortcut.register(OPERATOR_SHORTCUT, () => {
    const text = clipboard.readText().slice(0, OPERATOR_TEXT_MAX * 4);
    if (alive(operatorWin)) {
      void operatorWin.loadURL(operatorUrl(text));
      if (operatorWin.isMinimized()) operatorWin.restore();
      operatorWin.show();
      operatorWin.focus();
    } else if (alive(win)) {
      win.webContents.send(OPEN_OPERATOR_CHANNEL, text.trim().slice(0, OPERATOR_TEXT_MAX));
    } else win = createWindow();
  });
  // Another program may hold the shortcut: the window still opens from the rail.
  if (!registered) console.warn(`global shortcut ${OPERATOR_SHORTCUT} is taken by another program`);
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1000,
    minHeight: 640,
    title: 'РИЦ CRM',
    show: false,
    autoHideMenuBar: true,
    webPreferences: webPreferences(),
  });
  w.once('ready-to-show', () => w.show());
  // The renderer refuses to unload while a form holds unsaved edits (beforeunload); Electron leaves the question to us.
  // A native dialog has no renderer to speak through, so its few words live here.
  w.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(w, {
      type: 'question',
      buttons: ['Уйти без сохранения', 'Остаться'],
      defaultId: 1,
      cancelId: 1,
      title: 'Уйти без сохранения?',
      message: 'Есть несохранённые изменения. Они пропадут.',
    });
    if (choice === 0) event.preventDefault();
  });
  w.on('closed', () => {
    win = null;
  });
  void w.loadURL(APP_URL);
  return w;
}

function start(): void {
  let connection;
  try {
    connection = resolveConnection(app.getPath('userData'), process.argv);
  } catch (err) {
    const text = err instanceof ConnectionError ? err.message : String(err);
    dialog.showErrorBox('РИЦ CRM: настройка подключения', `Не удалось прочитать настройку подключения:\n${text}\n\nПапка настроек: ${app.getPath('userData')}`);
    app.exit(1);
    return;
  }
  if (connection.mode === 'server') backend = remoteBackend(connection.url);
  else {
    const dbPath = path.join(app.getPath('userData'), 'crm.db');
    // Local mode reads the mailboxes itself; their passwords are sealed by the OS keychain (a key file where there is none,
    // e.g. Linux without a keyring, where safeStorage would fall back to a hard-coded key).
    const fallback = keyFileBox(keyPathFor(dbPath));
    const box = safeStorage ? safeStorageBox(safeStorage, fallback) : fallback;
    backend = localBackend(dbPath, { secretBox: box, mailJobs: true });
  }
  // Windows shows notifications only for an app with an AppUserModelID (the appId of electron-builder.yml).
  if (process.platform === 'win32') app.setAppUserModelId('ru.ric.crm');
  setUpSession();
  serveContract(backend);
  serveNotifications();
  serveOperator();
  win = createWindow();
}

// One instance per user: a second launch focuses the open window instead of opening the database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    const b = backend;
    backend = null;
    // Mail jobs finish the message in hand and release their mailbox leases, so the next start reads mail at once.
    void (b ? b.close() : Promise.resolve()).finally(() => app.quit());
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    void backend?.close();
    backend = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('РИЦ CRM', `Программа не запустилась:\n${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
}
