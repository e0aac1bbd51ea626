// SQL functions every connection has, so migrations and statements fold text for search the same way as the code.
import type Database from 'better-sqlite3';
import { fold, searchText, sortKey } from '../../src-shared/search-text';

/**
 * `crm_fold(text)`: lower case, ё = е. `crm_words(text)`: its words one space apart, quotes dropped (the indexed name).
 * `crm_sort_key(name)`: the name without legal form and quotes (clients.name_lc).
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  const opts = { deterministic: true, varargs: false };
  sqlite.function('crm_fold', opts, (s: unknown) => (typeof s === 'string' ? fold(s) : s));
  sqlite.function('crm_words', opts, (s: unknown) => (typeof s === 'string' ? searchText(s) : s));
  sqlite.function('crm_sort_key', opts, (s: unknown) => (typeof s === 'string' ? sortKey(s) : s));
}
