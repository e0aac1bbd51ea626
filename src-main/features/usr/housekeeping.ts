// Housekeeping of stored USR files: storage per year, and retention that removes old files' bytes (the facts and the newest file of every kit stay).
import fs from 'node:fs';
import type { Db } from '../../db/connection';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { storedPath } from '../imports/store';
import { USR_PLAN_LIST, type UsrHousekeepingSummary, type UsrPurgeCandidate, type UsrPurgePlan, type UsrPurgeResult } from '../../../src-shared/usr-card';

/** The file's date as a day: its own date, else the day it was imported. */
const FILE_DAY = `substr(COALESCE(f.file_at, f.imported_at), 1, 10)`;

export function usrStorageSummary(db: Db, retentionYears: number | null): UsrHousekeepingSummary {
  const years = stmt(
    db,
    `SELECT substr(${FILE_DAY}, 1, 4) AS year, COUNT(*) AS files,
       COALESCE(SUM(CASE WHEN f.purged_at IS NULL THEN i.size ELSE 0 END), 0) AS bytes,
       SUM(CASE WHEN f.purged_at IS NULL THEN 0 ELSE 1 END) AS purged
     FROM usr_files f JOIN import_files i ON i.id = f.file_id GROUP BY year ORDER BY year DESC`,
  ).all() as UsrHousekeepingSummary['years'];
  return {
    files: years.reduce((n, y) => n + y.files, 0),
    bytes: years.reduce((n, y) => n + y.bytes, 0),
    purged: years.reduce((n, y) => n + y.purged, 0),
    years,
    retentionYears,
  };
}

/** The first day still kept: `today` moved back by whole years (29 February falls back to the 28th). */
export function retentionStart(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y - years, m - 1, d));
  if (back.getUTCMonth() !== m - 1) back.setUTCDate(0);
  return back.toISOString().slice(0, 10);
}

/**
 * Files that retention removes: not yet purged, dated before `before`, and — for every kit the file names — not the
 * kit's newest file (by the file's date; `usr_kits.last_file_id` too), so a kit never loses its last file.
 * A file naming no kit at all is kept.
 */
const CANDIDATES = `FROM usr_files f JOIN import_files i ON i.id = f.file_id
  WHERE f.purged_at IS NULL AND ${FILE_DAY} < @before
    AND EXISTS (SELECT 1 FROM usr_file_kits x WHERE x.usr_file_id = f.id)
    AND NOT EXISTS (
      SELECT 1 FROM usr_file_kits x JOIN usr_kits k ON k.id = x.usr_kit_id
      WHERE x.usr_file_id = f.id AND (
        k.last_file_id = f.id
        OR f.id = (SELECT g.id FROM usr_file_kits y JOIN usr_files g ON g.id = y.usr_file_id WHERE y.usr_kit_id = k.id
                   ORDER BY COALESCE(g.file_at, g.imported_at) DESC, g.id DESC LIMIT 1)))`;

export function purgePlan(db: Db, today: string, retentionYears: number | null): UsrPurgePlan {
  if (retentionYears == null) return { retentionYears, before: null, total: 0, bytes: 0, items: [] };
  const before = retentionStart(today, retentionYears);
  const totals = stmt(db, `SELECT COUNT(*) AS total, COALESCE(SUM(i.size), 0) AS bytes ${CANDIDATES}`).get({ before }) as { total: number; bytes: number };
  const rows = stmt(
    db,
    `SELECT f.id, f.name, f.file_at AS fileAt, i.size,
       (SELECT group_concat(k.system_code || ' ' || k.distr_number || CASE WHEN k.comp <> 1 THEN '/' || k.comp ELSE '' END, ', ')
          FROM usr_file_kits x JOIN usr_kits k ON k.id = x.usr_kit_id WHERE x.usr_file_id = f.id) AS kits
     ${CANDIDATES} ORDER BY ${FILE_DAY}, f.id LIMIT @limit`,
  ).all({ before, limit: USR_PLAN_LIST }) as (Omit<UsrPurgeCandidate, 'kits'> & { kits: string | null })[];
  return { retentionYears, before, ...totals, items: rows.map((r) => ({ ...r, kits: r.kits ? r.kits.split(', ') : [] })) };
}

const CHUNK = 200;

/**
 * Removes the bytes of the plan's files, a chunk at a time: each chunk marks its files purged in one transaction,
 * then deletes their bytes from the store (a crash between leaves bytes nobody lists — never a listed file without bytes).
 * The import_files row stays, so the same bytes arriving again are still a duplicate.
 */
export function purgeRun(db: Db, today: string, retentionYears: number | null, now: () => string): UsrPurgeResult {
  if (retentionYears == null) return { purged: 0, bytes: 0 };
  const before = retentionStart(today, retentionYears);
  let purged = 0;
  let bytes = 0;
  for (;;) {
    const chunk = tx(db, () => {
      const rows = stmt(db, `SELECT f.id, i.sha256, i.size ${CANDIDATES} ORDER BY f.id LIMIT @limit`).all({ before, limit: CHUNK }) as { id: number; sha256: string; size: number }[];
      const mark = stmt(db, 'UPDATE usr_files SET purged_at = ? WHERE id = ? AND purged_at IS NULL');
      const at = now();
      for (const r of rows) mark.run(at, r.id);
      return rows;
    });
    if (chunk.length === 0) break;
    for (const r of chunk) {
      // Another USR record never shares these bytes (usr_files.file_id is unique), so the bytes are the file's alone.
      const p = storedPath(db, r.sha256);
      if (p) fs.rmSync(p, { force: true });
      purged++;
      bytes += r.size;
    }
  }
  return { purged, bytes };
}

/** The plan's count now, for `run` to refuse when it differs from what a person confirmed. */
export function purgeCount(db: Db, today: string, retentionYears: number | null): number {
  if (retentionYears == null) return 0;
  return (stmt(db, `SELECT COUNT(*) AS n ${CANDIDATES}`).get({ before: retentionStart(today, retentionYears) }) as { n: number }).n;
}
