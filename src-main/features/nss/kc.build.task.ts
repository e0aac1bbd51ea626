// Worker task `nss.kcBuild`: the month's КЦ report built whole on a pool thread through a read-only connection of its own, for the save (rows and comparison handed back as JSON text).
import { openDb } from '../../db/connection';
import type { NssKcProblem } from '../../../src-shared/nss';
import { buildNssKc } from './kc.build';

export interface NssKcBuildInput {
  dbFile: string;
  month: string;
  bigChangePct: number;
}

/** The saved report's parts, ready to insert: JSON as text (one string crosses the thread, not 100,000 objects). */
export interface NssKcBuilt {
  bytes: Uint8Array;
  rowsJson: string;
  totalsJson: string;
  diffJson: string;
  rowCount: number;
  problems: NssKcProblem[];
  /** The previous month's report the comparison was made with (the save refuses when a newer one appeared meanwhile). */
  previousId: number | null;
}

export function run(input: NssKcBuildInput): NssKcBuilt {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    // One read transaction: the rows, the check's totals and the previous report seen in one state.
    const b = db.$client.transaction(() => buildNssKc(db, input.month, input.bigChangePct))();
    return {
      bytes: b.bytes,
      rowsJson: JSON.stringify(b.rows),
      totalsJson: JSON.stringify(b.totals),
      diffJson: JSON.stringify(b.diff),
      rowCount: b.rows.length,
      problems: b.problems,
      previousId: b.diff.previousId,
    };
  } finally {
    db.$client.close();
  }
}
