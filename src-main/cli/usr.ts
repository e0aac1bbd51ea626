// CLI `usr list`: stored USR files with their kits, client (or null), file date and newest update, for scripts and checks.
import { openDb } from '../db/connection';
import { stmt } from '../db/stmt';
import { formatDistr } from '../../src-shared/distr';
import { existingFile, parseOptions, requireOption, usageError } from './util';

export const USR_USAGE = `  usr list --db F [--json] [--unknown]    print stored USR files with kit, client (or null), file
                                           date and newest update; --unknown: only files with an unknown kit`;

interface CliUsrFile {
  id: number;
  name: string;
  status: string;
  fileAt: string | null;
  newestUpdate: string | null;
  /** The first kit the file names (`SKJP_000123_02`); every kit in `kits`. */
  kit: string | null;
  kits: { kit: string; distributionId: number | null; client: { id: number; name: string } | null }[];
  /** The client of the file's first known kit, or null. */
  client: { id: number; name: string } | null;
}

interface Row {
  id: number;
  name: string;
  status: string;
  fileAt: string | null;
  newestUpdate: string | null;
  kits: string | null;
}

export function usrCommand(args: string[]): void {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw usageError(sub ? `unknown usr command "${sub}" (only "usr list" exists)` : 'missing usr command: usr list');
  const o = parseOptions(rest, { db: { type: 'string' }, json: { type: 'boolean' }, unknown: { type: 'boolean' } });
  const db = openDb(existingFile(requireOption(o.db, 'db'), 'Database'), {});
  try {
    const rows = stmt(
      db,
      `SELECT f.id, f.name, f.status, f.file_at AS fileAt, f.newest_update AS newestUpdate,
         (SELECT json_group_array(json_array(k.system_code, k.distr_number, k.comp, k.distribution_id, c.id, c.name))
            FROM usr_file_kits fk JOIN usr_kits k ON k.id = fk.usr_kit_id
            LEFT JOIN distributions d ON d.id = k.distribution_id LEFT JOIN clients c ON c.id = d.client_id
           WHERE fk.usr_file_id = f.id) AS kits
       FROM usr_files f ${o.unknown ? "WHERE f.status = 'unknown_kit'" : ''} ORDER BY f.file_at, f.id`,
    ).iterate() as IterableIterator<Row>;
    let n = 0;
    // Streamed row by row: a store holds tens of thousands of files.
    if (o.json) process.stdout.write('[');
    for (const r of rows) {
      const kits = (JSON.parse(r.kits ?? '[]') as [string, number, number, number | null, number | null, string | null][]).map(([code, distr, comp, dist, cid, cname]) => ({
        kit: formatDistr({ system: code, number: distr, comp }),
        distributionId: dist,
        client: cid != null ? { id: cid, name: cname ?? '' } : null,
      }));
      const f: CliUsrFile = {
        id: r.id,
        name: r.name,
        status: r.status,
        fileAt: r.fileAt,
        newestUpdate: r.newestUpdate,
        kit: kits[0]?.kit ?? null,
        kits,
        client: kits.find((k) => k.client)?.client ?? null,
      };
      if (o.json) process.stdout.write(`${n ? ',' : ''}\n  ${JSON.stringify(f)}`);
      else console.log([f.id, f.fileAt ?? '', kits.map((k) => k.kit).join(' '), f.client?.name ?? '—', f.newestUpdate ?? '', f.status, f.name].join('\t'));
      n++;
    }
    if (o.json) process.stdout.write(n ? '\n]\n' : ']\n');
    else console.log(`${n} file(s)`);
  } finally {
    db.$client.close();
  }
}
