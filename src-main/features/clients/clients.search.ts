// Client search as you type: ranks the candidates (exact hits, names starting with the query, the rest by name) and says why each matched.
import type { Db } from '../../db/connection';
import { addDays, stmt } from '../../db/stmt';
import { readUsrSettings } from '../usr/settings';
import { readGbSettings } from '../glavbukh/settings';
import { gbBadgesSql, parseBadges, programmeNames } from '../glavbukh/card';
import type { GbFilter } from '../../../src-shared/glavbukh';
import { formatPhone } from '../../../src-shared/validation/phone';
import { fold } from '../../../src-shared/search-text';
import type { ClientListItem, SchemeSummary, SearchMatch } from '../../../src-shared/types';
import type { ClientStatus } from '../../../src-shared/api/common';
import { FILTERS, findCandidates, nameAnswers, planQuery, type Candidates, type FilterParams, type QueryPlan } from './search.candidates';

export { CANDIDATE_CAP, ftsPhrase } from './search.candidates';

export interface SearchFilters {
  status?: ClientStatus;
  isKey?: boolean;
  sioId?: number;
  readyStage?: string;
  /** «нет обновлений N дней» (stale, with usrDays) or «нет ни одного USR» (none). */
  usr?: 'stale' | 'none';
  usrDays?: number;
  /** Главбух certificate status today; `expiring` with gbDays («истекает в течение N дней», the settings' default without). */
  gb?: GbFilter;
  gbDays?: number;
}

const LIST_COLUMNS = `c.id, c.name, c.inn, c.city, c.status, c.is_key AS isKey,
  (SELECT p.digits FROM phones p WHERE p.client_id = c.id AND p.contact_id IS NULL ORDER BY p.id LIMIT 1) AS phone,
  e.full_name AS sioName,
  (SELECT group_concat(DISTINCT x.scheme) FROM (
     SELECT (SELECT s.scheme FROM distribution_schemes s WHERE s.distribution_id = d.id AND s.effective_from <= @today
             ORDER BY s.effective_from DESC LIMIT 1) AS scheme
     FROM distributions d WHERE d.client_id = c.id AND d.state <> 'closed') x) AS schemes,
  (SELECT group_concat(st.code) FROM client_readiness r JOIN readiness_stages st ON st.id = r.stage_id
     WHERE r.client_id = c.id AND r.ready_until >= @today) AS ready,
  ${gbBadgesSql('c.id')} AS gb`;

interface RawItem {
  id: number;
  name: string;
  inn: string | null;
  city: string | null;
  status: ClientStatus;
  isKey: number;
  phone: string | null;
  sioName: string | null;
  schemes: string | null;
  ready: string | null;
  gb: string | null;
}

export function schemeSummary(schemes: Iterable<string | null>): SchemeSummary {
  const set = new Set([...schemes].filter((s): s is string => !!s));
  if (set.size === 0) return null;
  if (set.size > 1) return 'mixed';
  return set.has('nss') ? 'nss' : 'standard';
}

function toItem(r: RawItem, matched: SearchMatch | null, gbNames: Map<string, string>): ClientListItem {
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
    gb: parseBadges(r.gb, gbNames),
    matched,
  };
}

function filterParams(db: Db, f: SearchFilters, today: string): FilterParams {
  return {
    today,
    status: f.status ?? null,
    isKey: f.isKey == null ? null : f.isKey ? 1 : 0,
    sioId: f.sioId ?? null,
    readyStage: f.readyStage ?? null,
    usr: f.usr ?? null,
    // Older than N days: the newest update is before today − N (N days old still passes, as on the card).
    // Without N: the РИЦ's limit (Настройки → USR).
    usrBefore: f.usr === 'stale' ? addDays(today, -(f.usrDays ?? readUsrSettings(db).staleDays)) : null,
    gb: f.gb ?? null,
    // Valid until today + N at most: a certificate ending on the N-th day from today is expiring, one a day later is not.
    gbUntil: f.gb === 'expiring' ? addDays(today, f.gbDays ?? readGbSettings(db).expiringDays) : null,
  };
}

/** Why a shown row matched: an exact hit, else its own name, else a contact or phone, else its ИНН, e-mail or city. */
function whyMatched(db: Db, plan: QueryPlan, cand: Candidates, r: RawItem): SearchMatch {
  const found = cand.matched.get(r.id);
  if (found && cand.exact.has(r.id)) return found;
  if (plan.numeric) {
    if (found) return found;
    if (r.inn?.includes(plan.prefix)) return { kind: 'inn', inn: r.inn };
    return { kind: 'name' };
  }
  if (nameAnswers(plan, r.name)) return { kind: 'name' };
  if (found) return found;
  if (r.inn && plan.long.some((w) => r.inn!.includes(w))) return { kind: 'inn', inn: r.inn };
  const emails = stmt(db, 'SELECT email FROM emails WHERE client_id = ? ORDER BY id').all(r.id) as { email: string }[];
  const email = emails.find((e) => plan.long.some((w) => fold(e.email).includes(w)));
  if (email) return { kind: 'email', email: email.email };
  if (r.city && plan.long.some((w) => fold(r.city!).includes(w))) return { kind: 'city', city: r.city };
  // The short name or a word prefix of it.
  return { kind: 'name' };
}

export function searchClients(
  db: Db,
  query: string,
  limit: number,
  filters: SearchFilters,
  today: string,
): { items: ClientListItem[]; total: number; limited: boolean } {
  const params = filterParams(db, filters, today);
  const gbNames = programmeNames(db);
  if (!query.trim()) {
    const total = (stmt(db, `SELECT COUNT(*) AS n FROM clients c WHERE ${FILTERS}`).get(params) as { n: number }).n;
    const rows = stmt(db, `SELECT ${LIST_COLUMNS} FROM clients c LEFT JOIN employees e ON e.id = c.sio_id WHERE ${FILTERS} ORDER BY c.name_lc, c.id LIMIT @limit`).all({
      ...params,
      limit,
    }) as RawItem[];
    return { items: rows.map((r) => toItem(r, null, gbNames)), total, limited: total > limit };
  }
  const plan = planQuery(query);
  const cand = findCandidates(db, query, params);
  if (cand.ids.length === 0) return { items: [], total: 0, limited: false };
  // Rank in SQL on cheap columns — exact hits (distribution, ИНН, phone) first, then names (without their legal form)
  // starting with the query, then the rest by name — and load the rich list columns only for the rows shown.
  const page = stmt(
    db,
    `SELECT c.id, count(*) OVER () AS total FROM clients c WHERE c.id IN (SELECT value FROM json_each(@ids)) AND ${FILTERS}
     ORDER BY CASE WHEN c.id IN (SELECT value FROM json_each(@exact)) THEN 0 WHEN substr(c.name_lc, 1, @len) = @prefix THEN 1 ELSE 2 END,
       c.name_lc, c.id LIMIT @limit`,
  ).all({ ...params, ids: JSON.stringify(cand.ids), exact: JSON.stringify([...cand.exact]), prefix: plan.prefix, len: [...plan.prefix].length, limit }) as {
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
    items: shown.map((id) => {
      const r = rows.get(id)!;
      return toItem(r, whyMatched(db, plan, cand, r), gbNames);
    }),
    total,
    limited: cand.limited || total > limit,
  };
}
