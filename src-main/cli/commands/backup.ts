// `backup --db F --to B [--force]`: SQLite online backup, safe while the program works with the database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CliError, existingFile, megabytes, parseOptions, requireOption } from '../util';

function removeSidecars(file: string): void {
  // A stale -wal beside a replaced file would be replayed into it: remove it with the old file.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

export async function backupCommand(args: string[]): Promise<void> {
  const opts = parseOptions(args, { db: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false } });
  const source = existingFile(requireOption(opts.db, 'db'), 'Database');
  const target = path.resolve(requireOption(opts.to, 'to'));
  if (target === path.resolve(source)) throw new CliError('--to must differ from --db');
  if (fs.existsSync(target) && !opts.force) throw new CliError(`${target} already exists; choose another file or add --force to overwrite it`);
  fs.mkdirSync(path.dirname(target), { recursive: true });

  // Written beside the target and renamed at the end, so a failed backup never leaves a half file under its name.
  const partial = `${target}.partial-${process.pid}`;
  removeSidecars(partial);
  // No migrations and no writes: the running program owns the schema; backup only reads pages.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new CliError(`backup failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }

  // A backup is one self-contained file: leave WAL mode, then check it before it takes the target's name.
  const copy = new Database(partial, { fileMustExist: true });
  let clients: number | null = null;
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CliError(`the backup copy failed its integrity check: ${String(check)}`);
    const hasClients = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'clients'").get();
    if (hasClients) clients = (copy.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
  } catch (err) {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw err instanceof CliError ? err : new CliError(`cannot verify the backup: ${(err as Error).message}`);
  }
  copy.close();
  removeSidecars(target);
  fs.renameSync(partial, target);
  const size = fs.statSync(target).size;
  console.log(`Backup written: ${target} (${megabytes(size)}${clients === null ? '' : `, ${clients} clients`}, integrity ok)`);
}
