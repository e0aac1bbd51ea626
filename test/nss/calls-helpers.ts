// Test helpers for ГЛ call lists: clients with kits, НСС schemes and phones, employees, the РИЦ zone, recorded calls read back.
import type { Db } from '../../src-main/db/connection';

const NOW = '2026-01-01T00:00:00Z';

/** A client (or the given existing one) with a kit (system code + number) on the НСС scheme from 2025-01-01, and phones (stored as the channels store them: 10 digits). */
export function nssClient(db: Db, name: string, kit: { code: string; number: number } | null, phones: string[] = [], existingId?: number): { id: number; kitId: number | null } {
  const id = existingId ?? Number(db.$client.prepare('INSERT INTO clients (name, name_lc, created_at, updated_at) VALUES (?, ?, ?, ?)').run(name, name.toLowerCase(), NOW, NOW).lastInsertRowid);
  let kitId: number | null = null;
  if (kit) {
    kitId = Number(db.$client.prepare('INSERT INTO distributions (client_id, system_code, distr_number, created_at) VALUES (?, ?, ?, ?)').run(id, kit.code, kit.number, NOW).lastInsertRowid);
    db.$client.prepare("INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_at) VALUES (?, 'nss', '2025-01-01', ?)").run(kitId, NOW);
  }
  for (const p of phones) db.$client.prepare('INSERT INTO phones (client_id, raw, digits) VALUES (?, ?, ?)').run(id, p, p.replace(/\D/g, '').slice(-10));
  return { id, kitId };
}

export function addEmployee(db: Db, login: string, fullName: string): number {
  return Number(db.$client.prepare("INSERT INTO employees (login, full_name, password_hash, created_at) VALUES (?, ?, 'x', ?)").run(login, fullName, NOW).lastInsertRowid);
}

export function setZone(db: Db, zone: string): void {
  db.$client.prepare("INSERT INTO settings (key, value) VALUES ('timezone', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(zone));
}

export interface CallRow {
  clientId: number;
  distributionId: number | null;
  employeeId: number | null;
  at: string;
  onDate: string;
  durationSec: number | null;
  comment: string | null;
  source: string;
  sourceFileId: number | null;
  phone: string | null;
}

export const callsOf = (db: Db): CallRow[] =>
  db.$client
    .prepare(
      "SELECT client_id AS clientId, distribution_id AS distributionId, employee_id AS employeeId, at, on_date AS onDate, duration_sec AS durationSec, comment, source, source_file_id AS sourceFileId, phone FROM nss_records WHERE kind = 'gl_call' ORDER BY id",
    )
    .all() as CallRow[];

export const monthRow = (db: Db, clientId: number, month: string) =>
  db.$client.prepare('SELECT gl_calls AS glCalls, gl_sec AS glSec FROM nss_client_months WHERE client_id = ? AND month = ?').get(clientId, month) as { glCalls: number; glSec: number } | undefined;
