// НСС cycles: the view state of a cycle (one definition, with its SQL twin), reading a client's cycles, proposing one from a specification.
import type { Db } from '../../db/connection';
import { addDays, stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import type { NssCycle, NssCycleState, NssCycleView } from '../../../src-shared/nss';
import type { NssCycleProposal } from '../../../src-shared/nss-service';
import { daysBetween } from './aggregate';
import { SchemeTimeline } from './definitions';

/**
 * What a cycle shows today. Recorded `renewed` / `lapsed` stay as they are; an active cycle is `overdue` after its end
 * day, `due` from `dueDays` days before its end through the end day itself, `ahead` before that.
 */
export function cycleView(state: NssCycleState | string, endsOn: string, today: string, dueDays: number): NssCycleView {
  if (state === 'renewed' || state === 'lapsed') return state;
  if (today > endsOn) return 'overdue';
  return daysBetween(today, endsOn) <= dueDays ? 'due' : 'ahead';
}

/** The SQL twin of `cycleView` over columns / parameters (`today` a YYYY-MM-DD expression, `dueDays` an integer one). */
export const cycleViewSql = (stateCol: string, endsCol: string, today: string, dueDays: string) => `(CASE
  WHEN ${stateCol} IN ('renewed', 'lapsed') THEN ${stateCol}
  WHEN ${endsCol} < ${today} THEN 'overdue'
  WHEN ${endsCol} <= date(${today}, '+' || (${dueDays}) || ' days') THEN 'due'
  ELSE 'ahead' END)`;

/** The date `months` calendar months later, the day clamped to the month's length (31.01 + 1 → 28.02). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The standard cycle: a year from the start, ending the day before the anniversary. */
export const yearCycleEnd = (startsOn: string) => addDays(addMonths(startsOn, 12), -1);

/**
 * The end of the cycle that continues one: as many whole months as the old one when it was whole months, otherwise
 * as many days.
 */
export function nextCycleEnd(oldStart: string, oldEnd: string): string {
  const start = addDays(oldEnd, 1);
  const after = addDays(oldEnd, 1);
  for (let n = 1; n <= 120; n++) {
    const at = addMonths(oldStart, n);
    if (at === after) return addDays(addMonths(start, n), -1);
    if (at > after) break;
  }
  return addDays(start, daysBetween(oldStart, oldEnd));
}

interface CycleRow {
  id: number;
  clientId: number;
  startsOn: string;
  endsOn: string;
  state: NssCycleState;
  renewedBy: number | null;
  renewedOn: string | null;
  lapseReason: string | null;
  specificationId: number | null;
  comment: string | null;
}

const CYCLE_COLS = `id, client_id AS clientId, starts_on AS startsOn, ends_on AS endsOn, state, renewed_by AS renewedBy, renewed_on AS renewedOn,
  lapse_reason AS lapseReason, specification_id AS specificationId, comment`;

export function cycleRow(db: Db, id: number): CycleRow | undefined {
  return stmt(db, `SELECT ${CYCLE_COLS} FROM nss_cycles WHERE id = ?`).get(id) as CycleRow | undefined;
}

export function cycleKits(db: Db, cycleId: number): { id: number; kit: string }[] {
  const rows = stmt(
    db,
    `SELECT d.id, d.system_code AS system, d.distr_number AS number, d.comp FROM nss_cycle_distributions cd JOIN distributions d ON d.id = cd.distribution_id
     WHERE cd.cycle_id = ? ORDER BY d.system_code, d.distr_number, d.comp`,
  ).all(cycleId) as { id: number; system: string; number: number; comp: number }[];
  return rows.map((r) => ({ id: r.id, kit: formatDistr(r) }));
}

export function listCycles(db: Db, clientId: number, today: string, dueDays: number): NssCycle[] {
  const rows = stmt(db, `SELECT ${CYCLE_COLS} FROM nss_cycles WHERE client_id = ? ORDER BY starts_on DESC, id DESC`).all(clientId) as CycleRow[];
  return rows.map((r) => ({ ...r, view: cycleView(r.state, r.endsOn, today, dueDays), distributions: cycleKits(db, r.id) }));
}

/** The client's specifications (not cancelled), newest first. */
export function clientSpecifications(db: Db, clientId: number): { id: number; number: string; date: string }[] {
  return stmt(
    db,
    `SELECT id, number, date FROM documents WHERE client_id = ? AND type = 'specification' AND status <> 'cancelled' ORDER BY date DESC, id DESC`,
  ).all(clientId) as { id: number; number: string; date: string }[];
}

/** A cycle from a specification: from its date for a year, over its kits that are НСС on that date; null: not the client's specification. */
export function proposeCycle(db: Db, clientId: number, specificationId: number): NssCycleProposal | null {
  const spec = stmt(db, `SELECT id, number, date, client_id AS clientId, type, status FROM documents WHERE id = ?`).get(specificationId) as
    | { id: number; number: string; date: string; clientId: number; type: string; status: string }
    | undefined;
  if (!spec || spec.clientId !== clientId || spec.type !== 'specification' || spec.status === 'cancelled') return null;
  const kits = stmt(
    db,
    `SELECT d.id, d.client_id AS clientId, d.system_code AS system, d.distr_number AS number, d.comp FROM specification_distributions sd
     JOIN distributions d ON d.id = sd.distribution_id WHERE sd.specification_id = ? AND sd.active = 1 ORDER BY sd.pos, d.id`,
  ).all(specificationId) as { id: number; clientId: number; system: string; number: number; comp: number }[];
  const schemes = SchemeTimeline.ofClient(db, clientId);
  const distributions: { id: number; kit: string }[] = [];
  const skipped: { id: number; kit: string }[] = [];
  for (const k of kits) {
    const item = { id: k.id, kit: formatDistr(k) };
    (k.clientId === clientId && schemes.schemeOn(k.id, spec.date) === 'nss' ? distributions : skipped).push(item);
  }
  return {
    specificationId: spec.id,
    specificationNumber: spec.number,
    specificationDate: spec.date,
    startsOn: spec.date,
    endsOn: yearCycleEnd(spec.date),
    distributions,
    skipped,
  };
}
