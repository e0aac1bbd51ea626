// Test helper: a database as an older version left it — migrated only up to a given migration — to test upgrades on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultMigrationsFolder, openDb, type Db } from '../../src-main/db/connection';

/** Opens `dbPath` migrated up to and including the migration tagged `lastTag` (e.g. `0006_documents_defaults`). */
export function openDbAt(dbPath: string, lastTag: string): Db {
  const src = defaultMigrationsFolder();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(src, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return openDb(dbPath, { migrationsFolder: dir });
}
