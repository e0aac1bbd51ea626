// `chat.lookup`: reads one pasted or typed text (kit in any spelling, phone, e-mail, ИНН, ФИО, name), picks the client and the person, and gathers the window.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { badField, notFound } from '../../api/errors';
import { parseDistrNumberForm, parseDistrQuery } from '../../../src-shared/distr';
import { phoneSearchDigits } from '../../../src-shared/validation/phone';
import { queryWords } from '../../../src-shared/search-text';
import type { SearchMatch } from '../../../src-shared/types';
import type { ChatLookup, LookupCandidate, LookupInputKind, OperatorContact } from '../../../src-shared/chat-operator';
import { searchClients } from '../clients/clients.search';
import { ftsPhrase } from '../clients/search.candidates';
import type { TaskScope } from '../tasks/tasks.repo';
import {
  loadOperatorChats,
  loadOperatorClient,
  loadOperatorContact,
  loadOperatorDistributions,
  loadOperatorOwed,
  loadOperatorQuestions,
  loadOperatorTasks,
} from './lookup.repo';

/** Rows the short list shows; the operator refines the text past it. */
export const CANDIDATE_LIMIT = 15;

export interface LookupInput {
  q: string;
  clientId?: number | undefined;
  contactId?: number | undefined;
}

export interface LookupCtx {
  db: Db;
  scope: TaskScope;
  today: string;
  now: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A person of some client the text names by e-mail, phone or ФИО. */
interface PersonHit {
  contactId: number;
  clientId: number;
  fullName: string;
  active: boolean;
  by: 'email' | 'phone' | 'fio';
}

function classify(q: string): LookupInputKind {
  if (!q) return 'empty';
  if (EMAIL.test(q)) return 'email';
  if (parseDistrNumberForm(q) || parseDistrQuery(q)) return 'distr';
  if (/^[\d\s()+\-.]+$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if ((digits.length === 10 || digits.length === 12) && /^\d+$/.test(q)) return 'inn';
    return 'phone';
  }
  return 'text';
}

/** Persons the text names: an exact e-mail or phone, or every word of it starting a word of the ФИО. */
function personHits(db: Db, q: string, kind: LookupInputKind): PersonHit[] {
  type Row = { contactId: number; clientId: number; fullName: string; active: number };
  let rows: Row[] = [];
  let by: PersonHit['by'] = 'fio';
  if (kind === 'email') {
    by = 'email';
    rows = stmt(
      db,
      `SELECT ct.id AS contactId, ct.client_id AS clientId, ct.full_name AS fullName, ct.active FROM emails e JOIN contacts ct ON ct.id = e.contact_id
       WHERE e.email = ? LIMIT 50`,
    ).all(q.toLowerCase()) as Row[];
  } else if (kind === 'phone' || kind === 'inn') {
    const digits = phoneSearchDigits(q);
    if (digits.length < 10) return [];
    by = 'phone';
    rows = stmt(
      db,
      `SELECT ct.id AS contactId, ct.client_id AS clientId, ct.full_name AS fullName, ct.active FROM phones p JOIN contacts ct ON ct.id = p.contact_id
       WHERE p.digits = ? LIMIT 50`,
    ).all(digits) as Row[];
  } else if (kind === 'text') {
    const words = queryWords(q).filter((w) => /[\p{L}]/u.test(w));
    if (words.length === 0 || words.every((w) => [...w].length < 3)) return [];
    rows = stmt(
      db,
      `SELECT ct.id AS contactId, ct.client_id AS clientId, ct.full_name AS fullName, ct.active FROM contact_search s JOIN contacts ct ON ct.id = s.rowid
       WHERE contact_search MATCH ? LIMIT 50`,
    ).all(words.map((w) => `${ftsPhrase(w)} *`).join(' AND ')) as Row[];
  }
  const seen = new Set<number>();
  return rows
    .filter((r) => !seen.has(r.contactId) && seen.add(r.contactId))
    .map((r) => ({ contactId: r.contactId, clientId: r.clientId, fullName: r.fullName, active: !!r.active, by }))
    .sort((a, b) => Number(b.active) - Number(a.active));
}

const STRONG: SearchMatch['kind'][] = ['distr', 'inn', 'phone', 'email'];

function emptyAnswer(input: LookupInputKind): ChatLookup {
  return {
    input,
    unknownSystemNumber: null,
    candidates: [],
    limited: false,
    client: null,
    contact: null,
    otherContacts: [],
    distributions: [],
    lastUsrUpdate: null,
    tasks: [],
    owed: { count: 0, overdue: 0, items: [] },
    chats: [],
    questions: [],
  };
}

export function chatLookup(c: LookupCtx, input: LookupInput): ChatLookup {
  const q = input.q.trim().replace(/\s+/g, ' ');
  if (input.clientId != null) {
    if (!stmt(c.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.clientId)) throw notFound('client');
    let contactId: number | null = null;
    let matchedBy: OperatorContact['matchedBy'] = 'chosen';
    let others: PersonHit[] = [];
    if (input.contactId != null) {
      const owner = stmt(c.db, 'SELECT client_id AS c FROM contacts WHERE id = ?').get(input.contactId) as { c: number } | undefined;
      if (!owner) throw notFound('contact');
      if (owner.c !== input.clientId) throw badField('contactId', 'mismatch');
      contactId = input.contactId;
    } else if (q) {
      const hits = personHits(c.db, q, classify(q)).filter((h) => h.clientId === input.clientId);
      if (hits[0]) {
        contactId = hits[0].contactId;
        matchedBy = hits[0].by;
        others = hits.slice(1);
      }
    }
    return gather(c, 'chosen', input.clientId, contactId, matchedBy, others, null);
  }

  const kind = classify(q);
  if (kind === 'empty') return emptyAnswer('empty');
  const numberForm = parseDistrNumberForm(q);
  const unknownSystemNumber =
    numberForm && !stmt(c.db, 'SELECT 1 FROM kplus_systems WHERE number = ?').get(numberForm.systemNumber) ? numberForm.systemNumber : null;

  const found = searchClients(c.db, q, CANDIDATE_LIMIT, {}, c.today);
  // A ФИО names the clients the search already ranked (it looks contacts up too): persons elsewhere would only lengthen the list.
  const listed = new Set(found.items.map((i) => i.id));
  const persons = personHits(c.db, q, kind).filter((p) => kind !== 'text' || listed.has(p.clientId));
  // A person found by e-mail or phone whose client the client search missed (a contact's own phone) still counts.
  const byClient = new Map<number, PersonHit[]>();
  for (const p of persons) byClient.set(p.clientId, [...(byClient.get(p.clientId) ?? []), p]);
  const clientIds = [...new Set([...found.items.map((i) => i.id), ...persons.map((p) => p.clientId)])];

  let chosen: number | null = null;
  if (clientIds.length === 1) chosen = clientIds[0]!;
  else if (kind !== 'text') {
    const strong = found.items.filter((i) => i.matched && STRONG.includes(i.matched.kind));
    if (strong.length === 1) chosen = strong[0]!.id;
  }
  if (chosen == null && kind === 'text' && byClient.size === 1 && persons.length === 1 && found.items.every((i) => i.matched?.kind === 'contact')) {
    chosen = persons[0]!.clientId;
  }

  if (chosen != null) {
    const hits = byClient.get(chosen) ?? [];
    // Ten digits are an ИНН or a phone: what matched tells which.
    const why = found.items.find((i) => i.id === chosen)?.matched?.kind;
    const read = (kind === 'inn' || kind === 'phone') && (why === 'inn' || why === 'phone') ? why : kind;
    const answer = gather(c, read, chosen, hits[0]?.contactId ?? null, hits[0]?.by ?? 'chosen', hits.slice(1), distrCode(found.items.find((i) => i.id === chosen)?.matched));
    answer.unknownSystemNumber = unknownSystemNumber;
    return answer;
  }

  const answer = emptyAnswer(kind);
  answer.unknownSystemNumber = unknownSystemNumber;
  answer.candidates = candidates(c.db, found.items, byClient, clientIds);
  answer.limited = found.limited || found.total > found.items.length || answer.candidates.length > CANDIDATE_LIMIT;
  answer.candidates = answer.candidates.slice(0, CANDIDATE_LIMIT);
  return answer;
}

const distrCode = (m: SearchMatch | null | undefined) => (m?.kind === 'distr' ? m.code : null);

/** One row per matched person (several in one client each get a row), else one per client; the search's order kept. */
function candidates(db: Db, items: ReturnType<typeof searchClients>['items'], byClient: Map<number, PersonHit[]>, clientIds: number[]): LookupCandidate[] {
  const listed = new Map(items.map((i) => [i.id, i]));
  const missing = clientIds.filter((id) => !listed.has(id));
  if (missing.length > 0) {
    const rows = stmt(db, 'SELECT id, name, inn, city, status, is_key AS isKey FROM clients WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as {
      id: number;
      name: string;
      inn: string | null;
      city: string | null;
      status: LookupCandidate['status'];
      isKey: number;
    }[];
    for (const r of rows) listed.set(r.id, { ...r, isKey: !!r.isKey, phone: null, sioName: null, schemes: null, ready: [], gb: [], matched: null });
  }
  // Clients with a matched person first: the text named a person more precisely than a word of a name.
  const order = [...clientIds].sort((a, b) => Number(byClient.has(b)) - Number(byClient.has(a)));
  const out: LookupCandidate[] = [];
  for (const id of order) {
    const i = listed.get(id);
    if (!i) continue;
    const base = { clientId: id, name: i.name, inn: i.inn, city: i.city, status: i.status, isKey: i.isKey, matched: i.matched };
    const people = byClient.get(id);
    if (!people) out.push({ ...base, contactId: null, contactName: null });
    else for (const p of people) out.push({ ...base, contactId: p.contactId, contactName: p.fullName });
  }
  return out;
}

function gather(
  c: LookupCtx,
  input: LookupInputKind,
  clientId: number,
  contactId: number | null,
  matchedBy: OperatorContact['matchedBy'],
  others: PersonHit[],
  matchedCode: string | null,
): ChatLookup {
  const client = loadOperatorClient(c.db, clientId);
  if (!client) throw notFound('client');
  const contact = contactId == null ? null : loadOperatorContact(c.db, contactId, matchedBy);
  const distributions = loadOperatorDistributions(c.db, clientId, c.today, matchedCode);
  const person = contact
    ? { contactId: contact.id, fio: contact.fullName, emails: contact.emails, phones: contact.phones.map((p) => phoneSearchDigits(p)) }
    : null;
  return {
    input,
    unknownSystemNumber: null,
    candidates: [],
    limited: false,
    client,
    contact,
    otherContacts: others.map((o) => ({ id: o.contactId, fullName: o.fullName })),
    distributions,
    lastUsrUpdate: distributions.reduce<string | null>((max, d) => (d.lastUsrUpdate && (!max || d.lastUsrUpdate > max) ? d.lastUsrUpdate : max), null),
    tasks: loadOperatorTasks(c.db, clientId, c.scope, c.now),
    owed: loadOperatorOwed(c.db, clientId, c.today),
    chats: loadOperatorChats(c.db, clientId, contact?.id ?? null),
    questions: loadOperatorQuestions(c.db, clientId, person, c.scope),
  };
}
