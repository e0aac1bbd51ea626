// Writing certificates: one function every path uses (list import, request, manual edit), so uniqueness and the timeline hold everywhere.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError } from '../../api/errors';
import { normaliseCertNumber, type GbSource, type GbStatus } from '../../../src-shared/glavbukh';

/**
 * The status a certificate reads as on a day: a `certified` one past its `valid_until` is `expired`. `alias` is the
 * certificate table's alias in the query, `today` a bound parameter or a literal (YYYY-MM-DD).
 */
export const gbEffectiveStatus = (alias: string, today: string): string =>
  `CASE WHEN ${alias}.status = 'certified' AND ${alias}.valid_until IS NOT NULL AND ${alias}.valid_until < ${today} THEN 'expired' ELSE ${alias}.status END`;

export interface CertInput {
  /** Editing a known certificate (by hand): it must be the client's and the programme's; its fields become exactly these. */
  id?: number;
  clientId: number;
  contactId?: number | null;
  programme: string;
  number?: string | null;
  issuedOn?: string | null;
  validUntil?: string | null;
  status: GbStatus;
  source: GbSource;
  sourceFileId?: number | null;
  requestId?: number | null;
  note?: string | null;
}

export interface CertWriter {
  db: Db;
  /** UTC ISO instant. */
  now: string;
  employeeId: number | null;
}

export interface CertResult {
  id: number;
  /** `added`, `updated` (a field changed), `same` (the same certificate again: nothing written). */
  outcome: 'added' | 'updated' | 'same';
}

/** The number is held by another client: the error names the holder (for a link next to the message). */
export class CertNumberTaken extends AppError {
  constructor(
    readonly number: string,
    readonly holder: { clientId: number; name: string },
  ) {
    super('CONFLICT', `certificate number ${number} is held by client ${holder.clientId}`, [
      { path: 'number', reason: 'duplicate', ref: { id: holder.clientId, name: holder.name } },
    ]);
  }
}

interface CertRow {
  id: number;
  clientId: number;
  contactId: number | null;
  number: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  status: string;
}

const COLS = 'id, client_id AS clientId, contact_id AS contactId, number, issued_on AS issuedOn, valid_until AS validUntil, status';

function holderOf(db: Db, clientId: number): { clientId: number; name: string } {
  const c = stmt(db, 'SELECT name FROM clients WHERE id = ?').get(clientId) as { name: string } | undefined;
  return { clientId, name: c?.name ?? `#${clientId}` };
}

/** Who holds a number of a programme, if anyone. */
export function findByNumber(db: Db, programme: string, number: string): CertRow | undefined {
  return stmt(db, `SELECT ${COLS} FROM gb_certificates WHERE programme = ? AND number_norm = ?`).get(programme, normaliseCertNumber(number)) as CertRow | undefined;
}

function event(w: CertWriter, clientId: number, kind: string, data: Record<string, unknown>): void {
  stmt(w.db, "INSERT INTO client_events (client_id, at, kind, text, data, author_id) VALUES (?, ?, ?, '', ?, ?)").run(clientId, w.now, kind, JSON.stringify(data), w.employeeId);
}

const kindOf = (status: GbStatus): string => (status === 'requested' ? 'gb_requested' : status === 'revoked' ? 'gb_revoked' : status === 'certified' ? 'gb_certified' : 'gb_updated');

/**
 * Records a certificate. Must run inside the caller's transaction. A number another client holds throws
 * `CertNumberTaken`; the same certificate for the same client changes nothing; a number arriving for a client with an
 * open request of the programme (no number yet) fills that request's certificate in.
 */
