// A staged certified list read with a mapping and a person's decisions: every row's values, match and state (cached per stage + mapping).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import {
  GB_ROW_STATES,
  normaliseCertNumber,
  type GbClientRef,
  type GbListDecisions,
  type GbMapping,
  type GbMatchBy,
  type GbProgramme,
  type GbReviewRow,
  type GbRowState,
  type GbStatus,
} from '../../../src-shared/glavbukh';
import { readGbSettings } from './settings';
import { badField } from '../../api/errors';
import { cleanDistr, cleanInn, cleanKpp, normaliseName, parseListDate, parseListStatus, validUntilOf } from './list.values';

/** What the parser keeps of a list (the stage's one record). */
export interface GbSheetRecord {
  headers: string[];
  rows: string[][];
}

interface Base {
  clients: Map<number, GbClientRef>;
  byInnKpp: Map<string, number[]>;
  byInn: Map<string, number[]>;
  byDistr: Map<number, number[]>;
  byName: Map<string, number[]>;
  /** `programme\u001fnumber_norm` → the certificate holding it. */
  certs: Map<string, { clientId: number; issuedOn: string | null; validUntil: string | null; status: string }>;
}

const push = <K>(m: Map<K, number[]>, k: K, id: number) => {
  const a = m.get(k);
  if (!a) m.set(k, [id]);
  else if (!a.includes(id)) a.push(id);
};

function loadBase(db: Db): Base {
  const b: Base = { clients: new Map(), byInnKpp: new Map(), byInn: new Map(), byDistr: new Map(), byName: new Map(), certs: new Map() };
  for (const c of stmt(db, 'SELECT id, name, inn, kpp FROM clients').iterate() as Iterable<GbClientRef>) {
    b.clients.set(c.id, c);
    const inn = c.inn ? cleanInn(c.inn) : null;
    if (inn) {
      push(b.byInn, inn, c.id);
      const kpp = c.kpp ? cleanKpp(c.kpp) : null;
      if (kpp) push(b.byInnKpp, `${inn}/${kpp}`, c.id);
    }
    const name = normaliseName(c.name);
    if (name) push(b.byName, name, c.id);
  }
  for (const d of stmt(db, 'SELECT client_id AS c, distr_number AS n FROM distributions').iterate() as Iterable<{ c: number; n: number }>) push(b.byDistr, d.n, d.c);
  for (const c of stmt(db, 'SELECT programme AS p, number_norm AS n, client_id AS c, issued_on AS i, valid_until AS v, status AS s FROM gb_certificates WHERE number_norm IS NOT NULL').iterate() as Iterable<{
    p: string;
    n: string;
    c: number;
    i: string | null;
    v: string | null;
    s: string;
  }>)
    b.certs.set(`${c.p}\u001f${c.n}`, { clientId: c.c, issuedOn: c.i, validUntil: c.v, status: c.s });
  return b;
}

/** A row as the mapping reads it, matched automatically (before the person's decisions). */
interface AutoRow {
  values: GbReviewRow['values'];
  /** The programme's code the row is written under, and its number normalised. */
  programme: string;
  norm: string | null;
  problem: string | null;
  client: number | null;
  by: GbMatchBy | null;
  candidates: number[];
}

function programmeOf(raw: string | null, programmes: GbProgramme[], fallback: string): string | null {
  if (raw == null) return fallback;
  const s = raw.trim().toLowerCase().replace(/ё/g, 'е');
  const p = programmes.find((x) => x.code.toLowerCase() === s || x.name.toLowerCase().replace(/ё/g, 'е') === s);
  return p ? p.code : null;
}

