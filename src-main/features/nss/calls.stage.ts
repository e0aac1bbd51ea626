// A staged ГЛ call list's review: the list read with a mapping and the person's decisions, counts and one page of rows.
import type { Db } from '../../db/connection';
import { AppError, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { NssCallRowState, NssCallsDecisions, NssCallsReview } from '../../../src-shared/nss-calls';
import type { ParsedFile } from '../imports/format';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';
import { resolveCallMapping } from './calls.mapping';
import { countCalls, decideCalls, readCalls, reviewCallRow } from './calls.review';

export const NSS_CALLS_KIND = 'nss.calls';

const SAMPLE_ROWS = 5;

/** The stage's parsed list, kept in memory per stage (a stage's content never changes); the stored JSON's length guards the entry. */
const parsedCache = new Map<string, { parsed: ParsedFile<SheetRecord>; fileId: number; jsonLength: number }>();
const cacheKeyOf = (db: Db, stageId: number) => `${db.$client.name}:${stageId}`;

/** The staged list as its review read it, for the apply (undefined when not in memory or not the same stage). */
export function cachedCallsParsed(db: Db, stageId: number, fileId: number, jsonLength: number): ParsedFile<SheetRecord> | undefined {
  const e = parsedCache.get(cacheKeyOf(db, stageId));
  return e && e.fileId === fileId && e.jsonLength === jsonLength ? e.parsed : undefined;
}

export interface CallsReviewQuery {
  stageId: number;
  decisions?: Partial<NssCallsDecisions>;
  state?: NssCallRowState;
  offset: number;
  limit: number;
}

/** The review of a staged call list (the caller has checked the person may see the stage). */
export function loadCallsReview(db: Db, input: CallsReviewQuery): NssCallsReview {
  const s = stmt(db, 'SELECT s.kind, s.state, s.file_id AS fileId, f.name FROM import_stages s JOIN import_files f ON f.id = s.file_id WHERE s.id = ?').get(input.stageId) as
    | { kind: string; state: string; fileId: number; name: string }
    | undefined;
  if (!s) throw notFound('stage');
  if (s.kind !== NSS_CALLS_KIND) throw new AppError('BAD_INPUT', 'not a call list', [{ path: 'stageId', reason: 'wrong_kind' }]);
  const key = cacheKeyOf(db, input.stageId);
  let entry = parsedCache.get(key);
  if (!entry || entry.fileId !== s.fileId) {
    const row = stmt(db, 'SELECT parsed FROM import_stages WHERE id = ?').get(input.stageId) as { parsed: string };
    entry = { parsed: JSON.parse(row.parsed) as ParsedFile<SheetRecord>, fileId: s.fileId, jsonLength: row.parsed.length };
    parsedCache.set(key, entry);
    if (parsedCache.size > 8) parsedCache.delete(parsedCache.keys().next().value!);
  }
  const rec = entry.parsed.records[0] ?? { headers: [], rows: [] };
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
