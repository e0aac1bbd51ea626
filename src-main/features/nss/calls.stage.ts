// A staged ГЛ call list's review: the list read with a mapping and the person's decisions, counts and one page of rows.
import type { Db } from '../../db/connection';
import type { NssCallRowState, NssCallsDecisions, NssCallsReview } from '../../../src-shared/nss-calls';
import { stageSheetCache } from '../imports/sheet/stage-cache';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';
import { resolveCallMapping } from './calls.mapping';
import { countCalls, decideCalls, readCalls, reviewCallRow, type CallsReading } from './calls.review';
import type { NssCallMapping } from '../../../src-shared/nss-calls';

export const NSS_CALLS_KIND = 'nss.calls';

const SAMPLE_ROWS = 5;

const stages = stageSheetCache<SheetRecord>(NSS_CALLS_KIND, 'call list');

/** The staged list as its review read it, for the apply (undefined when not in memory or not the same stage). */
export const cachedCallsParsed = stages.cached;

export interface CallsReviewQuery {
  stageId: number;
  decisions?: Partial<NssCallsDecisions>;
  state?: NssCallRowState;
  offset: number;
  limit: number;
}

/**
 * The list as matched against the base, kept briefly per stage and mapping while nothing was written through the
 * connection (`total_changes()`: a phone fixed, a client merged, an employee added — any write — reads afresh): turning
 * pages, filtering by state or deciding rows re-reads neither the base (every client, kit and phone) nor the whole file.
 * The apply matches afresh.
 */
const READING_TTL_MS = 30_000;
const readings = new WeakMap<Db, Map<string, { at: number; reading: CallsReading }>>();

function readingOf(db: Db, stageId: number, rec: SheetRecord, mapping: NssCallMapping): CallsReading {
  const changes = db.$client.prepare('SELECT total_changes()').pluck().get() as number;
  const key = JSON.stringify([stageId, mapping, changes]);
  let mine = readings.get(db);
  if (!mine) readings.set(db, (mine = new Map()));
  const hit = mine.get(key);
  if (hit && Date.now() - hit.at < READING_TTL_MS) return hit.reading;
  const reading = readCalls(db, rec, mapping);
  mine.set(key, { at: Date.now(), reading });
  // The base of a large РИЦ is tens of MB: two readings at most.
  while (mine.size > 2) mine.delete(mine.keys().next().value!);
  return reading;
}

/** The review of a staged call list (the caller has checked the person may see the stage). */
export function loadCallsReview(db: Db, input: CallsReviewQuery): NssCallsReview {
  const s = stages.load(db, input.stageId);
  const rec = s.parsed.records[0] ?? { headers: [], rows: [] };
  const d = input.decisions ?? {};
  const m = resolveCallMapping(db, rec.headers, d.mapping);
  const empty = countCalls([]);
  const base: NssCallsReview = {
    stageId: input.stageId,
    stageState: s.state,
    fileName: s.name,
    headers: rec.headers,
    sample: rec.rows.slice(0, SAMPLE_ROWS),
    mapping: m.mapping,
    mappingSource: m.source,
    mappingErrors: m.errors,
    durationUnit: null,
    total: rec.rows.length,
    counts: empty.counts,
    skippedCount: 0,
    open: 0,
    unknownEmployees: 0,
    rows: [],
  };
  if (m.errors.length) return base;
  const reading = readingOf(db, input.stageId, rec, m.mapping);
  const rows = decideCalls(reading, d);
  const c = countCalls(rows);
  const page: NssCallsReview['rows'] = [];
  let seen = 0;
  for (let i = 0; i < rows.length && page.length < input.limit; i++) {
    const r = rows[i]!;
    if (input.state && r.state !== input.state) continue;
    if (seen++ < input.offset) continue;
    page.push(reviewCallRow(reading.base, r, i + 1));
  }
  return { ...base, durationUnit: reading.durationUnit, counts: c.counts, skippedCount: c.skipped, open: c.open, unknownEmployees: c.unknownEmployees, rows: page };
}