function autoRow(cells: string[], m: GbMapping, base: Base, programmes: GbProgramme[], fallback: string): AutoRow {
  const cell = (col: number | undefined) => {
    if (col === undefined) return null;
    const v = (cells[col] ?? '').trim();
    return v === '' ? null : v;
  };
  const issuedRaw = cell(m.issued_on);
  const untilRaw = cell(m.valid_until);
  const statusRaw = cell(m.status);
  const issuedOn = issuedRaw == null ? null : parseListDate(issuedRaw);
  const validUntil = untilRaw == null ? null : parseListDate(untilRaw);
  const status = statusRaw == null ? null : parseListStatus(statusRaw);
  const programmeRaw = cell(m.programme);
  const programme = programmeOf(programmeRaw, programmes, fallback);
  const number = cell(m.number);
  const values: GbReviewRow['values'] = {
    inn: cell(m.inn),
    kpp: cell(m.kpp),
    name: cell(m.name),
    distr: cell(m.distr),
    number,
    issuedOn: issuedOn ?? null,
    validUntil: validUntil ?? null,
    status: status ?? null,
    contact: cell(m.contact),
    programme: programme ?? programmeRaw,
  };
  const norm = number ? normaliseCertNumber(number) : null;
  const problem =
    !norm ? 'number_missing' : issuedOn === undefined || validUntil === undefined ? 'date_invalid' : status === undefined ? 'status_unknown' : programme == null ? 'programme_unknown' : null;
  const row: AutoRow = { values, programme: programme ?? fallback, norm, problem, client: null, by: null, candidates: [] };
  if (problem) return row;
  const one = (ids: number[] | undefined, by: GbMatchBy): boolean => {
    if (!ids?.length) return false;
    if (ids.length === 1) {
      row.client = ids[0]!;
      row.by = by;
    } else row.candidates = ids;
    return true;
  };
  const inn = values.inn ? cleanInn(values.inn) : null;
  const kpp = values.kpp ? cleanKpp(values.kpp) : null;
  const distr = values.distr ? cleanDistr(values.distr) : null;
  if (inn && kpp && one(base.byInnKpp.get(`${inn}/${kpp}`), 'inn_kpp')) return row;
  const byInn = inn ? base.byInn.get(inn) : undefined;
  if (byInn?.length === 1) return one(byInn, 'inn'), row;
  if (distr != null) {
    const ids = base.byDistr.get(distr);
    // Several clients of one ИНН: a distribution of one of them decides.
    const within = byInn ? ids?.filter((id) => byInn.includes(id)) : ids;
    if (within?.length === 1) return one(within, 'distr'), row;
  }
  if (byInn && byInn.length > 1) return one(byInn, 'inn'), row;
  if (distr != null && one(base.byDistr.get(distr), 'distr')) return row;
  if (values.name) one(base.byName.get(normaliseName(values.name)), 'name');
  return row;
}

export interface ListReading {
  programme: string;
  auto: AutoRow[];
  base: Base;
}

interface CacheEntry {
  key: string;
  reading: ListReading;
}
const cache: CacheEntry[] = [];
const CACHE_SIZE = 4;

/** A cheap fingerprint of what matching reads from the base: a change anywhere makes the cache stale. */
function baseVersion(db: Db): string {
  const r = stmt(
    db,
    `SELECT (SELECT count(*) FROM clients) AS a, (SELECT max(updated_at) FROM clients) AS b, (SELECT count(*) FROM distributions) AS c, (SELECT max(id) FROM distributions) AS d,
            (SELECT count(*) FROM gb_certificates) AS e, (SELECT max(updated_at) FROM gb_certificates) AS f, (SELECT value FROM settings WHERE key = 'glavbukh') AS g`,
  ).get() as Record<string, unknown>;
  return JSON.stringify(r);
}

/** A mapping as a cache key: the same columns whatever order its keys came in (the apply's decisions pass through zod, which reorders them). */
const mappingKey = (m: GbMapping): string =>
  JSON.stringify(
    Object.entries(m)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );

/**
 * Every row read and matched automatically. `cacheKey` (the list's file) lets the review and apply reuse the work for the
 * same mapping, programme and base (a fingerprint of the base is part of the key).
 */
export function readList(db: Db, rec: GbSheetRecord, mapping: GbMapping, programme: string | undefined, cacheKey?: string): ListReading {
  const settings = readGbSettings(db);
  // A programme the settings do not have would write certificates no badge, rule or uniqueness check ever sees.
  if (programme !== undefined && !settings.programmes.some((p) => p.code === programme)) throw badField('decisions.programme', 'unknown_programme');
  const fallback = programme ?? settings.programmes[0]!.code;
  const key = cacheKey ? `${cacheKey}|${mappingKey(mapping)}|${fallback}|${baseVersion(db)}` : null;
  const hit = key ? cache.find((e) => e.key === key) : undefined;
  if (hit) return hit.reading;
  const base = loadBase(db);
  const auto = rec.rows.map((cells) => autoRow(cells, mapping, base, settings.programmes, fallback));
  const reading = { programme: fallback, auto, base };
  if (key) {
    cache.unshift({ key, reading });
    cache.length = Math.min(cache.length, CACHE_SIZE);
  }
  return reading;
}

