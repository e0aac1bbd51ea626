// Which clients a typed query can mean: distribution (code or КЦ number form), ИНН, phone (whole or any fragment), name words, contact ФИО, e-mail.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { parseDistrNumberForm, parseDistrQuery, formatDistr } from '../../../src-shared/distr';
import { phoneSearchDigits, formatPhone } from '../../../src-shared/validation/phone';
import { fold, foldedWords, queryWords } from '../../../src-shared/search-text';
import type { SearchMatch } from '../../../src-shared/types';
import type { ClientStatus } from '../../../src-shared/api/common';
import type { GbFilter } from '../../../src-shared/glavbukh';
import { GB_CURRENT_ORDER } from '../glavbukh/card';
import { gbEffectiveStatus } from '../glavbukh/certs';

/** Most candidates a lookup collects before ordering; past it the user is asked to refine. */
export const CANDIDATE_CAP = 500;

/**
 * Quotes a user string as one FTS5 phrase (no operators can be injected). FTS5 reads its query as a C
 * string, so a NUL (pasted text carries them) would end it inside the quotes: control characters become spaces.
 */
// eslint-disable-next-line no-control-regex
export const ftsPhrase = (s: string) => `"${s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, '""')}"`;

export interface FilterParams {
  today: string;
  status: ClientStatus | null;
  isKey: number | null;
  sioId: number | null;
  readyStage: string | null;
  /** USR proof: `stale` = an active distribution's newest proven update is before @usrBefore; `none` = an active one has none. */
  usr: 'stale' | 'none' | null;
  usrBefore: string | null;
  /** Главбух: a programme's current certificate reads so today (`expiring`: certified, valid until @gbUntil at most); `revoked` / `none`: no current one. */
  gb: GbFilter | null;
  gbUntil: string | null;
}

/** A client's current certificates (one per programme, as the badge picks them) read through `gb_certificates_client_idx`. */
const GB_CURRENT = `FROM gb_certificates g WHERE g.client_id = c.id AND g.status <> 'revoked'
  AND g.id = (SELECT g2.id FROM gb_certificates g2 WHERE g2.client_id = c.id AND g2.programme = g.programme AND g2.status <> 'revoked' ORDER BY ${GB_CURRENT_ORDER('g2')} LIMIT 1)`;
const GB_FILTER = `CASE @gb
  WHEN 'none' THEN NOT EXISTS (SELECT 1 FROM gb_certificates g WHERE g.client_id = c.id AND g.status <> 'revoked')
  WHEN 'revoked' THEN EXISTS (SELECT 1 FROM gb_certificates g WHERE g.client_id = c.id AND g.status = 'revoked')
    AND NOT EXISTS (SELECT 1 FROM gb_certificates g WHERE g.client_id = c.id AND g.status <> 'revoked')
  WHEN 'expiring' THEN EXISTS (SELECT 1 ${GB_CURRENT} AND ${gbEffectiveStatus('g', '@today')} = 'certified' AND g.valid_until <= @gbUntil)
  ELSE EXISTS (SELECT 1 ${GB_CURRENT} AND ${gbEffectiveStatus('g', '@today')} = @gb) END`;

export const FILTERS = `(@status IS NULL OR c.status = @status)
  AND (@isKey IS NULL OR c.is_key = @isKey)
  AND (@sioId IS NULL OR c.sio_id = @sioId)
  AND (@readyStage IS NULL OR EXISTS (SELECT 1 FROM client_readiness r JOIN readiness_stages st ON st.id = r.stage_id
       WHERE r.client_id = c.id AND st.code = @readyStage AND r.ready_until >= @today))
  AND (@usr IS NULL OR EXISTS (SELECT 1 FROM distributions d WHERE d.client_id = c.id AND d.state = 'active' AND CASE @usr
       WHEN 'stale' THEN (SELECT MAX(k.last_update) FROM usr_kits k WHERE k.distribution_id = d.id) < @usrBefore
       ELSE NOT EXISTS (SELECT 1 FROM usr_kits k WHERE k.distribution_id = d.id AND k.last_update IS NOT NULL) END))
  AND (@gb IS NULL OR ${GB_FILTER})`;

export const hasFilters = (p: FilterParams) => p.status != null || p.isKey != null || p.sioId != null || p.readyStage != null || p.usr != null || p.gb != null;

/** How the query reads: the words it searches for, split by what can look them up. */
export interface QueryPlan {
  /** Folded words without legal forms. */
  words: string[];
  /** Words of three or more characters: trigram substrings. */
  long: string[];
  /** Words of one or two characters: the start of a word. */
  short: string[];
  /** Only digits and phone punctuation: a phone or ИНН, not words. */
  numeric: boolean;
  /** What names starting with the query begin with (rank 1). */
  prefix: string;
}

