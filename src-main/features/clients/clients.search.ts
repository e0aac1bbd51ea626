// Client search as you type: name fragment, ИНН, phone or distribution in any spelling, e-mail.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { parseDistrQuery, formatDistr } from '../../../src-shared/distr';
import { phoneSearchDigits, formatPhone } from '../../../src-shared/validation/phone';
import type { ClientListItem, SchemeSummary } from '../../../src-shared/types';
import type { ClientStatus } from '../../../src-shared/api/common';

export interface SearchFilters {
  status?: ClientStatus;
  isKey?: boolean;
  sioId?: number;
  readyStage?: string;
}

/** Most candidates a text query collects before ordering; past it the user is asked to refine. */
export const CANDIDATE_CAP = 500;

/**
 * Quotes a user string as one FTS5 phrase (no operators can be injected). FTS5 reads its query as a C
 * string, so a NUL (pasted text carries them) would end it inside the quotes: control characters become spaces.
 */
// eslint-disable-next-line no-control-regex
export const ftsPhrase = (s: string) => `"${s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, '""')}"`;

export interface Candidates {
  ids: number[];
  /** Why a client matched when it was not by name (distribution code, phone). */
  matched: Map<number, string>;
  limited: boolean;
}

const FILTERS = `(@status IS NULL OR c.status = @status)
  AND (@isKey IS NULL OR c.is_key = @isKey)
  AND (@sioId IS NULL OR c.sio_id = @sioId)
  AND (@readyStage IS NULL OR EXISTS (SELECT 1 FROM client_readiness r JOIN readiness_stages st ON st.id = r.stage_id
       WHERE r.client_id = c.id AND st.code = @readyStage AND r.ready_until >= @today))`;

export type FilterParams = ReturnType<typeof filterParams>;

/** With filters set, the text search applies them before its cap, so filtered results are not cut by unrelated matches. */
export function findCandidates(db: Db, rawQuery: string, filters?: FilterParams): Candidates {
  const q = rawQuery.trim().replace(/\s+/g, ' ');
  const ids: number[] = [];
  const seen = new Set<number>();
  const matched = new Map<number, string>();
  let limited = false;
  const add = (id: number, why?: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
    if (why) matched.set(id, why);
  };

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
    for (const r of rows) add(r.c, formatDistr({ system: r.s, number: r.n, comp: r.comp }));
  }

  const digits = q.replace(/[\s()+\-.]/g, '');
  // Ten or more digits are a whole ИНН or phone number: found exactly here, so the substring search below is skipped.
  const wholeNumber = /^\d+$/.test(digits) && digits.length >= 10;
  if (/^\d+$/.test(digits)) {
    if (wholeNumber) {
      // The ИНН itself, or a 12-digit ИНН that starts with the digits typed so far.
      for (const r of stmt(db, 'SELECT id FROM clients WHERE inn >= ? AND inn < ? LIMIT 200').all(digits, `${digits}:`) as { id: number }[]) add(r.id);
    }
    const phone = phoneSearchDigits(q);
    if (phone.length >= 5) {
      const rows = stmt(db, 'SELECT client_id AS c, digits FROM phones WHERE digits = ? LIMIT 200').all(phone) as { c: number; digits: string }[];
      for (const r of rows) add(r.c, formatPhone(r.digits));
    }
  }

  // Digit trigrams are the most frequent in the index (phones, ИНН): matching a whole number by substring costs
  // milliseconds at 100,000 clients and would add only accidental hits.
  if ([...q].length >= 3 && !wholeNumber) {
    const rows = (
      filters && hasFilters(filters)
        ? stmt(db, `SELECT s.rowid AS id FROM client_search s JOIN clients c ON c.id = s.rowid WHERE client_search MATCH @q AND ${FILTERS} LIMIT @cap`).all({
            ...filters,
            q: ftsPhrase(q),
            cap: CANDIDATE_CAP + 1,
          })
        : stmt(db, 'SELECT rowid AS id FROM client_search WHERE client_search MATCH ? LIMIT ?').all(ftsPhrase(q), CANDIDATE_CAP + 1)
    ) as { id: number }[];
    if (rows.length > CANDIDATE_CAP) {
      limited = true;
      rows.length = CANDIDATE_CAP;
    }
    for (const r of rows) add(r.id);
  } else if (q.length > 0) {
    // Trigrams need three characters: one or two letters search name prefixes instead.
    const lc = q.toLowerCase();
    const rows = stmt(db, 'SELECT id FROM clients WHERE name_lc >= ? AND name_lc < ? ORDER BY name_lc LIMIT ?').all(lc, `${lc}\u{10FFFF}`, CANDIDATE_CAP + 1) as {
      id: number;
    }[];
    if (rows.length > CANDIDATE_CAP) {
      limited = true;
      rows.length = CANDIDATE_CAP;
    }
    for (const r of rows) add(r.id);
  }
  return { ids, matched, limited };
}

