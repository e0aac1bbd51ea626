// The K+ systems catalogue: the КЦ's files name a system by number, the base by code; this table joins the two.
import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const kplusSystems = sqliteTable(
  'kplus_systems',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The system's number in the КЦ's files (`sys="1"`, `CONS#1_…`, `1_000123`); null until a person fills it in. */
    number: integer('number'),
    /** The code the base stores in distributions, e.g. `SKJP`. */
    code: text('code').notNull(),
    /** Null for systems the migration found in the base but could not name. */
    name: text('name'),
    /** Inactive systems stay on existing distributions but are not offered for new ones. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('kplus_systems_code_uq').on(t.code), uniqueIndex('kplus_systems_number_uq').on(t.number)],
);
