// Reading the K+ systems catalogue for handlers and format modules, and registering systems found in loaded data.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { systemCatalog, type KplusSystem, type SystemCatalog } from '../../../src-shared/systems';

export function listSystems(db: Db): KplusSystem[] {
  return (stmt(db, 'SELECT id, number, code, name, active FROM kplus_systems ORDER BY code').all() as (Omit<KplusSystem, 'active'> & { active: number })[]).map(
    (r) => ({ ...r, active: !!r.active }),
  );
}

/**
 * The catalogue as one snapshot for a conversion run (a format module, a mail match): read once, looked up in memory.
 * The table holds tens of rows, so reading it per run costs less than keeping a cache in step with edits.
 */
export function loadCatalog(db: Db): SystemCatalog {
  return systemCatalog(listSystems(db));
}

/**
 * Adds the systems a bulk load (the scale seed) is about to use and the catalogue lacks. A code or a number the
 * catalogue already has is left as it is: what a person entered wins over generated data.
 */
export function registerSystems(db: Db, systems: Iterable<{ code: string; name: string | null; number: number | null }>): void {
  const ins = stmt(db, 'INSERT OR IGNORE INTO kplus_systems (code, name, number, active) VALUES (?, ?, ?, 1)');
  for (const s of systems) ins.run(s.code.trim().toUpperCase(), s.name, s.number);
}
