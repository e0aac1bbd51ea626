// A certified list's review: the staged list read with a mapping and the person's decisions, counts and one page of rows.
import type { Db } from '../../db/connection';
import type { GbListDecisions, GbListReview, GbRowState } from '../../../src-shared/glavbukh';
import { resolveMapping } from './list.mapping';
import { countStates, decideRows, readList, reviewRow, type GbSheetRecord } from './list.review';
import { readGbSettings } from './settings';
import { stageSheetCache } from '../imports/sheet/stage-cache';

export const GB_LIST_KIND = 'glavbukh.list';

/** The key of a list's matching in the cache: its stored file (the review and apply share it). */
export const listCacheKey = (db: Db, fileId: number): string => `${db.$client.name}:file:${fileId}`;

const SAMPLE_ROWS = 5;

const stages = stageSheetCache<GbSheetRecord>(GB_LIST_KIND, 'certified list');

/** The staged list as its review read it, for the apply (undefined when not in memory or not the same stage). */
export const cachedStageParsed = stages.cached;

export interface ReviewQuery {
  stageId: number;
  decisions?: Partial<GbListDecisions>;
  state?: GbRowState;
  offset: number;
  limit: number;
}

/** The review of a staged list (the caller has checked the person may see the stage). */
export function loadReview(db: Db, input: ReviewQuery): GbListReview {
  const s = stages.load(db, input.stageId);
  const rec = s.parsed.records[0] ?? { headers: [], rows: [] };
  const d = input.decisions ?? {};
  const m = resolveMapping(db, rec.headers, d.mapping);
  const base: Omit<GbListReview, 'programme' | 'counts' | 'skippedCount' | 'open' | 'rows'> = {
    stageId: input.stageId,
    stageState: s.state,
    fileName: s.name,
    headers: rec.headers,
    sample: rec.rows.slice(0, SAMPLE_ROWS),
    mapping: m.mapping,
    mappingSource: m.source,
    mappingErrors: m.errors,
    total: rec.rows.length,
  };
  if (m.errors.length) return { ...base, programme: d.programme ?? readGbSettings(db).programmes[0]!.code, counts: countStates([]).counts, skippedCount: 0, open: 0, rows: [] };
  const reading = readList(db, rec, m.mapping, d.programme, listCacheKey(db, s.fileId));
  const rows = decideRows(db, reading, d);
  const { counts, skipped, open } = countStates(rows);
  const page: GbListReview['rows'] = [];
  let seen = 0;
  for (let i = 0; i < rows.length && page.length < input.limit; i++) {
    const r = rows[i]!;
    if (input.state && r.state !== input.state) continue;
    if (seen++ < input.offset) continue;
    page.push(reviewRow(reading.base, r, i + 1));
  }
  return { ...base, programme: reading.programme, counts, skippedCount: skipped, open, rows: page };
}
