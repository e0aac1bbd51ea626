// The documents handed to 1С: queueing (by hand or on issue for ЭДО clients), the timeline, and what a 1С state does to the document.
import crypto from 'node:crypto';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError } from '../../api/errors';
import { EDO_DOCUMENT_TYPES, type EdoDocState, type EdoEventKind } from '../../../src-shared/edo';
import { returnTrack } from '../documents/return-rules';
import type { DocumentStatus } from '../../../src-shared/doc-types';

export interface EdoRow {
  documentId: number;
  connectionId: number | null;
  ref: string;
  sentVersion: number;
  sentHash: string | null;
  messageNo: number | null;
  ackedAt: string | null;
  onecNumber: string | null;
  state: EdoDocState;
  stateRaw: string | null;
  signedOn: string | null;
  reason: string | null;
  returnMarkedFor: string | null;
  error: string | null;
  attempts: number;
  nextAt: number;
  /** ISO time of the row's last change (for a settled document: about when it settled). */
  updatedAt: string;
}

const ROW_COLUMNS = `document_id AS documentId, connection_id AS connectionId, ref, sent_version AS sentVersion, sent_hash AS sentHash,
  message_no AS messageNo, acked_at AS ackedAt, onec_number AS onecNumber, state, state_raw AS stateRaw, signed_on AS signedOn,
  reason, return_marked_for AS returnMarkedFor, error, attempts, next_at AS nextAt, updated_at AS updatedAt`;

export function edoRowOf(db: Db, documentId: number): EdoRow | null {
  return (stmt(db, `SELECT ${ROW_COLUMNS} FROM edo_documents WHERE document_id = ?`).get(documentId) as EdoRow | undefined) ?? null;
}

export function edoRowsByRef(db: Db, refs: string[]): Map<string, EdoRow> {
  const out = new Map<string, EdoRow>();
  const q = stmt(db, `SELECT ${ROW_COLUMNS} FROM edo_documents WHERE ref = ?`);
  for (const r of refs) {
    const row = q.get(r.toLowerCase()) as EdoRow | undefined;
    if (row) out.set(row.ref, row);
  }
  return out;
}

/**
 * A return mark raises the document's version without changing anything 1С gets: a document that was up to date in 1С
 * stays so (not shown as changed, not hashed again). Call after the version was raised from `oldVersion`.
 */
export function versionFollowsReturn(db: Db, documentId: number, oldVersion: number): void {
  stmt(db, 'UPDATE edo_documents SET sent_version = ? WHERE document_id = ? AND sent_version = ?').run(oldVersion + 1, documentId, oldVersion);
}

export function addEdoEvent(db: Db, documentId: number, at: string, kind: EdoEventKind, raw: string | null = null, detail: string | null = null, employeeId: number | null = null): void {
  stmt(db, 'INSERT INTO edo_events (document_id, at, kind, raw, detail, employee_id) VALUES (?, ?, ?, ?, ?, ?)').run(documentId, at, kind, raw, detail, employeeId);
}

/** The connection new documents go to: the first enabled one; null while there is none (they wait, adopted later). */
export function defaultConnectionId(db: Db): number | null {
  return (stmt(db, 'SELECT id FROM onec_connections WHERE enabled = 1 ORDER BY id LIMIT 1').get() as { id: number } | undefined)?.id ?? null;
}

/**
 * Queues a document for 1С («Отправить в 1С», or issued for an ЭДО client). Already queued: a failing one is retried now,
 * otherwise nothing changes (a changed document is found by its version, not re-queued). Runs inside the caller's transaction.
 */
