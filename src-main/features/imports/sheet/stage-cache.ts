// A staged spreadsheet's parsed content kept in memory per stage for its review and apply (a stage's content never changes).
import type { Db } from '../../../db/connection';
import { AppError, notFound } from '../../../api/errors';
import { stmt } from '../../../db/stmt';
import type { ParsedFile } from '../format';

export interface StagedSheet<R> {
  state: string;
  fileId: number;
  /** The stored file's name. */
  name: string;
  parsed: ParsedFile<R>;
}

/**
 * One cache per staged format: `load` reads a stage of that kind (NOT_FOUND, or BAD_INPUT `wrong_kind` naming `what`),
 * `cached` is the format's `stagedParsed` (the stored JSON's length guards the entry). Keyed by the database file too:
 * tests and the bench open several.
 */
export function stageSheetCache<R>(kind: string, what: string) {
  const entries = new Map<string, { parsed: ParsedFile<R>; fileId: number; jsonLength: number }>();
  const keyOf = (db: Db, stageId: number) => `${db.$client.name}:${stageId}`;
  return {
    cached(db: Db, stageId: number, fileId: number, jsonLength: number): ParsedFile<R> | undefined {
      const e = entries.get(keyOf(db, stageId));
      return e && e.fileId === fileId && e.jsonLength === jsonLength ? e.parsed : undefined;
    },
    load(db: Db, stageId: number): StagedSheet<R> {
      const s = stmt(db, 'SELECT s.kind, s.state, s.file_id AS fileId, f.name FROM import_stages s JOIN import_files f ON f.id = s.file_id WHERE s.id = ?').get(stageId) as
        | { kind: string; state: string; fileId: number; name: string }
        | undefined;
      if (!s) throw notFound('stage');
      if (s.kind !== kind) throw new AppError('BAD_INPUT', `not a ${what}`, [{ path: 'stageId', reason: 'wrong_kind' }]);
      const key = keyOf(db, stageId);
      let entry = entries.get(key);
      if (!entry || entry.fileId !== s.fileId) {
        const row = stmt(db, 'SELECT parsed FROM import_stages WHERE id = ?').get(stageId) as { parsed: string };
        entry = { parsed: JSON.parse(row.parsed) as ParsedFile<R>, fileId: s.fileId, jsonLength: row.parsed.length };
        entries.set(key, entry);
        if (entries.size > 8) entries.delete(entries.keys().next().value!);
      }
      return { state: s.state, fileId: s.fileId, name: s.name, parsed: entry.parsed };
    },
  };
}
