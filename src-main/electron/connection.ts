// Which database the desktop app uses: its own file (local mode) or a shared server (connected mode).
//
// The choice lives in `connection.json` in the app's user-data folder:
//   { "mode": "local" }                                   — the default when the file is absent
//   { "mode": "server", "url": "http://192.168.1.10:4780" }
// Command-line switches write that file and then start in the chosen mode:
//   «РИЦ CRM.exe» --server-url http://192.168.1.10:4780   — connect to a server from now on
//   «РИЦ CRM.exe» --local                                  — go back to the local database
// No electron import here, so the rules are unit-tested in plain Node.
import fs from 'node:fs';
import path from 'node:path';

export type Connection = { mode: 'local' } | { mode: 'server'; url: string };

export const CONNECTION_FILE = 'connection.json';

export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

/** Accepts http(s) URLs without credentials, query or fragment; returns the origin plus path, no trailing slash. */
export function normalizeServerUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new ConnectionError(`not a URL: ${raw}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConnectionError(`only http and https servers are supported: ${raw}`);
  if (u.username || u.password) throw new ConnectionError('the server URL must not contain a user name or password');
  if (u.search || u.hash) throw new ConnectionError('the server URL must not contain a query or fragment');
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function parseConnection(text: string): Connection {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConnectionError(`${CONNECTION_FILE} is not valid JSON`);
  }
  const v = raw as { mode?: unknown; url?: unknown } | null;
  if (v?.mode === 'local') return { mode: 'local' };
  if (v?.mode === 'server' && typeof v.url === 'string') return { mode: 'server', url: normalizeServerUrl(v.url) };
  throw new ConnectionError(`${CONNECTION_FILE} must be {"mode":"local"} or {"mode":"server","url":"http://host:4780"}`);
}

export function readConnection(dir: string): Connection {
  const file = path.join(dir, CONNECTION_FILE);
  if (!fs.existsSync(file)) return { mode: 'local' };
  return parseConnection(fs.readFileSync(file, 'utf8'));
}

export function writeConnection(dir: string, c: Connection): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, CONNECTION_FILE);
  // Write then rename: a crash never leaves a half-written file that would stop the app from starting.
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(c, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** The switch given on the command line, if any: `--server-url URL`, `--server-url=URL` or `--local`. */
export function connectionFromArgs(argv: readonly string[]): Connection | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--local') return { mode: 'local' };
    if (a === '--server-url') {
      const next = argv[i + 1];
      if (!next) throw new ConnectionError('--server-url needs a URL, e.g. --server-url http://192.168.1.10:4780');
      return { mode: 'server', url: normalizeServerUrl(next) };
    }
    if (a.startsWith('--server-url=')) return { mode: 'server', url: normalizeServerUrl(a.slice('--server-url='.length)) };
  }
  return null;
}

/** Applies a command-line switch (saving it for the next starts) and returns the connection to use now. */
export function resolveConnection(dir: string, argv: readonly string[]): Connection {
  const fromArgs = connectionFromArgs(argv);
  if (fromArgs) {
    writeConnection(dir, fromArgs);
    return fromArgs;
  }
  return readConnection(dir);
}
