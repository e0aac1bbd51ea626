// Download of a saved monthly НСС report to the КЦ (GET /files/nss-kc/<id>, the desktop bridge): the exact bytes that were saved.
import type { Db } from '../../db/connection';
import type { Clock } from '../../api/context';
import type { ApiResult } from '../../../src-shared/errors';
import type { DownloadedFile } from '../../../src-shared/bridge';
import { NSS_KC_ROLES } from '../../../src-shared/api/nss-kc';
import { userForToken } from '../auth/sessions';
import { stmt } from '../../db/stmt';

/** Whoever may read the archive (`nss.kc.get`). The file is kept in the database, whole. */
export function downloadNssKc(deps: { db: Db; clock: Clock }, token: string | null, idText: string): ApiResult<DownloadedFile> {
  const user = token ? userForToken(deps.db, token, deps.clock.now()) : null;
  if (!user) return { ok: false, error: { code: 'UNAUTHORIZED' } };
  if (!user.roles.some((r) => NSS_KC_ROLES.includes(r))) return { ok: false, error: { code: 'FORBIDDEN', detail: 'nss.kc' } };
  if (!/^[1-9]\d{0,15}$/.test(idText)) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  const row = stmt(deps.db, 'SELECT file_name AS name, content FROM nss_kc_reports WHERE id = ?').get(Number(idText)) as { name: string; content: Buffer } | undefined;
  if (!row) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  return { ok: true, data: { name: row.name, bytes: new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength) } };
}
