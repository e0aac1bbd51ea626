// A staged ГЛ call list's review: the list read with a mapping and the person's decisions, counts and one page of rows.
import type { Db } from '../../db/connection';
import type { NssCallRowState, NssCallsDecisions, NssCallsReview } from '../../../src-shared/nss-calls';
import { stageSheetCache } from '../imports/sheet/stage-cache';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';
import { resolveCallMapping } from './calls.mapping';
import { countCalls, decideCalls, readCalls, reviewCallRow } from './calls.review';

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
  const reading = readCalls(db, rec, m.mapping);
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
