// E2E harness: the server host in-process on a temp database and a random port, and Debian's Chromium via playwright-core,
// both on a test clock that starts at a fixed moment and then runs, and in the РИЦ's zone, whatever the real date and zone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCore, type Core } from '../../src-main/core';
import { localDate, ricTimeZone, type Clock } from '../../src-main/api/context';
import { createHttpServer } from '../../src-main/server/http';
import { startImportJob } from '../../src-main/jobs/imports.job';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api';
import type { Role } from '../../src-shared/roles';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STATIC_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');
/** Where the e2e clock starts: Friday 27.11.2026, 09:00 in Moscow (the default РИЦ zone). */
export const E2E_START = '2026-11-27T06:00:00Z';
const BROWSER_ZONE = 'Europe/Moscow';

/** A clock that starts at `start` and runs with real time from then on (screens animate, timers fire, deadlines pass). */
export class RunningClock implements Clock {
  private readonly offset: number;
  constructor(start: string) {
    this.offset = Date.parse(start) - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  /** Later than now by `ms`, without waiting (for arranging data dated in the past or future). */
  shifted(ms: number): Clock {
    return { now: () => new Date(this.now().getTime() + ms) };
  }
}

export interface E2E {
  core: Core;
  /** The server's clock; new browser pages start at its time. */
  clock: RunningClock;
  /** Today in the РИЦ's zone as YYYY-MM-DD, as the server sees it. */
  today(): string;
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
  const clock = new RunningClock(E2E_START);
  const core = createCore({ dbPath: path.join(dir, 'crm.db'), clock, log: () => undefined });
  const server = createHttpServer(core, { staticDir: STATIC_DIR });
  // The server host runs the import job beside the HTTP host (src-main/server/main.ts); watched folders are off here.
  const importJob = startImportJob(core, { watchFolders: false, log: () => undefined });
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
    clock,
    today: () => localDate(clock.now(), ricTimeZone(core.db)),
    url,
    browser,
    adminToken,
    api,
    employee: async (login, roles, fullName) => (await api('employees.save', { login, fullName: fullName ?? login, roles, password: 'password-123' })).id,
    async newPage() {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU', timezoneId: BROWSER_ZONE });
      // The page's Date and timers follow the server's clock (and then run on), not the machine's.
      await ctx.clock.install({ time: clock.now() });
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
      await importJob.stop();
      core.close();
    },
  };
}
