// The bridge the Electron preload exposes to the renderer as `window.crm` (absent in a browser tab).
import type { ApiResult } from './errors';
import type { UploadedFile } from './imports';

export interface CrmBridge {
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: string, data: unknown) => void): () => void;
  /** Shows a desktop notification through the host; resolves true when the employee clicks it. */
  notify?(note: { title: string; body: string; tag: string }): Promise<boolean>;
  /** Puts a file into the import store (what POST /upload/imports does in a browser). */
  upload?(name: string, bytes: Uint8Array, token: string | null): Promise<ApiResult<UploadedFile>>;
}