const NUMERIC = /^[\d\s()+\-.]+$/;
const hasWordChar = (w: string) => /[\p{L}\p{N}]/u.test(w);

export function planQuery(raw: string): QueryPlan {
  const q = raw.trim().replace(/\s+/g, ' ');
  const numeric = NUMERIC.test(q) && /\d/.test(q);
  const words = numeric ? [] : queryWords(q).filter(hasWordChar);
  return {
    words,
    long: words.filter((w) => [...w].length >= 3),
    short: words.filter((w) => [...w].length < 3),
    numeric,
    prefix: numeric ? q.replace(/\D/g, '') : words.join(' '),
  };
}

/** A LIKE pattern for a word starting with `w` in `' ' || text` (LIKE's own wildcards escaped). */
export const wordStartLike = (w: string) => `% ${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** True when every short word starts some word of `text` (folded). */
export function shortWordsStart(short: string[], text: string): boolean {
  if (short.length === 0) return true;
  const ws = foldedWords(text).flatMap((w) => w.split('-'));
  return short.every((s) => ws.some((w) => w.startsWith(s)));
}

export interface Candidates {
  ids: number[];
  /** Why a client matched when it was not by its own name or text (distribution, phone, contact). */
  matched: Map<number, SearchMatch>;
  /** Exact hits (whole distribution, ИНН or phone), ranked first. */
  exact: Set<number>;
  limited: boolean;
}

/** With filters set, text lookups apply them before their cap, so filtered results are not cut by unrelated matches. */
export function findCandidates(db: Db, rawQuery: string, filters: FilterParams): Candidates {
  const q = rawQuery.trim().replace(/\s+/g, ' ');
  const plan = planQuery(q);
  const filtered = hasFilters(filters);
  const out: Candidates = { ids: [], matched: new Map(), exact: new Set(), limited: false };
  const seen = new Set<number>();
  const add = (id: number, why?: SearchMatch, exact = false) => {
    if (exact) out.exact.add(id);
    if (why && !out.matched.has(id)) out.matched.set(id, why);
    if (seen.has(id)) return;
    seen.add(id);
    out.ids.push(id);
  };
  /** Runs a candidate lookup capped at CANDIDATE_CAP; `sql` selects `id` (the client) from rows aliased so `c` is clients. */
  const capped = <T extends { id: number }>(sql: string, params: Record<string, unknown>, order = ''): T[] => {
    const rows = stmt(db, `${sql} ${filtered ? `AND ${FILTERS}` : ''} ${order} LIMIT @cap`).all({ ...(filtered ? filters : {}), ...params, cap: CANDIDATE_CAP + 1 }) as T[];
    if (rows.length > CANDIDATE_CAP) {
      out.limited = true;
      rows.length = CANDIDATE_CAP;
    }
    return rows;
  };
  const clientJoin = filtered ? 'JOIN clients c ON c.id = s.rowid' : '';

  const distr = parseDistrQuery(q);
  if (distr) {
    const rows = (
      distr.system
        ? stmt(db, 'SELECT client_id AS c, system_code AS s, distr_number AS n, comp FROM distributions WHERE system_code = ? AND distr_number = ? AND (? IS NULL OR comp = ?) LIMIT 200').all(
            distr.system,
            distr.number,
            distr.comp ?? null,
            distr.comp ?? null,
          )
        : stmt(db, 'SELECT client_id AS c, system_code AS s, distr_number AS n, comp FROM distributions WHERE distr_number = ? AND (? IS NULL OR comp = ?) LIMIT 200').all(
            distr.number,
            distr.comp ?? null,
            distr.comp ?? null,
          )
    ) as { c: number; s: string; n: number; comp: number }[];
    for (const r of rows) add(r.c, { kind: 'distr', code: formatDistr({ system: r.s, number: r.n, comp: r.comp }) }, true);
  }
  // The КЦ's number form (`1_000123_02`, `1 123-2`): the system number through the catalogue; an unknown number finds nothing.
  const byNumber = parseDistrNumberForm(q);
  if (byNumber) {
    const rows = stmt(
      db,
      `SELECT d.client_id AS c, d.system_code AS s, d.distr_number AS n, d.comp FROM kplus_systems ks
       JOIN distributions d ON d.system_code = ks.code AND d.distr_number = @number AND (@comp IS NULL OR d.comp = @comp)
       WHERE ks.number = @sys LIMIT 200`,
    ).all({ sys: byNumber.systemNumber, number: byNumber.number, comp: byNumber.comp ?? null }) as { c: number; s: string; n: number; comp: number }[];
    for (const r of rows) add(r.c, { kind: 'distr', code: formatDistr({ system: r.s, number: r.n, comp: r.comp }) }, true);
  }

  if (plan.numeric) {
    const digits = q.replace(/\D/g, '');
    const phone = phoneSearchDigits(q);
    if (digits.length >= 10) {
      // A whole ИНН, or a 12-digit ИНН that starts with the digits typed so far; a whole phone number.
      for (const r of stmt(db, 'SELECT id, inn FROM clients WHERE inn >= ? AND inn < ? LIMIT 200').all(digits, `${digits}:`) as { id: number; inn: string }[]) {
        add(r.id, { kind: 'inn', inn: r.inn }, true);
      }
      const rows = stmt(db, `SELECT p.client_id AS c, p.digits, ct.full_name AS contact FROM phones p LEFT JOIN contacts ct ON ct.id = p.contact_id WHERE p.digits = ? LIMIT 200`).all(
        phone,
      ) as { c: number; digits: string; contact: string | null }[];
      for (const r of rows) add(r.c, { kind: 'phone', phone: formatPhone(r.digits), contact: r.contact }, true);
      // Digit trigrams are the most frequent in the index: a whole number by substring would only add accidental hits.
      return out;
    }
    if (phone.length >= 3) {
      // Any fragment of any phone, compared as digits: «347-25-03», «(423) 347», «347 25 03».
      const rows = capped<{ id: number; digits: string; contact: string | null }>(
        `SELECT p.client_id AS id, p.digits, ct.full_name AS contact FROM phone_search s JOIN phones p ON p.id = s.rowid
         LEFT JOIN contacts ct ON ct.id = p.contact_id ${filtered ? 'JOIN clients c ON c.id = p.client_id' : ''} WHERE phone_search MATCH @q`,
        { q: ftsPhrase(phone) },
      );
      for (const r of rows) add(r.id, { kind: 'phone', phone: formatPhone(r.digits), contact: r.contact });
    }
    if (digits.length >= 3 && digits === q) {
      // Plain digits may also be in a name («Школа 347») or a piece of an ИНН; spelled as a phone («25-03»), they are a phone.
      for (const r of capped<{ id: number }>(`SELECT s.rowid AS id FROM client_search s ${clientJoin} WHERE client_search MATCH @q`, { q: `{name inn} : ${ftsPhrase(digits)}` })) add(r.id);
    }
    return out;
  }

  if (plan.words.length === 1 && [...plan.words[0]!].length === 1) {
    // One letter: names (without their legal form) starting with it, in name order.
    const lc = plan.words[0]!;
    for (const r of capped<{ id: number }>(`SELECT c.id FROM clients c WHERE c.name_lc >= @lc AND c.name_lc < @hi`, { lc, hi: `${lc}\u{10FFFF}` }, 'ORDER BY c.name_lc')) add(r.id);
    return out;
  }
  if (plan.words.length === 0) return out;

  // Client text: each long word a substring (of the name, ИНН or e-mail; of the city too when several words are typed),
  // each short word the start of a word of the name.
  const single = plan.words.length === 1;
  const long = plan.long.map((w) => (single ? `{name inn emails} : ${ftsPhrase(w)}` : ftsPhrase(w))).join(' AND ');
  const short = plan.short.map((w) => `${ftsPhrase(w)} *`).join(' AND ');
  // With a long word, its (few) trigram hits are checked for the short words' starts in the indexed name, rather than
  // intersecting with every client that has a word on «п».
  const rows = long
    ? capped<{ id: number }>(
        `SELECT s.rowid AS id FROM client_search s ${clientJoin} WHERE client_search MATCH @long
         ${plan.short.map((_, i) => `AND ' ' || replace(s.name, '-', ' ') LIKE @like${i} ESCAPE '\\'`).join(' ')}`,
        { long, ...Object.fromEntries(plan.short.map((w, i) => [`like${i}`, wordStartLike(w)])) },
      )
    : capped<{ id: number }>(`SELECT s.rowid AS id FROM client_words s ${clientJoin} WHERE client_words MATCH @short`, { short });
  for (const r of rows) add(r.id);

  // Contact persons by the start of each word of their ФИО, in any order («Семёнова», «ирина семенова», «Семенова И»).
  if (plan.long.length > 0) {
    const contacts = capped<{ id: number; name: string; position: string | null; active: number }>(
      `SELECT ct.client_id AS id, ct.full_name AS name, ct.position, ct.active FROM contact_search s JOIN contacts ct ON ct.id = s.rowid
       ${filtered ? 'JOIN clients c ON c.id = ct.client_id' : ''} WHERE contact_search MATCH @q`,
      { q: plan.words.map((w) => `${ftsPhrase(w)} *`).join(' AND ') },
    );
    for (const r of contacts) add(r.id, { kind: 'contact', name: r.name, position: r.position, active: !!r.active });
  }
  return out;
}

/** Does the client's own name answer the query (every word in it)? Otherwise the row says what else matched. */
export function nameAnswers(plan: QueryPlan, name: string): boolean {
  const n = fold(name);
  return plan.long.every((w) => n.includes(w)) && shortWordsStart(plan.short, name);
}
