// Who holds a database file: every process working on it keeps a shared OS lock on `<db>.lock`; a restore needs it exclusively.
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, makePrivateDir } from '../files/private';

/**
 * The lock lives in a tiny SQLite file beside the database, in rollback-journal mode, so SQLite's own file locks
 * (POSIX locks on Linux, LockFileEx on Windows) do the work: a holder keeps a read transaction open (a SHARED
 * lock), any number of holders coexist, and `restore` takes an EXCLUSIVE lock, which fails while one holder is
 * alive. The operating system drops the locks of a process that dies, even by kill -9, so nothing goes stale.
 * (The database itself is in WAL mode, where an idle connection holds no lock a restore could see.)
 */
export function lockPathFor(dbFile: string): string {
  return `${path.resolve(dbFile)}.lock`;
}

export class DatabaseBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseBusyError';
  }
}

export interface Hold {
  release(): void;
}

function openLock(dbFile: string): Database.Database {
  const file = lockPathFor(dbFile);
  // Created for the server's user only (0700 folders, a 0600 file, whatever the umask), like the database.
  makePrivateDir(path.dirname(file));
  createPrivateFile(file);
  const lock = new Database(file, { timeout: 0 });
  return lock;
}

const isBusy = (err: unknown) => ['SQLITE_BUSY', 'SQLITE_LOCKED'].includes((err as { code?: string }).code ?? '');

/** Marks this process as working on the database until `release` (or its death). Throws DatabaseBusyError during a restore. */
export function holdDatabase(dbFile: string): Hold {
  if (!dbFile || dbFile === ':memory:') return { release: () => undefined };
  const lock = openLock(dbFile);
  try {
    lock.exec('BEGIN');
    lock.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (err) {
    lock.close();
    if (isBusy(err)) throw new DatabaseBusyError(`${dbFile} is being restored; start the program again when the restore has finished`);
    throw err;
  }
  return {
    release() {
      if (!lock.open) return;
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}

/** Takes the database for a restore; null while any process holds it (a server, the desktop app, `mail sync`). */
export function lockExclusively(dbFile: string): Hold | null {
  const lock = openLock(dbFile);
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if (isBusy(err)) return null;
    throw err;
  }
  return {
    release() {
      if (!lock.open) return;
      lock.exec('COMMIT');
      lock.close();
    },
  };
}
