// Test harness: a throwaway dovecot IMAP server on 127.0.0.1 (a free port, a temp folder), plus APPEND helpers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT_BIN = '/usr/sbin/dovecot';
const USERS = 200;
const USER_PASSWORD = 'imap-secret';

/**
 * Why the dovecot tests cannot run here, or null when they can. They need the binary and root
 * (dovecot drops privileges to its own users, which only root can do); CI has both.
 */
export function dovecotUnavailable(): string | null {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const installed = fs.existsSync(DOVECOT_BIN);
  if (root && installed) return null;
  return `dovecot tests skipped: ${installed ? '' : `${DOVECOT_BIN} is missing (apt-get install dovecot-imapd); `}${root ? '' : 'they must run as root'}`;
}

export interface Dovecot {
  host: string;
  port: number;
  dir: string;
  /** A fresh mail user (an empty mailbox). */
  newUser(): { user: string; password: string };
  /** A connected client for arranging data (APPEND); the caller logs it out. */
  client(user: string, password: string): Promise<ImapFlow>;
  append(user: string, password: string, messages: (string | Buffer)[], folder?: string): Promise<void>;
  /** Runs doveadm against this server (kick, mailbox update, …). */
  doveadm(args: string[]): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function config(dir: string, port: number): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = dovecot
default_login_user = dovenull
default_internal_group = dovecot
first_valid_uid = 1
mail_max_userip_connections = 200
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
`;
}

async function waitForGreeting(port: number, timeoutMs: number, proc: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`dovecot exited with ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      s.once('error', () => resolve(false));
      s.setTimeout(1000, () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > until) throw new Error('dovecot did not start in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startDovecot(): Promise<Dovecot> {
  const reason = dovecotUnavailable();
  if (reason) throw new Error(reason);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-dovecot-'));
  // dovecot's own users must reach the mail folders below the test folder.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub));
  const { uid, gid } = dovecotIds();
  fs.chownSync(path.join(dir, 'mail'), uid, gid);
  fs.chownSync(path.join(dir, 'home'), uid, gid);
  const usersFile = path.join(dir, 'users');
  // Users are written before start: dovecot re-reads an edited users file only now and then.
  fs.writeFileSync(usersFile, Array.from({ length: USERS }, (_, i) => `user${i + 1}:{PLAIN}${USER_PASSWORD}\n`).join(''), { mode: 0o644 });
  const port = await freePort();
  const confFile = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(confFile, config(dir, port));
  const proc = spawn(DOVECOT_BIN, ['-F', '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  // If the test process dies without its afterAll, the server must not outlive it.
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForGreeting(port, 10_000, proc);
  } catch (err) {
    proc.kill('SIGKILL');
    const log = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
    throw new Error(`${(err as Error).message}\n${stderr}\n${log}`);
  }

  let next = 0;
  const client = async (user: string, password: string) => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    await c.connect();
    return c;
  };

  return {
    host: '127.0.0.1',
    port,
    dir,
    newUser() {
      if (next >= USERS) throw new Error('out of test mail users');
      return { user: `user${++next}`, password: USER_PASSWORD };
    },
    client,
    async append(user, password, messages, folder = 'INBOX') {
      const c = await client(user, password);
      try {
        for (const m of messages) await c.append(folder, m);
      } finally {
        await c.logout().catch(() => undefined);
      }
    },
    doveadm(args) {
      return execFileSync('doveadm', ['-c', confFile, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function dovecotIds(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('dovecot:'));
  if (!line) throw new Error('the dovecot system user is missing');
  const parts = line.split(':');
  return { uid: Number(parts[2]), gid: Number(parts[3]) };
}
