// The rules a Главбух certification request must meet: every problem of every chosen client, found with one SQL statement.
//
// What is checked (each field only when the programme's `required` lists it — settings, not code):
// - name: the client's name is not blank;
// - inn: present, digits only, 10 or 12 of them, check digits right (`checkInn`);
// - kpp: for an organisation (10-digit ИНН) present and well formed; an ИП (12-digit ИНН) has no КПП and is not asked;
//   while the ИНН itself is missing or malformed the КПП is not judged (the ИНН problem is shown, fix that first);
// - contact: an active contact with the programme's role (`contactRole`, contact_roles) exists and has a ФИО. When
//   several have the role the lowest id (the one entered first) is the request's person;
// - email / phone: the contact's own counts first; when the contact has none, the client's general one (a row with no
//   contact) is used instead — a РИЦ sends the client's switchboard rather than nothing, and the row says which one
//   went. Another contact's e-mail or phone never counts: it is someone else's. Without a contact only the client's
//   general ones count;
// - distribution: the client has at least one active distribution (all of them go in the row).
// Always, whatever the settings (a repeated request costs the КЦ's time and a rejected list costs weeks):
// - already_certified: the client holds a `certified` certificate of the programme valid past the «истекает в течение
//   N дней» horizon (settings `expiringDays`). One expiring within the horizon may be requested again — a renewal;
// - request_open: the client is in an earlier request of the programme still waiting for its certificate (`requested`).
// Both refuse the export like any other problem: the fix is to leave the client out of this request.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { checkInn, checkKpp } from '../../../src-shared/validation/requisites';
import { formatDistr } from '../../../src-shared/distr';
import type { GbProgramme } from '../../../src-shared/glavbukh';
import type { GbClientProblems, GbProblem } from '../../../src-shared/glavbukh-requests';

/** One client's facts as the request needs them; also the source of the exported row. */
export interface GbClientFacts {
  clientId: number;
  name: string;
  inn: string | null;
  kpp: string | null;
  contactId: number | null;
  contactName: string | null;
  contactPosition: string | null;
  /** The contact's own, else the client's general one. */
  email: string | null;
  phone: string | null;
  /** Active distributions as `SYSTEM number comp` joined by `|` (null: none); `distrList` gives the list form. */
  distrs: string | null;
  certNumber: string | null;
  certValidUntil: string | null;
  /** A `certified` certificate valid past the horizon. */
  certified: number;
  /** An earlier request still waiting. */
  requested: number;
}

// One statement over the chosen ids: each fact is an indexed lookup per client, no query per client from JS. The e-mail and
// the phone are one lookup each through the client index: the person's own first, else the client's general one.
const FACTS_SQL = `
WITH ids(id) AS (SELECT value FROM json_each(@ids)),
person AS (
  SELECT k.client_id AS clientId, MIN(k.id) AS contactId FROM ids
  JOIN contacts k ON k.client_id = ids.id AND k.active = 1
  JOIN contact_roles r ON r.contact_id = k.id AND r.role = @role
  GROUP BY k.client_id)
SELECT c.id AS clientId, c.name, c.inn, c.kpp, p.contactId, k.full_name AS contactName, k.position AS contactPosition,
  (SELECT e.email FROM emails e WHERE e.client_id = c.id AND (e.contact_id = p.contactId OR e.contact_id IS NULL) ORDER BY e.contact_id IS NULL, e.id LIMIT 1) AS email,
  (SELECT f.raw FROM phones f WHERE f.client_id = c.id AND (f.contact_id = p.contactId OR f.contact_id IS NULL) ORDER BY f.contact_id IS NULL, f.id LIMIT 1) AS phone,
  (SELECT group_concat(d.system_code || ' ' || d.distr_number || ' ' || d.comp, '|') FROM distributions d
     WHERE d.client_id = c.id AND d.state = 'active') AS distrs,
  g.number AS certNumber, g.valid_until AS certValidUntil, g.id IS NOT NULL AS certified,
  EXISTS (SELECT 1 FROM gb_certificates q WHERE q.client_id = c.id AND q.programme = @programme AND q.status = 'requested') AS requested
FROM ids JOIN clients c ON c.id = ids.id
LEFT JOIN person p ON p.clientId = c.id
LEFT JOIN contacts k ON k.id = p.contactId
LEFT JOIN gb_certificates g ON g.id = (
  SELECT x.id FROM gb_certificates x WHERE x.client_id = c.id AND x.programme = @programme AND x.status = 'certified'
    AND (x.valid_until IS NULL OR x.valid_until > @horizon) ORDER BY x.valid_until IS NULL DESC, x.valid_until DESC LIMIT 1)
ORDER BY c.id`;

