// Saves a stored USR file: through the desktop bridge, or GET /files/usr/<id> in a browser.
import { ApiCallError, getToken } from '../../api/transport';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rejects with ApiCallError (FORBIDDEN, NOT_FOUND …) as `call` does. */
export async function downloadUsrFile(id: number, name: string): Promise<void> {
  const token = getToken();
  if (window.crm?.downloadUsr) {
    const r = await window.crm.downloadUsr(id, token);
    if (!r.ok) throw new ApiCallError(r.error);
    save(new Blob([r.data.bytes as Uint8Array<ArrayBuffer>]), r.data.name);
    return;
  }
  const res = await fetch(`files/usr/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiCallError({ code: res.status === 404 ? 'NOT_FOUND' : res.status === 403 ? 'FORBIDDEN' : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL' });
  save(await res.blob(), name);
}
