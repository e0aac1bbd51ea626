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
/** Ports tried for the listener: above 1024 (no privilege needed) and below Linux's ephemeral range, so outgoing connections never hold them. */
const PORT_RANGE = [10_000, 32_000] as const;
const START_ATTEMPTS = 8;

/**
 * Why dovecot cannot start here, or null when it can: only a missing binary stops it (any user can run it). For reports
 * such as `npm run reliability`; tests call startDovecot, which fails with the same reason, and never skip.
 */
export function dovecotUnavailable(): string | null {
  return fs.existsSync(DOVECOT_BIN) ? null : `${DOVECOT_BIN} is missing: apt-get install dovecot-imapd`;
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

/**
 * Who dovecot runs as. As root it drops privileges to Debian's `dovecot`/`dovenull` users as in production; as
 * anyone else every dovecot process runs as that user (internal, login and mail user), with no chroot, which
 * only root may do.
 */
interface RunAs {
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  mailUid: number;
  mailGid: number;
  chroot: boolean;
}

function runAs(): RunAs {
  const me = os.userInfo();
  if (me.uid === 0) {
    const { uid, gid } = systemUser('dovecot');
    return { internalUser: 'dovecot', internalGroup: 'dovecot', loginUser: 'dovenull', mailUid: uid, mailGid: gid, chroot: true };
  }
  const group = groupName(me.gid) ?? String(me.gid);
  return { internalUser: me.username, internalGroup: group, loginUser: me.username, mailUid: me.uid, mailGid: me.gid, chroot: false };
}

function config(dir: string, port: number, who: RunAs): string {
  const noChroot = who.chroot ? '' : '  chroot =\n';
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${who.internalUser}
default_internal_group = ${who.internalGroup}
default_login_user = ${who.loginUser}
first_valid_uid = 1
first_valid_gid = 1
mail_max_userip_connections = 200
service anvil {
${noChroot}}
service imap-login {
${noChroot}  inet_listener imap {
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
  args = uid=${who.mailUid} gid=${who.mailGid} home=${dir}/home/%u
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

/** The port for a start attempt: random in PORT_RANGE, so parallel test files rarely pick the same one. */
const pickPort = () => PORT_RANGE[0] + Math.floor(Math.random() * (PORT_RANGE[1] - PORT_RANGE[0]));

interface Started {
  proc: ChildProcess;
  port: number;
  confFile: string;
  killOnExit: () => void;
}

/**
 * Starts dovecot on a port of its own. dovecot cannot be handed a bound socket, so a port another process holds is
 * seen as dovecot's failure to bind it ("Address already in use"), and the start is retried on another port.
 */
async function startOnSomePort(dir: string, who: RunAs): Promise<Started> {
  const confFile = path.join(dir, 'dovecot.conf');
  const logFile = path.join(dir, 'dovecot.log');
  for (let attempt = 1; ; attempt++) {
    const port = pickPort();
    fs.writeFileSync(confFile, config(dir, port, who));
    fs.rmSync(logFile, { force: true });
    const proc = spawn(DOVECOT_BIN, ['-F', '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    // If the test process dies without its afterAll, the server must not outlive it.
    const killOnExit = () => proc.kill('SIGKILL');
    process.once('exit', killOnExit);
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitForGreeting(port, 10_000, proc);
      return { proc, port, confFile, killOnExit };
    } catch (err) {
      process.removeListener('exit', killOnExit);
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await exited;
      }
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      const conflict = /Address already in use/.test(stderr + log);
      if (conflict && attempt < START_ATTEMPTS) continue;
      throw new Error(`${(err as Error).message} (port ${port}, attempt ${attempt})\n${stderr}\n${log}`);
    }
  }
}

export async function startDovecot(): Promise<Dovecot> {
  const unavailable = dovecotUnavailable();
  if (unavailable) throw new Error(`${unavailable} (npm test installs it when run as root)`);
  const who = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-dovecot-'));
  // As root, dovecot's own users must reach the mail folders below the test folder.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub));
  fs.chownSync(path.join(dir, 'mail'), who.mailUid, who.mailGid);
  fs.chownSync(path.join(dir, 'home'), who.mailUid, who.mailGid);
  const usersFile = path.join(dir, 'users');
  // Users are written before start: dovecot re-reads an edited users file only now and then.
  fs.writeFileSync(usersFile, Array.from({ length: USERS }, (_, i) => `user${i + 1}:{PLAIN}${USER_PASSWORD}\n`).join(''), { mode: 0o644 });
  const { proc, port, confFile, killOnExit } = await startOnSomePort(dir, who);

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

/** Uid and gid of a system user, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`the ${name} system user is missing (apt-get install dovecot-imapd creates it)`);
  const parts = line.split(':');
  return { uid: Number(parts[2]), gid: Number(parts[3]) };
}

/** The name of a group, from /etc/group (dovecot's settings take names). */
function groupName(gid: number): string | null {
  const line = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  return line ? line.split(':')[0]! : null;
}
