// The backup layout: one folder per backup with the database, its key, the file stores and manifest.json (checksums, table counts); reading and verifying it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hashFile, walkFiles } from './files';

export const MANIFEST = 'manifest.json';
export const FORMAT = 'ric-crm-backup/1';
/** Temp folders of runs in progress (or killed) start with this; the next run removes dead ones. */
export const PARTIAL_PREFIX = '.partial-';

export interface ManifestFile {
  /** Relative to the backup folder, forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  /** The database the backup was made from (for the reader; restore may target another path). */
  source: { db: string; host: string };
  database: {
    /** File name inside the backup folder: the source's base name, so the key's name `<db>.key` still matches. */
    file: string;
    /** Rows per table at the snapshot (checked again on restore). */
    tables: Record<string, number>;
    /** Migrations applied, and the time stamp of the newest (a restore refuses a backup newer than the program). */
    migrations: number;
    lastMigrationAt: number | null;
  };
  /** `<db>.key` (mailbox passwords), when the database had one. */
  key: string | null;
  stores: { name: string; folder: string; files: number; bytes: number }[];
  files: ManifestFile[];
  bytes: number;
  durationMs: number;
}

export class BackupInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}

/** `<db base>-2026-11-27T09-00-00Z`: sorts by time, safe on every file system. */
export function backupName(dbFile: string, at: Date): string {
  const base = path.basename(dbFile).replace(/\.(db|sqlite3?)$/i, '') || 'crm';
  return `${base}-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
}

export function readManifest(dir: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch (err) {
    throw new BackupInvalidError(`${dir} is not a backup (${MANIFEST}: ${(err as Error).message})`);
  }
  if (m.format !== FORMAT) throw new BackupInvalidError(`${dir}: unknown backup format ${String(m.format)}`);
  return m;
}

/** Rows per table, excluding SQLite's own and FTS shadow tables (their counts follow from the content). */
export function tableCounts(db: Database.Database): Record<string, number> {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => (r as { name: string }).name);
  const shadow = new Set<string>();
  for (const n of names) for (const s of ['_data', '_idx', '_content', '_docsize', '_config']) shadow.add(`${n}${s}`);
  const out: Record<string, number> = {};
  for (const n of names) {
    if (shadow.has(n)) continue;
    out[n] = (db.prepare(`SELECT COUNT(*) AS n FROM "${n.replace(/"/g, '""')}"`).get() as { n: number }).n;
  }
  return out;
}

export function migrationState(db: Database.Database): { migrations: number; lastMigrationAt: number | null } {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!has) return { migrations: 0, lastMigrationAt: null };
  const r = db.prepare('SELECT COUNT(*) AS n, MAX(created_at) AS last FROM __drizzle_migrations').get() as { n: number; last: number | null };
  return { migrations: r.n, lastMigrationAt: r.last == null ? null : Number(r.last) };
}

/**
 * Checks a backup folder against its manifest: every file present with its size and checksum, no file missing,
 * the database passing integrity_check and holding the counted rows. Throws BackupInvalidError on the first problem.
 */
export function verifyBackup(dir: string, manifest = readManifest(dir)): Manifest {
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const full = path.join(dir, ...f.path.split('/'));
    if (!fs.existsSync(full)) throw new BackupInvalidError(`${f.path} is missing`);
    const sum = hashFile(full);
    if (sum.bytes !== f.bytes || sum.sha256 !== f.sha256) throw new BackupInvalidError(`${f.path} does not match its checksum`);
  }
  for (const rel of walkFiles(dir)) {
    if (rel !== MANIFEST && !listed.has(rel)) throw new BackupInvalidError(`${rel} is not in the manifest`);
  }
  if (!listed.has(manifest.database.file)) throw new BackupInvalidError('the manifest lists no database file');
  const db = new Database(path.join(dir, manifest.database.file), { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupInvalidError(`the database failed integrity_check: ${String(check)}`);
    const counts = tableCounts(db);
    for (const [table, n] of Object.entries(manifest.database.tables)) {
      if (counts[table] !== n) throw new BackupInvalidError(`table ${table} has ${counts[table] ?? 'no'} rows, the manifest says ${n}`);
    }
  } finally {
    db.close();
  }
  return manifest;
}

export interface BackupEntry {
  name: string;
  dir: string;
  createdAt: string;
  bytes: number;
  /** The database it was made from. */
  sourceDb: string;
}

/** Finished backups in a folder (those with a readable manifest of this format), newest first. */
export function listBackups(folder: string): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const dir = path.join(folder, name);
    try {
      const m = readManifest(dir);
      out.push({ name, dir, createdAt: m.createdAt, bytes: m.bytes, sourceDb: m.source.db });
    } catch {
      // Not ours (or not a backup at all): listed by nobody, removed by nobody.
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)));
}
