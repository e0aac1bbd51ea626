// Saves a file the server keeps (a USR file, a Главбух request): through the desktop bridge when there is one, else GET /files/<kind>/<id>.
import type { ApiResult } from '../../src-shared/errors';
import type { DownloadedFile } from '../../src-shared/bridge';
import { ApiCallError, getToken } from './transport';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rejects with ApiCallError (FORBIDDEN, NOT_FOUND …) as `call` does. `bridge` is the desktop app's method for this kind. */
export async function downloadStoredFile(
  route: string,
  id: number,
  name: string,
  bridge: ((id: number, token: string | null) => Promise<ApiResult<DownloadedFile>>) | undefined,
): Promise<void> {
  const token = getToken();
  if (bridge) {
    const r = await bridge(id, token);
    if (!r.ok) throw new ApiCallError(r.error);
    save(new Blob([r.data.bytes as Uint8Array<ArrayBuffer>]), r.data.name);
    return;
  }
  const res = await fetch(`files/${route}/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiCallError({ code: res.status === 404 ? 'NOT_FOUND' : res.status === 403 ? 'FORBIDDEN' : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL' });
  save(await res.blob(), name);
}
