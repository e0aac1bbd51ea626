// Handler of a certified list's review: the staged list read with a mapping and the person's decisions, counts and one page of rows.
import type { HandlerMap } from '../../api/handler';
import { AppError } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { GbListReview } from '../../../src-shared/glavbukh';
import { stageBatch } from '../imports/imports.handlers';
import { resolveMapping } from './list.mapping';
import { countStates, decideRows, readList, reviewRow, type GbSheetRecord } from './list.review';
import { GB_LIST_KIND } from './list.format';
import { readGbSettings } from './settings';

const SAMPLE_ROWS = 5;

/** The stage's parsed list, kept in memory per stage (a stage's content never changes). */
const parsedCache = new Map<string, GbSheetRecord>();

export const glavbukhListHandlers: HandlerMap<'glavbukh.list.review'> = {
  'glavbukh.list.review': (input, ctx) => {
    stageBatch(ctx, input.stageId);
    const s = stmt(ctx.db, 'SELECT s.kind, s.state, f.name FROM import_stages s JOIN import_files f ON f.id = s.file_id WHERE s.id = ?').get(input.stageId) as {
      kind: string;
      state: string;
      name: string;
    };
    if (s.kind !== GB_LIST_KIND) throw new AppError('BAD_INPUT', 'not a certified list', [{ path: 'stageId', reason: 'wrong_kind' }]);
    // Keyed by the database file too: tests and the bench open several.
    const key = `${ctx.db.$client.name}:${input.stageId}`;
    let rec = parsedCache.get(key);
    if (!rec) {
      const row = stmt(ctx.db, 'SELECT parsed FROM import_stages WHERE id = ?').get(input.stageId) as { parsed: string };
      rec = (JSON.parse(row.parsed) as { records: GbSheetRecord[] }).records[0] ?? { headers: [], rows: [] };
      parsedCache.set(key, rec);
      if (parsedCache.size > 8) parsedCache.delete(parsedCache.keys().next().value!);
    }
    const d = input.decisions ?? {};
    const m = resolveMapping(ctx.db, rec.headers, d.mapping);
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
    if (m.errors.length) return { ...base, programme: d.programme ?? readGbSettings(ctx.db).programmes[0]!.code, counts: countStates([]).counts, skippedCount: 0, open: 0, rows: [] };
    const reading = readList(ctx.db, rec, m.mapping, d.programme, key);
    const rows = decideRows(ctx.db, reading, d);
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
  },
};
