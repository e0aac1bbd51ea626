// HTTP host of the core: POST /api/<method>, GET /api/events (Server-Sent Events), and the built renderer.
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import type { Caller } from '../api/context';
import { HTTP_STATUS, type ApiResult } from '../../src-shared/errors';
import { followSession, sessionAlive } from '../api/push';
import { takeDownload } from '../features/reports/usr-zip.downloads';
import type { DownloadedFile } from '../../src-shared/bridge';

const MAX_BODY = 1024 * 1024;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function bearer(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h || !h.startsWith('Bearer ')) return null;
  return h.slice(7).trim() || null;
}

export interface HttpOptions {
  staticDir: string;
  /**
   * Addresses of reverse proxies in front of the server (`--trusted-proxy`). Only for a request from one of
   * them is X-Forwarded-For read; otherwise anyone could pick the address their sign-in failures count against.
   */
  trustedProxies?: readonly string[];
}

/** `::ffff:10.0.0.5` and `10.0.0.5` are one client. */
function normalizeIp(ip: string): string {
  const v = ip.trim();
  return v.startsWith('::ffff:') && net.isIPv4(v.slice(7)) ? v.slice(7) : v.toLowerCase();
}

/**
 * The client address sign-in throttling is keyed by: the socket's; behind a trusted proxy, the nearest
 * X-Forwarded-For hop that is not itself a trusted proxy. Hops further left were written by the client and
 * prove nothing (a proxy appends the address it saw); an entry that is not an IP falls back to the socket.
 */
export function clientAddress(req: http.IncomingMessage, trusted: ReadonlySet<string>): string {
  const socketIp = normalizeIp(req.socket.remoteAddress ?? '');
  const header = req.headers['x-forwarded-for'];
  if (!trusted.has(socketIp) || !header) return socketIp;
  const hops = (Array.isArray(header) ? header.join(',') : header).slice(0, 2000).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]!);
    if (!net.isIP(hop)) return socketIp;
    if (!trusted.has(hop)) return hop;
  }
  return socketIp;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Drain the rest instead of destroying the socket, so that the client receives the 413.
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(core: Core, req: http.IncomingMessage, res: http.ServerResponse, method: string, caller: Caller): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, { ok: false, error: { code: 'BAD_INPUT', detail: 'use POST' } });
  }
  const body = await readBody(req);
  if (body === null) {
    res.setHeader('Connection', 'close');
    return sendJson(res, 413, { ok: false, error: { code: 'BAD_INPUT', detail: 'body too large' } });
  }
  let input: unknown = {};
  if (body.trim()) {
    try {
      input = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', detail: 'invalid JSON', issues: [{ path: '', reason: 'json' }] } });
    }
  }
  const result: ApiResult<unknown> = await core.call(method, input, bearer(req), caller);
  if (!result.ok && result.error.code === 'RATE_LIMITED' && result.error.retryAfterMs) {
    res.setHeader('Retry-After', String(Math.ceil(result.error.retryAfterMs / 1000)));
    // A refusal answered at once invites the next guess at once: a client hammering in a loop would keep the event
    // loop busy with refusals. Held for a while (a timer, no work), a flood runs at the pace of the throttle.
    if (tarpitted < TARPIT_MAX_HELD) {
      tarpitted++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(result.error.retryAfterMs!, TARPIT_MAX_MS)));
      tarpitted--;
    }
  }
  sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

/** How long a throttled call's answer is held at most, and how many answers may be held at once (beyond: at once). */
const TARPIT_MAX_MS = 1000;
const TARPIT_MAX_HELD = 1000;
let tarpitted = 0;

function handleEvents(core: Core, req: http.IncomingMessage, res: http.ServerResponse): void {
  const token = bearer(req);
  const timer: { ping?: NodeJS.Timeout } = {};
  const finish = () => {
    clearInterval(timer.ping);
    stop?.();
    if (!res.writableEnded) res.end();
  };
  // Each stream gets only what its employee may see, and ends at once when the session ends or its access changes.
  const stop = token ? followSession(core, token, (msg) => res.write(`event: ${msg.event}\ndata: ${JSON.stringify(msg.data)}\n\n`), finish) : null;
  if (!stop) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED' } });
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  // Comments keep proxies from closing an idle stream; a session that expired ends the stream.
  timer.ping = setInterval(() => {
    if (!sessionAlive(core, token!)) finish();
    else res.write(': ping\n\n');
  }, 25_000);
  req.on('close', finish);
}

