// One client per ИНН+КПП: finding clients that share an ИНН, refusing a duplicate, and keeping the unique index's flag right.
//
// The rule: the same ИНН and the same КПП is the same organisation (for a 12-digit ИНН — an entrepreneur, who has no
// КПП — the ИНН alone); the same ИНН with another КПП is a branch, allowed and shown. The database enforces it too:
// migration 0009 adds the unique expression index `clients_inn_kpp_uq` over (inn, КПП-or-'' for 10 digits) for
// clients whose `duplicate_pending` is 0. Old bases may already hold duplicates: the migration flags every client
// that repeats an older one, which keeps it out of the index (so the migration cannot fail) until a head merges the
// pair. Code refuses every new duplicate, flagged or not; the flag only ever changes here and in the merge.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError } from '../../api/errors';
import type { SameInn, SameInnClient } from '../../../src-shared/dedupe';

/** The КПП part of the key: none for a 12-digit ИНН. */
export function kppKey(inn: string, kpp: string | null | undefined): string {
  return inn.length === 12 ? '' : (kpp ?? '').trim().toUpperCase();
}

/** Every other client with this ИНН, duplicates first, then branches by КПП. */
export function sameInnClients(db: Db, inn: string, kpp: string | null, excludeId: number): SameInnClient[] {
  const key = kppKey(inn, kpp);
  const rows = stmt(db, 'SELECT id, name, kpp FROM clients WHERE inn = ? AND id <> ? ORDER BY id LIMIT 100').all(inn, excludeId) as {
    id: number;
    name: string;
    kpp: string | null;
  }[];
  return rows
    .map((r) => ({ ...r, duplicate: kppKey(inn, r.kpp) === key }))
    .sort((a, b) => Number(b.duplicate) - Number(a.duplicate) || (a.kpp ?? '').localeCompare(b.kpp ?? '') || a.id - b.id);
}

export function sameInn(db: Db, inn: string | null, kpp: string | null, excludeId = 0): SameInn {
  if (!inn) return { duplicate: null, branches: [] };
  const all = sameInnClients(db, inn, kpp, excludeId);
  return { duplicate: all.find((c) => c.duplicate) ?? null, branches: all.filter((c) => !c.duplicate) };
}

/** Refuses an ИНН/КПП another client already has: CONFLICT naming that client, for a link on the screen. */
export function assertNotDuplicate(db: Db, inn: string | null, kpp: string | null, excludeId = 0): SameInnClient[] {
  const found = sameInn(db, inn, kpp, excludeId);
  if (found.duplicate) {
    const d = found.duplicate;
    throw new AppError('CONFLICT', `client ${d.id} has this inn/kpp`, [{ path: 'inn', reason: 'duplicate_client', ref: { id: d.id, name: d.name } }]);
  }
  return found.branches;
}

/**
 * Re-settles the flag of one ИНН/КПП group after a merge changed it: a lone client holds the index entry; of several,
 * the one already holding it keeps it, else the oldest takes it. Nothing else in the group is touched.
 */
export function settleDuplicateFlags(db: Db, inn: string | null, kpp: string | null): void {
  if (!inn) return;
  const key = kppKey(inn, kpp);
  const group = (stmt(db, 'SELECT id, kpp, duplicate_pending AS p FROM clients WHERE inn = ? ORDER BY id').all(inn) as { id: number; kpp: string | null; p: number }[]).filter(
    (r) => kppKey(inn, r.kpp) === key,
  );
  if (group.length === 0 || group.some((r) => r.p === 0)) return;
  stmt(db, 'UPDATE clients SET duplicate_pending = 0 WHERE id = ?').run(group[0]!.id);
}