const LIST_COLUMNS = `c.id, c.name, c.name_lc AS nameLc, c.inn, c.city, c.status, c.is_key AS isKey,
  (SELECT p.digits FROM phones p WHERE p.client_id = c.id AND p.contact_id IS NULL ORDER BY p.id LIMIT 1) AS phone,
  e.full_name AS sioName,
  (SELECT group_concat(DISTINCT x.scheme) FROM (
     SELECT (SELECT s.scheme FROM distribution_schemes s WHERE s.distribution_id = d.id AND s.effective_from <= @today
             ORDER BY s.effective_from DESC LIMIT 1) AS scheme
     FROM distributions d WHERE d.client_id = c.id AND d.state <> 'closed') x) AS schemes,
  (SELECT group_concat(st.code) FROM client_readiness r JOIN readiness_stages st ON st.id = r.stage_id
     WHERE r.client_id = c.id AND r.ready_until >= @today) AS ready`;


interface RawItem {
  id: number;
  name: string;
  nameLc: string;
  inn: string | null;
  city: string | null;
  status: ClientStatus;
  isKey: number;
  phone: string | null;
  sioName: string | null;
  schemes: string | null;
  ready: string | null;
}

export function schemeSummary(schemes: Iterable<string | null>): SchemeSummary {
  const set = new Set([...schemes].filter((s): s is string => !!s));
  if (set.size === 0) return null;
  if (set.size > 1) return 'mixed';
  return set.has('nss') ? 'nss' : 'standard';
}

function toItem(r: RawItem, matched: string | null): ClientListItem {
  return {
    id: r.id,
    name: r.name,
    inn: r.inn,
    city: r.city,
    status: r.status,
    isKey: !!r.isKey,
    phone: r.phone ? formatPhone(r.phone) : null,
    sioName: r.sioName,
    schemes: schemeSummary(r.schemes ? r.schemes.split(',') : []),
    ready: r.ready ? r.ready.split(',') : [],
    matched,
  };
}

const hasFilters = (p: FilterParams) => p.status != null || p.isKey != null || p.sioId != null || p.readyStage != null;

function filterParams(f: SearchFilters, today: string) {
  return {
    today,
    status: f.status ?? null,
    isKey: f.isKey == null ? null : f.isKey ? 1 : 0,
    sioId: f.sioId ?? null,
    readyStage: f.readyStage ?? null,
  };
}

export function searchClients(
  db: Db,
  query: string,
  limit: number,
  filters: SearchFilters,
  today: string,
): { items: ClientListItem[]; total: number; limited: boolean } {
  const params = filterParams(filters, today);
  if (!query.trim()) {
    const total = (stmt(db, `SELECT COUNT(*) AS n FROM clients c WHERE ${FILTERS}`).get(params) as { n: number }).n;
    const rows = stmt(db, `SELECT ${LIST_COLUMNS} FROM clients c LEFT JOIN employees e ON e.id = c.sio_id WHERE ${FILTERS} ORDER BY c.name_lc LIMIT @limit`).all({
      ...params,
      limit,
    }) as RawItem[];
    return { items: rows.map((r) => toItem(r, null)), total, limited: total > limit };
  }
  const cand = findCandidates(db, query, params);
  if (cand.ids.length === 0) return { items: [], total: 0, limited: false };
  // Rank in SQL on cheap columns — exact hits (distribution, ИНН, phone) first, then names starting with the query,
  // then the rest by name — and load the rich list columns only for the rows shown.
  const lc = query.trim().toLowerCase();
  const page = stmt(
    db,
    `SELECT c.id, count(*) OVER () AS total FROM clients c WHERE c.id IN (SELECT value FROM json_each(@ids)) AND ${FILTERS}
     ORDER BY CASE WHEN c.id IN (SELECT value FROM json_each(@exact)) OR c.inn = @lc THEN 0 WHEN substr(c.name_lc, 1, @len) = @lc THEN 1 ELSE 2 END,
       c.name_lc LIMIT @limit`,
  ).all({ ...params, ids: JSON.stringify(cand.ids), exact: JSON.stringify([...cand.matched.keys()]), lc, len: [...lc].length, limit }) as {
    id: number;
    total: number;
  }[];
  const shown = page.map((k) => k.id);
  const rows = new Map(
    (stmt(db, `SELECT ${LIST_COLUMNS} FROM clients c LEFT JOIN employees e ON e.id = c.sio_id WHERE c.id IN (SELECT value FROM json_each(@ids))`).all({
      today: params.today,
      ids: JSON.stringify(shown),
    }) as RawItem[]).map((r) => [r.id, r]),
  );
  const total = page[0]?.total ?? 0;
  return {
    items: shown.map((id) => toItem(rows.get(id)!, cand.matched.get(id) ?? null)),
    total,
    limited: cand.limited || total > limit,
  };
}
