// The USR proof of a client's distributions for the card: last file, newest update per bank, age and the stale warning, files.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { USR_CARD_FILES, type UsrBankLast, type UsrCard, type UsrDistributionProof, type UsrFileItem } from '../../../src-shared/usr-card';

/** Whole days from `from` (YYYY-MM-DD) to `to` (YYYY-MM-DD), both calendar days of the РИЦ. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** The warning rule: older than the limit (14 days old is still fine, 15 is not). */
export function isStale(ageDays: number | null, staleDays: number): boolean {
  return ageDays != null && ageDays > staleDays;
}

interface DistrRow {
  id: number;
  systemCode: string;
  distrNumber: number;
  comp: number;
  state: string;
}

const FILE_COLUMNS = `f.id, f.name, f.file_at AS fileAt, f.imported_at AS importedAt, f.newest_update AS newestUpdate, i.size, f.purged_at AS purgedAt`;
/** A kit's files, newest first by the file's own date (its import when it had none). */
const FILE_ORDER = `ORDER BY COALESCE(f.file_at, f.imported_at) DESC, f.id DESC`;

function proofOf(db: Db, d: DistrRow, today: string, staleDays: number): UsrDistributionProof {
  const kits = JSON.stringify((stmt(db, 'SELECT id FROM usr_kits WHERE distribution_id = ?').all(d.id) as { id: number }[]).map((k) => k.id));
  const lastUpdate = (stmt(db, 'SELECT MAX(last_update) AS d FROM usr_kits WHERE distribution_id = ?').get(d.id) as { d: string | null }).d;
  const fileCount = (
    stmt(db, `SELECT COUNT(DISTINCT x.usr_file_id) AS n FROM usr_file_kits x WHERE x.usr_kit_id IN (SELECT value FROM json_each(@kits))`).get({ kits }) as { n: number }
  ).n;
  const files = (
    stmt(
      db,
      `SELECT ${FILE_COLUMNS} FROM usr_files f JOIN import_files i ON i.id = f.file_id
       WHERE f.id IN (SELECT x.usr_file_id FROM usr_file_kits x WHERE x.usr_kit_id IN (SELECT value FROM json_each(@kits))) ${FILE_ORDER} LIMIT @limit`,
    ).all({ kits, limit: USR_CARD_FILES }) as (Omit<UsrFileItem, 'purged'> & { purgedAt: string | null })[]
  ).map(({ purgedAt, ...f }): UsrFileItem => ({ ...f, purged: purgedAt != null }));
  // Newest proven update per bank over every file of the kit(s); the bank's name as the newest file names it.
  const banks = stmt(
    db,
    `SELECT u.bank AS code, MAX(u.date) AS lastUpdate,
       (SELECT u2.docs FROM usr_updates u2 WHERE u2.usr_kit_id IN (SELECT value FROM json_each(@kits)) AND u2.bank = u.bank ORDER BY u2.date DESC LIMIT 1) AS docs,
       (SELECT b.name FROM usr_banks b JOIN usr_files f ON f.id = b.usr_file_id
          WHERE b.usr_kit_id IN (SELECT value FROM json_each(@kits)) AND b.code = u.bank AND b.name IS NOT NULL ${FILE_ORDER} LIMIT 1) AS name
     FROM usr_updates u WHERE u.usr_kit_id IN (SELECT value FROM json_each(@kits)) GROUP BY u.bank ORDER BY u.bank`,
  ).all({ kits }) as UsrBankLast[];
  // A bank a file lists without any dated update still shows (without a date).
  const seen = new Set(banks.map((b) => b.code));
  const bare = stmt(
    db,
    `SELECT b.code, MAX(b.name) AS name, MAX(b.last_update) AS lastUpdate, NULL AS docs FROM usr_banks b
     WHERE b.usr_kit_id IN (SELECT value FROM json_each(@kits)) GROUP BY b.code ORDER BY b.code`,
  ).all({ kits }) as UsrBankLast[];
  for (const b of bare) if (!seen.has(b.code)) banks.push(b);
  banks.sort((a, b) => a.code.localeCompare(b.code));
  const ageDays = lastUpdate ? daysBetween(lastUpdate, today) : null;
  const last = files[0];
  return {
    distributionId: d.id,
    systemCode: d.systemCode,
    distrNumber: d.distrNumber,
    comp: d.comp,
    state: d.state,
    hasFiles: fileCount > 0,
    lastFile: last ? { id: last.id, name: last.name, fileAt: last.fileAt } : null,
    lastUpdate,
    ageDays,
    // Files that prove no update at all are as bad as an old update.
    stale: isStale(ageDays, staleDays) || (fileCount > 0 && lastUpdate == null),
    banks,
    files,
    fileCount,
  };
}

/** The proof of every distribution of the client (closed ones last); `today` is the РИЦ's calendar day. */
export function loadUsrCard(db: Db, clientId: number, today: string, staleDays: number): UsrCard {
  const distrs = stmt(
    db,
    `SELECT id, system_code AS systemCode, distr_number AS distrNumber, comp, state FROM distributions WHERE client_id = ?
     ORDER BY CASE state WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END, system_code, distr_number, comp`,
  ).all(clientId) as DistrRow[];
  return { today, staleDays, distributions: distrs.map((d) => proofOf(db, d, today, staleDays)) };
}
