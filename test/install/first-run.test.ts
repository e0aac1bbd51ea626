// The README's first command, exactly as written, in a clean copy of the project: it installs from the
// npm registry alone (Electron's binary download is optional), starts the demo, and the demo lets admin in.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectFiles } from './project-files';

const repo = path.resolve(__dirname, '../..');

/** The first shell block under «Quick start» in README.md. */
export function quickStartCommand(readme: string): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Quick start'));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no ```sh block under «Quick start»');
  return block[1]!.trim();
}

function copyProject(to: string): void {
  for (const f of projectFiles(repo)) {
    const src = path.join(repo, f);
    if (!fs.existsSync(src)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    fs.copyFileSync(src, path.join(to, f));
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-first-run-'));
let child: ReturnType<typeof spawn> | null = null;

afterAll(() => {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // The copy holds a whole node_modules: removing it takes a while on a busy machine.
  fs.rmSync(tmp, { recursive: true, force: true });
}, 180_000);

describe("README's quick start on a clean copy", () => {
  it('installs with plain npm ci, starts the demo, and admin signs in with the documented password', async () => {
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    const command = quickStartCommand(readme);
    expect(command).toBe('npm ci && npm run demo');
    const password = /password is? \*\*`([^`]+)`\*\*|password \*\*`([^`]+)`\*\*/.exec(readme);
    const demoPassword = password?.[1] ?? password?.[2];
    expect(demoPassword).toBeTruthy();
    copyProject(tmp);

    const env: NodeJS.ProcessEnv = { ...process.env, CRM_PORT: '0', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
    // A newcomer has none of these: the install must work without them.
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    for (const k of Object.keys(env)) if (k.startsWith('npm_lifecycle') || k === 'npm_config_ignore_scripts') delete env[k];
    child = spawn('bash', ['-c', command], { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /РИЦ CRM server: (http:\/\/[^\s]+)/.exec(out);
        if (m) {
          clearInterval(timer);
          resolve(m[1]!);
        }
      }, 200);
      child!.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`\`${command}\` exited with ${code} before the server started:\n${out.slice(-4000)}`));
      });
    });
    expect(out).toContain('Demo data loaded.');
    const login = await fetch(new URL('/api/auth.login', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: demoPassword }),
    });
    const body = (await login.json()) as { ok: boolean; data?: { token: string; user: { login: string } } };
    expect(body.ok).toBe(true);
    expect(body.data?.user.login).toBe('admin');
    // The screens were built by the same command.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  }, 15 * 60_000);
});
