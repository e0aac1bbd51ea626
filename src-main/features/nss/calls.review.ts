// A staged ГЛ call list read with a mapping and a person's decisions: every row's values, client, employee and state.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { ricTimeZone } from '../../api/context';
import { zonedInstant } from '../calendar/workcal';
import {
  NSS_CALL_ROW_STATES,
  type NssCallClientRef,
  type NssCallMapping,
  type NssCallMatchBy,
  type NssCallReviewRow,
  type NssCallRowState,
  type NssCallsDecisions,
} from '../../../src-shared/nss-calls';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';
import { durationUnitOf, nameKeys, parseCallDate, parseCallDateTime, parseCallTime, parseDuration, parseKit, phoneKey, type DurationUnit } from './calls.values';

interface Kit {
  id: number;
  clientId: number;
}

interface Base {
  clients: Map<number, string>;
  byCode: Map<string, Kit[]>;
  byNumber: Map<number, Kit[]>;
  byPhone: Map<string, number[]>;
  employees: Map<number, string>;
  byFullName: Map<string, number[]>;
  byInitials: Map<string, number[]>;
  /** `client|instant ms|duration` of the ГЛ calls already recorded in the file's dates. */
  recorded: Set<string>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V, same: (a: V) => boolean) => {
  const a = m.get(k);
  if (!a) m.set(k, [v]);
  else if (!a.some(same)) a.push(v);
};

export const callKey = (clientId: number, atMs: number, durationSec: number | null) => `${clientId}|${atMs}|${durationSec ?? ''}`;

function loadBase(db: Db, fromDate: string | null, toDate: string | null): Base {
  const b: Base = { clients: new Map(), byCode: new Map(), byNumber: new Map(), byPhone: new Map(), employees: new Map(), byFullName: new Map(), byInitials: new Map(), recorded: new Set() };
  for (const c of stmt(db, 'SELECT id, name FROM clients').iterate() as Iterable<{ id: number; name: string }>) b.clients.set(c.id, c.name);
  for (const d of stmt(db, 'SELECT id, client_id AS clientId, system_code AS code, distr_number AS n FROM distributions').iterate() as Iterable<Kit & { code: string; n: number }>) {
    const kit = { id: d.id, clientId: d.clientId };
    push(b.byCode, `${d.code.trim().toUpperCase()}\u001f${d.n}`, kit, (x) => x.id === d.id);
    push(b.byNumber, d.n, kit, (x) => x.id === d.id);
  }
  for (const p of stmt(db, 'SELECT client_id AS c, digits FROM phones WHERE client_id IS NOT NULL').iterate() as Iterable<{ c: number; digits: string }>) {
    const k = phoneKey(p.digits);
    if (k) push(b.byPhone, k, p.c, (x) => x === p.c);
  }
  for (const e of stmt(db, 'SELECT id, full_name AS name FROM employees').iterate() as Iterable<{ id: number; name: string }>) {
    b.employees.set(e.id, e.name);
    const k = nameKeys(e.name);
    push(b.byFullName, k.full, e.id, (x) => x === e.id);
    if (k.initials) push(b.byInitials, k.initials, e.id, (x) => x === e.id);
  }
  if (fromDate && toDate) {
    // A day either side: a manual record's on_date is the same local date, but be generous.
    const rows = stmt(db, "SELECT client_id AS c, at, duration_sec AS d FROM nss_records WHERE kind = 'gl_call' AND on_date BETWEEN date(?, '-1 day') AND date(?, '+1 day')").iterate(fromDate, toDate) as Iterable<{
      c: number;
      at: string;
      d: number | null;
    }>;
    for (const r of rows) b.recorded.add(callKey(r.c, Date.parse(r.at), r.d));
  }
  return b;
}

/** A row as the mapping reads it, matched automatically (before the person's decisions). */
export interface AutoRow {
  values: NssCallReviewRow['values'];
  /** The call's instant (ms) in the РИЦ zone; null with a problem. */
  atMs: number | null;
  problem: string | null;
  client: number | null;
  distributionId: number | null;
  /** The kits the row's kit cell names (a hand match keeps the one of the chosen client). */
  kits: Kit[];
  by: NssCallMatchBy | null;
  candidates: number[];
  employeeId: number | null;
}

export interface CallsReading {
  base: Base;
  auto: AutoRow[];
  durationUnit: DurationUnit | null;
}

