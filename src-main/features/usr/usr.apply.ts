// Applying a parsed USR file inside its import transaction: the file's facts, its kits (linked when the base knows them), banks, proven updates and monthly aggregates.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import type { ApplyContext, ApplyResult, ImportProblem, ParsedFile } from '../imports/format';
import type { UsrKitRecord, UsrRecord } from './usr.parse';

const INSERT_FILE = `INSERT INTO usr_files (file_id, name, name_system_number, file_at, format_version, ric, res_version, cons_exe_version, kd_version,
  complect, os_name, os_version, processor, ram_mb, disk_free_mb, office, tech_json, files_json, newest_update, status, imported_at, imported_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;
const UPSERT_KIT = `INSERT INTO usr_kits (system_code, system_number, distr_number, comp, first_seen_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (system_code, distr_number, comp) DO UPDATE SET system_number = coalesce(usr_kits.system_number, excluded.system_number)
  RETURNING id, distribution_id AS distributionId`;
const INSERT_BANK = `INSERT INTO usr_banks (usr_file_id, usr_kit_id, code, name, directory, n_distr, n_comp, n_cat, n_texts, compliance, last_update, last_docs, update_count)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_UPDATE = 'INSERT OR IGNORE INTO usr_updates (usr_kit_id, bank, date, time, docs, kind, usr_file_id) VALUES (?, ?, ?, ?, ?, ?, ?)';
/** A kit's months from the first one touched on, in one pass over its updates (a kit's history is a few thousand rows at most). */
const KIT_MONTHS = `SELECT substr(date, 1, 7) AS month, count(DISTINCT date) AS sessions, count(*) AS updates, max(date) AS lastUpdate
  FROM usr_updates WHERE usr_kit_id = ? AND date >= ? GROUP BY substr(date, 1, 7)`;
const MONTH = `INSERT INTO usr_kit_months (usr_kit_id, month, sessions, updates, last_update) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (usr_kit_id, month) DO UPDATE SET sessions = excluded.sessions, updates = excluded.updates, last_update = excluded.last_update`;
const KIT_LAST = `UPDATE usr_kits SET
  last_update = CASE WHEN @upd IS NOT NULL AND (last_update IS NULL OR last_update < @upd) THEN @upd ELSE last_update END,
  last_file_id = CASE WHEN last_file_at IS NULL OR (@at IS NOT NULL AND last_file_at <= @at) THEN @file ELSE last_file_id END,
  last_file_at = CASE WHEN last_file_at IS NULL OR (@at IS NOT NULL AND last_file_at <= @at) THEN @at ELSE last_file_at END
  WHERE id = @kit`;

interface Catalogue {
  code: string;
  number: number | null;
}

/** The base's distribution of a kit: by the element's code, else by the code the catalogue gives the element's number. */
export function findDistribution(db: Db, code: string, number: number | null, distr: number, comp: number): number | null {
  const find = stmt(db, 'SELECT id FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?');
  const own = find.get(code, distr, comp) as { id: number } | undefined;
  if (own) return own.id;
  if (number == null) return null;
  const sys = stmt(db, 'SELECT code FROM kplus_systems WHERE number = ?').get(number) as Catalogue | undefined;
  if (!sys || sys.code === code) return null;
  const other = find.get(sys.code, distr, comp) as { id: number } | undefined;
  return other?.id ?? null;
}

/** Fills the catalogue's number of a code that has none; a different number already there is a problem, never overwritten. */
function checkCatalogue(db: Db, kit: UsrKitRecord, problems: ImportProblem[]): void {
  if (kit.number == null) return;
  const sys = stmt(db, 'SELECT code, number FROM kplus_systems WHERE code = ?').get(kit.code) as Catalogue | undefined;
  if (!sys) return;
  if (sys.number === kit.number) return;
  if (sys.number == null) {
    const taken = stmt(db, 'SELECT code FROM kplus_systems WHERE number = ?').get(kit.number) as Catalogue | undefined;
    if (!taken) {
      stmt(db, 'UPDATE kplus_systems SET number = ? WHERE code = ? AND number IS NULL').run(kit.number, kit.code);
      return;
    }
    problems.push({ record: 1, code: 'system_number_mismatch', detail: `${kit.element}: ${taken.code}` });
    return;
  }
  problems.push({ record: 1, code: 'system_number_mismatch', detail: `${kit.element}: ${sys.number}` });
}

interface FileKit {
  id: number;
  distr: number;
  comp: number;
}

/** The kit a bank belongs to: by nDistr/nComp among the file's kits, by nDistr alone when that is unique, else the file's only kit. */
function bankKit(kits: FileKit[], nDistr: number | null, nComp: number | null): number | null {
  if (nDistr != null) {
    const exact = kits.find((k) => k.distr === nDistr && k.comp === (nComp || 1));
    if (exact) return exact.id;
    const byDistr = kits.filter((k) => k.distr === nDistr);
    if (byDistr.length === 1) return byDistr[0]!.id;
  }
  const ids = new Set(kits.map((k) => k.id));
  return ids.size === 1 ? kits[0]!.id : null;
}

/** Writes one USR file (one record). Status `unknown_kit` when a kit it names is not in the base, else `stored`. */
export function applyUsr(parsed: ParsedFile<UsrRecord>, ctx: ApplyContext): ApplyResult {
  const r = parsed.records[0];
  if (!r) return { added: 0, skipped: 0, flagged: 0, problems: [] };
  const db = ctx.db;
  const problems: ImportProblem[] = [];
  const kits: FileKit[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const fileKits: { kit: FileKit; rec: UsrKitRecord }[] = [];
  for (const k of r.kits) {
    const key = `${k.code}_${k.distr}_${k.comp}`;
    if (seen.has(key)) continue;
    seen.add(key);
    checkCatalogue(db, k, problems);
    const row = stmt(db, UPSERT_KIT).get(k.code, k.number, k.distr, k.comp, ctx.now) as { id: number; distributionId: number | null };
    let distributionId = row.distributionId;
    if (distributionId == null) {
      distributionId = findDistribution(db, k.code, k.number, k.distr, k.comp);
      if (distributionId != null) stmt(db, 'UPDATE usr_kits SET distribution_id = ? WHERE id = ?').run(distributionId, row.id);
    }
    if (distributionId == null) {
      const text = formatDistr({ system: k.code, number: k.distr, comp: k.comp });
      unknown.push(text);
      problems.push({ record: 1, code: 'unknown_kit', detail: text });
    }
    const kit = { id: row.id, distr: k.distr, comp: k.comp };
    kits.push(kit);
    fileKits.push({ kit, rec: k });
  }
  const status = unknown.length > 0 ? 'unknown_kit' : 'stored';
  const file = stmt(db, INSERT_FILE).get(
    ctx.fileId,
    fileName(db, ctx.fileId),
    r.nameSystemNumber,
    r.fileAt,
    r.formatVersion,
    r.ric,
    r.resVersion,
    r.consExeVersion,
    r.kdVersion,
    r.complect,
    r.osName,
    r.osVersion,
    r.processor,
    r.ramMb,
    r.diskFreeMb,
    r.office,
    r.techJson,
    JSON.stringify(r.files),
    r.newestUpdate,
    status,
    ctx.now,
    ctx.employeeId,
  ) as { id: number };
  const insKit = stmt(db, 'INSERT OR IGNORE INTO usr_file_kits (usr_file_id, usr_kit_id, element, ric, net_count, user_type, technol_type, format) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const { kit, rec } of fileKits) insKit.run(file.id, kit.id, rec.element, rec.ric, rec.netCount, rec.userType, rec.technolType, rec.format);

  const insBank = stmt(db, INSERT_BANK);
  const insUpdate = stmt(db, INSERT_UPDATE);
  /** Per kit, the months (YYYY-MM) touched by a new proven update. */
  const months = new Map<number, Set<string>>();
  const newest = new Map<number, string>();
  for (const b of r.banks) {
    const kitId = bankKit(kits, b.nDistr, b.nComp);
    let last: { date: string; docs: number | null } | null = null;
    for (const u of b.updates) if (!last || u.date >= last.date) last = u;
    insBank.run(file.id, kitId, b.code, b.name, b.directory, b.nDistr, b.nComp, b.nCat, b.nTexts, b.compliance, last?.date ?? null, last?.docs ?? null, b.updates.length);
    if (kitId == null) {
      if (b.updates.length) problems.push({ record: 1, code: 'bank_without_kit', detail: b.code });
      continue;
    }
    let touched = months.get(kitId);
    for (const u of b.updates) {
      if (insUpdate.run(kitId, b.code, u.date, u.time, u.docs, u.kind, file.id).changes === 0) continue;
      if (!touched) months.set(kitId, (touched = new Set()));
      touched.add(u.date.slice(0, 7));
    }
    if (last && (newest.get(kitId) ?? '') < last.date) newest.set(kitId, last.date);
  }
  const kitMonths = stmt(db, KIT_MONTHS);
  const month = stmt(db, MONTH);
  for (const [kitId, touched] of months) {
    const first = [...touched].sort()[0]!;
    for (const m of kitMonths.all(kitId, `${first}-01`) as { month: string; sessions: number; updates: number; lastUpdate: string }[]) {
      if (touched.has(m.month)) month.run(kitId, m.month, m.sessions, m.updates, m.lastUpdate);
    }
  }
  const kitLast = stmt(db, KIT_LAST);
  for (const kit of new Set(kits.map((k) => k.id))) kitLast.run({ kit, upd: newest.get(kit) ?? null, file: file.id, at: r.fileAt });
  return { status, added: 1, skipped: 0, flagged: status === 'unknown_kit' ? 1 : 0, problems };
}

function fileName(db: Db, fileId: number): string {
  const row = stmt(db, 'SELECT name FROM import_files WHERE id = ?').get(fileId) as { name: string } | undefined;
  return row?.name ?? '';
}
