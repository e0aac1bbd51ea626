// Opens the SQLite database with the house pragmas and applies pending migrations.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { createPrivateFile, makePrivateDir } from '../files/private';
import { registerSqlFunctions } from './functions';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  /** Folder with drizzle migrations; defaults to the repository's `migrations/`. */
  migrationsFolder?: string;
  readonly?: boolean;
  /** A second writer on a database its host already opened (a pool thread): the schema is current, no migration run. */
  skipMigrations?: boolean;
}

export function defaultMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src-main/db → repo root; in a bundled build the folder is copied next to the bundle.
  const candidates = [path.resolve(here, '../../migrations'), path.resolve(here, '../migrations'), path.resolve(here, 'migrations')];
  return candidates.find((p) => fs.existsSync(path.join(p, 'meta', '_journal.json'))) ?? candidates[0]!;
}

export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:' && !opts.readonly) {
    // Created here for the server's user only; SQLite then creates -wal and -shm with the same mode.
    makePrivateDir(path.dirname(path.resolve(file)));
    createPrivateFile(file);
  }
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of page cache (SQLite's default is 2 MB): search ranks hundreds of clients read by id, and the list loads their
  // phones, schemes and readiness; at 100,000 clients those pages no longer fit the default and each read goes to the OS.
  sqlite.pragma('cache_size = -32768');
  registerSqlFunctions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (!opts.readonly && !opts.skipMigrations) runMigrations(db, opts.migrationsFolder ?? defaultMigrationsFolder());
  sqlite.pragma('foreign_keys = ON');
  return db;
}

/**
 * drizzle's migrator wraps everything in one transaction where `PRAGMA foreign_keys=OFF` is a no-op,
 * so a generated table rebuild could cascade-delete child rows: switch the checks off before it and
 * verify integrity after it.
 */
export function runMigrations(db: Db, migrationsFolder: string): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new Error(`Migration left ${broken.length} rows violating foreign keys: ${JSON.stringify(broken.slice(0, 5))}`);
  }
  sqlite.pragma('foreign_keys = ON');
}

/** Runs `fn` in one IMMEDIATE transaction: it all lands or nothing does. */
export function tx<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