const cellOf = (cells: string[], col: number | undefined): string | null => {
  if (col === undefined) return null;
  const v = (cells[col] ?? '').trim();
  return v === '' ? null : v;
};

function readWhen(cells: string[], m: NssCallMapping): { date: string | null; time: string | null; problem: string | null } {
  if (m.datetime !== undefined) {
    const raw = cellOf(cells, m.datetime);
    const dt = raw == null ? null : parseCallDateTime(raw);
    if (dt) {
      // A separate time column wins over a date-time cell that carries only the date.
      const t = m.time !== undefined ? parseCallTime(cellOf(cells, m.time) ?? '') : null;
      return { date: dt.date, time: t ?? dt.time, problem: t === undefined ? 'time_invalid' : null };
    }
    if (m.date === undefined) return { date: null, time: null, problem: dt === null ? 'date_missing' : 'date_invalid' };
  }
  const dRaw = cellOf(cells, m.date);
  const date = dRaw == null ? null : parseCallDate(dRaw);
  if (date == null) return { date: null, time: null, problem: date === null ? 'date_missing' : 'date_invalid' };
  // The date cell may carry the time itself (`15.01.2026 10:30`).
  const inDate = dRaw ? parseCallDateTime(dRaw) : null;
  const tRaw = cellOf(cells, m.time);
  const time = tRaw != null ? parseCallTime(tRaw) : inDate ? inDate.time : null;
  if (time === undefined) return { date, time: null, problem: 'time_invalid' };
  return { date, time: time ?? '00:00:00', problem: null };
}

function autoRow(cells: string[], m: NssCallMapping, base: Base, unit: DurationUnit, tz: string): AutoRow {
  const when = readWhen(cells, m);
  const durRaw = cellOf(cells, m.duration);
  const duration = durRaw == null ? null : parseDuration(durRaw, unit);
  const values: NssCallReviewRow['values'] = {
    date: when.date,
    time: when.time,
    phone: cellOf(cells, m.phone),
    kit: cellOf(cells, m.kit),
    employee: cellOf(cells, m.employee),
    durationSec: duration ?? null,
  };
  const problem = when.problem ?? (duration === undefined ? 'duration_invalid' : null);
  let atMs: number | null = null;
  if (!problem) {
    const [hh, mm, ss] = when.time!.split(':').map(Number) as [number, number, number];
    atMs = zonedInstant(when.date!, `${hh}:${mm}`, tz) + ss * 1000;
  }
  const row: AutoRow = { values, atMs, problem, client: null, distributionId: null, kits: [], by: null, candidates: [], employeeId: null };
  if (values.employee) {
    const k = nameKeys(values.employee);
    const full = base.byFullName.get(k.full);
    const ids = full?.length === 1 ? full : k.initials ? base.byInitials.get(k.initials) : undefined;
    if (ids?.length === 1) row.employeeId = ids[0]!;
  }
  if (problem) return row;
  const kit = values.kit ? parseKit(values.kit) : null;
  if (kit) {
    const list = kit.code ? base.byCode.get(`${kit.code}\u001f${kit.number}`) : base.byNumber.get(kit.number);
    // A number alone counts only when it names one kit (or kits of one client).
    const kits = list ?? [];
    row.kits = kits;
    const clients = [...new Set(kits.map((x) => x.clientId))];
    if (clients.length === 1) {
      row.client = clients[0]!;
      row.distributionId = kits.length === 1 ? kits[0]!.id : null;
      row.by = 'kit';
      return row;
    }
    if (clients.length > 1) row.candidates = clients;
  }
  const pk = values.phone ? phoneKey(values.phone) : null;
  const byPhone = pk ? base.byPhone.get(pk) : undefined;
  if (byPhone?.length) {
    // Several clients of the kit: the phone decides when it names one of them.
    const within = row.candidates.length ? byPhone.filter((c) => row.candidates.includes(c)) : byPhone;
    if (within.length === 1) {
      row.client = within[0]!;
      const own = row.kits.filter((x) => x.clientId === row.client);
      row.distributionId = own.length === 1 ? own[0]!.id : null;
      row.by = 'phone';
      row.candidates = [];
    } else if (!row.candidates.length) row.candidates = byPhone;
  }
  return row;
}

