// The rows of the monthly НСС report to the КЦ, read from the monthly aggregates (nss_client_months) and the card.
//
// A row per client with a row for the month and `nss_kits > 0` (НСС kits on the month's last day). Every column:
// - inn / kpp / name: the client's counterparty valid on the month's last day (client_counterparties, the latest
//   effective_from ≤ that day) when there is one, else the client's own fields; a 12-digit ИНН (ИП) has no КПП;
// - kits: the client's kits whose scheme on the last day (distribution_schemes, latest effective_from ≤ day) is `nss`;
// - nssKits … pmContacts: the month's aggregates (definitions.ts says what each counts);
// - lastContactOn: the latest last_contact_on of the client's months up to this one;
// - sio / pm: the card's СИО and personal manager (employees.full_name);
// - cycleEndsOn: the nearest end among the client's active НСС cycles overlapping the month ('' when none).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import type { NssKcRow } from '../../../src-shared/nss';
import { monthFirst, monthLast } from './aggregate';

/** A row with the facts the check needs beside it. */
export interface NssKcFacts {
  row: NssKcRow;
  /** The client's СИО id (null: none on the card). */
  sioId: number | null;
  /** Kits in the list (each НСС on the last day). */
  kitCount: number;
  /** ИНН/КПП/name came from the counterparty valid on the last day (fixed on «Реквизиты»), not from the client's own fields. */
  byCounterparty?: boolean;
}

const ROWS_SQL = `
WITH y AS MATERIALIZED (
  -- The nearest end among each client's active cycles overlapping the month: the month's cycles in one pass.
  SELECT client_id, MIN(ends_on) AS ends FROM nss_cycles WHERE state = 'active' AND starts_on <= @last AND ends_on >= @first GROUP BY client_id)
SELECT m.client_id AS clientId, c.name AS cName, c.inn AS cInn, c.kpp AS cKpp, k.full_name AS kName, k.short_name AS kShort, k.inn AS kInn, k.kpp AS kKpp,
  m.nss_kits AS nssKits, m.contacts, m.gl_calls AS glCalls, m.lk, m.chats, m.seminars, m.sio_visits AS sioVisits, m.pm_contacts AS pmContacts,
  -- Dates only grow month by month: the latest earlier month with a contact has the latest one.
  COALESCE(m.last_contact_on, (SELECT x.last_contact_on FROM nss_client_months x WHERE x.client_id = m.client_id AND x.month < m.month
    AND x.last_contact_on IS NOT NULL ORDER BY x.month DESC LIMIT 1)) AS lastContactOn,
  c.sio_id AS sioId, c.pm_id AS pmId,
  y.ends AS cycleEndsOn, c.name_lc AS nameLc
FROM nss_client_months m
JOIN clients c ON c.id = m.client_id
LEFT JOIN counterparties k ON k.id = (SELECT cc.counterparty_id FROM client_counterparties cc WHERE cc.client_id = m.client_id AND cc.effective_from <= @last
                                      ORDER BY cc.effective_from DESC LIMIT 1)
LEFT JOIN y ON y.client_id = m.client_id
-- No ORDER BY: sorting 85,000 wide rows cost SQLite more than the rest of the statement; file order (name_lc, id) is made
-- by nssKcFacts on the keys alone, byte order of UTF-8 as SQLite's BINARY collation compares (compareBinary).
WHERE m.month = @month AND m.nss_kits > 0`;

// Every kit НСС on the last day, of any client: one grouped pass over the scheme history (the row of the latest
// effective_from ≤ the day per kit — one at most, (distribution_id, effective_from) is unique), then the kit by id. Only
// the month's clients are looked up in it.
const KITS_SQL = `
SELECT d.client_id AS clientId, d.system_code AS system, d.distr_number AS number, d.comp
FROM (SELECT distribution_id AS id, scheme, MAX(effective_from) FROM distribution_schemes WHERE effective_from <= @last GROUP BY distribution_id) s
JOIN distributions d ON d.id = s.id
WHERE s.scheme = 'nss'`;

/** Every employee's name by id (a few hundred at most): the rows' СИО and personal manager looked up here, not joined per row. */
const STAFF_SQL = 'SELECT id, full_name FROM employees';

