// Reading stored USR files: the list with filters, one file's facts, kits the base does not know yet.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import type { UsrBankRow, UsrFileFull, UsrFileRow, UsrFileStatus, UsrKitRef, UsrUnknownKitRow } from '../../../src-shared/usr';

export interface UsrFilesFilter {
  status?: UsrFileStatus;
  clientId?: number;
  usrKitId?: number;
  text?: string;
}

const KITS_JSON = `(SELECT json_group_array(json_array(k.id, k.system_code, k.distr_number, k.comp, k.distribution_id, d.client_id, c.name))
    FROM usr_file_kits fk JOIN usr_kits k ON k.id = fk.usr_kit_id
    LEFT JOIN distributions d ON d.id = k.distribution_id LEFT JOIN clients c ON c.id = d.client_id
   WHERE fk.usr_file_id = f.id)`;

type KitTuple = [number, string, number, number, number | null, number | null, string | null];

function kitsOf(json: string | null): UsrKitRef[] {
  return (JSON.parse(json ?? '[]') as KitTuple[]).map(([usrKitId, systemCode, distrNumber, comp, distributionId, clientId, clientName]) => ({
    usrKitId,
    kit: formatDistr({ system: systemCode, number: distrNumber, comp }),
    systemCode,
    distrNumber,
    comp,
    distributionId,
    clientId,
    clientName,
  }));
}

interface FileRowDb {
  id: number;
  name: string;
  status: UsrFileStatus;
  fileAt: string | null;
  newestUpdate: string | null;
  importedAt: string;
  purgedAt: string | null;
  kits: string | null;
}

const escLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listUsrFiles(db: Db, f: UsrFilesFilter, offset: number, limit: number): { rows: UsrFileRow[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status) {
    where.push('f.status = ?');
    args.push(f.status);
  }
  if (f.clientId != null) {
    where.push('EXISTS (SELECT 1 FROM usr_file_kits fk JOIN usr_kits k ON k.id = fk.usr_kit_id JOIN distributions d ON d.id = k.distribution_id WHERE fk.usr_file_id = f.id AND d.client_id = ?)');
    args.push(f.clientId);
  }
  if (f.usrKitId != null) {
    where.push('EXISTS (SELECT 1 FROM usr_file_kits fk WHERE fk.usr_file_id = f.id AND fk.usr_kit_id = ?)');
    args.push(f.usrKitId);
  }
  if (f.text) {
    const like = `%${escLike(f.text.toUpperCase())}%`;
    const num = /^\d{1,9}$/.test(f.text) ? Number(f.text) : -1;
    where.push(`(upper(f.name) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM usr_file_kits fk JOIN usr_kits k ON k.id = fk.usr_kit_id WHERE fk.usr_file_id = f.id
      AND (k.distr_number = ? OR (k.system_code || '_' || printf('%06d', k.distr_number) || CASE WHEN k.comp = 1 THEN '' ELSE printf('_%02d', k.comp) END) LIKE ? ESCAPE '\\')))`);
    args.push(like, num, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (stmt(db, `SELECT count(*) AS n FROM usr_files f ${w}`).get(...args) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT f.id, f.name, f.status, f.file_at AS fileAt, f.newest_update AS newestUpdate, f.imported_at AS importedAt, f.purged_at AS purgedAt, ${KITS_JSON} AS kits
     FROM usr_files f ${w} ORDER BY f.file_at DESC, f.id DESC LIMIT ? OFFSET ?`,
  ).all(...args, limit, offset) as FileRowDb[];
  return { rows: rows.map((r) => ({ ...r, kits: kitsOf(r.kits) })), total };
}

export function getUsrFile(db: Db, id: number): UsrFileFull | null {
  const r = stmt(
    db,
    `SELECT f.id, f.name, f.status, f.file_at AS fileAt, f.newest_update AS newestUpdate, f.imported_at AS importedAt, f.purged_at AS purgedAt, ${KITS_JSON} AS kits,
       f.format_version AS formatVersion, f.ric, f.res_version AS resVersion, f.cons_exe_version AS consExeVersion, f.kd_version AS kdVersion, f.complect,
       f.os_name AS osName, f.os_version AS osVersion, f.processor, f.ram_mb AS ramMb, f.disk_free_mb AS diskFreeMb, f.office, f.tech_json AS techJson,
       f.files_json AS filesJson, i.sha256, i.size
     FROM usr_files f JOIN import_files i ON i.id = f.file_id WHERE f.id = ?`,
  ).get(id) as (FileRowDb & Omit<UsrFileFull, 'kits' | 'tech' | 'files' | 'kitDetails' | 'banks'> & { techJson: string; filesJson: string }) | undefined;
  if (!r) return null;
  const kits = kitsOf(r.kits);
  const details = stmt(db, 'SELECT usr_kit_id AS usrKitId, element, net_count AS netCount, user_type AS userType, technol_type AS technolType FROM usr_file_kits WHERE usr_file_id = ?').all(id) as {
    usrKitId: number;
    element: string;
    netCount: number | null;
    userType: string | null;
    technolType: string | null;
  }[];
  const banks = stmt(
    db,
    `SELECT b.code, b.name, k.system_code AS sc, k.distr_number AS dn, k.comp AS cp, b.n_texts AS nTexts, b.last_update AS lastUpdate, b.last_docs AS lastDocs, b.update_count AS updateCount
     FROM usr_banks b LEFT JOIN usr_kits k ON k.id = b.usr_kit_id WHERE b.usr_file_id = ? ORDER BY b.id`,
  ).all(id) as (Omit<UsrBankRow, 'kit'> & { sc: string | null; dn: number | null; cp: number | null })[];
  const { techJson, filesJson, ...rest } = r;
  return {
    ...rest,
    kits,
    tech: JSON.parse(techJson) as Record<string, unknown>,
    files: JSON.parse(filesJson) as UsrFileFull['files'],
    kitDetails: details.flatMap((d) => {
      const k = kits.find((x) => x.usrKitId === d.usrKitId);
      return k ? [{ ...k, element: d.element, netCount: d.netCount, userType: d.userType, technolType: d.technolType }] : [];
    }),
    banks: banks.map(({ sc, dn, cp, ...b }) => ({ ...b, kit: sc != null && dn != null ? formatDistr({ system: sc, number: dn, comp: cp ?? 1 }) : null })),
  };
}

export function listUnknownKits(db: Db, limit: number): UsrUnknownKitRow[] {
  const rows = stmt(
    db,
    `SELECT k.id AS usrKitId, k.system_code AS systemCode, k.system_number AS systemNumber, k.distr_number AS distrNumber, k.comp,
       (SELECT count(*) FROM usr_file_kits fk WHERE fk.usr_kit_id = k.id) AS files, k.last_update AS lastUpdate, k.last_file_at AS lastFileAt,
       EXISTS (SELECT 1 FROM kplus_systems s WHERE s.code = k.system_code OR (k.system_number IS NOT NULL AND s.number = k.system_number)) AS systemKnown
     FROM usr_kits k WHERE k.distribution_id IS NULL ORDER BY files DESC, k.last_file_at DESC, k.id LIMIT ?`,
  ).all(limit) as (Omit<UsrUnknownKitRow, 'kit' | 'systemKnown'> & { systemKnown: number })[];
  return rows.map((r) => ({ ...r, systemKnown: r.systemKnown === 1, kit: formatDistr({ system: r.systemCode, number: r.distrNumber, comp: r.comp }) }));
}
