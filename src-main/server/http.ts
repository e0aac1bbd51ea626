// HTTP host of the core: POST /api/<method>, GET /api/events (Server-Sent Events), and the built renderer.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { HTTP_STATUS, type ApiResult } from '../../src-shared/errors';
import { userForToken } from '../features/auth/sessions';
import { isForEmployee } from '../../src-shared/events';

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

async function handleApi(core: Core, req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
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
  const result: ApiResult<unknown> = await core.call(method, input, bearer(req));
  if (!result.ok && result.error.code === 'RATE_LIMITED' && result.error.retryAfterMs) {
    res.setHeader('Retry-After', String(Math.ceil(result.error.retryAfterMs / 1000)));
  }
  sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

function handleEvents(core: Core, req: http.IncomingMessage, res: http.ServerResponse): void {
  const token = bearer(req);
  const user = token ? userForToken(core.db, token, core.clock.now()) : null;
  if (!user) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED' } });
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  // Personal events (a notification for one employee) go only to that employee's screens.
  const unsubscribe = core.bus.subscribe((msg) => {
    if (isForEmployee(msg, user.id)) res.write(`event: ${msg.event}\ndata: ${JSON.stringify(msg.data)}\n\n`);
  });
  // Comments keep proxies from closing an idle stream; a session that expired ends the stream.
  const ping = setInterval(() => {
    if (!userForToken(core.db, token!, core.clock.now())) res.end();
    else res.write(': ping\n\n');
  }, 25_000);
  req.on('close', () => {
    clearInterval(ping);
    unsubscribe();
  });
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

export function createHttpServer(core: Core, opts: { staticDir: string }): http.Server {
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
      if (p.startsWith('/api/')) return void handleApi(core, req, res, p.slice(5)).catch(done);
      serveStatic(opts.staticDir, req, res, p);
    } catch (err) {
      done(err);
    }
  });
}
