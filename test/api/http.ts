// Test helpers for the HTTP host: a server on 127.0.0.1:0 over a test core, and raw requests.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHttpServer, type HttpOptions } from '../../src-main/server/http';
import type { Core } from '../../src-main/core';
import type { ApiResult } from '../../src-shared/errors';

export interface TestServer {
  url: string;
  port: number;
  /** Folder served as the renderer; its parent holds `secret.txt`, which must never be served. */
  staticDir: string;
  post(method: string, body: unknown, token?: string | null): Promise<{ status: number; body: ApiResult<unknown>; headers: Headers }>;
  /** A request with the path sent byte for byte (fetch would normalise `..`). */
  raw(opts: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer }): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export const SECRET = 'top-secret-outside-static-root';

export async function startServer(core: Core, opts: Omit<HttpOptions, 'staticDir'> = {}): Promise<TestServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-static-'));
  const staticDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>РИЦ CRM</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(base, 'package.json'), JSON.stringify({ secret: SECRET }));

  const server = createHttpServer(core, { ...opts, staticDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    staticDir,
    async post(method, body, token) {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as ApiResult<unknown>, headers: res.headers };
    },
    raw: (opts) => rawRequest(port, opts),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function rawRequest(port: number, opts: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
