// Load over HTTP for reliability parts: the real server in a child process, keep-alive clients in this one, latencies and throughput.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '../bench/stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerProcess {
  url: URL;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `npm run serve` on a database, as an operator starts it (src-main/server/main.ts under tsx, 127.0.0.1, any free port),
 * in a process of its own so that the load generator does not share its event loop.
 */
export async function startServerProcess(dbFile: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const entry = env.CRM_SERVER_ENTRY ?? path.join(root, 'src-main/server/main.ts');
  const proc = spawn(process.execPath, ['--import', 'tsx', entry, '--db', dbFile, '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const url = await new Promise<URL>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /РИЦ CRM server: (http:\/\/[^\s/]+)\//.exec(out);
      if (m) resolve(new URL(m[1]!));
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out.slice(-2000)}`)));
  });
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export interface Client {
  /** POST /api/<method>: the HTTP status, the parsed body and the time it took in milliseconds. */
  post(method: string, input: unknown, token?: string): Promise<{ status: number; body: { ok: boolean; data?: unknown; error?: unknown }; ms: number }>;
  close(): void;
}

/** A client with its own keep-alive connections (as many as requests it has in flight). */
export function httpClient(url: URL, sockets: number): Client {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post: (method, input, token) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(input ?? {});
        const t = performance.now();
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: `/api/${method}`,
            agent,
            headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const ms = performance.now() - t;
              try {
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), ms });
              } catch (err) {
                reject(err);
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

export interface LoadResult {
  /** Requests answered 200 with `ok: true`. */
  ok: number;
  errors: number;
  /** What the first failed request answered or threw. */
  firstError?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summariseLatencies(samples: number[], errors: number, seconds: number, firstError?: string): LoadResult {
  return {
    ok: samples.length,
    errors,
    firstError,
    seconds,
    perSecond: samples.length / seconds,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/**
 * `clients` loops, each sending one request and waiting for its answer (then `thinkMs`), until `until()` says stop.
 * Closed loops: with no think time this is the server's flat-out throughput at that concurrency.
 */
export async function runLoad(opts: {
  client: Client;
  clients: number;
  thinkMs?: number;
  until: () => boolean;
  request: (i: number) => { method: string; input: unknown; token: string };
}): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let n = 0;
  const t0 = performance.now();
  const loop = async () => {
    while (!opts.until()) {
      const r = opts.request(n++);
      try {
        const res = await opts.client.post(r.method, r.input, r.token);
        if (res.status === 200 && res.body.ok) samples.push(res.ms);
        else {
          errors++;
          firstError ??= `HTTP ${res.status} ${JSON.stringify(res.body.error ?? res.body)}`;
        }
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
      if (opts.thinkMs) await new Promise((resolve) => setTimeout(resolve, opts.thinkMs));
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, loop));
  return summariseLatencies(samples, errors, (performance.now() - t0) / 1000, firstError);
}