/** POST /upload/imports?name=<file name>: the body is the file's bytes, streamed into the import store. */
async function handleUpload(core: Core, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, { ok: false, error: { code: 'BAD_INPUT', detail: 'use POST' } });
  }
  const name = url.searchParams.get('name') ?? 'file';
  const result = await core.upload(bearer(req), name, req);
  if (!result.ok) {
    // The rest of a refused body is not read: the connection closes after the answer.
    res.setHeader('Connection', 'close');
    if (!req.readableEnded) req.resume();
  }
  sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

/** Answers a download: 405 for anything but GET, the core's refusal as a contract error, else the file's head (then its body). */
function startDownload<T extends { name: string }>(req: http.IncomingMessage, res: http.ServerResponse, find: (token: string | null) => ApiResult<T>, size: (f: T) => number): T | null {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    sendJson(res, 405, { ok: false, error: { code: 'BAD_INPUT', detail: 'use GET' } });
    return null;
  }
  const r = find(bearer(req));
  if (!r.ok) {
    sendJson(res, HTTP_STATUS[r.error.code], r);
    return null;
  }
  const ascii = r.data.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(size(r.data)),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(r.data.name)}`,
    'Cache-Control': 'no-store',
  });
  return r.data;
}

/** GET /files/imports/<sha256>: a stored import file, with its first name; GET /files/usr/<id>: a stored USR file, with its name. */
function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, find: (token: string | null) => ApiResult<{ path: string; name: string; size: number }>): void {
  const f = startDownload(req, res, find, (x) => x.size);
  if (f) fs.createReadStream(f.path).pipe(res);
}

/** GET of a file the core hands over whole (a Главбух request kept in the database), checked like a contract call. */
function handleBytes(req: http.IncomingMessage, res: http.ServerResponse, find: (token: string | null) => ApiResult<DownloadedFile>): void {
  const f = startDownload(req, res, find, (x) => x.bytes.byteLength);
  if (f) res.end(Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength));
}

/** GET /files/usr-zip/<token>: a finished USR ZIP, once (the token, handed to the employee who built it, is the key). */
function handleUsrZip(req: http.IncomingMessage, res: http.ServerResponse, token: string): void {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return sendJson(res, 405, { ok: false, error: { code: 'BAD_INPUT', detail: 'use GET' } });
  }
  const r = takeDownload(token);
  if (!r) return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } });
  const ascii = r.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Length': String(r.size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(r.name)}`,
    'Cache-Control': 'no-store',
  });
  const stream = fs.createReadStream(r.path);
  res.on('close', r.done);
  stream.pipe(res);
}

function serveStatic(staticDir: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405);
    res.end();
    return;
  }
  const root = path.resolve(staticDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400);
    res.end();
    return;
  }
  let file = path.resolve(root, '.' + decoded);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403);
    res.end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html'); // SPA routes
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Интерфейс не собран: выполните npm run build:renderer');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

export function createHttpServer(core: Core, opts: HttpOptions): http.Server {
  const trusted = new Set((opts.trustedProxies ?? []).map(normalizeIp));
  return http.createServer((req, res) => {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    const done = (err: unknown) => {
      console.error('request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL' } });
      else res.end();
    };
    try {
      if (p === '/api/events') return handleEvents(core, req, res);
      if (p === '/upload/imports') return void handleUpload(core, req, res, url).catch(done);
      if (p.startsWith('/files/imports/')) return handleDownload(req, res, (token) => core.download(token, p.slice('/files/imports/'.length)));
      if (p.startsWith('/files/usr/')) return handleDownload(req, res, (token) => core.downloadUsr(token, p.slice('/files/usr/'.length)));
      if (p.startsWith('/files/glavbukh/')) return handleBytes(req, res, (token) => core.downloadGbRequest(token, p.slice('/files/glavbukh/'.length)));
      if (p.startsWith('/files/nss-kc/')) return handleBytes(req, res, (token) => core.downloadNssKc(token, p.slice('/files/nss-kc/'.length)));
      if (p.startsWith('/files/usr-zip/')) return handleUsrZip(req, res, p.slice('/files/usr-zip/'.length));
      if (p.startsWith('/api/')) return void handleApi(core, req, res, p.slice(5), { address: clientAddress(req, trusted) }).catch(done);
      serveStatic(opts.staticDir, req, res, p);
    } catch (err) {
      done(err);
    }
  });
}
