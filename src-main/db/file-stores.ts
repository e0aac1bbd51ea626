// The file stores kept beside the database (print output now; imports, USR files later): one list, so backup and restore include every one.
import os from 'node:os';
import path from 'node:path';

export interface FileStore {
  /** Stable name, written into backup manifests. */
  name: string;
  /** Folder relative to the database's folder. */
  folder: string;
}

/**
 * Every folder of files that belongs with the database. A feature that keeps files adds its store here and
 * nothing else: `npm run cli -- backup`, the scheduled backup and `restore` copy every registered folder.
 * A store writes a file before it commits the row that refers to it, so a database snapshot never refers to a
 * file the backup (which copies the stores after the snapshot) could miss.
 */
export const FILE_STORES: readonly FileStore[] = [
  { name: 'print', folder: 'print' },
  // Imported files by content (chat exports, USR files, spreadsheets): `<sha256[0:2]>/<sha256>`.
  { name: 'imports', folder: 'imports' },
];

export function fileStore(name: string): FileStore {
  const store = FILE_STORES.find((s) => s.name === name);
  if (!store) throw new Error(`unknown file store ${name}`);
  return store;
}

/** The store's folder for this database; a database in memory uses the system temp folder. */
export function storeDir(dbFile: string, store: FileStore): string {
  if (!dbFile || dbFile === ':memory:') return path.join(os.tmpdir(), `crm-${store.folder}`);
  return path.join(path.dirname(path.resolve(dbFile)), store.folder);
}
