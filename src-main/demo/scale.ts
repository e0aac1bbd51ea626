// Scale data for load tests and the benchmark: bulk inserts with prepared statements in a few large transactions.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { addDays } from '../db/stmt';
import { reindexAll } from '../features/clients/search-index';
import { sortKey } from '../../src-shared/search-text';
import { registerSystems } from '../features/systems/systems.repo';
import {
  DEMO_SYSTEMS,
  DISTR_SYSTEMS,
  banks,
  cityPhone,
  counterpartyOf,
  daysBefore,
  mobilePhone,
  orgEmail,
  organisation,
  person,
  personEmail,
} from './generator';
import { POSITIONS_OTHER } from './pools';
import { Rng } from './random';

export interface SeedOptions {
  clients: number;
  seed?: number;
  /** "Today" of the generated data (ISO date); defaults to the real date. */
  today?: string;
  /** Clients per transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  clients: number;
  contacts: number;
  distributions: number;
  phones: number;
  emails: number;
  /** Wall time of the inserts and of the search index rebuild, ms. */
  insertMs: number;
  indexMs: number;
}

const NUMBERS = 900_000;
/** Distribution numbers run through all 6-digit values in a scattered order (7919 is prime to 900,000). */
const scatter = (k: number) => 100_000 + ((k * 7919 + 12_345) % NUMBERS);

class DistrNumbers {
  private next = new Map<string, number>();
  constructor(private used: Set<string>) {}
  take(system: string): number {
    let k = this.next.get(system) ?? 0;
    for (;;) {
      if (k >= NUMBERS) throw new Error(`seed: no free distribution numbers left for ${system}`);
      const n = scatter(k++);
      if (!this.used.has(`${system}_${n}`)) {
        this.next.set(system, k);
        return n;
      }
    }
  }
}

