// Bearer-token sessions (only a hash is stored) and the lookup of the caller for each call.
import crypto from 'node:crypto';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { SessionUser } from '../../../src-shared/types';
import type { Role } from '../../../src-shared/roles';

/** A session lasts one long working day; signing in again is cheap. */
export const SESSION_HOURS = 12;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function createSession(db: Db, employeeId: number, now: Date): { token: string; expiresAt: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  const sql = db.$client;
  sql.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now.toISOString());
  sql
    .prepare('INSERT INTO sessions (token_hash, employee_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), employeeId, now.toISOString(), expiresAt);
  return { token, expiresAt };
}

export function loadSessionUser(db: Db, employeeId: number): SessionUser | null {
  // Cached statements: these run on every call (compiling them each time cost more than the lookups).
  const row = stmt(db, 'SELECT id, login, full_name AS fullName, active FROM employees WHERE id = ?')
    .get(employeeId) as { id: number; login: string; fullName: string; active: number } | undefined;
  if (!row || !row.active) return null;
  const roles = (stmt(db, 'SELECT role FROM employee_roles WHERE employee_id = ? ORDER BY role').all(employeeId) as { role: Role }[]).map(
    (r) => r.role,
  );
  return { id: row.id, login: row.login, fullName: row.fullName, roles };
}

export function userForToken(db: Db, token: string, now: Date): SessionUser | null {
  if (token.length > 200) return null;
  // One statement: it runs before every call, so session, employee and roles are read together.
  const row = stmt(
    db,
    `SELECT e.id, e.login, e.full_name AS fullName, (SELECT group_concat(role) FROM (SELECT role FROM employee_roles WHERE employee_id = e.id ORDER BY role)) AS roles
     FROM sessions s JOIN employees e ON e.id = s.employee_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND e.active = 1`,
  ).get(hashToken(token), now.toISOString()) as { id: number; login: string; fullName: string; roles: string | null } | undefined;
  if (!row) return null;
  return { id: row.id, login: row.login, fullName: row.fullName, roles: row.roles ? (row.roles.split(',') as Role[]) : [] };
}
