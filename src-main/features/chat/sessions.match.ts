// Linking a session to the base: its kit to a distribution and client, its person to a contact of that client, its operator to an employee.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { normalizePhone } from '../../../src-shared/validation/phone';
import type { SystemCatalog } from '../../../src-shared/systems';

/** ФИО as compared: case folded, ё = е, spaces collapsed. */
export function fioKey(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

function phoneDigits(raw: string): string | null {
  const n = normalizePhone(raw);
  if (n) return n.digits;
  const d = raw.replace(/\D/g, '');
  return d.length >= 5 ? d : null;
}

interface ContactKeys {
  emails: Map<string, number>;
  phones: Map<string, number>;
  fios: Map<string, number>;
}

/** Matches people of chat sessions to the contacts of clients, reading each client's contacts once per run. */
export class ContactMatcher {
  private readonly cache = new Map<number, ContactKeys>();
  constructor(private readonly db: Db) {}

  private keys(clientId: number): ContactKeys {
    let k = this.cache.get(clientId);
    if (k) return k;
    k = { emails: new Map(), phones: new Map(), fios: new Map() };
    // Archived contacts come first so an active one with the same key wins (later sets overwrite).
    const contacts = stmt(this.db, 'SELECT id, full_name AS n FROM contacts WHERE client_id = ? ORDER BY active, id').all(clientId) as { id: number; n: string }[];
    for (const c of contacts) k.fios.set(fioKey(c.n), c.id);
    for (const e of stmt(this.db, 'SELECT contact_id AS c, email FROM emails WHERE client_id = ? AND contact_id IS NOT NULL').all(clientId) as { c: number; email: string }[]) {
      k.emails.set(e.email.trim().toLowerCase(), e.c);
    }
    for (const p of stmt(this.db, 'SELECT contact_id AS c, digits FROM phones WHERE client_id = ? AND contact_id IS NOT NULL').all(clientId) as { c: number; digits: string }[]) {
      k.phones.set(p.digits, p.c);
    }
    this.cache.set(clientId, k);
    return k;
  }

  /** The contact by e-mail, then phone, then ФИО; null when none matches. */
  match(clientId: number, person: { email: string | null; phone: string | null; fio: string | null }): number | null {
    const k = this.keys(clientId);
    if (person.email) {
      const c = k.emails.get(person.email.trim().toLowerCase());
      if (c) return c;
    }
    if (person.phone) {
      const d = phoneDigits(person.phone);
      const c = d ? k.phones.get(d) : undefined;
      if (c) return c;
    }
    if (person.fio) {
      const c = k.fios.get(fioKey(person.fio));
      if (c) return c;
    }
    return null;
  }
}

export interface KitLink {
  distributionId: number | null;
  clientId: number | null;
}

/**
 * Where a kit's sessions belong: the distribution with that system code, number and computer; failing that (the
 * catalogue has no such number, or the kit was linked by hand without one) the client an earlier session of the same
 * kit was linked to, so a kit linked once links its later sessions by itself.
 */
export class KitResolver {
  private readonly cache = new Map<string, KitLink>();
  constructor(
    private readonly db: Db,
    private readonly cat: SystemCatalog,
  ) {}

  resolve(systemNumber: number, distrNumber: number, comp: number): KitLink {
    const key = `${systemNumber}_${distrNumber}_${comp}`;
    const known = this.cache.get(key);
    if (known) return known;
    let link: KitLink = { distributionId: null, clientId: null };
    const sys = this.cat.byNumber(systemNumber);
    if (sys) {
      const d = stmt(this.db, 'SELECT id, client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?').get(sys.code, distrNumber, comp) as
        | { id: number; c: number }
        | undefined;
      if (d) link = { distributionId: d.id, clientId: d.c };
    }
    if (link.clientId == null) {
      const prev = stmt(
        this.db,
        'SELECT client_id AS c FROM chat_sessions WHERE system_number = ? AND distr_number = ? AND comp = ? AND client_id IS NOT NULL ORDER BY start_at DESC LIMIT 1',
      ).get(systemNumber, distrNumber, comp) as { c: number } | undefined;
      if (prev) link = { distributionId: null, clientId: prev.c };
    }
    this.cache.set(key, link);
    return link;
  }
}

/** The employee an operator name is mapped to; a name seen for the first time is remembered unmapped, to be listed. */
export class OperatorResolver {
  private readonly cache = new Map<string, number | null>();
  constructor(private readonly db: Db) {}

  resolve(personal: string | null): number | null {
    if (!personal) return null;
    if (this.cache.has(personal)) return this.cache.get(personal)!;
    const row = stmt(this.db, 'SELECT employee_id AS e FROM chat_operators WHERE personal = ?').get(personal) as { e: number | null } | undefined;
    if (!row) stmt(this.db, 'INSERT OR IGNORE INTO chat_operators (personal, employee_id) VALUES (?, NULL)').run(personal);
    const e = row?.e ?? null;
    this.cache.set(personal, e);
    return e;
  }
}