/** Every row read and matched automatically with the mapping (the caller has checked it is usable). */
export function readCalls(db: Db, rec: SheetRecord, m: NssCallMapping): CallsReading {
  const tz = ricTimeZone(db);
  const unit = m.duration === undefined ? null : durationUnitOf(rec.headers[m.duration] ?? '', rec.rows.slice(0, 200).map((r) => r[m.duration!] ?? ''));
  // The file's dates bound the recorded calls looked at.
  let lo: string | null = null;
  let hi: string | null = null;
  const whens = rec.rows.map((cells) => readWhen(cells, m));
  for (const w of whens)
    if (w.date) {
      if (lo === null || w.date < lo) lo = w.date;
      if (hi === null || w.date > hi) hi = w.date;
    }
  const base = loadBase(db, lo, hi);
  const auto = rec.rows.map((cells) => autoRow(cells, m, base, unit ?? 'seconds', tz));
  return { base, auto, durationUnit: unit };
}

export interface DecidedRow {
  auto: AutoRow;
  state: NssCallRowState;
  client: number | null;
  distributionId: number | null;
  by: NssCallMatchBy | null;
  otherRow: number | null;
  skipped: boolean;
}

/** The rows with the person's decisions: hand matches, rows left out, duplicates against the base and within the file. */
export function decideCalls(reading: CallsReading, d: Pick<NssCallsDecisions, 'matches' | 'skip'>): DecidedRow[] {
  const hand = new Map<number, number>();
  for (const x of d.matches ?? []) hand.set(x.row, x.clientId);
  const skip = new Set(d.skip ?? []);
  const seen = new Map<string, number>();
  return reading.auto.map((a, i) => {
    const n = i + 1;
    const handId = hand.get(n);
    const handOk = !a.problem && handId !== undefined && reading.base.clients.has(handId);
    const client = a.problem ? null : handOk ? handId : a.client;
    const by: NssCallMatchBy | null = a.problem ? null : handOk ? 'hand' : a.by;
    let distributionId = a.distributionId;
    if (handOk) {
      const own = a.kits.filter((x) => x.clientId === handId);
      distributionId = own.length === 1 ? own[0]!.id : null;
    }
    let state: NssCallRowState = a.problem ? 'invalid' : client != null ? 'matched' : a.candidates.length ? 'ambiguous' : 'unmatched';
    let otherRow: number | null = null;
    const skipped = skip.has(n);
    if (state === 'matched' && !skipped) {
      const k = callKey(client!, a.atMs!, a.values.durationSec);
      if (reading.base.recorded.has(k)) state = 'duplicate';
      else if (seen.has(k)) {
        state = 'duplicate';
        otherRow = seen.get(k)!;
      } else seen.set(k, n);
    }
    return { auto: a, state, client, distributionId, by, otherRow, skipped };
  });
}

const refOf = (base: Base, id: number | null): NssCallClientRef | null => (id == null || !base.clients.has(id) ? null : { id, name: base.clients.get(id)! });

export function reviewCallRow(base: Base, r: DecidedRow, n: number): NssCallReviewRow {
  return {
    row: n,
    values: r.auto.values,
    state: r.state,
    client: refOf(base, r.client),
    by: r.by,
    candidates: r.auto.candidates.map((id) => refOf(base, id)).filter((c): c is NssCallClientRef => c != null),
    employee: r.auto.employeeId == null ? null : { id: r.auto.employeeId, name: base.employees.get(r.auto.employeeId) ?? '' },
    otherRow: r.otherRow,
    problem: r.auto.problem,
    skipped: r.skipped,
  };
}

/** A row still needing a person: not matched (a duplicate is simply not written again), not left out. */
export const isOpen = (r: DecidedRow): boolean => !r.skipped && r.state !== 'matched' && r.state !== 'duplicate';

export function countCalls(rows: DecidedRow[]): { counts: Record<NssCallRowState, number>; skipped: number; open: number; unknownEmployees: number } {
  const counts = Object.fromEntries(NSS_CALL_ROW_STATES.map((s) => [s, 0])) as Record<NssCallRowState, number>;
  let skipped = 0;
  let open = 0;
  let unknownEmployees = 0;
  for (const r of rows) {
    counts[r.state]++;
    if (r.skipped) skipped++;
    else if (isOpen(r)) open++;
    else if (r.state === 'matched' && r.auto.values.employee && r.auto.employeeId == null) unknownEmployees++;
  }
  return { counts, skipped, open, unknownEmployees };
}
