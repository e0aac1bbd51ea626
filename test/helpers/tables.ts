// Test helper for «nothing written»: a content hash of every table (rows and every column, the FTS shadow tables too),
// so that an UPDATE or a DELETE-and-INSERT is caught, not only a changed row count.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

export type TableHashes = Record<string, string>;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** One statement per table that folds every row, every column quoted as SQL literal (blobs as hex), into one string. */
function dumpOf(sql: Database.Database, table: string): Database.Statement {
  let cache = statements.get(sql);
  if (!cache) statements.set(sql, (cache = new Map()));
  let st = cache.get(table);
  if (!st) {
    const cols = (sql.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => `quote(${ident(c.name)})`);
    st = sql.prepare(`SELECT count(*) AS n, group_concat(${cols.join(" || ',' || ") || "''"}, char(10)) AS rows FROM ${ident(table)}`);
    cache.set(table, st);
  }
  return st;
}

/** Table name → row count and SHA-256 of its content, for every table of the database. */
export function tableHashes(sql: Database.Database): TableHashes {
  const names = (sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const out: TableHashes = {};
  for (const name of names) {
    const { n, rows } = dumpOf(sql, name).get() as { n: number; rows: string | null };
    out[name] = `${n}:${crypto.createHash('sha256').update(rows ?? '').digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** Tables whose content differs between two snapshots, as `table: rows:hash → rows:hash`. */
export function changedTables(before: TableHashes, after: TableHashes): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .sort()
    .map((t) => `${t}: ${before[t] ?? '(none)'} → ${after[t] ?? '(none)'}`);
}

/** Runs `fn` and returns the tables it changed (empty when nothing was written). */
export async function tablesChangedBy(sql: Database.Database, fn: () => unknown): Promise<string[]> {
  const before = tableHashes(sql);
  await fn();
  return changedTables(before, tableHashes(sql));
}
