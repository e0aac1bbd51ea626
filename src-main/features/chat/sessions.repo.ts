// Reading chat sessions for the screens: the filtered list, one dialog, operator names and kits linked to no client.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { ChatOperatorRow, ChatSessionFull, ChatSessionRow, UnknownKitRow } from '../../../src-shared/chat-sessions';

const ROW_COLUMNS = `cs.id, cs.start_at AS startAt, cs.finish_at AS finishAt, cs.duration_sec AS durationSec, cs.system_number AS systemNumber,
  cs.distr_number AS distrNumber, cs.comp, ks.code AS systemCode, cs.client_id AS clientId, c.name AS clientName, cs.contact_id AS contactId,
  ct.full_name AS contactName, cs.fio, cs.email, cs.phone, cs.personal, cs.employee_id AS employeeId, e.full_name AS employeeName, cs.flags`;

const ROW_JOINS = `LEFT JOIN clients c ON c.id = cs.client_id
  LEFT JOIN contacts ct ON ct.id = cs.contact_id
  LEFT JOIN employees e ON e.id = cs.employee_id
  LEFT JOIN kplus_systems ks ON ks.number = cs.system_number`;

type RawRow = Omit<ChatSessionRow, 'flags'> & { flags: string };

function flagsOf(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export interface SessionFilter {
  /** UTC ISO bounds: start ≥ fromAt and < toAt. */
  fromAt?: string;
  toAt?: string;
  employeeId?: number;
  personal?: string;
  clientId?: number;
  unlinked?: boolean;
  /** Only this employee's sessions (an operator's own view). */
  ownerId?: number;
}

function where(f: SessionFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.fromAt) {
    parts.push('cs.start_at >= @fromAt');
    params.fromAt = f.fromAt;
  }
  if (f.toAt) {
    parts.push('cs.start_at < @toAt');
    params.toAt = f.toAt;
  }
  if (f.employeeId != null) {
    parts.push('cs.employee_id = @employeeId');
    params.employeeId = f.employeeId;
  }
  if (f.ownerId != null) {
    parts.push('cs.employee_id = @ownerId');
    params.ownerId = f.ownerId;
  }
  if (f.personal != null) {
    parts.push('cs.personal = @personal');
    params.personal = f.personal;
  }
  if (f.clientId != null) {
    parts.push('cs.client_id = @clientId');
    params.clientId = f.clientId;
  }
  if (f.unlinked) parts.push('cs.client_id IS NULL');
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listSessions(db: Db, f: SessionFilter, offset: number, limit: number): { rows: ChatSessionRow[]; total: number } {
  const w = where(f);
  const rows = stmt(db, `SELECT ${ROW_COLUMNS} FROM chat_sessions cs ${ROW_JOINS} ${w.sql} ORDER BY cs.start_at DESC, cs.id DESC LIMIT @limit OFFSET @offset`).all({
    ...w.params,
    limit,
    offset,
  }) as RawRow[];
  const total = (stmt(db, `SELECT COUNT(*) AS n FROM chat_sessions cs ${w.sql}`).get(w.params) as { n: number }).n;
  return { rows: rows.map((r) => ({ ...r, flags: flagsOf(r.flags) })), total };
}

export function getSession(db: Db, id: number): ChatSessionFull | undefined {
  const r = stmt(
    db,
    `SELECT ${ROW_COLUMNS}, cs.first_date AS firstDate, cs.profile, cs.lgn, cs.links, cs.text, cs.client_rating AS clientRating,
       cs.distribution_id AS distributionId, cs.imported_at AS importedAt
     FROM chat_sessions cs ${ROW_JOINS} WHERE cs.id = ?`,
  ).get(id) as (Omit<ChatSessionFull, 'flags'> & { flags: string }) | undefined;
  return r ? { ...r, flags: flagsOf(r.flags) } : undefined;
}

export function listOperators(db: Db): ChatOperatorRow[] {
  return stmt(
    db,
    `SELECT o.personal, o.employee_id AS employeeId, e.full_name AS employeeName, COALESCE(s.n, 0) AS sessions, s.lastAt
     FROM chat_operators o
     LEFT JOIN employees e ON e.id = o.employee_id
     LEFT JOIN (SELECT personal, COUNT(*) AS n, MAX(start_at) AS lastAt FROM chat_sessions WHERE personal IS NOT NULL GROUP BY personal) s ON s.personal = o.personal
     ORDER BY o.employee_id IS NOT NULL, o.personal`,
  ).all() as ChatOperatorRow[];
}

export function listUnknownKits(db: Db, limit: number): UnknownKitRow[] {
  return stmt(
    db,
    `SELECT k.systemNumber, k.distrNumber, k.comp, ks.code AS systemCode, k.sessions, k.firstAt, k.lastAt,
       d.client_id AS existingClientId, c.name AS existingClientName
     FROM (SELECT system_number AS systemNumber, distr_number AS distrNumber, comp, COUNT(*) AS sessions, MIN(start_at) AS firstAt, MAX(start_at) AS lastAt
           FROM chat_sessions WHERE client_id IS NULL GROUP BY system_number, distr_number, comp) k
     LEFT JOIN kplus_systems ks ON ks.number = k.systemNumber
     LEFT JOIN distributions d ON d.system_code = ks.code AND d.distr_number = k.distrNumber AND d.comp = k.comp
     LEFT JOIN clients c ON c.id = d.client_id
     ORDER BY k.sessions DESC, k.lastAt DESC LIMIT ?`,
  ).all(limit) as UnknownKitRow[];
}
