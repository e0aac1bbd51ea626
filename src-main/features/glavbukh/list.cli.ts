// The CLI's view of a staged certified list: counts per state and the problem rows, in plain English for a terminal.
import type { Db } from '../../db/connection';
import { GB_ROW_STATES } from '../../../src-shared/glavbukh';
import { loadReview } from './list.stage';

const PROBLEM_STATES = ['ambiguous', 'unmatched', 'duplicate', 'invalid'] as const;
const SHOWN_PER_STATE = 20;

/** Lines describing a staged list's review with the mapping apply would use (remembered, else the guess). */
export function gbListCliReview(db: Db, stageId: number): string[] {
  const r = loadReview(db, { stageId, offset: 0, limit: 1 });
  const out: string[] = [];
  const cols = Object.entries(r.mapping)
    .map(([f, c]) => `${f}=${c + 1} "${r.headers[c] ?? ''}"`)
    .join(', ');
  out.push(`  mapping (${r.mappingSource}): ${cols || 'none'}`);
  if (r.mappingSource === 'guessed' && !r.mappingErrors.length) out.push('  no mapping is remembered for this layout: the guessed one is used (it names the number and a key column)');
  if (r.mappingErrors.length) {
    out.push(`  the mapping is not usable: ${r.mappingErrors.join(', ')} — map the columns in the program's review screen`);
    return out;
  }
  out.push(`  rows ${r.total}, programme ${r.programme}: ${GB_ROW_STATES.map((s) => `${s} ${r.counts[s]}`).join(', ')}`);
  for (const state of PROBLEM_STATES) {
    if (!r.counts[state]) continue;
    const page = loadReview(db, { stageId, state, offset: 0, limit: SHOWN_PER_STATE });
    for (const row of page.rows) {
      const why =
        state === 'invalid'
          ? row.problem
          : state === 'duplicate'
            ? row.holder
              ? `number held by client ${row.holder.id} "${row.holder.name}"`
              : `number also given in row ${row.otherRow}`
            : state === 'ambiguous'
              ? `clients ${row.candidates.map((c) => c.id).join(', ')}`
              : 'no client found';
      out.push(`    row ${row.row}: ${state} — ${row.values.number ?? '(no number)'} ${row.values.inn ?? ''} ${row.values.name ?? ''} (${why})`.replace(/\s+\(/, ' ('));
    }
    if (r.counts[state] > SHOWN_PER_STATE) out.push(`    … ${r.counts[state] - SHOWN_PER_STATE} more ${state}`);
  }
  return out;
}
