// Restoring a backup over a database: verified first, refused while any process holds the database, the replaced files kept aside.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultMigrationsFolder } from '../../db/connection';
import { FILE_STORES, storeDir } from '../../db/file-stores';
import { DatabaseBusyError, lockExclusively } from '../../db/holder';
import { keyPathFor } from '../mail/secrets';
import { copyWithSum, fsyncDir, removeStale, tempName } from './files';
import { BackupInvalidError, readManifest, verifyBackup, type Manifest } from './manifest';

export interface RestoreOptions {
  /** The database to replace (it need not exist). */
  dbPath: string;
  /** A backup folder (or its manifest.json). */
  from: string;
  now?: Date;
  migrationsFolder?: string;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Where the replaced database, key and stores were moved (null when there was nothing to replace). */
  replacedDir: string | null;
}

const STAGE_PREFIX = '.restoring-';

/** The newest migration this program knows: a backup made by a newer version would not open here. */
function newestKnownMigration(folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

function moveIfExists(from: string, to: string, moved: [string, string][]): void {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  fs.renameSync(from, to);
  moved.push([from, to]);
}

/**
 * Order of work, so that a failure at any step leaves the current database in place:
 * 1. the backup is verified (checksums, integrity_check, row counts) and its schema is not newer than ours;
 * 2. the database is locked exclusively (see db/holder.ts) — refused while a server, the desktop app or
 *    `mail sync` holds it — and kept locked to the end, so nothing starts on it halfway;
 * 3. the backup is copied beside the database under a temp name and its checksums compared again;
 * 4. the current database (with its -wal/-shm), key and stores are moved aside into `<db>.replaced-<time>/`,
 *    the staged files are renamed into place; if a rename fails, everything moved is moved back.
 */
export function restoreBackup(opts: RestoreOptions): RestoreResult {
  const now = opts.now ?? new Date();
  const from = path.basename(opts.from) === 'manifest.json' ? path.dirname(path.resolve(opts.from)) : path.resolve(opts.from);
  const target = path.resolve(opts.dbPath);
  const manifest = verifyBackup(from, readManifest(from));
  const known = newestKnownMigration(opts.migrationsFolder ?? defaultMigrationsFolder());
  if (manifest.database.lastMigrationAt != null && manifest.database.lastMigrationAt > known) {
    throw new BackupInvalidError('the backup was made by a newer version of the program; update the program first');
  }
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const lock = lockExclusively(target);
  if (!lock) throw new DatabaseBusyError(`${target} is in use by a running program (the server, the desktop app or mail sync): stop it, then restore`);
  const stage = path.join(dir, tempName(STAGE_PREFIX, path.basename(target)));
  try {
    removeStale(dir, STAGE_PREFIX, now.getTime());
    // 3. Staged beside the target, so the final step is a rename on one file system.
    fs.mkdirSync(stage, { mode: 0o700 });
    const keyName = path.basename(keyPathFor(target));
    const placed: { staged: string; final: string }[] = [];
    const stageFile = (rel: string, stagedRel: string) => {
      const f = manifest.files.find((x) => x.path === rel)!;
      const staged = path.join(stage, ...stagedRel.split('/'));
      const sum = copyWithSum(path.join(from, ...rel.split('/')), staged);
      if (sum.sha256 !== f.sha256) throw new BackupInvalidError(`${rel} changed while it was copied`);
    };
    stageFile(manifest.database.file, 'db');
    placed.push({ staged: path.join(stage, 'db'), final: target });
    if (manifest.key) {
      stageFile(manifest.key, 'key');
      placed.push({ staged: path.join(stage, 'key'), final: keyPathFor(target) });
    }
    for (const store of FILE_STORES) {
      const entry = manifest.stores.find((s) => s.name === store.name);
      const stagedDir = path.join(stage, 'stores', store.name);
      fs.mkdirSync(stagedDir, { recursive: true, mode: 0o700 });
      if (entry) {
        const prefix = `${entry.folder}/`;
        for (const f of manifest.files) if (f.path.startsWith(prefix)) stageFile(f.path, `stores/${store.name}/${f.path.slice(prefix.length)}`);
      }
      placed.push({ staged: stagedDir, final: storeDir(target, store) });
    }
    const check = new Database(path.join(stage, 'db'), { readonly: true, fileMustExist: true });
    try {
      const ok = check.pragma('quick_check', { simple: true });
      if (ok !== 'ok') throw new BackupInvalidError(`the staged database failed quick_check: ${String(ok)}`);
    } finally {
      check.close();
    }

    // 4. Aside, then into place.
    const aside = path.join(dir, `${path.basename(target)}.replaced-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`);
    const moved: [string, string][] = [];
    const placedDone: string[] = [];
    try {
      for (const suffix of ['', '-wal', '-shm', '-journal']) moveIfExists(target + suffix, path.join(aside, path.basename(target) + suffix), moved);
      moveIfExists(keyPathFor(target), path.join(aside, keyName), moved);
      for (const store of FILE_STORES) moveIfExists(storeDir(target, store), path.join(aside, store.folder), moved);
      for (const p of placed) {
        fs.renameSync(p.staged, p.final);
        placedDone.push(p.final);
      }
      fsyncDir(dir);
    } catch (err) {
      for (const f of placedDone.reverse()) fs.rmSync(f, { recursive: true, force: true });
      for (const [orig, now] of moved.reverse()) fs.renameSync(now, orig);
      fs.rmSync(aside, { recursive: true, force: true });
      throw err;
    }
    return { manifest, replacedDir: moved.length > 0 ? aside : null };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    lock.release();
  }
}
