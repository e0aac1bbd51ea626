// `migrate --db F`: applies pending migrations and prints which ones the database has.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultMigrationsFolder, openDb } from '../../db/connection';
import { parseOptions, requireOption } from '../util';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function journal(folder: string): JournalEntry[] {
  const file = path.join(folder, 'meta', '_journal.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

/** Timestamps of the migrations recorded in the file (drizzle keeps them in `__drizzle_migrations`). */
function appliedStamps(file: string): Set<number> {
  if (!fs.existsSync(file)) return new Set();
  const db = new Database(file, { fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!table) return new Set();
    return new Set((db.prepare('SELECT created_at AS t FROM __drizzle_migrations').all() as { t: number | string }[]).map((r) => Number(r.t)));
  } finally {
    db.close();
  }
}

export function migrateCommand(args: string[]): void {
  const opts = parseOptions(args, { db: { type: 'string' } });
  const file = requireOption(opts.db, 'db');
  const folder = defaultMigrationsFolder();
  const before = appliedStamps(file);
  const db = openDb(file);
  db.$client.close();
  const after = appliedStamps(file);
  const entries = journal(folder);
  const now = entries.filter((e) => after.has(e.when) && !before.has(e.when));
  console.log(`Database: ${path.resolve(file)}`);
  for (const e of entries) {
    const state = !after.has(e.when) ? 'pending' : before.has(e.when) ? 'applied' : 'applied now';
    console.log(`  ${e.tag.padEnd(40)} ${state}`);
  }
  const known = new Set(entries.map((e) => e.when));
  const unknown = [...after].filter((t) => !known.has(t));
  if (unknown.length > 0) console.log(`  (${unknown.length} applied migration(s) not in this program's list: the database is newer than the program)`);
  console.log(now.length > 0 ? `Applied ${now.length} migration(s); ${after.size} in total.` : `Up to date: ${after.size} migration(s) applied.`);
}