/** Active distributions in list form (`SKJP_000123, SKJP_000124_02`), sorted; '' for none. */
export function distrList(raw: string | null): string {
  if (!raw) return '';
  return raw
    .split('|')
    .map((s) => {
      const [system, number, comp] = s.split(' ');
      return formatDistr({ system: system ?? '', number: Number(number), comp: Number(comp) });
    })
    .sort()
    .join(', ');
}

/** YYYY-MM-DD plus n days. */
export function addDays(isoDay: string, n: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The facts of the chosen clients (ids that name no client are left out), in id order. */
export function clientFacts(db: Db, programme: GbProgramme, ids: readonly number[], today: string, expiringDays: number): GbClientFacts[] {
  // Unique and ascending: every table is then read in client order, page after page, rather than at random.
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return stmt(db, FACTS_SQL).all({ ids: JSON.stringify(sorted), role: programme.contactRole, programme: programme.code, horizon: addDays(today, expiringDays) }) as GbClientFacts[];
}

const blank = (v: string | null | undefined): boolean => v == null || v.trim() === '';

/** Every problem of one client under the programme's rules; [] when it may go into a request. */
export function problemsOf(f: GbClientFacts, programme: GbProgramme, need: ReadonlySet<string> = new Set(programme.required)): GbProblem[] {
  const out: GbProblem[] = [];
  const at = (tab: GbProblem['fix']['tab'], contact = false): GbProblem['fix'] =>
    contact && f.contactId != null ? { clientId: f.clientId, tab, contactId: f.contactId } : { clientId: f.clientId, tab };
  if (need.has('name') && blank(f.name)) out.push({ code: 'name_missing', field: 'name', fix: at('general') });
  const inn = f.inn?.trim() ?? '';
  let innOk = false;
  if (need.has('inn')) {
    if (!inn) out.push({ code: 'inn_missing', field: 'inn', fix: at('general') });
    else {
      const e = checkInn(inn);
      if (e) out.push({ code: e.code === 'checksum' ? 'inn_checksum' : 'inn_malformed', field: 'inn', fix: at('general') });
      else innOk = true;
    }
  } else innOk = checkInn(inn) === null;
  // КПП is an organisation's: asked only of a 10-digit ИНН (see the module comment).
  if (need.has('kpp') && innOk && inn.length === 10) {
    const kpp = f.kpp?.trim() ?? '';
    if (!kpp) out.push({ code: 'kpp_missing', field: 'kpp', fix: at('general') });
    else if (checkKpp(kpp)) out.push({ code: 'kpp_malformed', field: 'kpp', fix: at('general') });
  }
  if (need.has('contact')) {
    if (f.contactId == null) out.push({ code: 'contact_missing', field: 'contact', fix: at('contacts') });
    else if (blank(f.contactName)) out.push({ code: 'contact_no_name', field: 'contact', fix: at('contacts', true) });
  }
  if (need.has('email') && blank(f.email)) out.push({ code: 'email_missing', field: 'email', fix: at('contacts', true) });
  if (need.has('phone') && blank(f.phone)) out.push({ code: 'phone_missing', field: 'phone', fix: at('contacts', true) });
  if (need.has('distribution') && blank(f.distrs)) out.push({ code: 'distribution_missing', field: 'distribution', fix: at('distributions') });
  if (f.certified) out.push({ code: 'already_certified', field: 'certificate', fix: at('general'), certificate: { number: f.certNumber, validUntil: f.certValidUntil } });
  if (f.requested) out.push({ code: 'request_open', field: 'certificate', fix: at('general') });
  return out;
}

export interface GbCheck {
  facts: GbClientFacts[];
  problems: GbClientProblems[];
  /** Ids that name no client (deleted since they were chosen). */
  missing: number[];
}

/** Checks the chosen clients: facts (for the export), problems per client, and the ids that name no client. */
export function checkRequest(db: Db, programme: GbProgramme, ids: readonly number[], today: string, expiringDays: number): GbCheck {
  const facts = clientFacts(db, programme, ids, today, expiringDays);
  const problems: GbClientProblems[] = [];
  const need = new Set(programme.required);
  for (const f of facts) {
    const p = problemsOf(f, programme, need);
    if (p.length) problems.push({ clientId: f.clientId, name: f.name, problems: p });
  }
  const found = new Set(facts.map((f) => f.clientId));
  return { facts, problems, missing: [...new Set(ids)].filter((id) => !found.has(id)) };
}
