// Cache of prepared statements per connection: hot read paths skip re-compiling their SQL.
import type Database from 'better-sqlite3';
import type { Db } from './connection';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.$client.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

/** Adds days to an ISO date (UTC, no time-zone drift). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
