// Finds the client a request comes from (distribution, ИНН, e-mail, phone) or creates a prospective client from it.
import type { Ctx } from '../../api/context';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { findKit } from '../../../src-shared/systems';
import { loadCatalog } from '../systems/systems.repo';
import { normalizePhone } from '../../../src-shared/validation/phone';
import { checkInn } from '../../../src-shared/validation/requisites';
import { clientCreateInput, contactSaveInput } from '../../../src-shared/api/clients';
import { emailInput } from '../../../src-shared/api/common';
import type { MailFields, MatchedBy } from '../../../src-shared/mail-types';
import type { MethodName, MethodOutput, MethodParsed } from '../../../src-shared/api';
import { clientsHandlers } from '../clients/clients.handlers';
import { partsHandlers } from '../clients/parts.handlers';

export interface ClientMatch {
  clientId: number;
  by: MatchedBy;
}

/**
 * The kit a request names, in the base's terms: code form («SKJP_000123_02», «СПС: SKJP 123-2») or number form
 * («1_000123_02», through the systems catalogue). Null when the value names no system the catalogue knows.
 */
export function kitOf(db: Db, value: string | undefined): { system: string; number: number; comp?: number } | null {
  if (!value) return null;
  const k = findKit(loadCatalog(db), value);
  if (k?.kind !== 'kit') return null;
  return { system: k.kit.system, number: k.kit.number, ...(k.compGiven ? { comp: k.kit.comp } : {}) };
}

/** The first of: distribution, ИНН, e-mail, phone that names exactly one client (the oldest when several). */
export function matchClient(db: Db, f: MailFields): ClientMatch | null {
  if (f.system) {
    const d = kitOf(db, f.system);
    if (d) {
      const r = stmt(db, 'SELECT client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND (? IS NULL OR comp = ?) ORDER BY client_id LIMIT 1').get(
        d.system,
        d.number,
        d.comp ?? null,
        d.comp ?? null,
      ) as { c: number } | undefined;
      if (r) return { clientId: r.c, by: 'distribution' };
    }
  }
  if (f.inn && !checkInn(f.inn)) {
    const r = stmt(db, 'SELECT id AS c FROM clients WHERE inn = ? ORDER BY id LIMIT 1').get(f.inn) as { c: number } | undefined;
    if (r) return { clientId: r.c, by: 'inn' };
  }
  if (f.email) {
    const r = stmt(db, 'SELECT client_id AS c FROM emails WHERE email = ? ORDER BY client_id LIMIT 1').get(f.email.toLowerCase()) as { c: number } | undefined;
    if (r) return { clientId: r.c, by: 'email' };
  }
  const phone = f.phone ? normalizePhone(f.phone) : null;
  // Only a full number identifies a client; a bare local number is shared by many area codes.
  if (phone && phone.digits.length >= 10) {
    const r = stmt(db, 'SELECT client_id AS c FROM phones WHERE digits = ? ORDER BY client_id LIMIT 1').get(phone.digits) as { c: number } | undefined;
    if (r) return { clientId: r.c, by: 'phone' };
  }
  return null;
}

/** The synchronous handler of a write method, to run inside the caller's transaction. */
export function plain<M extends MethodName>(h: unknown): (input: MethodParsed<M>, ctx: Ctx) => MethodOutput<M> {
  if (typeof h !== 'function') throw new Error('expected a plain handler');
  return h as (input: MethodParsed<M>, ctx: Ctx) => MethodOutput<M>;
}

/**
 * A prospective client from a lead that names its organisation, through the same code path as `clients.create`
 * (validation, search index, «created» event, audit), plus a contact person for the ФИО. A client is an
 * organisation: without one in the request nothing is created — a prospect named after a person, an e-mail or a
 * phone is a duplicate waiting to happen — and the task waits to be linked by a person. Values that would not pass
 * the form's checks (a malformed phone or ИНН) are left out rather than failing the request.
 */
export function createProspect(ctx: Ctx, f: MailFields): number | null {
  const phone = f.phone && normalizePhone(f.phone) ? f.phone.slice(0, 64) : null;
  const email = f.email && emailInput.safeParse({ email: f.email }).success ? f.email : null;
  const name = (f.org ?? '').trim().slice(0, 500);
  if (!name) return null;
  const input = clientCreateInput.parse({
    name,
    inn: f.inn && !checkInn(f.inn) ? f.inn : null,
    city: f.city?.slice(0, 100) ?? null,
    status: 'prospect',
    phones: phone ? [{ raw: phone }] : [],
    emails: email ? [{ email }] : [],
  });
  const { id } = plain<'clients.create'>(clientsHandlers['clients.create'])(input, ctx);
  if (f.fio) {
    const contact = contactSaveInput.safeParse({ clientId: id, fullName: f.fio.slice(0, 200) });
    if (contact.success) plain<'contacts.save'>(partsHandlers['contacts.save'])(contact.data, ctx);
  }
  return id;
}
