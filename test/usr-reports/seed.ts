// Test helper: fills the usr_* tables by plain SQL as the USR import would (stored bytes, files, kits, proven updates once, monthly aggregates).
import type { Db } from '../../src-main/db/connection';
import { storeBytes } from '../../src-main/features/imports/store';
import { usrBytes, usrName, type GenUsr } from '../helpers/usr-gen';

const NOW = '2026-11-27T09:00:00.000Z';

export function addEmployee(db: Db, login: string, fullName: string): number {
  return Number(db.$client.prepare("INSERT INTO employees (login, full_name, password_hash, active, created_at) VALUES (?, ?, 'x', 1, ?)").run(login, fullName, NOW).lastInsertRowid);
}

export function addClient(db: Db, c: { name: string; inn?: string; sioId?: number | null; isKey?: boolean }): number {
  return Number(
    db.$client
      .prepare("INSERT INTO clients (name, name_lc, inn, status, sio_id, is_key, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?)")
      .run(c.name, c.name.toLowerCase(), c.inn ?? null, c.sioId ?? null, c.isKey ? 1 : 0, NOW, NOW).lastInsertRowid,
  );
}

/** A distribution with its scheme history ([effective from, scheme] pairs). */
export function addDistribution(db: Db, d: { clientId: number; code: string; distr: number; comp?: number; state?: string; schemes?: [string, string][] }): number {
  const id = Number(
    db.$client
      .prepare('INSERT INTO distributions (client_id, system_code, distr_number, comp, state, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(d.clientId, d.code, d.distr, d.comp ?? 1, d.state ?? 'active', NOW).lastInsertRowid,
  );
  for (const [from, scheme] of d.schemes ?? []) db.$client.prepare('INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_at) VALUES (?, ?, ?, ?)').run(id, scheme, from, NOW);
  return id;
}

function kitId(db: Db, code: string, distr: number, comp: number): number {
  const row = db.$client.prepare('SELECT id FROM usr_kits WHERE system_code = ? AND distr_number = ? AND comp = ?').get(code, distr, comp) as { id: number } | undefined;
  if (row) return row.id;
  const dist = db.$client.prepare('SELECT id FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?').get(code, distr, comp) as { id: number } | undefined;
  return Number(
    db.$client
      .prepare('INSERT INTO usr_kits (system_code, system_number, distr_number, comp, distribution_id, first_seen_at) VALUES (?, 1, ?, ?, ?, ?)')
      .run(code, distr, comp, dist?.id ?? null, NOW).lastInsertRowid,
  );
}

/** Stores a generated USR file and records what it proves; returns usr_files.id and the bytes. */
export function addUsrFile(db: Db, g: GenUsr & { name?: string; purged?: boolean }): { usrFileId: number; bytes: Buffer; name: string } {
  const bytes = usrBytes(g);
  const name = g.name ?? usrName(g);
  const all = g.banks.flatMap((b) => b.updates).sort();
  const newest = all[all.length - 1] ?? null;
  const fileAt = g.fileDate ? `${g.fileDate}T12:00:00` : newest ? `${newest}T12:00:00` : null;
  const tx = db.$client.transaction(() => {
    const stored = storeBytes(db, bytes, name, NOW);
    const usrFileId = Number(
      db.$client
        .prepare("INSERT INTO usr_files (file_id, name, file_at, format_version, newest_update, status, imported_at, purged_at) VALUES (?, ?, ?, 5, ?, 'stored', ?, ?)")
        .run(stored.fileId, name, fileAt, newest, NOW, g.purged ? NOW : null).lastInsertRowid,
    );
    const kits = g.kits.map((k) => kitId(db, k.code, k.distr, k.comp ?? 1));
    g.kits.forEach((k, i) => db.$client.prepare('INSERT OR IGNORE INTO usr_file_kits (usr_file_id, usr_kit_id, element) VALUES (?, ?, ?)').run(usrFileId, kits[i], `${k.code}_1`));
    for (const b of g.banks) {
      const ki = b.distr == null ? 0 : Math.max(0, g.kits.findIndex((k) => k.distr === b.distr && (k.comp ?? 1) === (b.comp ?? 1)));
      const kit = kits[ki]!;
      for (const d of b.updates) db.$client.prepare('INSERT OR IGNORE INTO usr_updates (usr_kit_id, bank, date, usr_file_id) VALUES (?, ?, ?, ?)').run(kit, b.code, d, usrFileId);
    }
    for (const kit of kits) {
      db.$client.prepare('DELETE FROM usr_kit_months WHERE usr_kit_id = ?').run(kit);
      db.$client
        .prepare(
          `INSERT INTO usr_kit_months (usr_kit_id, month, sessions, updates, last_update)
           SELECT usr_kit_id, substr(date, 1, 7), count(DISTINCT date), count(*), max(date) FROM usr_updates WHERE usr_kit_id = ? GROUP BY substr(date, 1, 7)`,
        )
        .run(kit);
      db.$client.prepare('UPDATE usr_kits SET last_update = (SELECT max(date) FROM usr_updates WHERE usr_kit_id = ?), last_file_id = ?, last_file_at = ? WHERE id = ?').run(kit, usrFileId, fileAt, kit);
    }
    return usrFileId;
  });
  return { usrFileId: tx(), bytes, name };
}
