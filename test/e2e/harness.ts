// E2E harness: the server host in-process on a temp database and a random port, and Debian's Chromium via playwright-core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCore, type Core } from '../../src-main/core';
import { createHttpServer } from '../../src-main/server/http';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api';
import type { Role } from '../../src-shared/roles';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STATIC_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

export interface E2E {
  core: Core;
  url: string;
  browser: Browser;
  adminToken: string;
  /** Arranges data through the API as the administrator (throws on error). */
  api<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Adds an employee (password `password-123`). */
  employee(login: string, roles: Role[], fullName?: string): Promise<number>;
  newPage(): Promise<Page>;
  /** Opens the app and signs in. */
  login(page: Page, login?: string, password?: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const core = createCore({ dbPath: path.join(dir, 'crm.db'), log: () => undefined });
  const server = createHttpServer(core, { staticDir: STATIC_DIR });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const setup = await core.call('auth.setup', { login: 'admin', fullName: 'Админов Админ', password: 'admin-password' }, null);
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  const adminToken = (setup.data as { token: string }).token;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const api = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const r = await core.call(method, input, adminToken);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.data as MethodOutput<M>;
  };
  return {
    core,
    url,
    browser,
    adminToken,
    api,
    employee: async (login, roles, fullName) => (await api('employees.save', { login, fullName: fullName ?? login, roles, password: 'password-123' })).id,
    async newPage() {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' });
      return ctx.newPage();
    },
    async login(page, login = 'admin', password = 'admin-password') {
      await page.goto(url);
      await page.getByLabel('Логин').fill(login);
      await page.getByLabel('Пароль').fill(password);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByTestId('user-menu').waitFor();
    },
    async screenshot(page, name) {
      const out = path.resolve('test-results', `${name}.png`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, fullPage: true });
      return out;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      core.close();
    },
  };
}
