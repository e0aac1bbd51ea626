// What the desktop window talks to: the core on a local database file, or a shared server over HTTP and SSE.
// No electron import here, so both backends are tested in plain Node against the real core and server host.
import { api, isMethodName } from '../../src-shared/api';
import { readEvents, type SseListener } from '../../src-shared/sse';
import type { ApiResult } from '../../src-shared/errors';
import { createCore } from '../core';
import { setSecretBox, type SecretBox } from '../features/mail/secrets';
import { startMailJobs, type MailJobs } from '../jobs/runner';

export type EventListener = SseListener;
export { readEvents };

export interface Backend {
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
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

/** Local mode: this process owns the database file and runs the background jobs. */
export function localBackend(dbPath: string, opts: LocalOptions = {}): Backend {
  const core = createCore({ dbPath });
  if (opts.secretBox) setSecretBox(core.db, opts.secretBox);
  const jobs: MailJobs | null = opts.mailJobs ? startMailJobs(core) : null;
  let closing: Promise<void> | null = null;
  return {
    call: (method, input, token) => core.call(method, input, token),
    onEvent: (listener) => core.bus.subscribe((msg) => listener(msg.event, msg.data)),
    close: () =>
      (closing ??= (async () => {
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
      if (result.ok) {
        if (method === 'auth.login' || method === 'auth.setup') follow((result.data as { token: string }).token);
        else if (method === 'auth.logout') follow(null);
        // A public method succeeds with any token, so only a protected one proves the session is alive.
        else if (token && api[method].access !== 'public') follow(token);
      } else if (result.error.code === 'UNAUTHORIZED' && token === streamToken) {
        follow(null);
      }
      return result;
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
