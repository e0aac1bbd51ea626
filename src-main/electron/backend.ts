// What the desktop window talks to: the core on a local database file, or a shared server over HTTP and SSE.
// No electron import here, so both backends are tested in plain Node against the real core and server host.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { api, isMethodName } from '../../src-shared/api';
import { readEvents, type SseListener } from '../../src-shared/sse';
import type { ApiResult } from '../../src-shared/errors';
import type { UploadedFile } from '../../src-shared/imports';
import type { DownloadedFile } from '../../src-shared/bridge';
import { startImportJob, type ImportJob } from '../jobs/imports.job';
import { createCore } from '../core';
import { LOCAL_CALLER } from '../api/context';
import { followSession } from '../api/push';
import { setSecretBox, type SecretBox } from '../features/mail/secrets';
import { takeDownload } from '../features/reports/usr-zip.downloads';
import { startMailJobs, type MailJobs } from '../jobs/runner';
import { startEdoJobs, type EdoJobs } from '../jobs/edo.job';

export type EventListener = SseListener;

/** The one-time download addresses a window may ask the host to save (a USR ZIP). */
export const DOWNLOAD_URL = /^files\/usr-zip\/([0-9a-f]{64})$/;
export { readEvents };

export interface Backend {
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  /** Puts a file into the import store (the local core, or the server's upload endpoint). */
  upload(name: string, bytes: Uint8Array, token: string | null): Promise<ApiResult<UploadedFile>>;
  /** A stored USR file, checked as GET /files/usr/<id> is (the local core, or the server's endpoint). */
  downloadUsr(usrFileId: number, token: string | null): Promise<ApiResult<DownloadedFile>>;
  /** A Главбух request's stored file, checked as GET /files/glavbukh/<id> is. */
  downloadGbRequest(requestId: number, token: string | null): Promise<ApiResult<DownloadedFile>>;
  /** A saved НСС report to the КЦ, checked as GET /files/nss-kc/<id> is. */
  downloadNssKc(reportId: number, token: string | null): Promise<ApiResult<DownloadedFile>>;
  /** Opens a one-time download (`files/usr-zip/<token>`) as a stream; null when it is unknown or already taken. */
  openDownload(url: string): Promise<Readable | null>;
  /** Push events for the window; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Resolves when background work (the mail jobs of local mode) has stopped and the database is closed. */
  close(): Promise<void>;
}

export interface LocalOptions {
  /** How mailbox passwords are sealed (the desktop passes one backed by safeStorage); default: a key file beside the database. */
  secretBox?: SecretBox;
  /** Run the mail jobs (IMAP sync, e-mail copies of notifications) in this process. */
  mailJobs?: boolean;
}

/**
 * Which session the window uses after a call, so that its push events follow it: a sign-in or setup starts one,
 * a logout ends it, a protected call that succeeds proves its token alive (a public one succeeds with any
 * token), and UNAUTHORIZED for the followed token ends it. `undefined`: no change.
 */
function sessionAfter(method: string, token: string | null, result: ApiResult<unknown>, followed: string | null): string | null | undefined {
  if (result.ok) {
    if (method === 'auth.login' || method === 'auth.setup') return (result.data as { token: string }).token;
    if (method === 'auth.logout') return null;
    if (token && isMethodName(method) && api[method].access !== 'public') return token;
    return undefined;
  }
  return result.error.code === 'UNAUTHORIZED' && token === followed ? null : undefined;
}

/** Local mode: this process owns the database file and runs the background jobs. */
export function localBackend(dbPath: string, opts: LocalOptions = {}): Backend {
  const core = createCore({ dbPath });
  if (opts.secretBox) setSecretBox(core.db, opts.secretBox);
  const jobs: MailJobs | null = opts.mailJobs ? startMailJobs(core) : null;
  // Imports run wherever the database is owned; watched folders only with the other background jobs.
  const importJob: ImportJob = startImportJob(core, { watchFolders: !!opts.mailJobs });
  // The 1С exchange runs with the other background jobs (local mode owns the database).
  const edoJobs: EdoJobs | null = opts.mailJobs ? startEdoJobs(core) : null;
  const listeners = new Set<EventListener>();
  let followed: { token: string; stop: () => void } | null = null;
  let closing: Promise<void> | null = null;

  /** The window gets only what its employee may see, as an SSE stream would; nothing once the session is over. */
  function follow(token: string | null): void {
    if (followed?.token === token) return;
    followed?.stop();
    followed = null;
    if (!token) return;
    const stop = followSession(
      core,
      token,
      (msg) => {
        for (const l of listeners) l(msg.event, msg.data);
      },
      // Ended (logout, deactivation, other roles): the next protected call follows the session again if it lives.
      () => {
        if (followed?.token === token) followed = null;
      },
    );
    if (stop) followed = { token, stop };
  }

  return {
    async call(method, input, token) {
      // Over IPC the caller is the workstation itself.
      const result = await core.call(method, input, token, LOCAL_CALLER);
      const next = sessionAfter(method, token, result, followed?.token ?? null);
      if (next !== undefined) follow(next);
      return result;
    },
    upload: (name, bytes, token) => core.upload(token, name, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)])),
    async downloadUsr(usrFileId, token) {
      const r = core.downloadUsr(token, String(usrFileId));
      if (!r.ok) return r;
      return { ok: true, data: { name: r.data.name, bytes: new Uint8Array(await fs.promises.readFile(r.data.path)) } };
    },
    downloadGbRequest: async (requestId, token) => core.downloadGbRequest(token, String(requestId)),
    downloadNssKc: async (reportId, token) => core.downloadNssKc(token, String(reportId)),
    async openDownload(url) {
      const m = DOWNLOAD_URL.exec(url);
      const r = m ? takeDownload(m[1]!) : null;
      if (!r) return null;
      const stream = fs.createReadStream(r.path);
      stream.on('close', r.done);
      return stream;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      (closing ??= (async () => {
        follow(null);
        listeners.clear();
        await importJob.stop().catch(() => undefined);
        await edoJobs?.stop().catch(() => undefined);
        // Jobs finish the message in hand and release their mailbox leases before the database closes.
        await jobs?.stop().catch(() => undefined);
        await core.close();
      })()),
  };
}

