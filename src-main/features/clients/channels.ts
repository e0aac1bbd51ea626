// Phones and e-mails of a client or a contact: replaced as a whole list on save.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { normalizePhone, formatPhone } from '../../../src-shared/validation/phone';
import type { EmailRow, PhoneRow } from '../../../src-shared/types';

export interface PhoneIn {
  raw: string;
  note: string | null;
}
export interface EmailIn {
  email: string;
  note: string | null;
}

export function replacePhones(db: Db, clientId: number, contactId: number | null, list: PhoneIn[]): void {
  // `+contact_id`: with a bound NULL the planner would pick the contact index and walk every client-level phone.
  stmt(db, 'DELETE FROM phones WHERE client_id = ? AND +contact_id IS ?').run(clientId, contactId);
  const ins = stmt(db, 'INSERT INTO phones (client_id, contact_id, raw, digits, note) VALUES (?, ?, ?, ?, ?)');
  for (const p of list) {
    // Input was validated at the boundary, so normalisation succeeds here.
    const n = normalizePhone(p.raw)!;
    ins.run(clientId, contactId, p.raw, n.digits, p.note);
  }
}

export function replaceEmails(db: Db, clientId: number, contactId: number | null, list: EmailIn[]): void {
  stmt(db, 'DELETE FROM emails WHERE client_id = ? AND +contact_id IS ?').run(clientId, contactId);
  const ins = stmt(db, 'INSERT INTO emails (client_id, contact_id, email, note) VALUES (?, ?, ?, ?)');
  for (const e of list) ins.run(clientId, contactId, e.email, e.note);
}

export function phoneRow(r: { id: number; raw: string; note: string | null }): PhoneRow {
  const n = normalizePhone(r.raw);
  return { id: r.id, raw: r.raw, note: r.note, formatted: n ? formatPhone(n.digits, n.ext) : r.raw };
}

export function listPhones(db: Db, clientId: number): (PhoneRow & { contactId: number | null })[] {
  const rows = stmt(db, 'SELECT id, contact_id AS contactId, raw, note FROM phones WHERE client_id = ? ORDER BY id').all(clientId) as {
    id: number;
    contactId: number | null;
    raw: string;
    note: string | null;
  }[];
  return rows.map((r) => ({ ...phoneRow(r), contactId: r.contactId }));
}

export function listEmails(db: Db, clientId: number): (EmailRow & { contactId: number | null })[] {
  return stmt(db, 'SELECT id, contact_id AS contactId, email, note FROM emails WHERE client_id = ? ORDER BY id').all(clientId) as (EmailRow & {
    contactId: number | null;
  })[];
}
