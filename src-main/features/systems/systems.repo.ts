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
 * Adds the codes not yet in the catalogue, without name or number (bulk loads: the demo, the scale seed). A person
 * fills them in on the settings screen; nothing is guessed here.
 */
export function registerSystemCodes(db: Db, codes: Iterable<string>, names: Record<string, string> = {}): void {
  const ins = stmt(db, 'INSERT INTO kplus_systems (code, name, number, active) VALUES (?, ?, NULL, 1) ON CONFLICT(code) DO NOTHING');
  for (const code of new Set([...codes].map((c) => c.trim().toUpperCase()))) ins.run(code, names[code] ?? null);
}
