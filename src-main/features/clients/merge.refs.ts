// What refers to a row, read from the schema itself (PRAGMA foreign_key_list over every table), and which columns a unique constraint holds.
import type { Db } from '../../db/connection';

export interface ForeignRef {
  table: string;
  column: string;
  onDelete: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tables(db: Db): string[] {
  return (
    db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/** Every column of every table that holds a foreign key to `target` — a table added later is found without being named here. */
export function referencesTo(db: Db, target: string): ForeignRef[] {
  const out: ForeignRef[] = [];
  for (const t of tables(db)) {
    const fks = db.$client.pragma(`foreign_key_list(${quote(t)})`) as { table: string; from: string; on_delete: string }[];
    for (const fk of fks) if (fk.table === target) out.push({ table: t, column: fk.from, onDelete: fk.on_delete });
  }
  return out;
}

/** Column lists of the table's unique indexes and primary key (`<expr>` for an expression), partial ones included. */
export function uniqueKeys(db: Db, table: string): string[][] {
  const keys: string[][] = [];
  const list = db.$client.pragma(`index_list(${quote(table)})`) as { name: string; unique: number }[];
  for (const ix of list) {
    if (!ix.unique) continue;
    const cols = (db.$client.pragma(`index_xinfo(${quote(ix.name)})`) as { cid: number; name: string | null; key: number }[]).filter((c) => c.key === 1);
    keys.push(cols.map((c) => (c.cid === -2 ? '<expr>' : (c.name ?? '<rowid>'))));
  }
  return keys;
}
