// The contact person who asked an imported question, found among the client's contacts by e-mail, phone or ФИО.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { normalizePhone } from '../../../src-shared/validation/phone';
import { emailKey, fioKey } from './questions.text';

/** The contact of the client who asked: by e-mail, then phone, then ФИО. */
export function matchContact(db: Db, clientId: number, r: { email: string | null; phone: string | null; fio: string | null }): number | null {
  const email = emailKey(r.email);
  if (email) {
    const e = stmt(db, 'SELECT contact_id AS c FROM emails WHERE client_id = ? AND email = ? AND contact_id IS NOT NULL ORDER BY contact_id LIMIT 1').get(clientId, email) as
      | { c: number }
      | undefined;
    if (e) return e.c;
  }
  const phone = r.phone ? normalizePhone(r.phone) : null;
  if (phone && phone.digits.length >= 10) {
    const p = stmt(db, 'SELECT contact_id AS c FROM phones WHERE client_id = ? AND digits = ? AND contact_id IS NOT NULL ORDER BY contact_id LIMIT 1').get(clientId, phone.digits) as
      | { c: number }
      | undefined;
    if (p) return p.c;
  }
  const fio = fioKey(r.fio);
  if (fio) {
    const people = stmt(db, 'SELECT id, full_name AS n FROM contacts WHERE client_id = ? ORDER BY active DESC, id').all(clientId) as { id: number; n: string }[];
    const hit = people.find((c) => fioKey(c.n) === fio);
    if (hit) return hit.id;
  }
  return null;
}

