// Making a backup: a VACUUM INTO snapshot (one read transaction, so writers can never starve it), the key and the file stores, verified, then renamed into place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FILE_STORES, storeDir } from '../../db/file-stores';
import { keyPathFor } from '../mail/secrets';
import { copyWithSum, fsyncDir, fsyncFile, hashFile, removeStale, tempName, walkFiles } from './files';
import { backupName, FORMAT, MANIFEST, migrationState, PARTIAL_PREFIX, tableCounts, verifyBackup, type Manifest, type ManifestFile } from './manifest';

export interface BackupOptions {
  /** The live database (it is only read). */
  dbPath: string;
  /** Folder that receives one sub-folder per backup. */
  folder: string;
  /** When the backup is made (the test clock in tests); names the folder and is written into the manifest. */
  now?: Date;
  /** Called between steps, for a progress line or a status screen. */
  onStep?: (step: 'snapshot' | 'key' | 'stores' | 'verify' | 'done') => void;
}

export interface BackupResult {
  dir: string;
  name: string;
  manifest: Manifest;
  /** Leftovers of killed runs removed before this one. */
  staleRemoved: number;
}

/**
 * Writes `<folder>/<name>/` and returns only once it is complete and verified. Everything is written under a
 * temp name inside `folder` (`.partial-…`) and renamed at the very end, so a run killed at any instant leaves
 * no folder that looks like a backup; the next run removes the temp folder.
 *
 * The database is copied with `VACUUM INTO` from a read-only connection: SQLite takes one read transaction for
 * the whole copy, so the copy is the consistent state at that moment, however many writes other connections
 * make meanwhile (the online backup API restarts after each of them and may never finish). Files of the stores
 * are copied after the snapshot: stores write a file before committing the row that names it, so every file
 * the snapshot refers to is there to copy.
 */
export function createBackup(opts: BackupOptions): BackupResult {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const source = path.resolve(opts.dbPath);
  if (!fs.existsSync(source)) throw new Error(`database not found: ${source}`);
  const folder = path.resolve(opts.folder);
  for (const store of FILE_STORES) {
    const dir = storeDir(source, store);
    if (folder === dir || folder.startsWith(dir + path.sep)) throw new Error(`the backup folder must not be inside the ${store.name} store (${dir})`);
  }
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const staleRemoved = removeStale(folder, PARTIAL_PREFIX, now.getTime());

  let name = backupName(source, now);
  for (let i = 2; fs.existsSync(path.join(folder, name)); i++) name = `${backupName(source, now)}-${i}`;
  const tmp = path.join(folder, tempName(PARTIAL_PREFIX, name));
  // The key is in every backup: only the server's user may read one.
  fs.mkdirSync(tmp, { mode: 0o700 });
  try {
    const files: ManifestFile[] = [];
    const dbFile = path.basename(source);

    opts.onStep?.('snapshot');
    const copyPath = path.join(tmp, dbFile);
    const live = new Database(source, { readonly: true, fileMustExist: true });
    try {
      live.pragma('busy_timeout = 10000');
      live.prepare('VACUUM INTO ?').run(copyPath);
    } finally {
      live.close();
    }
    fs.chmodSync(copyPath, 0o600);
    const copy = new Database(copyPath, { fileMustExist: true });
    let tables: Record<string, number>;
    let schema: ReturnType<typeof migrationState>;
    try {
      // A backup is self-contained: no -wal beside it, whatever the source used.
      copy.pragma('journal_mode = DELETE');
      tables = tableCounts(copy);
      schema = migrationState(copy);
    } finally {
      copy.close();
    }
    fsyncFile(copyPath);
    files.push({ path: dbFile, ...hashFile(copyPath) });

    opts.onStep?.('key');
    let key: string | null = null;
    const keyFile = keyPathFor(source);
    if (fs.existsSync(keyFile)) {
      key = path.basename(keyFile);
      files.push({ path: key, ...copyWithSum(keyFile, path.join(tmp, key)) });
    }

    opts.onStep?.('stores');
    const stores: Manifest['stores'] = [];
    for (const store of FILE_STORES) {
      const dir = storeDir(source, store);
      let count = 0;
      let bytes = 0;
      for (const rel of walkFiles(dir)) {
        try {
          const sum = copyWithSum(path.join(dir, ...rel.split('/')), path.join(tmp, store.folder, ...rel.split('/')));
          files.push({ path: `${store.folder}/${rel}`, ...sum });
          count++;
          bytes += sum.bytes;
        } catch (err) {
          // Removed after the listing (an old print file swept meanwhile): nothing refers to it any more.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
      stores.push({ name: store.name, folder: store.folder, files: count, bytes });
    }

    const manifest: Manifest = {
      format: FORMAT,
      createdAt: now.toISOString(),
      source: { db: source, host: os.hostname() },
      database: { file: dbFile, tables, ...schema },
      key,
      stores,
      files,
      bytes: files.reduce((s, f) => s + f.bytes, 0),
      durationMs: 0,
    };
    opts.onStep?.('verify');
    // Read back from disk, not trusted from memory: checksums, integrity_check, row counts.
    const write = (m: Manifest) => fs.writeFileSync(path.join(tmp, MANIFEST), JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
    write(manifest);
    verifyBackup(tmp, manifest);
    manifest.durationMs = Math.round(performance.now() - started);
    write(manifest);
    fsyncFile(path.join(tmp, MANIFEST));
    fsyncDir(tmp);

    const dir = path.join(folder, name);
    fs.renameSync(tmp, dir);
    fsyncDir(folder);
    opts.onStep?.('done');
    return { dir, name, manifest, staleRemoved };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
