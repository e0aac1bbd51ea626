// The bridge the Electron preload exposes to the renderer as `window.crm` (absent in a browser tab).
import type { ApiResult } from './errors';
import type { UploadedFile } from './imports';

export interface CrmBridge {
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: string, data: unknown) => void): () => void;
  /** Shows a desktop notification through the host; resolves true when the employee clicks it. */
  notify?(note: { title: string; body: string; tag: string }): Promise<boolean>;
  /** The system clipboard's text (the chat operator window's «Из буфера»; the page itself is not granted clipboard reads). */
  readClipboard?(): Promise<string>;
  /** Keeps the calling window above other programs (the chat operator window). */
  setAlwaysOnTop?(on: boolean): Promise<boolean>;
  /** The host asks the main window to open the operator window looking up `q` (its global shortcut). */
  onOpenOperator?(listener: (q: string) => void): () => void;
  /** Puts a file into the import store (what POST /upload/imports does in a browser). */
  upload?(name: string, bytes: Uint8Array, token: string | null): Promise<ApiResult<UploadedFile>>;
  /**
   * Saves a one-time download (`files/usr-zip/<token>`, a USR ZIP) to a file the employee picks, streamed by the host
   * (what following the link does in a browser).
   */
  saveDownload?(url: string, name: string): Promise<{ ok: true; path: string } | { ok: false; reason: 'cancelled' | 'not_found' | 'failed' }>;
  /** A stored USR file's bytes and name (what GET /files/usr/<id> gives in a browser). */
  downloadUsr?(usrFileId: number, token: string | null): Promise<ApiResult<DownloadedFile>>;
  /** A Главбух certification request's stored file (what GET /files/glavbukh/<id> gives in a browser). */
  downloadGbRequest?(requestId: number, token: string | null): Promise<ApiResult<DownloadedFile>>;
  /** A saved monthly НСС report to the КЦ (what GET /files/nss-kc/<id> gives in a browser). */
  downloadNssKc?(reportId: number, token: string | null): Promise<ApiResult<DownloadedFile>>;
}

/** A file handed to the window whole (USR files are tens of kilobytes). */
export interface DownloadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The chat operator window: the popup's name (one window, reused) and its route, shared by the renderer and the Electron host. */
export const OPERATOR_WINDOW_NAME = 'crm-operator';
export const OPERATOR_ROUTE = '/chat/operator';
