// The import journal: batches with their counts, and one batch's files with their problems.
import fs from 'node:fs';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { ImportBatchDetail, ImportBatchRow, ImportFolderRow, ImportProblem, ImportResultRow } from '../../../src-shared/imports';

const BATCH_SQL = `SELECT b.id, b.source, b.folder, b.created_by AS createdBy, e.full_name AS createdByName, b.created_at AS createdAt,
    b.finished_at AS finishedAt, b.state, b.files_total AS filesTotal, b.files_done AS filesDone, b.options,
    coalesce((SELECT sum(added) FROM import_results WHERE batch_id = b.id), 0) AS added,
    coalesce((SELECT sum(skipped) FROM import_results WHERE batch_id = b.id), 0) AS skipped,
    coalesce((SELECT sum(flagged) FROM import_results WHERE batch_id = b.id), 0) AS flagged,
    (SELECT count(*) FROM import_results WHERE batch_id = b.id AND status NOT IN ('pending', 'applied', 'stored', 'unknown_kit', 'opened', 'staged', 'duplicate', 'discarded')) AS refused
  FROM import_batches b LEFT JOIN employees e ON e.id = b.created_by`;

/** Problems sent per file with a batch (the journal keeps up to 500; the count says how many there were). */
const PROBLEMS_SHOWN = 100;

type BatchSqlRow = Omit<ImportBatchRow, never> & { options: string };

const strip = ({ options: _o, ...row }: BatchSqlRow): ImportBatchRow => row;

/** Newest first; `employeeId` limits the list to that employee's batches (null: every batch). */
export function listBatches(db: Db, employeeId: number | null, limit: number, beforeId?: number): ImportBatchRow[] {
  const where = [employeeId != null ? 'b.created_by = @employeeId' : null, beforeId != null ? 'b.id < @beforeId' : null].filter(Boolean);
  const sql = `${BATCH_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.id DESC LIMIT @limit`;
  return (stmt(db, sql).all({ employeeId, beforeId: beforeId ?? null, limit }) as BatchSqlRow[]).map(strip);
}

export function batchDetail(db: Db, batchId: number): ImportBatchDetail | undefined {
  const b = stmt(db, `${BATCH_SQL} WHERE b.id = ?`).get(batchId) as BatchSqlRow | undefined;
  if (!b) return undefined;
  const results = (
    stmt(
      db,
      `SELECT r.id, r.parent_id AS parentId, r.name, r.kind, r.status, r.added, r.skipped, r.flagged, r.problems, r.problem_count AS problemCount,
         f.sha256, f.size, (SELECT s.id FROM import_stages s WHERE s.result_id = r.id AND s.state = 'staged') AS stageId
       FROM import_results r LEFT JOIN import_files f ON f.id = r.file_id WHERE r.batch_id = ? ORDER BY r.id`,
    ).all(batchId) as (Omit<ImportResultRow, 'problems'> & { problems: string })[]
  ).map((r) => ({ ...r, problems: (JSON.parse(r.problems) as ImportProblem[]).slice(0, PROBLEMS_SHOWN) }));
  let options: Record<string, unknown> = {};
  try {
    options = JSON.parse(b.options) as Record<string, unknown>;
  } catch {
    // written by the core; unreadable means none
  }
  return { ...strip(b), options, results };
}

export function batchOwner(db: Db, batchId: number): { createdBy: number | null } | undefined {
  return stmt(db, 'SELECT created_by AS createdBy FROM import_batches WHERE id = ?').get(batchId) as { createdBy: number | null } | undefined;
}

export function listFolders(db: Db): ImportFolderRow[] {
  const rows = stmt(
    db,
    'SELECT f.id, f.path, f.label, f.enabled, f.employee_id AS employeeId, e.full_name AS employeeName FROM import_folders f LEFT JOIN employees e ON e.id = f.employee_id ORDER BY f.id',
  ).all() as (Omit<ImportFolderRow, 'enabled' | 'readable'> & { enabled: number })[];
  return rows.map((r) => {
    let readable = false;
    try {
      readable = fs.statSync(r.path).isDirectory();
      fs.accessSync(r.path, fs.constants.R_OK);
    } catch {
      readable = false;
    }
    return { ...r, enabled: r.enabled === 1, readable };
  });
}
