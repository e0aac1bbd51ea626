// Download of a stored certification request file (GET /files/glavbukh/<id>, the desktop bridge): the exact bytes that left the program.
import type { Db } from '../../db/connection';
import type { Clock } from '../../api/context';
import type { ApiResult } from '../../../src-shared/errors';
import type { DownloadedFile } from '../../../src-shared/bridge';
import { GB_REQUESTERS } from '../../../src-shared/glavbukh-requests';
import { userForToken } from '../auth/sessions';
import { stmt } from '../../db/stmt';

/** Whoever may see the archive (`glavbukh.requests.get`). The file is kept in the database, whole (a few hundred KB at most). */
export function downloadGbRequest(deps: { db: Db; clock: Clock }, token: string | null, idText: string): ApiResult<DownloadedFile> {
  const user = token ? userForToken(deps.db, token, deps.clock.now()) : null;
  if (!user) return { ok: false, error: { code: 'UNAUTHORIZED' } };
  if (!user.roles.some((r) => GB_REQUESTERS.includes(r))) return { ok: false, error: { code: 'FORBIDDEN', detail: 'glavbukh.request' } };
  if (!/^[1-9]\d{0,15}$/.test(idText)) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  const row = stmt(deps.db, 'SELECT file_name AS name, content FROM gb_requests WHERE id = ?').get(Number(idText)) as { name: string; content: Buffer } | undefined;
  if (!row) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  return { ok: true, data: { name: row.name, bytes: new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength) } };
}
