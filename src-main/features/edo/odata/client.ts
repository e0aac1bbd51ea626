// A small OData client for a 1С `standard.odata` publication: Basic auth, JSON, timeouts, size cap, typed errors.
import type { z } from 'zod';

export type ODataErrorCode = 'auth' | 'not_found' | 'bad_request' | 'server' | 'network' | 'timeout' | 'bad_response';

/** A failed call; `message` carries 1С's own text when it sent one (for logs and the queue screen, never parsed). */
export class ODataError extends Error {
  constructor(readonly code: ODataErrorCode, message: string, readonly status?: number) {
    super(message);
    this.name = 'ODataError';
  }
}

export interface ODataConfig {
  /** Service root, e.g. `https://host/bp/odata/standard.odata` (a trailing slash is fine). */
  baseUrl: string;
  user: string;
  password: string;
  /** Per request, including reading the body; default 15 s. */
  timeoutMs?: number;
  /** Response body cap; default 8 MB. */
  maxBytes?: number;
}

export type Row = Record<string, unknown>;

export interface ListQuery {
  filter?: string;
  select?: string[];
  orderby?: string;
  top?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = /^[\p{L}\p{N}_]+$/u;

export function isGuid(v: unknown): v is string {
  return typeof v === 'string' && GUID.test(v);
}

/** An OData string literal: quotes doubled inside, as 1С (and the OData v3 grammar) expects. */
export function odataString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

function entityPath(set: string, ref?: string): string {
  if (!ENTITY.test(set)) throw new ODataError('bad_request', `invalid entity set name: ${set.slice(0, 80)}`);
  if (ref === undefined) return encodeURIComponent(set);
  if (!isGuid(ref)) throw new ODataError('bad_request', `invalid key: ${String(ref).slice(0, 80)}`);
  return `${encodeURIComponent(set)}(guid'${ref.toLowerCase()}')`;
}

/** Query string with `$` kept literal in names and values percent-encoded (never `+` for a space). */
function queryString(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

/** 1С answers errors as `{"odata.error":{"code":…,"message":{"lang":"ru","value":"…"}}}`; anything else → a cut of the text. */
function errorText(text: string): string {
  try {
    const j = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const err = j['odata.error'] as { message?: { value?: unknown } } | undefined;
    const v = err?.message?.value;
    if (typeof v === 'string' && v) return v.slice(0, 2000);
  } catch {
    // not JSON: fall through
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new ODataError('bad_response', `response too large: ${declared} bytes (limit ${max})`, res.status);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new ODataError('bad_response', `response too large: over ${max} bytes`, res.status);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

export class ODataClient {
  private readonly root: string;
  private readonly auth: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(cfg: ODataConfig) {
    let url: URL;
    try {
      url = new URL(cfg.baseUrl);
    } catch {
      throw new ODataError('bad_request', 'invalid base URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ODataError('bad_request', 'base URL must be http(s)');
    this.root = url.href.replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`${cfg.user}:${cfg.password}`, 'utf8').toString('base64')}`;
    this.timeoutMs = cfg.timeoutMs ?? 15_000;
    this.maxBytes = cfg.maxBytes ?? 8 * 1024 * 1024;
  }

  /** One request; resolves with the parsed JSON object or throws ODataError. */
  private async request(method: string, path: string, params: Record<string, string | undefined>, body?: Row): Promise<Row> {
    const url = `${this.root}/${path}?${queryString({ ...params, $format: 'json' })}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = { Authorization: this.auth, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
    let text: string;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, redirect: 'error' });
      text = await readCapped(res, this.maxBytes);
    } catch (e) {
      if (e instanceof ODataError) throw e;
      if (signal.aborted) throw new ODataError('timeout', `no answer from 1С within ${this.timeoutMs} ms`);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ODataError('network', `1С unreachable: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) throw new ODataError('auth', `1С refused the user or password (HTTP ${res.status})`, res.status);
    if (res.status === 404) throw new ODataError('not_found', errorText(text) || 'not found', 404);
    if (res.status >= 400 && res.status < 500) throw new ODataError('bad_request', errorText(text) || `HTTP ${res.status}`, res.status);
    if (res.status >= 500) throw new ODataError('server', errorText(text) || `HTTP ${res.status}`, res.status);
    if (res.status < 200 || res.status >= 300) throw new ODataError('bad_response', `unexpected HTTP ${res.status}`, res.status);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw new ODataError('bad_response', `not JSON: ${text.slice(0, 80).replace(/\s+/g, ' ')}`, res.status);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ODataError('bad_response', 'expected a JSON object', res.status);
    return parsed as Row;
  }

  /** Rows of an entity set (`value`), each checked against `schema`; a row of the wrong shape fails the whole call. */
  async list<T>(set: string, schema: z.ZodType<T>, q: ListQuery = {}): Promise<T[]> {
    const json = await this.request('GET', entityPath(set), {
      $filter: q.filter,
      $select: q.select?.join(','),
      $orderby: q.orderby,
      $top: q.top === undefined ? undefined : String(q.top),
    });
    const value = json['value'];
    if (!Array.isArray(value)) throw new ODataError('bad_response', `${set}: no "value" array`);
    return value.map((r) => check(set, schema, r));
  }

  /** One object by key; `null` when 1С answers 404. */
  async get<T>(set: string, ref: string, schema: z.ZodType<T>): Promise<T | null> {
    try {
      return check(set, schema, await this.request('GET', entityPath(set, ref), {}));
    } catch (e) {
      if (e instanceof ODataError && e.code === 'not_found') return null;
      throw e;
    }
  }

  async create<T>(set: string, body: Row, schema: z.ZodType<T>): Promise<T> {
    return check(set, schema, await this.request('POST', entityPath(set), {}, body));
  }

  async patch<T>(set: string, ref: string, body: Row, schema: z.ZodType<T>): Promise<T> {
    return check(set, schema, await this.request('PATCH', entityPath(set, ref), {}, body));
  }
}

function check<T>(set: string, schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ODataError('bad_response', `${set}: unexpected field ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 300));
}