export function recordCertificate(w: CertWriter, c: CertInput): CertResult {
  const { db } = w;
  const norm = c.number != null && c.number.trim() !== '' ? normaliseCertNumber(c.number) : null;
  let row: CertRow | undefined;
  if (c.id != null) {
    row = stmt(db, `SELECT ${COLS} FROM gb_certificates WHERE id = ? AND client_id = ? AND programme = ?`).get(c.id, c.clientId, c.programme) as CertRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'certificate not found');
    const holder = norm ? findByNumber(db, c.programme, norm) : undefined;
    if (holder && holder.id !== row.id) {
      if (holder.clientId !== c.clientId) throw new CertNumberTaken(c.number!.trim(), holderOf(db, holder.clientId));
      throw new AppError('CONFLICT', 'certificate number held by another certificate of the client', [{ path: 'number', reason: 'duplicate', ref: { id: c.clientId, name: holderOf(db, c.clientId).name } }]);
    }
  } else if (norm) {
    row = stmt(db, `SELECT ${COLS} FROM gb_certificates WHERE programme = ? AND number_norm = ?`).get(c.programme, norm) as CertRow | undefined;
    if (row && row.clientId !== c.clientId) throw new CertNumberTaken(c.number!.trim(), holderOf(db, row.clientId));
    row ??= stmt(db, `SELECT ${COLS} FROM gb_certificates WHERE client_id = ? AND programme = ? AND number_norm IS NULL AND status = 'requested' ORDER BY id DESC LIMIT 1`).get(
      c.clientId,
      c.programme,
    ) as CertRow | undefined;
  }
  const exact = c.id != null;
  // A revoked certificate stays revoked: a later list still carrying its number changes nothing, and adding it by hand
  // is refused (a person who means it edits the certificate itself).
  if (!exact && row && row.status === 'revoked' && c.status !== 'revoked') {
    if (c.source === 'manual') throw new AppError('CONFLICT', 'certificate revoked', [{ path: 'number', reason: 'revoked' }]);
    return { id: row.id, outcome: 'same' };
  }
  const next = {
    contactId: exact ? (c.contactId ?? null) : (c.contactId ?? row?.contactId ?? null),
    // The same number written differently stays as first written.
    number: norm ? (row?.number != null && normaliseCertNumber(row.number) === norm ? row.number : c.number!.trim()) : exact ? null : (row?.number ?? null),
    issuedOn: exact ? (c.issuedOn ?? null) : (c.issuedOn ?? row?.issuedOn ?? null),
    validUntil: exact ? (c.validUntil ?? null) : (c.validUntil ?? row?.validUntil ?? null),
    status: c.status,
  };
  if (row) {
    const same = row.contactId === next.contactId && row.number === next.number && row.issuedOn === next.issuedOn && row.validUntil === next.validUntil && row.status === next.status;
    if (same) return { id: row.id, outcome: 'same' };
    stmt(
      db,
      `UPDATE gb_certificates SET contact_id = ?, number = ?, number_norm = ?, issued_on = ?, valid_until = ?, status = ?, source = ?,
         source_file_id = COALESCE(?, source_file_id), request_id = COALESCE(?, request_id), note = COALESCE(?, note), updated_at = ?, updated_by = ? WHERE id = ?`,
    ).run(next.contactId, next.number, norm ?? (next.number ? normaliseCertNumber(next.number) : null), next.issuedOn, next.validUntil, next.status, c.source, c.sourceFileId ?? null, c.requestId ?? null, c.note ?? null, w.now, w.employeeId, row.id);
    const kind = row.status !== next.status ? kindOf(next.status) : 'gb_updated';
    event(w, c.clientId, kind, { certificateId: row.id, programme: c.programme, number: next.number, validUntil: next.validUntil, status: next.status, source: c.source, was: row.status, ...(next.status === 'revoked' && c.note ? { reason: c.note } : {}) });
    return { id: row.id, outcome: 'updated' };
  }
  const r = stmt(
    db,
    `INSERT INTO gb_certificates (client_id, contact_id, programme, number, number_norm, issued_on, valid_until, status, source, source_file_id, request_id, note,
       created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.clientId, next.contactId, c.programme, next.number, norm, next.issuedOn, next.validUntil, next.status, c.source, c.sourceFileId ?? null, c.requestId ?? null, c.note ?? null, w.now, w.employeeId, w.now, w.employeeId);
  const id = Number(r.lastInsertRowid);
  event(w, c.clientId, kindOf(next.status), { certificateId: id, programme: c.programme, number: next.number, validUntil: next.validUntil, status: next.status, source: c.source });
  return { id, outcome: 'added' };
}
