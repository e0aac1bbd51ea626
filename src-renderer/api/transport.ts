// Calls the contract: over IPC in the Electron window (window.crm), over HTTP in a browser tab.
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api';
import type { ApiError, ApiResult } from '../../src-shared/errors';
import type { PushEventName, PushEvents } from '../../src-shared/events';
import { readEvents } from '../../src-shared/sse';
import type { CrmBridge } from '../../src-shared/bridge';

/** The bridge the Electron preload exposes (declared in src-shared, where the preload checks against it); absent in a browser. */
export type { CrmBridge };
declare global {
  interface Window {
    crm?: CrmBridge;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.code);
  }
  get code() {
    return this.error.code;
  }
}

const TOKEN_KEY = 'crm.token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
const unauthorizedListeners = new Set<() => void>();

export function setToken(t: string | null): void {
  token = t;
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}
export const getToken = () => token;

/** Called when the server says the session is gone (expired or revoked): the app shows the login. */
export function onUnauthorized(l: () => void): () => void {
  unauthorizedListeners.add(l);
  return () => unauthorizedListeners.delete(l);
}

async function rawCall(method: string, input: unknown): Promise<ApiResult<unknown>> {
  if (window.crm) return window.crm.call(method, input, token);
  let res: Response;
  try {
    res = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', detail: 'network' } };
  }
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', detail: `HTTP ${res.status}` } };
  }
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await rawCall(method, input);
  if (!result.ok) {
    if (result.error.code === 'UNAUTHORIZED' && method !== 'auth.login') for (const l of unauthorizedListeners) l();
    throw new ApiCallError(result.error);
  }
  return result.data as MethodOutput<M>;
}

type Listener = (event: PushEventName, data: PushEvents[PushEventName]) => void;
const pushListeners = new Set<Listener>();
let stopStream: (() => void) | null = null;

function dispatchPush(event: string, data: unknown) {
  for (const l of pushListeners) l(event as PushEventName, data as PushEvents[PushEventName]);
}

/** Reads Server-Sent Events with fetch, so the token travels in a header rather than in the URL. */
function openSse(): () => void {
  const ctrl = new AbortController();
  let retry = 1000;
  const run = async () => {
    while (!ctrl.signal.aborted) {
      try {
        const res = await fetch('api/events', { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: ctrl.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        retry = 1000;
        await readEvents(res.body, dispatchPush);
      } catch {
        if (ctrl.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, retry));
      retry = Math.min(retry * 2, 30_000);
    }
  };
  void run();
  return () => ctrl.abort();
}

/** Subscribes to push events; the stream is opened on the first subscriber. */
export function onPush(listener: Listener): () => void {
  pushListeners.add(listener);
  if (!stopStream) stopStream = window.crm ? window.crm.onEvent(dispatchPush) : openSse();
  return () => {
    pushListeners.delete(listener);
    if (pushListeners.size === 0 && stopStream) {
      stopStream();
      stopStream = null;
    }
  };
}

/** Restarts the stream after sign-in so it carries the new token. */
export function resetPush(): void {
  if (stopStream) {
    stopStream();
    stopStream = window.crm ? window.crm.onEvent(dispatchPush) : openSse();
  }
}