export interface DecidedRow {
  auto: AutoRow;
  state: GbRowState;
  client: number | null;
  by: GbMatchBy | null;
  holder: number | null;
  otherRow: number | null;
  skipped: boolean;
  /** What recordCertificate gets (dates with the programme's default validity). */
  validUntil: string | null;
  status: GbStatus;
}

/** The rows with the person's decisions: hand matches, rows left out, duplicates against the base and within the list. */
export function decideRows(db: Db, reading: ListReading, d: Pick<GbListDecisions, 'matches' | 'skip'>): DecidedRow[] {
  const hand = new Map<number, number>();
  for (const x of d.matches ?? []) hand.set(x.row, x.clientId);
  const skip = new Set(d.skip ?? []);
  const months = new Map(readGbSettings(db).programmes.map((p) => [p.code, p.validityMonths]));
  const out: DecidedRow[] = reading.auto.map((a, i) => {
    const n = i + 1;
    const handId = hand.get(n);
    const handOk = handId !== undefined && reading.base.clients.has(handId);
    const client = a.problem ? null : handOk ? handId : a.client;
    const by: GbMatchBy | null = a.problem ? null : handOk ? 'hand' : a.by;
    const status: GbStatus = a.values.status ?? 'certified';
    const validUntil = a.values.validUntil ?? (a.values.issuedOn ? validUntilOf(a.values.issuedOn, months.get(a.programme) ?? 12) : null);
    let state: GbRowState = a.problem ? 'invalid' : client != null ? 'matched' : a.candidates.length ? 'ambiguous' : 'unmatched';
    let holder: number | null = null;
    if (state === 'matched') {
      const cert = reading.base.certs.get(`${a.programme}\u001f${a.norm}`);
      if (cert && cert.clientId !== client) {
        state = 'duplicate';
        holder = cert.clientId;
      } else if (cert && (a.values.issuedOn ?? cert.issuedOn) === cert.issuedOn && (validUntil ?? cert.validUntil) === cert.validUntil && status === cert.status) state = 'same';
    }
    return { auto: a, state, client, by, holder, otherRow: null, skipped: skip.has(n), validUntil, status };
  });
  // Within the list: the first row giving a number to a client; another row giving it to another client is a duplicate (both).
  const first = new Map<string, number>();
  out.forEach((r, i) => {
    if (r.skipped || r.client == null || r.auto.problem) return;
    const k = `${r.auto.programme}\u001f${r.auto.norm}`;
    const j = first.get(k);
    if (j === undefined) return void first.set(k, i);
    const o = out[j]!;
    if (o.client === r.client) return;
    r.state = 'duplicate';
    r.otherRow = j + 1;
    if (o.state !== 'duplicate' || o.otherRow == null) {
      o.state = 'duplicate';
      o.otherRow ??= i + 1;
    }
  });
  return out;
}

export const refOf = (base: Base, id: number | null): GbClientRef | null => (id == null ? null : (base.clients.get(id) ?? null));

export function reviewRow(base: Base, r: DecidedRow, n: number): GbReviewRow {
  return {
    row: n,
    values: r.auto.values,
    state: r.state,
    client: r.state === 'duplicate' && r.holder == null && r.otherRow == null ? null : refOf(base, r.client),
    by: r.by,
    candidates: r.auto.candidates.map((id) => refOf(base, id)).filter((c): c is GbClientRef => c != null),
    holder: refOf(base, r.holder),
    otherRow: r.otherRow,
    problem: r.auto.problem,
    skipped: r.skipped,
  };
}

export function countStates(rows: DecidedRow[]): { counts: Record<GbRowState, number>; skipped: number; open: number } {
  const counts = Object.fromEntries(GB_ROW_STATES.map((s) => [s, 0])) as Record<GbRowState, number>;
  let skipped = 0;
  let open = 0;
  for (const r of rows) {
    counts[r.state]++;
    if (r.skipped) skipped++;
    else if (r.state !== 'matched' && r.state !== 'same') open++;
  }
  return { counts, skipped, open };
}
