// A stand-in for the `electron` module (its binary cannot be downloaded here), so the real bundles can be
// loaded in Node: it records what the main process sets up and wires ipcRenderer to ipcMain like Electron does.
import Module from 'node:module';

type Fn = (...args: never[]) => unknown;
type AnyFn = (...args: unknown[]) => unknown;

export interface FakeContents {
  id: number;
  listeners: Record<string, AnyFn[]>;
  openHandler: AnyFn | null;
  on(event: string, fn: AnyFn): FakeContents;
  setWindowOpenHandler(fn: AnyFn): void;
  /** Emits an Electron-style event object; returns whether a listener called preventDefault. */
  emit(event: string, details: Record<string, unknown>): boolean;
}

let nextId = 1;

export function fakeContents(): FakeContents {
  const c: FakeContents = {
    id: nextId++,
    listeners: {},
    openHandler: null,
    on(event, fn) {
      (c.listeners[event] ??= []).push(fn);
      return c;
    },
    setWindowOpenHandler(fn) {
      c.openHandler = fn;
    },
    emit(event, details) {
      let prevented = false;
      const e = { ...details, preventDefault: () => (prevented = true) };
      for (const l of c.listeners[event] ?? []) l(e);
      return prevented;
    },
  };
  return c;
}

export interface FakeOptions {
  /** What safeStorage.getSelectedStorageBackend() answers (Linux): a real keychain, or Chromium's hard-coded-key `basic_text`. */
  storageBackend?: string;
}

export function createFakeElectron(userData: string, opts: FakeOptions = {}) {
  const rec = {
    sandboxEnabled: false,
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocolHandlers: {} as Record<string, (req: { url: string }) => Promise<Response>>,
    beforeRequest: null as null | { filter: { urls: string[] }; fn: AnyFn },
    permissionRequest: null as null | AnyFn,
    permissionCheck: null as null | AnyFn,
    ipcHandlers: {} as Record<string, AnyFn>,
    appListeners: {} as Record<string, AnyFn[]>,
    windows: [] as FakeWindow[],
    opened: [] as string[],
    errors: [] as string[],
    exitCode: null as number | null,
    exposed: {} as Record<string, unknown>,
    rendererListeners: {} as Record<string, AnyFn[]>,
    /** What the system clipboard holds, and the global shortcuts registered (accelerator → callback). */
    clipboardText: '',
    shortcuts: {} as Record<string, AnyFn>,
  };
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));

  class FakeWindow {
    readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
    readonly url = { loaded: '' };
    readonly webContents;
    constructor(options: FakeWindow['options']) {
      this.options = options;
      const contents = fakeContents();
      this.webContents = Object.assign(contents, {
        mainFrame: { url: 'app://crm/index.html', parent: null as unknown },
        sent: [] as unknown[][],
        // Like Electron: what the main process sends arrives at the preload's ipcRenderer listeners.
        send: (channel: string, ...args: unknown[]) => {
          this.webContents.sent.push([channel, ...args]);
          for (const l of rec.rendererListeners[channel] ?? []) l({ sender: null }, ...args);
        },
      });
      rec.windows.push(this);
    }
    loadURL(url: string) {
      this.url.loaded = url;
      return Promise.resolve();
    }
    once() {}
    on() {}
    show() {}
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
  }

  const trustedEvent = () => {
    const w = rec.windows[0]!;
    return { sender: w.webContents, senderFrame: w.webContents.mainFrame };
  };

  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => void (rec.sandboxEnabled = true),
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: AnyFn) => void (rec.appListeners[event] ??= []).push(fn),
      whenReady: () => ready,
      getPath: (name: string) => (name === 'userData' ? userData : `/nonexistent/${name}`),
      quit: () => undefined,
      exit: (code: number) => void (rec.exitCode = code),
    },
    protocol: {
      registerSchemesAsPrivileged: (list: typeof rec.privileged) => void rec.privileged.push(...list),
      handle: (scheme: string, fn: (req: { url: string }) => Promise<Response>) => void (rec.protocolHandlers[scheme] = fn),
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (filter: { urls: string[] }, fn: AnyFn) => void (rec.beforeRequest = { filter, fn }) },
        setPermissionRequestHandler: (fn: AnyFn) => void (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: AnyFn) => void (rec.permissionCheck = fn),
      },
    },
    ipcMain: { handle: (channel: string, fn: AnyFn) => void (rec.ipcHandlers[channel] = fn) },
    BrowserWindow: FakeWindow,
    // Reversible and recognisable in the stored value ('FAKE-KEYCHAIN:' inside the base64 of an `ss1:` secret).
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`FAKE-KEYCHAIN:${plain}`),
      decryptString: (sealed: Buffer) => sealed.toString().replace(/^FAKE-KEYCHAIN:/, ''),
      getSelectedStorageBackend: () => opts.storageBackend ?? 'gnome_libsecret',
    },
    shell: { openExternal: (url: string) => (rec.opened.push(url), Promise.resolve()) },
    dialog: { showErrorBox: (title: string, text: string) => void rec.errors.push(`${title}: ${text}`) },
    clipboard: { readText: () => rec.clipboardText },
    globalShortcut: {
      register: (accelerator: string, fn: AnyFn) => ((rec.shortcuts[accelerator] = fn), true),
      unregisterAll: () => void (rec.shortcuts = {}),
    },
    // Renderer side, used by the preload bundle.
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (rec.exposed[key] = value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        const h = rec.ipcHandlers[channel];
        if (!h) throw new Error(`No handler registered for '${channel}'`);
        return h(trustedEvent(), ...args);
      },
      on: (channel: string, fn: AnyFn) => void (rec.rendererListeners[channel] ??= []).push(fn),
      removeListener: (channel: string, fn: AnyFn) => {
        rec.rendererListeners[channel] = (rec.rendererListeners[channel] ?? []).filter((l) => l !== fn);
      },
    },
  };

  return {
    electron,
    rec,
    trustedEvent,
    /** Fires app.whenReady and waits for the start-up that hangs on it. */
    async fireReady() {
      readyResolve();
      await new Promise((r) => setTimeout(r, 20));
    },
    emitApp(event: string, ...args: unknown[]) {
      for (const l of rec.appListeners[event] ?? []) l(...args);
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

const FAKE_ID = '/virtual/fake-electron.js';

/** Makes `require('electron')` return the fake's module for CommonJS code loaded after this call. */
export function installFakeElectron(fake: FakeElectron): () => void {
  const M = Module as unknown as { _resolveFilename: Fn; _cache: Record<string, unknown> };
  const original = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === 'electron') return FAKE_ID;
    return (original as AnyFn).call(this, request, ...rest);
  } as Fn;
  const m = new Module(FAKE_ID);
  m.filename = FAKE_ID;
  m.loaded = true;
  m.exports = fake.electron;
  M._cache[FAKE_ID] = m;
  return () => {
    M._resolveFilename = original;
    delete M._cache[FAKE_ID];
  };
}
