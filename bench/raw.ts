// Hand-written better-sqlite3 statements returning the same rows as clients.search and clients.get, for the ratio.
import type Database from 'better-sqlite3';
import type { Db } from '../src-main/db/connection';
import { parseDistrQuery } from '../src-shared/distr';
import { phoneSearchDigits } from '../src-shared/validation/phone';
import { queryWords } from '../src-shared/search-text';
// Only the cap's value: the same number of candidates as the product, so both return the same rows.
import { CANDIDATE_CAP } from '../src-main/features/clients/clients.search';

/** List columns of one client row, written out by hand (phone, СИО, current schemes, ready stages). */
const COLUMNS = `c.id, c.name, c.inn, c.city, c.status, c.is_key AS isKey,
  (SELECT p.digits FROM phones p WHERE p.client_id = c.id AND p.contact_id IS NULL ORDER BY p.id LIMIT 1) AS phone,
  e.full_name AS sioName,
  (SELECT group_concat(DISTINCT x.scheme) FROM (
     SELECT (SELECT s.scheme FROM distribution_schemes s WHERE s.distribution_id = d.id AND s.effective_from <= @today
             ORDER BY s.effective_from DESC LIMIT 1) AS scheme
     FROM distributions d WHERE d.client_id = c.id AND d.state <> 'closed') x) AS schemes,
  (SELECT group_concat(st.code) FROM client_readiness r JOIN readiness_stages st ON st.id = r.stage_id
     WHERE r.client_id = c.id AND r.ready_until >= @today) AS ready`;

export interface RawRow {
  id: number;
  name: string;
  total: number;
}

/** Which lookups a query calls for; one statement is prepared per combination. */
interface Branches {
  distr: 'none' | 'system' | 'number';
  /** Ten or more digits: a whole ИНН (or the start of a 12-digit one) and a whole phone, exact. */
  whole: boolean;
  /** Fewer digits: any phone fragment, and digits in a name or ИНН. */
  fragment: boolean;
  /** Text: `one` — a single letter (name start); `words` — substrings and word starts, and contacts. */
  text: 'none' | 'one' | 'words';
  single: boolean;
  long: boolean;
  /** How many one- or two-letter words. */
  short: number;
  /** Plain digits, no phone punctuation: also digits in a name or ИНН. */
  plain: boolean;
}

const CAP = CANDIDATE_CAP;

/**
 * One statement per combination: every lookup capped as the product caps it, exact hits (distribution, ИНН, phone)
 * first, then names without their legal form starting with the query, then the rest by that name.
 */
function searchSql(b: Branches): string {
  const exact: string[] = [];
  const other: string[] = [];
  if (b.distr === 'system') exact.push('SELECT client_id AS id FROM distributions WHERE system_code = @sys AND distr_number = @num AND (@comp IS NULL OR comp = @comp)');
  if (b.distr === 'number') exact.push('SELECT client_id AS id FROM distributions WHERE distr_number = @num AND (@comp IS NULL OR comp = @comp)');
  if (b.whole) {
    exact.push("SELECT id FROM clients WHERE inn >= @digits AND inn < @digits || ':'", 'SELECT client_id AS id FROM phones WHERE digits = @phone');
  }
  if (b.fragment) {
    if (b.long) other.push(`SELECT id FROM (SELECT p.client_id AS id FROM phone_search s JOIN phones p ON p.id = s.rowid WHERE phone_search MATCH @phoneFts LIMIT ${CAP})`);
    if (b.plain) other.push(`SELECT id FROM (SELECT rowid AS id FROM client_search WHERE client_search MATCH '{name inn} : ' || @digitsFts LIMIT ${CAP})`);
  }
  if (b.text === 'one') other.push(`SELECT id FROM (SELECT id FROM clients WHERE name_lc >= @one AND name_lc < @one || char(1114111) ORDER BY name_lc LIMIT ${CAP})`);
  if (b.text === 'words') {
    if (b.long) {
      // Short words: the start of a word of the indexed name (its words one space apart), checked on the trigram hits.
      other.push(`SELECT id FROM (SELECT rowid AS id FROM client_search WHERE client_search MATCH @longFts
        ${Array.from({ length: b.short }, (_, i) => `AND ' ' || replace(name, '-', ' ') LIKE @like${i} ESCAPE '\\'`).join(' ')} LIMIT ${CAP})`);
      // Contacts by the start of each word of their ФИО.
      other.push(`SELECT id FROM (SELECT ct.client_id AS id FROM contact_search s JOIN contacts ct ON ct.id = s.rowid WHERE contact_search MATCH @contactFts LIMIT ${CAP})`);
    } else {
      other.push(`SELECT id FROM (SELECT rowid AS id FROM client_words WHERE client_words MATCH @shortFts LIMIT ${CAP})`);
    }
  }
  const all = [...exact, ...other];
  if (all.length === 0) return '';
  const exactSet = exact.length > 0 ? `c.id IN (${exact.join(' UNION ')})` : '0';
  return `WITH m(id) AS (SELECT DISTINCT id FROM (${all.join(' UNION ')})),
    ranked AS (SELECT c.id, c.name_lc, CASE WHEN ${exactSet} THEN 0 WHEN substr(c.name_lc, 1, @len) = @prefix THEN 1 ELSE 2 END AS rk
               FROM m JOIN clients c ON c.id = m.id),
    page AS (SELECT id, rk, name_lc, count(*) OVER () AS total FROM ranked ORDER BY rk, name_lc, id LIMIT @limit)
    SELECT ${COLUMNS}, page.total FROM page JOIN clients c ON c.id = page.id LEFT JOIN employees e ON e.id = c.sio_id
    ORDER BY page.rk, page.name_lc, page.id`;
}

