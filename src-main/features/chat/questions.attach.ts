// Imported questions of a kit no client had, attached once the kit is added to a client (by hand or by linking a task).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { matchContact } from './questions.contact';

/**
 * Attaches the questions kept with `unknown_kit` to the distribution now in the base: its client (unless a joined task
 * gave one), the contact who asked, the flag dropped. Runs in the caller's transaction; returns how many were attached.
 * Questions of a system whose number the catalogue lacked stay as they are until a distribution of it is saved.
 */
export function attachQuestions(db: Db, distributionId: number): number {
  const d = stmt(
    db,
    `SELECT d.client_id AS clientId, d.distr_number AS distrNumber, d.comp, ks.number AS systemNumber
     FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code WHERE d.id = ?`,
  ).get(distributionId) as { clientId: number; distrNumber: number; comp: number; systemNumber: number | null } | undefined;
  if (!d || d.systemNumber == null) return 0;
  const rows = stmt(
    db,
    'SELECT id, client_id AS clientId, fio, email, phone, flags FROM chat_questions WHERE system_number = ? AND distr_number = ? AND comp = ? AND distribution_id IS NULL',
  ).all(d.systemNumber, d.distrNumber, d.comp) as { id: number; clientId: number | null; fio: string | null; email: string | null; phone: string | null; flags: string }[];
  const update = stmt(db, 'UPDATE chat_questions SET distribution_id = ?, client_id = ?, contact_id = coalesce(contact_id, ?), flags = ? WHERE id = ?');
  for (const r of rows) {
    let flags: unknown[] = [];
    try {
      flags = JSON.parse(r.flags) as unknown[];
    } catch {
      // Unreadable flags are replaced.
    }
    const clientId = r.clientId ?? d.clientId;
    const contactId = clientId === d.clientId ? matchContact(db, clientId, r) : null;
    const kept = (Array.isArray(flags) ? flags : []).filter((f) => f !== 'unknown_kit' && f !== 'unknown_system_number');
    update.run(distributionId, clientId, contactId, JSON.stringify(kept), r.id);
  }
  return rows.length;
}
