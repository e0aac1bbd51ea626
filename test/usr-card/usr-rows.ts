// Test helper: puts a stored USR file and its facts into the usr_* tables by plain SQL (what the USR intake will write), bytes in the import store.
import type { Db } from '../../src-main/db/connection';
import { storeBytes } from '../../src-main/features/imports/store';
import { usrBytes, usrName, type GenUsr } from '../helpers/usr-gen';

export interface StoredUsr {
  usrFileId: number;
  fileId: number;
  sha256: string;
  bytes: Buffer;
  name: string;
  kitIds: number[];
}

function kitId(db: Db, code: string, number: number | null, distr: number, comp: number, now: string): number {
  const c = db.$client;
  const found = c.prepare('SELECT id FROM usr_kits WHERE system_code = ? AND distr_number = ? AND comp = ?').get(code, distr, comp) as { id: number } | undefined;
  if (found) return found.id;
  const d = c.prepare('SELECT id FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?').get(code, distr, comp) as { id: number } | undefined;
  return Number(
    c
      .prepare('INSERT INTO usr_kits (system_code, system_number, distr_number, comp, distribution_id, first_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code, number, distr, comp, d?.id ?? null, now).lastInsertRowid,
  );
}

/**
 * Stores the generated file `g` as the intake would: the bytes in the store, an import_files row (applied, kind usr),
 * the usr_files row, its kits, banks, proven updates (once per kit/bank/date) and the kits' newest update and file.
 */
export function putUsr(db: Db, g: GenUsr, opts: { now?: string; name?: string } = {}): StoredUsr {
  const now = opts.now ?? '2026-11-27T09:00:00.000Z';
  const bytes = usrBytes(g);
  const name = opts.name ?? usrName(g);
  const c = db.$client;
  const stored = storeBytes(db, bytes, name, now);
  c.prepare("UPDATE import_files SET kind = 'usr', outcome = 'applied' WHERE id = ?").run(stored.fileId);
  const all = g.banks.flatMap((b) => b.updates).sort();
  const newest = all[all.length - 1] ?? null;
  const fileDay = g.fileDate === undefined ? newest : g.fileDate;
  const fileAt = fileDay ? `${fileDay}T${g.fileTime ?? '10:00:00'}` : null;
  return c.transaction(() => {
    const usrFileId = Number(
      c
        .prepare(
          `INSERT INTO usr_files (file_id, name, name_system_number, file_at, format_version, newest_update, status, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, 'stored', ?)`,
        )
        .run(stored.fileId, name, g.kits[0]?.number ?? null, fileAt, g.formatVersion ?? 5, newest, now).lastInsertRowid,
    );
    const kitIds: number[] = [];
    for (const k of g.kits) {
      const id = kitId(db, k.code, k.number, k.distr, k.comp ?? 1, now);
      kitIds.push(id);
      c.prepare('INSERT INTO usr_file_kits (usr_file_id, usr_kit_id, element) VALUES (?, ?, ?)').run(usrFileId, id, `${k.code}_${k.number ?? ''}`);
    }
    for (const b of g.banks) {
      const idx = b.distr == null ? 0 : g.kits.findIndex((k) => k.distr === b.distr && (k.comp ?? 1) === (b.comp ?? 1));
      const kit = kitIds[idx < 0 ? 0 : idx]!;
      const last = [...b.updates].sort().pop() ?? null;
      c.prepare('INSERT INTO usr_banks (usr_file_id, usr_kit_id, code, name, last_update, last_docs, update_count) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        usrFileId,
        kit,
        b.code,
        b.name ?? null,
        last,
        b.docs ?? null,
        b.updates.length,
      );
      for (const d of b.updates)
        c.prepare('INSERT OR IGNORE INTO usr_updates (usr_kit_id, bank, date, docs, usr_file_id) VALUES (?, ?, ?, ?, ?)').run(kit, b.code, d, b.docs ?? null, usrFileId);
    }
    for (const id of kitIds) {
      c.prepare('UPDATE usr_kits SET last_update = (SELECT MAX(date) FROM usr_updates WHERE usr_kit_id = ?) WHERE id = ?').run(id, id);
      const newestFile = c
        .prepare(
          `SELECT f.id, f.file_at AS fileAt FROM usr_file_kits x JOIN usr_files f ON f.id = x.usr_file_id WHERE x.usr_kit_id = ?
           ORDER BY COALESCE(f.file_at, f.imported_at) DESC, f.id DESC LIMIT 1`,
        )
        .get(id) as { id: number; fileAt: string | null };
      c.prepare('UPDATE usr_kits SET last_file_id = ?, last_file_at = ? WHERE id = ?').run(newestFile.id, newestFile.fileAt, id);
    }
    return { usrFileId, fileId: stored.fileId, sha256: stored.sha256, bytes, name, kitIds };
  })();
}