/** The columns of ROWS_SQL in order, read as arrays (no object per row from the driver). */
type Raw = [
  clientId: number,
  cName: string,
  cInn: string | null,
  cKpp: string | null,
  kName: string | null,
  kShort: string | null,
  kInn: string | null,
  kKpp: string | null,
  nssKits: number,
  contacts: number,
  glCalls: number,
  lk: number,
  chats: number,
  seminars: number,
  sioVisits: number,
  pmContacts: number,
  lastContactOn: string | null,
  sioId: number | null,
  pmId: number | null,
  cycleEndsOn: string | null,
  nameLc: string,
];

/** The month's rows in file order (by name_lc, then id), with the facts of the check. Call ensureNssMonth first. */
export function nssKcFacts(db: Db, month: string): NssKcFacts[] {
  const p = { month, first: monthFirst(month), last: monthLast(month) };
  const kits = new Map<number, string[]>();
  // Streamed as arrays (no object per kit, no array of them all): a month of a large РИЦ is 100,000 kits.
  for (const [clientId, system, number, comp] of stmt(db, KITS_SQL).raw(true).iterate(p) as Iterable<[number, string, number, number]>) {
    const list = kits.get(clientId);
    const kit = formatDistr({ system, number, comp });
    if (list) list.push(kit);
    else kits.set(clientId, [kit]);
  }
  const staff = new Map(stmt(db, STAFF_SQL).raw(true).all() as [number, string][]);
  const facts: NssKcFacts[] = [];
  const keys: string[] = [];
  // Whether a key has a UTF-16 unit from U+D800 up, where JavaScript's order of texts is not SQLite's.
  let high = false;
  for (const r of stmt(db, ROWS_SQL).raw(true).iterate(p) as Iterable<Raw>) {
    facts.push(factsOf(r, kits, staff));
    keys.push(r[20]);
    if (!high && HIGH.test(r[20])) high = true;
  }
  const cmp = high ? compareBinary : compareUnits;
  const order = facts.map((_, i) => i);
  order.sort((a, b) => cmp(keys[a]!, keys[b]!) || facts[a]!.row.clientId - facts[b]!.row.clientId);
  return order.map((i) => facts[i]!);
}

const HIGH = /[\ud800-\uffff]/;
/** JavaScript's own order of texts: SQLite's BINARY order while neither has a unit from U+D800 up. */
const compareUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * SQLite's BINARY order of two texts (their UTF-8 bytes, i.e. code points). JavaScript compares UTF-16 units, which
 * differs only where a surrogate (a character above U+FFFF) meets a unit from U+E000 up: there the code points decide.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (x >= 0xd800 && y >= 0xd800 && (x < 0xe000) !== (y < 0xe000)) return x < 0xe000 ? 1 : -1;
  return x - y;
}

function factsOf(r: Raw, kits: Map<number, string[]>, staff: Map<number, string>): NssKcFacts {
  const [clientId, cName, cInn, cKpp, kName, kShort, kInn, kKpp] = r;
  const list = kits.get(clientId);
  if (list && list.length > 1) list.sort();
  const byCounterparty = kInn != null;
  const inn = ((byCounterparty ? kInn : cInn) ?? '').trim();
  const kpp = inn.length === 12 ? '' : (((byCounterparty ? kKpp : cKpp) ?? '').trim());
  return {
    sioId: r[17],
    kitCount: list ? list.length : 0,
    byCounterparty,
    row: {
      clientId,
      inn,
      kpp,
      name: ((byCounterparty ? kName || kShort : null) ?? cName).trim(),
      kits: list ? list.join(', ') : '',
      nssKits: r[8],
      contacts: r[9],
      glCalls: r[10],
      lk: r[11],
      chats: r[12],
      seminars: r[13],
      sioVisits: r[14],
      pmContacts: r[15],
      lastContactOn: r[16] ?? '',
      sio: (r[17] == null ? undefined : staff.get(r[17]))?.trim() ?? '',
      pm: (r[18] == null ? undefined : staff.get(r[18]))?.trim() ?? '',
      cycleEndsOn: r[19] ?? '',
    },
  };
}
