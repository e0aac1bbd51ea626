// The Electron bundles as built by scripts/build-main.mjs: produced, self-contained, locked down, and working
// end to end (preload bridge → IPC → core or server) when loaded in Node with a stand-in for electron.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmBridge } from '../../src-shared/bridge';
import type { ApiResult } from '../../src-shared/errors';
import { CSP } from '../../src-main/server/http';
import { testEnv } from '../helpers/core';
import { startServer } from '../api/http';
import Database from 'better-sqlite3';
import { createFakeElectron, fakeContents, installFakeElectron, type FakeElectron, type FakeOptions } from './fake-electron';

const repo = path.resolve(__dirname, '../..');
// Inside the repository's dist/ (ignored by git and lint) so that the bundle finds node_modules/better-sqlite3.
fs.mkdirSync(path.join(repo, 'dist'), { recursive: true });
const tmp = fs.mkdtempSync(path.join(repo, 'dist', 'test-electron-'));
const outdir = path.join(tmp, 'dist/main/electron');
const mainBundle = path.join(outdir, 'main.cjs');
const workerBundle = path.join(outdir, 'worker.cjs');
const preloadBundle = path.join(outdir, 'preload.cjs');
const requireCjs = createRequire(__filename);

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(repo, 'scripts/build-main.mjs'), '--outdir', outdir], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-main failed: ${r.stderr}${r.stdout}`);
  // The bundle serves ../../renderer relative to itself, as in dist/.
  fs.mkdirSync(path.join(tmp, 'dist/renderer'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'dist/renderer/index.html'), '<!doctype html><title>РИЦ CRM</title>');
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Loads fresh copies of both bundles against a new fake electron with its own user-data folder. */
function boot(userData: string, opts: FakeOptions = {}): { fake: FakeElectron; bridge: CrmBridge; uninstall: () => void } {
  const fake = createFakeElectron(userData, opts);
  const uninstall = installFakeElectron(fake);
  for (const f of [mainBundle, preloadBundle]) delete requireCjs.cache[f];
  requireCjs(mainBundle);
  requireCjs(preloadBundle);
  return { fake, bridge: fake.rec.exposed.crm as CrmBridge, uninstall };
}

describe('the bundles', () => {
  it('are produced, with the migrations beside them', () => {
    for (const f of [mainBundle, workerBundle, preloadBundle, path.join(outdir, 'migrations/meta/_journal.json')]) expect(fs.existsSync(f), f).toBe(true);
    const sql = fs.readdirSync(path.join(repo, 'migrations')).filter((f) => f.endsWith('.sql'));
    expect(fs.readdirSync(path.join(outdir, 'migrations')).filter((f) => f.endsWith('.sql'))).toEqual(sql);
  });

  it('keep the preload free of Node and database code', () => {
    const code = fs.readFileSync(preloadBundle, 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    for (const banned of ['better-sqlite3', 'node:fs', '"fs"', 'child_process', 'drizzle']) expect(code).not.toContain(banned);
    expect(code.length).toBeLessThan(5000);
  });

  it('load better-sqlite3 and electron from outside the main bundle, and resolve import.meta.url', () => {
    const code = fs.readFileSync(mainBundle, 'utf8');
    expect(code).toContain('require("better-sqlite3")');
    expect(code).toContain('require("electron")');
    expect(code).toContain('require("piscina")');
    expect(code).not.toMatch(/import\.meta/);
  });

  it('give the worker threads their own bundle holding every task module, and keep the parsers out of the main one', () => {
    const worker = fs.readFileSync(workerBundle, 'utf8');
    const tasks = (fs.readdirSync(path.join(repo, 'src-main'), { recursive: true }) as string[])
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => f.endsWith('.task.ts'));
    expect(tasks).toEqual(expect.arrayContaining(['features/mail/parse.task.ts', 'features/print/print.task.ts', 'features/reports/returns.task.ts']));
    for (const t of tasks) expect(worker, t).toContain(JSON.stringify(`src-main/${t.slice(0, -3)}`));
    expect(worker).not.toMatch(/import\.meta/);
    expect(worker).not.toContain('require("electron")');
    // Untrusted mail and print are the threads' business: the main bundle does not even contain their libraries.
    const main = fs.readFileSync(mainBundle, 'utf8');
    for (const lib of ['node_modules/mailparser/', 'node_modules/html-to-text/', 'node_modules/pdf-lib/', 'node_modules/xlsx/']) {
      expect(worker, lib).toContain(lib);
      expect(main, lib).not.toContain(lib);
    }
  });
});

describe('the window', () => {
  it('is created sandboxed, isolated and without Node (source and bundle)', async () => {
    const source = fs.readFileSync(path.join(repo, 'src-main/electron/main.ts'), 'utf8');
    for (const s of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true']) expect(source).toContain(s);
    expect(source).not.toMatch(/contextIsolation: false|sandbox: false|nodeIntegration: true|webSecurity: false/);

    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));
    const { fake, uninstall } = boot(userData);
    try {
      expect(fake.rec.sandboxEnabled).toBe(true);
      expect(fake.rec.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
      await fake.fireReady();
      const w = fake.rec.windows[0]!;
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
      expect(w.options.webPreferences.preload).toBe(preloadBundle);
      expect(w.url.loaded).toBe('app://crm/index.html');
    } finally {
      fake.emitApp('will-quit');
      uninstall();
    }
  });
});

describe('the chat operator window', () => {
  it('is the one popup allowed: on the app origin, its route, its name; narrow, with the same locked-down preferences', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));
    const { fake, bridge, uninstall } = boot(userData);
    try {
      await fake.fireReady();
      const c = fakeContents();
      fake.emitApp('web-contents-created', {}, c);
      const open = (url: string, frameName: string) => c.openHandler!({ url, frameName }) as { action: string; overrideBrowserWindowOptions?: Record<string, unknown> };
      const allowed = open('app://crm/index.html#/chat/operator?q=1_000123_02', 'crm-operator');
      expect(allowed.action).toBe('allow');
      expect(allowed.overrideBrowserWindowOptions).toMatchObject({ width: 440, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: preloadBundle } });
      for (const [url, name] of [
        ['app://crm/index.html#/clients', 'crm-operator'],
        ['app://crm/index.html#/chat/operator', 'other'],
        ['https://evil.example/#/chat/operator', 'crm-operator'],
      ]) {
        expect(open(url!, name!), `${url} ${name}`).toEqual({ action: 'deny' });
      }
      // The shortcut is registered; pressed with no operator window open, it asks the main window to open one with the clipboard's text.
      fake.rec.clipboardText = '  1_000123_02 \n';
      fake.rec.shortcuts['CommandOrControl+Shift+F']!();
      expect(fake.rec.windows[0]!.webContents.sent).toContainEqual(['crm:open-operator', '1_000123_02']);
      // The page reads the clipboard through the host; setting «always on top» is refused to the main window.
      expect(await bridge.readClipboard!()).toBe('  1_000123_02 \n');
      expect(await bridge.setAlwaysOnTop!(true)).toBe(false);
    } finally {
      fake.emitApp('will-quit');
      uninstall();
    }
    expect(fake.rec.shortcuts).toEqual({});
  });
});

describe('local mode through the real bundles', () => {
  let fake: FakeElectron;
  let bridge: CrmBridge;
  let uninstall: () => void;
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));

  beforeAll(async () => {
    ({ fake, bridge, uninstall } = boot(userData));
    await fake.fireReady();
  });
  afterAll(() => {
    fake?.emitApp('will-quit');
    uninstall?.();
  });

  it('serves the renderer on app://crm with the CSP, and nothing outside it', async () => {
    const handle = fake.rec.protocolHandlers.app!;
    const index = await handle({ url: 'app://crm/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(await index.text()).toContain('РИЦ CRM');
    for (const url of ['app://crm/../main/electron/main.cjs', 'app://crm/%2e%2e/main/electron/main.cjs', 'app://other/index.html']) {
      expect((await handle({ url })).status, url).toBe(404);
    }
  });

  it('opens the database in the user-data folder and answers the contract over IPC, pushing events to the window', async () => {
    expect(await bridge.call('auth.status', {}, null)).toEqual({ ok: true, data: { needsSetup: true } });
    expect(fs.existsSync(path.join(userData, 'crm.db'))).toBe(true);
    const setup = (await bridge.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null)) as ApiResult<{ token: string }>;
    if (!setup.ok) throw new Error(JSON.stringify(setup.error));
    const got: [string, unknown][] = [];
    const off = bridge.onEvent((event, data) => got.push([event, data]));
    const created = (await bridge.call('clients.create', { name: 'ООО «Ромашка»' }, setup.data.token)) as ApiResult<{ id: number }>;
    expect(created.ok).toBe(true);
    expect(got).toContainEqual(['client.changed', expect.objectContaining({ clientId: (created as { data: { id: number } }).data.id })]);
    off();
    await bridge.call('clients.create', { name: 'ООО «Лютик»' }, setup.data.token);
    expect(got.filter(([e]) => e === 'client.changed')).toHaveLength(1);
    expect(await bridge.call('clients.search', {}, 'garbage')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('prints on a pool thread started from the worker bundle', async () => {
    const login = (await bridge.call('auth.login', { login: 'admin', password: 'admin-password' }, null)) as ApiResult<{ token: string }>;
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    const client = (await bridge.call('clients.create', { name: 'ООО «Печатный»' }, login.data.token)) as ApiResult<{ id: number }>;
    if (!client.ok) throw new Error(JSON.stringify(client.error));
    const printed = (await bridge.call('print.clientCard', { clientId: client.data.id }, login.data.token)) as ApiResult<{ files: string[] }>;
    if (!printed.ok) throw new Error(JSON.stringify(printed.error));
    const pdf = fs.readFileSync(printed.data.files[0]!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses IPC calls from anything but the window’s own top frame', async () => {
    const handler = fake.rec.ipcHandlers['crm:call']!;
    const w = fake.rec.windows[0]!;
    const other = { sender: fakeContents(), senderFrame: { url: 'app://crm/index.html', parent: null } };
    const subframe = { sender: w.webContents, senderFrame: { url: 'app://crm/index.html', parent: w.webContents.mainFrame } };
    const foreign = { sender: w.webContents, senderFrame: w.webContents.mainFrame };
    for (const e of [other, subframe]) expect(await handler(e, 'auth.status', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    w.webContents.mainFrame.url = 'https://evil.example/';
    try {
      expect(await handler(foreign, 'auth.status', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      w.webContents.mainFrame.url = 'app://crm/index.html';
    }
    expect(await handler(fake.trustedEvent(), 42, {}, null)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await handler(fake.trustedEvent(), 'auth.status', {}, { token: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('keeps every web contents on the app origin and denies permissions and network requests', () => {
    const c = fakeContents();
    fake.emitApp('web-contents-created', {}, c);
    expect(c.emit('will-navigate', { url: 'app://crm/index.html#/clients/1' })).toBe(false);
    expect(c.emit('will-navigate', { url: 'https://example.com/page' })).toBe(true);
    expect(c.emit('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(c.emit('will-navigate', { url: 'javascript:alert(1)' })).toBe(true);
    expect(c.emit('will-redirect', { url: 'https://example.com/' })).toBe(true);
    expect(c.emit('will-attach-webview', {})).toBe(true);
    expect(c.openHandler!({ url: 'https://consultant.ru/' })).toEqual({ action: 'deny' });
    expect(c.openHandler!({ url: 'file:///c:/windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    // Web links go to the system browser; nothing else is handed to the OS.
    expect(fake.rec.opened).toEqual(['https://example.com/page', 'https://consultant.ru/']);

    const decisions: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write']) {
      fake.rec.permissionRequest!(null, p, (granted: boolean) => (decisions[p] = granted), {});
    }
    expect(decisions).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
    expect(fake.rec.permissionCheck!(null, 'media')).toBe(false);

    const filter = fake.rec.beforeRequest!.filter.urls;
    expect(filter).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file://*/*']));
    let cancelled: unknown;
    fake.rec.beforeRequest!.fn({ url: 'https://evil.example/' }, (r: unknown) => (cancelled = r));
    expect(cancelled).toEqual({ cancel: true });
  });
});

describe('mailbox passwords in local mode', () => {
  /** Boots local mode with the given keychain backend, saves a mailbox, and returns how its password was stored. */
  async function storedPassword(storageBackend: string): Promise<{ sealed: string; keyFile: boolean }> {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));
    const { fake, bridge, uninstall } = boot(userData, { storageBackend });
    try {
      await fake.fireReady();
      const setup = (await bridge.call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null)) as ApiResult<{ token: string }>;
      if (!setup.ok) throw new Error(JSON.stringify(setup.error));
      const mailbox = { name: 'Заявки', host: '127.0.0.1', port: 1, tls: false, user: 'ric', password: 'imap-secret', enabled: false };
      expect(await bridge.call('mail.mailboxes.save', mailbox, setup.data.token)).toMatchObject({ ok: true });
      const db = new Database(path.join(userData, 'crm.db'), { readonly: true });
      try {
        const { sealed } = db.prepare('SELECT password_enc AS sealed FROM mailboxes').get() as { sealed: string };
        return { sealed, keyFile: fs.existsSync(path.join(userData, 'crm.db.key')) };
      } finally {
        db.close();
      }
    } finally {
      fake.emitApp('will-quit');
      uninstall();
    }
  }

  it('are sealed by the OS keychain through safeStorage when it has a real backend', async () => {
    const { sealed } = await storedPassword('gnome_libsecret');
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(Buffer.from(sealed.slice(4), 'base64').toString()).toBe('FAKE-KEYCHAIN:imap-secret');
  });

  it('use the key file instead when safeStorage on Linux falls back to its hard-coded key (basic_text)', async () => {
    const { sealed, keyFile } = await storedPassword('basic_text');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain('imap-secret');
    expect(keyFile).toBe(true);
  });
});

describe('connected mode through the real bundles', () => {
  it('forwards calls to the server from connection.json, opens no local database, and forwards its push events', async () => {
    const env = await testEnv();
    const server = await startServer(env.core);
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));
    fs.writeFileSync(path.join(userData, 'connection.json'), JSON.stringify({ mode: 'server', url: `${server.url}/` }));
    const { fake, bridge, uninstall } = boot(userData);
    try {
      await fake.fireReady();
      const login = (await bridge.call('auth.login', { login: 'admin', password: 'admin-password' }, null)) as ApiResult<{ token: string }>;
      if (!login.ok) throw new Error(JSON.stringify(login.error));
      const created = (await bridge.call('clients.create', { name: 'ООО «Сетевой»' }, login.data.token)) as ApiResult<{ id: number }>;
      expect(created.ok).toBe(true);
      expect((await env.admin('clients.search', { query: 'Сетевой' })).items).toHaveLength(1);
      expect(fs.existsSync(path.join(userData, 'crm.db'))).toBe(false);

      const got: unknown[] = [];
      bridge.onEvent((event, data) => event === 'client.changed' && got.push(data));
      const id = (created as { data: { id: number } }).data.id;
      let version = (await env.admin('clients.get', { id })).client.version;
      // The stream opens asynchronously after sign-in: change the client until an event comes through.
      for (let i = 0; i < 50 && got.length === 0; i++) {
        version = (await env.admin('clients.update', { id, version, city: `Город ${i}` })).version;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(got[0]).toMatchObject({ clientId: id });
    } finally {
      fake.emitApp('will-quit');
      uninstall();
      await server.close();
      env.close();
    }
  });

  it('refuses to start on a broken connection.json, with a message instead of an empty local database', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));
    fs.writeFileSync(path.join(userData, 'connection.json'), '{"mode":"server","url":"ftp://x"}');
    const { fake, uninstall } = boot(userData);
    try {
      await fake.fireReady();
      expect(fake.rec.exitCode).toBe(1);
      expect(fake.rec.errors.join('\n')).toContain('ftp://x');
      expect(fake.rec.windows).toHaveLength(0);
      expect(fs.existsSync(path.join(userData, 'crm.db'))).toBe(false);
    } finally {
      uninstall();
    }
  });
});

describe('the electron import', () => {
  it('appears only under src-main/electron', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(e.name) && /from ['"]electron['"]|require\(['"]electron['"]\)/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(repo, p));
      }
    };
    for (const d of ['src-main', 'src-shared', 'src-renderer']) walk(path.join(repo, d));
    expect(offenders.filter((f) => !f.startsWith(`src-main${path.sep}electron${path.sep}`))).toEqual([]);
    expect(offenders).toEqual(expect.arrayContaining([path.join('src-main', 'electron', 'main.ts'), path.join('src-main', 'electron', 'preload.ts')]));
  });
});
