// Download of one stored USR file (GET /files/usr/<id>, the desktop bridge): whoever may see a client the file belongs to.
import fs from 'node:fs';
import type { Db } from '../../db/connection';
import type { Clock } from '../../api/context';
import type { ApiResult } from '../../../src-shared/errors';
import { ANY_STAFF, MANAGERS } from '../../../src-shared/roles';
import { userForToken } from '../auth/sessions';
import { stmt } from '../../db/stmt';
import { storedPath } from '../imports/store';

export interface UsrDownload {
  path: string;
  name: string;
  size: number;
}

/**
 * A file linked to a client follows the card's rule (`usr.card`: any signed-in employee). A file no client owns yet
 * (its kits unknown) is the importer's and the heads' alone, as a stored import is (features/imports/upload.ts).
 */
export function downloadUsr(deps: { db: Db; clock: Clock }, token: string | null, idText: string): ApiResult<UsrDownload> {
  const user = token ? userForToken(deps.db, token, deps.clock.now()) : null;
  if (!user) return { ok: false, error: { code: 'UNAUTHORIZED' } };
  if (!user.roles.some((r) => ANY_STAFF.includes(r))) return { ok: false, error: { code: 'FORBIDDEN', detail: 'usr.file' } };
  if (!/^[1-9]\d{0,15}$/.test(idText)) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  const row = stmt(
    deps.db,
    `SELECT f.id, f.name, f.imported_by AS importedBy, f.purged_at AS purgedAt, i.sha256, i.size,
       EXISTS (SELECT 1 FROM usr_file_kits x JOIN usr_kits k ON k.id = x.usr_kit_id JOIN distributions d ON d.id = k.distribution_id
               JOIN clients c ON c.id = d.client_id WHERE x.usr_file_id = f.id) AS linked
     FROM usr_files f JOIN import_files i ON i.id = f.file_id WHERE f.id = ?`,
  ).get(Number(idText)) as { id: number; name: string; importedBy: number | null; purgedAt: string | null; sha256: string; size: number; linked: number } | undefined;
  if (!row) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  if (!row.linked && row.importedBy !== user.id && !user.roles.some((r) => MANAGERS.includes(r))) return { ok: false, error: { code: 'FORBIDDEN', detail: 'usr.file' } };
  if (row.purgedAt) return { ok: false, error: { code: 'NOT_FOUND', detail: 'purged' } };
  const p = storedPath(deps.db, row.sha256);
  if (!p || !fs.existsSync(p)) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  return { ok: true, data: { path: p, name: row.name, size: row.size } };
}