const phrase = (s: string) => `"${s.replace(/"/g, '""')}"`;

export class RawSearch {
  private cache = new Map<string, Database.Statement>();
  constructor(private db: Db) {}

  run(query: string, limit: number, today: string): RawRow[] {
    const q = query.trim().replace(/\s+/g, ' ');
    const d = parseDistrQuery(q);
    const numeric = /^[\d\s()+\-.]+$/.test(q) && /\d/.test(q);
    const digits = numeric ? q.replace(/\D/g, '') : '';
    const phone = numeric ? phoneSearchDigits(q) : '';
    const words = numeric ? [] : queryWords(q).filter((w) => /[\p{L}\p{N}]/u.test(w));
    const long = words.filter((w) => [...w].length >= 3);
    const short = words.filter((w) => [...w].length < 3);
    const one = words.length === 1 && [...words[0]!].length === 1;
    const whole = numeric && digits.length >= 10;
    const b: Branches = {
      distr: d ? (d.system ? 'system' : 'number') : 'none',
      whole,
      fragment: numeric && !whole && digits.length >= 3,
      text: one ? 'one' : words.length > 0 ? 'words' : 'none',
      single: words.length === 1,
      long: numeric ? phone.length >= 3 : long.length > 0,
      short: short.length,
      plain: numeric && digits === q,
    };
    const key = JSON.stringify(b);
    let s = this.cache.get(key);
    if (!s) {
      const sql = searchSql(b);
      if (!sql) return [];
      s = this.db.$client.prepare(sql);
      this.cache.set(key, s);
    }
    const prefix = numeric ? digits : words.join(' ');
    const p: Record<string, unknown> = { prefix, len: [...prefix].length, limit, today };
    if (b.distr !== 'none') Object.assign(p, { num: d!.number, comp: d!.comp ?? null }, b.distr === 'system' ? { sys: d!.system } : {});
    if (b.whole) Object.assign(p, { digits, phone });
    if (b.fragment) Object.assign(p, b.plain ? { digitsFts: phrase(digits) } : {}, b.long ? { phoneFts: phrase(phone) } : {});
    if (b.text === 'one') p.one = words[0];
    if (b.text === 'words') {
      if (b.short && !b.long) p.shortFts = short.map((w) => `${phrase(w)} *`).join(' AND ');
      if (b.long) {
        p.longFts = long.map((w) => (b.single ? `{name inn emails} : ${phrase(w)}` : phrase(w))).join(' AND ');
        p.contactFts = words.map((w) => `${phrase(w)} *`).join(' AND ');
        short.forEach((w, i) => (p[`like${i}`] = `% ${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      }
    }
    return s.all(p) as RawRow[];
  }
}

/** The full card with one hand-written statement per part, assembled into plain objects. */
export class RawCard {
  private s: Record<string, Database.Statement>;
  constructor(db: Db) {
    const p = (sql: string) => db.$client.prepare(sql);
    this.s = {
      client: p(`SELECT c.*, s.full_name AS sioName, pm.full_name AS pmName, k.full_name AS keyName FROM clients c
        LEFT JOIN employees s ON s.id = c.sio_id LEFT JOIN employees pm ON pm.id = c.pm_id LEFT JOIN employees k ON k.id = c.key_responsible_id WHERE c.id = ?`),
      phones: p('SELECT id, contact_id, raw, digits, note FROM phones WHERE client_id = ? ORDER BY id'),
      emails: p('SELECT id, contact_id, email, note FROM emails WHERE client_id = ? ORDER BY id'),
      contacts: p('SELECT * FROM contacts WHERE client_id = ? ORDER BY active DESC, full_name'),
      roles: p('SELECT r.contact_id, r.role FROM contact_roles r JOIN contacts c ON c.id = r.contact_id WHERE c.client_id = ?'),
      chars: p(`SELECT cc.contact_id, ch.id, g.id AS gid, g.name AS gname, ch.name, cc.comment FROM contact_characteristics cc
        JOIN contacts c ON c.id = cc.contact_id JOIN characteristics ch ON ch.id = cc.characteristic_id
        JOIN characteristic_groups g ON g.id = ch.group_id WHERE c.client_id = ? ORDER BY g.sort, g.id, ch.sort, ch.id`),
      links: p(`SELECT l.id AS link_id, l.effective_from, l.basis, l.created_at AS linked_at, e.full_name AS created_by, cp.*
        FROM client_counterparties l JOIN counterparties cp ON cp.id = l.counterparty_id LEFT JOIN employees e ON e.id = l.created_by
        WHERE l.client_id = ? ORDER BY l.effective_from DESC`),
      distrs: p('SELECT * FROM distributions WHERE client_id = ? ORDER BY system_code, distr_number, comp'),
      schemes: p(`SELECT s.distribution_id, s.scheme, s.effective_from, e.full_name AS created_by FROM distribution_schemes s
        JOIN distributions d ON d.id = s.distribution_id LEFT JOIN employees e ON e.id = s.created_by WHERE d.client_id = ? ORDER BY s.effective_from DESC`),
      events: p(`SELECT ev.*, e.full_name AS author FROM client_events ev LEFT JOIN employees e ON e.id = ev.author_id
        WHERE ev.client_id = ? ORDER BY ev.at DESC, ev.id DESC LIMIT 200`),
      readiness: p(`SELECT st.id, st.code, st.name, st.freshness_days, rf.code AS field, rf.name AS field_name, v.value, v.confirmed_at
        FROM readiness_stages st JOIN readiness_stage_fields f ON f.stage_id = st.id JOIN readiness_fields rf ON rf.code = f.field_code
        LEFT JOIN client_readiness_values v ON v.client_id = ? AND v.field_code = f.field_code ORDER BY st.sort, st.id, rf.sort`),
    };
  }

  load(id: number, today: string) {
    const s = this.s;
    const client = s.client!.get(id) as Record<string, unknown> | undefined;
    if (!client) return null;
    const links = s.links!.all(id) as { effective_from: string }[];
    const schemes = s.schemes!.all(id) as { distribution_id: number; scheme: string; effective_from: string }[];
    const distributions = (s.distrs!.all(id) as { id: number }[]).map((d) => {
      const history = schemes.filter((x) => x.distribution_id === d.id);
      return { ...d, scheme: history.find((h) => h.effective_from <= today)?.scheme ?? null, history };
    });
    return {
      client,
      phones: s.phones!.all(id),
      emails: s.emails!.all(id),
      contacts: s.contacts!.all(id),
      roles: s.roles!.all(id),
      characteristics: s.chars!.all(id),
      counterparty: links.find((l) => l.effective_from <= today) ?? null,
      history: links,
      distributions,
      events: (s.events!.all(id) as { data: string | null }[]).map((e) => ({ ...e, data: e.data ? (JSON.parse(e.data) as unknown) : null })),
      readiness: s.readiness!.all(id),
    };
  }
}
