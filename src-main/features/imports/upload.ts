// Streaming upload into the import store and download out of it, for files past the API's 1 MiB body: same sign-in and roles as the contract.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection';
import type { Clock } from '../../api/context';
import type { ApiResult } from '../../../src-shared/errors';
import type { UploadedFile } from '../../../src-shared/imports';
import { IMPORTERS } from '../../../src-shared/api/imports';
import { userForToken } from '../auth/sessions';
import { MANAGERS } from '../../../src-shared/roles';
import type { SessionUser } from '../../../src-shared/types';
import { stmt } from '../../db/stmt';
import { storedPath, storeStream, TooLargeError } from './store';

function allowed(db: Db, clock: Clock, token: string | null): ApiResult<never> | { user: SessionUser } {
  const user = token ? userForToken(db, token, clock.now()) : null;
  if (!user) return { ok: false, error: { code: 'UNAUTHORIZED' } };
  if (!user.roles.some((r) => IMPORTERS.includes(r))) return { ok: false, error: { code: 'FORBIDDEN', detail: 'upload' } };
  return { user };
}

/** Checks the caller before a byte is read; the body streams into the store (hashed as it goes, capped). */
export async function uploadImport(deps: { db: Db; clock: Clock }, token: string | null, name: string, body: Readable | AsyncIterable<Uint8Array>): Promise<ApiResult<UploadedFile>> {
  const who = allowed(deps.db, deps.clock, token);
  if ('ok' in who) return who;
  try {
    const f = await storeStream(deps.db, body, name, () => deps.clock.now().toISOString());
    return { ok: true, data: { sha256: f.sha256, size: f.size, name: f.name, seen: f.outcome != null } };
  } catch (err) {
    if (err instanceof TooLargeError) return { ok: false, error: { code: 'BAD_INPUT', detail: 'too_large', issues: [{ path: '', reason: 'too_large' }] } };
    throw err;
  }
}

/** A stored file for download: its path and first name, or why not. */
export function downloadImport(deps: { db: Db; clock: Clock }, token: string | null, sha256: string): ApiResult<{ path: string; name: string; size: number }> {
  const who = allowed(deps.db, deps.clock, token);
  if ('ok' in who) return who;
  const p = storedPath(deps.db, sha256);
  const row = p ? (stmt(deps.db, 'SELECT id, name, size FROM import_files WHERE sha256 = ?').get(sha256) as { id: number; name: string; size: number } | undefined) : undefined;
  // Heads and administrators take any stored file; anyone else the files of their own imports (a hash is no key).
  const seesAll = who.user.roles.some((r) => MANAGERS.includes(r));
  if (row && !seesAll && !stmt(deps.db, 'SELECT 1 FROM import_results r JOIN import_batches b ON b.id = r.batch_id WHERE r.file_id = ? AND b.created_by = ?').get(row.id, who.user.id))
    return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  if (!p || !row || !fs.existsSync(p)) return { ok: false, error: { code: 'NOT_FOUND', detail: 'file' } };
  return { ok: true, data: { path: p, name: row.name, size: row.size } };
}