export function enqueueDocument(db: Db, documentId: number, by: number | null, now: Date): { state: EdoDocState; created: boolean } {
  const d = stmt(db, 'SELECT type, status FROM documents WHERE id = ?').get(documentId) as { type: string; status: DocumentStatus } | undefined;
  if (!d) throw new AppError('NOT_FOUND', 'document', [{ path: 'documentId', reason: 'not_found' }]);
  if (!(EDO_DOCUMENT_TYPES as readonly string[]).includes(d.type)) throw new AppError('BAD_INPUT', 'type', [{ path: 'documentId', reason: 'edo_type' }]);
  if (d.status !== 'issued') throw new AppError('CONFLICT', `document is ${d.status}`, [{ path: 'documentId', reason: 'not_issued' }]);
  const iso = now.toISOString();
  const cur = edoRowOf(db, documentId);
  if (cur) {
    if (cur.state === 'failed' || cur.error) {
      stmt(db, `UPDATE edo_documents SET state = CASE WHEN state = 'failed' THEN (CASE WHEN acked_at IS NULL THEN 'queued' ELSE 'accepted' END) ELSE state END,
        error = NULL, error_at = NULL, attempts = 0, next_at = 0, updated_at = ? WHERE document_id = ?`).run(iso, documentId);
      addEdoEvent(db, documentId, iso, 'queued_again', null, 'retry', by);
      return { state: edoRowOf(db, documentId)!.state, created: false };
    }
    return { state: cur.state, created: false };
  }
  stmt(
    db,
    `INSERT INTO edo_documents (document_id, connection_id, ref, state, queued_at, queued_by, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
  ).run(documentId, defaultConnectionId(db), crypto.randomUUID(), iso, by, iso);
  addEdoEvent(db, documentId, iso, 'queued', null, null, by);
  return { state: 'queued', created: true };
}

/** After a document is saved: an issued invoice / act / УПД of a client whose documents go through ЭДО is queued. */
export function enqueueIfEdoClient(db: Db, documentId: number, by: number | null, now: Date): void {
  const d = stmt(
    db,
    `SELECT d.type, d.status FROM documents d JOIN client_edo e ON e.client_id = d.client_id AND e.enabled = 1 WHERE d.id = ?`,
  ).get(documentId) as { type: string; status: string } | undefined;
  if (!d || d.status !== 'issued' || d.type === 'invoice_factura' || !(EDO_DOCUMENT_TYPES as readonly string[]).includes(d.type)) return;
  if (edoRowOf(db, documentId)) return;
  enqueueDocument(db, documentId, by, now);
}

/**
 * A document that cannot be built for 1С (cancelled, no ИНН, our requisites missing). One 1С does not have yet fails and
 * waits for a person; one 1С already has keeps its ЭДО state (its signing is still read) and only shows the error, and
 * this version is not tried again.
 */
export function failBuild(db: Db, documentId: number, version: number, code: string, iso: string): void {
  const cur = edoRowOf(db, documentId);
  if (!cur) return;
  if (cur.state === 'queued' || cur.state === 'handed') {
    stmt(db, `UPDATE edo_documents SET state = 'failed', error = ?, error_at = ?, updated_at = ? WHERE document_id = ?`).run(code, iso, iso, documentId);
  } else stmt(db, 'UPDATE edo_documents SET sent_version = ?, error = ?, error_at = ?, updated_at = ? WHERE document_id = ?').run(version, code, iso, iso, documentId);
  addEdoEvent(db, documentId, iso, cur.state === 'queued' || cur.state === 'handed' ? 'failed' : 'error', null, code);
}

/** Sets a document's state with a timeline entry when it changed. Returns whether it changed. */
export function setEdoState(db: Db, row: EdoRow, next: { state: EdoDocState; raw?: string | null; reason?: string | null; signedOn?: string | null; detail?: string | null }, now: Date): boolean {
  const raw = next.raw === undefined ? row.stateRaw : next.raw;
  const reason = next.reason === undefined ? row.reason : next.reason;
  const signedOn = next.signedOn === undefined ? row.signedOn : next.signedOn;
  if (row.state === next.state && row.stateRaw === raw && row.reason === reason && row.signedOn === signedOn) return false;
  const iso = now.toISOString();
  stmt(db, 'UPDATE edo_documents SET state = ?, state_raw = ?, reason = ?, signed_on = ?, updated_at = ? WHERE document_id = ?').run(next.state, raw, reason, signedOn, iso, row.documentId);
  addEdoEvent(db, row.documentId, iso, next.state, raw, next.detail ?? reason ?? (signedOn ? `signed ${signedOn}` : null));
  Object.assign(row, { state: next.state, stateRaw: raw, reason, signedOn });
  return true;
}

/**
 * What a signing state does to the document's return: signed marks it returned on the signing date «через ЭДО» (once per
 * signing date; a paper return already there stays); annulled after an ЭДО return makes it awaited again. Rejected keeps
 * it awaited and tells the document's СИО. Runs inside the caller's transaction.
 */
export function applyReturn(db: Db, row: EdoRow, now: Date, previous: EdoDocState | null = null): { employeeId: number; id: number } | null {
  const d = stmt(
    db,
    'SELECT id, status, date, planned_return AS plannedReturn, returned_at AS returnedAt, returned_via AS returnedVia, sio_id AS sioId, number, type, version FROM documents WHERE id = ?',
  ).get(row.documentId) as { id: number; status: DocumentStatus; date: string; plannedReturn: string | null; returnedAt: string | null; returnedVia: string | null; sioId: number | null; number: string; type: string; version: number } | undefined;
  if (!d) return null;
  const iso = now.toISOString();
  if (row.state === 'signed' && row.signedOn && row.returnMarkedFor !== row.signedOn) {
    stmt(db, 'UPDATE edo_documents SET return_marked_for = ? WHERE document_id = ?').run(row.signedOn, row.documentId);
    row.returnMarkedFor = row.signedOn;
    if (d.returnedAt || d.status !== 'issued') {
      addEdoEvent(db, d.id, iso, 'return_marked', null, d.returnedAt ? `already returned ${d.returnedAt} (${d.returnedVia ?? 'paper'})` : `document is ${d.status}`);
      return null;
    }
    // A signing date before the document's own date (a clock off in 1С) counts as the document's date.
    const on = row.signedOn < d.date ? d.date : row.signedOn;
    stmt(
      db,
      `UPDATE documents SET returned_at = ?, returned_via = 'edo', returned_by_id = NULL, returned_note = NULL, return_track = ?, updated_at = ?,
         version = version + 1 WHERE id = ?`,
    ).run(on, returnTrack(d.status, d.plannedReturn, on), iso, d.id);
    versionFollowsReturn(db, d.id, d.version);
    addEdoEvent(db, d.id, iso, 'return_marked', null, on);
    auditJob(db, d.id, 'mark_returned', { date: on, via: 'edo' }, iso);
    return null;
  }
  if (row.state === 'annulled' && d.returnedVia === 'edo' && row.returnMarkedFor != null) {
    stmt(
      db,
      `UPDATE documents SET returned_at = NULL, returned_via = NULL, return_track = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
    ).run(returnTrack(d.status, d.plannedReturn, null), iso, d.id);
    versionFollowsReturn(db, d.id, d.version);
    stmt(db, 'UPDATE edo_documents SET return_marked_for = NULL WHERE document_id = ?').run(row.documentId);
    row.returnMarkedFor = null;
    addEdoEvent(db, d.id, iso, 'return_taken_back', row.stateRaw, 'annulled');
    auditJob(db, d.id, 'unmark_returned', { was: d.returnedAt, via: 'edo', because: 'annulled' }, iso);
    return null;
  }
  if (row.state === 'annulled') {
    stmt(db, 'UPDATE edo_documents SET return_marked_for = NULL WHERE document_id = ?').run(row.documentId);
    row.returnMarkedFor = null;
    return null;
  }
  if (row.state === 'rejected' && previous !== 'rejected' && d.sioId != null) {
    const id = stmt(db, `INSERT INTO notifications (employee_id, at, kind, data) VALUES (?, ?, 'edo_rejected', ?)`).run(
      d.sioId,
      iso,
      JSON.stringify({ documentId: d.id, number: d.number, type: d.type, reason: row.reason }),
    ).lastInsertRowid;
    return { employeeId: d.sioId, id: Number(id) };
  }
  return null;
}

function auditJob(db: Db, documentId: number, action: string, changes: object, at: string): void {
  stmt(db, `INSERT INTO audit_log (at, employee_id, entity, entity_id, action, changes) VALUES (?, NULL, 'document', ?, ?, ?)`).run(
    at,
    documentId,
    action,
    JSON.stringify({ ...changes, by: 'edo' }),
  );
}
