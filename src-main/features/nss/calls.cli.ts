// The CLI's view of a staged ГЛ call list: the mapping, counts per state and the problem rows, in plain English for a terminal.
import type { Db } from '../../db/connection';
import { NSS_CALL_ROW_STATES } from '../../../src-shared/nss-calls';
import { loadCallsReview } from './calls.stage';

const PROBLEM_STATES = ['ambiguous', 'unmatched', 'duplicate', 'invalid'] as const;
const SHOWN_PER_STATE = 20;

/** Lines describing a staged call list's review with the mapping apply would use (remembered, else the guess). */
export function nssCallsCliReview(db: Db, stageId: number): string[] {
  const r = loadCallsReview(db, { stageId, offset: 0, limit: 1 });
  const out: string[] = [];
  const cols = Object.entries(r.mapping)
    .map(([f, c]) => `${f}=${c + 1} "${r.headers[c] ?? ''}"`)
    .join(', ');
  out.push(`  mapping (${r.mappingSource}): ${cols || 'none'}`);
  if (r.mappingErrors.length) {
    out.push(`  the mapping is not usable: ${r.mappingErrors.join(', ')} — map the columns in the program's review screen`);
    return out;
  }
  if (r.durationUnit) out.push(`  duration read as ${r.durationUnit}`);
  out.push(`  rows ${r.total}: ${NSS_CALL_ROW_STATES.map((s) => `${s} ${r.counts[s]}`).join(', ')}`);
  if (r.unknownEmployees) out.push(`  ${r.unknownEmployees} calls name an operator who is not an employee: kept without one, the name in the comment`);
  for (const state of PROBLEM_STATES) {
    if (!r.counts[state]) continue;
    const page = loadCallsReview(db, { stageId, state, offset: 0, limit: SHOWN_PER_STATE });
    for (const row of page.rows) {
      const why =
        state === 'invalid'
          ? row.problem
          : state === 'duplicate'
            ? row.otherRow != null
              ? `the same call as row ${row.otherRow}`
              : 'already recorded'
            : state === 'ambiguous'
              ? `clients ${row.candidates.map((c) => c.id).join(', ')}`
              : 'no client found';
      const v = row.values;
      out.push(`    row ${row.row}: ${state} — ${[v.date, v.time, v.kit, v.phone].filter(Boolean).join(' ')} (${why})`);
    }
    if (r.counts[state] > SHOWN_PER_STATE) out.push(`    … ${r.counts[state] - SHOWN_PER_STATE} more ${state}`);
  }
  return out;
}
