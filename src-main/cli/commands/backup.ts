// `backup --db F --to DIR [--keep N] [--keep-days D]` and `restore --db F --from BACKUP`: consistent backups of the database, its key and file stores.
import path from 'node:path';
import { createBackup } from '../../features/backup/snapshot';
import { applyRetention } from '../../features/backup/retention';
import { restoreBackup } from '../../features/backup/restore';
import { BackupInvalidError } from '../../features/backup/manifest';
import { DatabaseBusyError } from '../../db/holder';
import { CliError, existingFile, megabytes, parseOptions, requireOption, seconds, usageError } from '../util';

function count(text: string | undefined, name: string, min: number): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw usageError(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

export async function backupCommand(args: string[]): Promise<void> {
  const opts = parseOptions(args, { db: { type: 'string' }, to: { type: 'string' }, keep: { type: 'string' }, 'keep-days': { type: 'string' } });
  const source = existingFile(requireOption(opts.db, 'db'), 'Database');
  const folder = path.resolve(requireOption(opts.to, 'to'));
  const keepCount = count(opts.keep, 'keep', 1);
  const keepDays = count(opts['keep-days'], 'keep-days', 1);
  let result;
  try {
    result = createBackup({ dbPath: source, folder, onStep: (s) => s !== 'done' && process.stderr.write(`  ${s}…\n`) });
  } catch (err) {
    throw new CliError(`backup failed: ${(err as Error).message}`);
  }
  const m = result.manifest;
  const store = m.stores.map((s) => `${s.name}: ${s.files} files`).join(', ');
  console.log(
    `Backup written: ${result.dir}\n  ${megabytes(m.bytes)} in ${seconds(m.durationMs)}; database ${m.database.file} (${m.database.tables.clients ?? 0} clients), ` +
      `${m.key ? 'key file, ' : ''}${store || 'no file stores'}; checksums and integrity verified`,
  );
  if (result.staleRemoved > 0) console.log(`  removed ${result.staleRemoved} unfinished backup(s) of interrupted runs`);
  if (keepCount != null || keepDays != null) {
    const removed = applyRetention(folder, source, { keepCount, keepDays }, Date.now());
    if (removed.length > 0) console.log(`  removed old backups: ${removed.join(', ')}`);
  }
}

export async function restoreCommand(args: string[]): Promise<void> {
  const opts = parseOptions(args, { db: { type: 'string' }, from: { type: 'string' } });
  const target = requireOption(opts.db, 'db');
  const from = requireOption(opts.from, 'from');
  try {
    const r = restoreBackup({ dbPath: target, from });
    console.log(`Restored ${path.resolve(target)} from the backup of ${r.manifest.createdAt} (${megabytes(r.manifest.bytes)}, verified).`);
    if (r.replacedDir) console.log(`The replaced files are kept in ${r.replacedDir}; delete that folder once the restored data is checked.`);
  } catch (err) {
    if (err instanceof DatabaseBusyError || err instanceof BackupInvalidError) throw new CliError(`restore refused: ${err.message}`);
    throw new CliError(`restore failed, the database was left as it was: ${(err as Error).message}`);
  }
}