const fail = (code: 'INTERNAL' | 'UNKNOWN_METHOD', detail: string): ApiResult<unknown> => ({ ok: false, error: { code, detail } });

export interface RemoteOptions {
  /** First reconnect delay of the event stream; doubles up to 30 s. */
  retryMs?: number;
  /** Per-call time limit. */
  timeoutMs?: number;
}

/**
 * Connected mode: every call goes to `POST <url>/api/<method>` with the caller's bearer token, and the
 * server's event stream is followed with the token of the session the window currently uses.
 */
export function remoteBackend(baseUrl: string, opts: RemoteOptions = {}): Backend {
  const retryMs = opts.retryMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const listeners = new Set<EventListener>();
  let streamToken: string | null = null;
  let stopStream: (() => void) | null = null;

  const emit: EventListener = (event, data) => {
    for (const l of listeners) l(event, data);
  };

  /** Keeps exactly one stream open, on the latest session known to be valid. */
  function follow(token: string | null): void {
    if (token === streamToken) return;
    stopStream?.();
    stopStream = null;
    streamToken = token;
    if (token) stopStream = openStream(baseUrl, token, retryMs, emit);
  }

  return {
    async call(method, input, token) {
      // Only contract methods leave the machine: the name becomes part of the URL.
      if (!isMethodName(method)) return fail('UNKNOWN_METHOD', method);
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input ?? {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        return fail('INTERNAL', 'network');
      }
      let result: ApiResult<unknown>;
      try {
        result = (await res.json()) as ApiResult<unknown>;
      } catch {
        return fail('INTERNAL', `HTTP ${res.status}`);
      }
      const next = sessionAfter(method, token, result, streamToken);
      if (next !== undefined) follow(next);
      return result;
    },
    async upload(name, bytes, token) {
      try {
        const res = await fetch(`${baseUrl}/upload/imports?name=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: token ? { Authorization: `Bearer ${token}` } : {},
          body: bytes,
          signal: AbortSignal.timeout(Math.max(timeoutMs, 10 * 60_000)),
        });
        return (await res.json()) as ApiResult<UploadedFile>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', detail: 'network' } };
      }
    },
    async downloadUsr(usrFileId, token) {
      try {
        const res = await fetch(`${baseUrl}/files/usr/${usrFileId}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok) return (await res.json()) as ApiResult<DownloadedFile>;
        return { ok: true, data: { name: fileNameOf(res.headers.get('content-disposition')) ?? `usr-${usrFileId}.usr`, bytes: new Uint8Array(await res.arrayBuffer()) } };
      } catch {
        return { ok: false, error: { code: 'INTERNAL', detail: 'network' } };
      }
    },
    async downloadGbRequest(requestId, token) {
      try {
        const res = await fetch(`${baseUrl}/files/glavbukh/${requestId}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok) return (await res.json()) as ApiResult<DownloadedFile>;
        return { ok: true, data: { name: fileNameOf(res.headers.get('content-disposition')) ?? `request-${requestId}.csv`, bytes: new Uint8Array(await res.arrayBuffer()) } };
      } catch {
        return { ok: false, error: { code: 'INTERNAL', detail: 'network' } };
      }
    },
    async downloadNssKc(reportId, token) {
      try {
        const res = await fetch(`${baseUrl}/files/nss-kc/${reportId}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok) return (await res.json()) as ApiResult<DownloadedFile>;
        return { ok: true, data: { name: fileNameOf(res.headers.get('content-disposition')) ?? `nss-kc-${reportId}.csv`, bytes: new Uint8Array(await res.arrayBuffer()) } };
      } catch {
        return { ok: false, error: { code: 'INTERNAL', detail: 'network' } };
      }
    },
    async openDownload(url) {
      if (!DOWNLOAD_URL.test(url)) return null;
      try {
        const res = await fetch(`${baseUrl}/${url}`);
        if (!res.ok || !res.body) return null;
        return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
      } catch {
        return null;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      follow(null);
      listeners.clear();
    },
  };
}

/** The UTF-8 name of a Content-Disposition header (`filename*=UTF-8''…`), as the server writes it. */
export function fileNameOf(header: string | null): string | null {
  const m = header ? /filename\*=UTF-8''([^;]+)/i.exec(header) : null;
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** Follows `GET <url>/api/events` with reconnects; stops for good on 401 (the session is over). */
function openStream(baseUrl: string, token: string, retryMs: number, emit: EventListener): () => void {
  const ctrl = new AbortController();
  const run = async () => {
    let delay = retryMs;
    while (!ctrl.signal.aborted) {
      try {
        const res = await fetch(`${baseUrl}/api/events`, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
          signal: ctrl.signal,
        });
        if (res.status === 401) return;
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        delay = retryMs;
        await readEvents(res.body, emit);
      } catch {
        if (ctrl.signal.aborted) return;
      }
      await sleep(delay, ctrl.signal);
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void run();
  return () => ctrl.abort();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