function prepareAll(sql: Database.Database) {
  const p = (s: string) => sql.prepare(s);
  return {
    client: p(`INSERT INTO clients (name, name_lc, inn, kpp, legal_address, actual_address, region, city, status, sio_id, pm_id, is_key,
      key_responsible_id, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`),
    phone: p('INSERT INTO phones (client_id, contact_id, raw, digits, note) VALUES (?, ?, ?, ?, ?)'),
    email: p('INSERT INTO emails (client_id, contact_id, email, note) VALUES (?, ?, ?, NULL)'),
    contact: p('INSERT INTO contacts (client_id, full_name, position, note, active, created_at) VALUES (?, ?, ?, NULL, 1, ?)'),
    role: p('INSERT INTO contact_roles (contact_id, role) VALUES (?, ?)'),
    characteristic: p('INSERT INTO contact_characteristics (contact_id, characteristic_id, comment) VALUES (?, ?, ?)'),
    counterparty: p(`INSERT INTO counterparties (full_name, short_name, inn, kpp, ogrn, legal_address, bank_name, bik, corr_account, account,
      director_name, director_position, signer_name, signer_basis, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    link: p('INSERT INTO client_counterparties (client_id, counterparty_id, effective_from, basis, created_by, created_at) VALUES (?, ?, ?, ?, NULL, ?)'),
    distr: p(`INSERT INTO distributions (client_id, system_code, distr_number, comp, network_type, state, address, created_at)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`),
    chat: p('INSERT INTO distribution_chat (distribution_id, enabled, effective_from, set_by, set_at) VALUES (?, 1, ?, NULL, ?)'),
    scheme: p('INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_by, created_at) VALUES (?, ?, ?, NULL, ?)'),
    event: p('INSERT INTO client_events (client_id, at, kind, text, data, author_id) VALUES (?, ?, ?, ?, ?, NULL)'),
    value: p('INSERT INTO client_readiness_values (client_id, field_code, value, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?, NULL)'),
    ready: p('INSERT INTO client_readiness (client_id, stage_id, ready_until) VALUES (?, ?, ?)'),
  };
}

/** Counts 1–3 in pairs summing to 4, so the average is exactly 2 per client. */
function pairedCount(rng: Rng, i: number, prev: number): number {
  return i % 2 === 0 ? rng.int(1, 3) : 4 - prev;
}

/**
 * Adds `clients` generated clients (about 2 contacts and exactly 2 distributions each on average,
 * phones, e-mails, schemes, a counterparty, readiness for some) and rebuilds the search index.
 * Works on a database that already has data: distribution numbers in use are skipped.
 */
export function seedClients(db: Db, opts: SeedOptions): SeedResult {
  const sql = db.$client;
  const rng = new Rng(opts.seed ?? 1);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const batch = opts.batch ?? 10_000;
  const started = performance.now();
  const ids = (q: string) => (sql.prepare(q).all() as { id: number }[]).map((r) => r.id);
  const sios = ids("SELECT e.id FROM employees e JOIN employee_roles r ON r.employee_id = e.id AND r.role = 'sio' WHERE e.active = 1");
  const pms = ids("SELECT e.id FROM employees e JOIN employee_roles r ON r.employee_id = e.id AND r.role = 'pm' WHERE e.active = 1");
  const chars = ids('SELECT id FROM characteristics');
  const stages = sql.prepare('SELECT id, freshness_days AS days FROM readiness_stages').all() as { id: number; days: number }[];
  const stageFields = sql.prepare('SELECT stage_id AS s, field_code AS f FROM readiness_stage_fields').all() as { s: number; f: string }[];
  const used = new Set((sql.prepare('SELECT system_code || \'_\' || distr_number AS k FROM distributions').all() as { k: string }[]).map((r) => r.k));
  const numbers = new DistrNumbers(used);
  const firstSerial = (sql.prepare('SELECT coalesce(max(id), 0) AS n FROM clients').get() as { n: number }).n + 1;
  const bankList = banks(new Rng(7));
  // Distributions take only catalogued systems; a base seeded for scale gets the demo's catalogue where it has none.
  registerSystems(db, DEMO_SYSTEMS);
  const st = prepareAll(sql);
  const out: SeedResult = { clients: 0, contacts: 0, distributions: 0, phones: 0, emails: 0, insertMs: 0, indexMs: 0 };
  let prevContacts = 2;
  let prevDistrs = 2;

  const one = (i: number) => {
    const org = organisation(rng, firstSerial + i);
    const created = daysBefore(today, rng.int(30, 1800));
    const at = `${created}T02:00:00.000Z`;
    const status = rng.weighted([['active', 86], ['prospect', 6], ['suspended', 5], ['closed', 3]] as const);
    const isKey = rng.chance(0.04);
    const pm = pms.length > 0 && rng.chance(0.5) ? rng.pick(pms) : null;
    const clientId = Number(
      st.client.run(
        org.name,
        sortKey(org.name),
        org.inn,
        org.kpp,
        org.legalAddress,
        org.actualAddress,
        org.city.region,
        org.city.name,
        status,
        sios.length > 0 ? rng.pick(sios) : null,
        pm,
        isKey ? 1 : 0,
        isKey ? pm : null,
        at,
        at,
      ).lastInsertRowid,
    );
    out.clients++;
    const phone = cityPhone(rng, org.city, i);
    st.phone.run(clientId, null, phone.raw, phone.digits, null);
    out.phones++;
    if (rng.chance(0.4)) {
      const second = cityPhone(rng, org.city, i + 1);
      st.phone.run(clientId, null, second.raw, second.digits, 'бухгалтерия');
      out.phones++;
    }
    const email = orgEmail(rng, org);
    st.email.run(clientId, null, email);
    out.emails++;

    const nContacts = pairedCount(rng, i, prevContacts);
    prevContacts = nContacts;
    let head = org.director.full;
    for (let k = 0; k < nContacts; k++) {
      const p = k === 0 ? org.director : person(rng);
      const other = rng.pick(POSITIONS_OTHER);
      const [position, role] = k === 0 ? [org.directorPosition, 'director'] : k === 1 ? ['Главный бухгалтер', 'chief_accountant'] : [other.position, other.role];
      if (k === 1 && rng.chance(0.4)) head = p.full;
      const contactId = Number(st.contact.run(clientId, p.full, position, at).lastInsertRowid);
      st.role.run(contactId, role);
      if (rng.chance(0.6)) {
        const m = mobilePhone(rng, i + k);
        st.phone.run(clientId, contactId, m.raw, m.digits, null);
        out.phones++;
      }
      if (rng.chance(0.5)) {
        st.email.run(clientId, contactId, personEmail(rng, p, org.domain));
        out.emails++;
      }
      if (chars.length > 0 && rng.chance(0.3)) st.characteristic.run(contactId, rng.pick(chars), rng.chance(0.5) ? 'Звонить после 14:00' : null);
      out.contacts++;
    }

    const cp = counterpartyOf(rng, org, rng.pick(bankList));
    const cpId = Number(
      st.counterparty.run(cp.fullName, cp.shortName, cp.inn, cp.kpp, cp.ogrn, cp.legalAddress, cp.bankName, cp.bik, cp.corrAccount, cp.account, cp.directorName, cp.directorPosition, cp.signerName, cp.signerBasis, at).lastInsertRowid,
    );
    st.link.run(clientId, cpId, created, 'Договор', at);
    st.event.run(clientId, at, 'created', '', null);

    const nDistrs = pairedCount(rng, i, prevDistrs);
    prevDistrs = nDistrs;
    let last: { system: string; number: number; comp: number } | null = null;
    for (let k = 0; k < nDistrs; k++) {
      // A second computer under the same number now and then (a network kit).
      const prev: { system: string; number: number; comp: number } | null = last !== null && rng.chance(0.12) ? last : null;
      const system: string = prev ? prev.system : rng.weighted(DISTR_SYSTEMS);
      const number: number = prev ? prev.number : numbers.take(system);
      const comp: number = prev ? prev.comp + 1 : 1;
      last = { system, number, comp };
      const state = status === 'closed' ? 'closed' : status === 'suspended' ? 'suspended' : 'active';
      const network = rng.weighted([['local', 55], ['network', 25], ['flash', 10], ['online', 10]] as const);
      const chat = rng.chance(0.15);
      const distrId = st.distr.run(clientId, system, number, comp, network, state, at).lastInsertRowid;
      if (chat) st.chat.run(distrId, created, at);
      const nss = rng.chance(0.45);
      st.scheme.run(distrId, nss ? 'nss' : 'standard', created, at);
      if (!nss && rng.chance(0.2)) {
        const switched = `${addDays(created, rng.int(60, 900)).slice(0, 7)}-01`;
        if (switched > created && switched <= today) st.scheme.run(distrId, 'nss', switched, at);
      }
      const code = `${system}_${String(number).padStart(6, '0')}${comp > 1 ? `_${String(comp).padStart(2, '0')}` : ''}`;
      st.event.run(clientId, at, 'distribution_added', '', JSON.stringify({ code, scheme: nss ? 'nss' : 'standard', effectiveFrom: created }));
      out.distributions++;
    }

    if (rng.chance(0.35)) {
      const values: Record<string, string> = { org_name: org.name, phone: phone.raw, head_fio: head, inn: org.inn, email };
      const confirmed = daysBefore(today, rng.int(0, 300));
      const have = new Set<string>();
      for (const [field, value] of Object.entries(values)) {
        if (confirmed < created) continue;
        st.value.run(clientId, field, value, confirmed);
        have.add(field);
      }
      for (const s of stages) {
        const need = stageFields.filter((f) => f.s === s.id).map((f) => f.f);
        st.ready.run(clientId, s.id, need.length > 0 && need.every((f) => have.has(f)) ? addDays(confirmed, s.days) : null);
      }
    }
  };

  for (let from = 0; from < opts.clients; from += batch) {
    const to = Math.min(opts.clients, from + batch);
    sql.transaction(() => {
      for (let i = from; i < to; i++) one(i);
    })();
    opts.onProgress?.(to, opts.clients);
  }
  out.insertMs = performance.now() - started;
  const indexStart = performance.now();
  sql.transaction(() => {
    reindexAll(db);
    sql
      .prepare("INSERT INTO audit_log (at, employee_id, entity, entity_id, action, changes) VALUES (?, NULL, 'seed', NULL, 'seed', ?)")
      .run(new Date().toISOString(), JSON.stringify({ clients: out.clients, seed: opts.seed ?? 1 }));
  })();
  out.indexMs = performance.now() - indexStart;
  return out;
}
