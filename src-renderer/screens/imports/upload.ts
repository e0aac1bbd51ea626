// Sends a file into the import store: through the desktop bridge, or streamed over HTTP with upload progress in a browser.
import { getToken, ApiCallError } from '../../api/transport';
import type { ApiResult } from '../../../src-shared/errors';
import type { UploadedFile } from '../../../src-shared/imports';

/** Uploads one file; `onProgress` gets the share sent (0…1). Rejects with ApiCallError as `call` does. */
export async function uploadFile(file: File, onProgress: (share: number) => void): Promise<UploadedFile> {
  const token = getToken();
  let result: ApiResult<UploadedFile>;
  if (window.crm?.upload) {
    result = await window.crm.upload(file.name, new Uint8Array(await file.arrayBuffer()), token);
    onProgress(1);
  } else {
    result = await new Promise<ApiResult<UploadedFile>>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `upload/imports?name=${encodeURIComponent(file.name)}`);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        try {
          resolve(JSON.parse(xhr.responseText) as ApiResult<UploadedFile>);
        } catch {
          resolve({ ok: false, error: { code: 'INTERNAL', detail: `HTTP ${xhr.status}` } });
        }
      };
      xhr.onerror = () => resolve({ ok: false, error: { code: 'INTERNAL', detail: 'network' } });
      xhr.send(file);
    });
  }
  if (!result.ok) throw new ApiCallError(result.error);
  onProgress(1);
  return result.data;
}

/** Saves a stored import file (GET /files/imports/<sha>) under its first name. */
export async function downloadStored(sha256: string, name: string): Promise<void> {
  const token = getToken();
  const res = await fetch(`files/imports/${sha256}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiCallError({ code: res.status === 404 ? 'NOT_FOUND' : res.status === 403 ? 'FORBIDDEN' : 'INTERNAL' });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
