// The monthly НСС report to the КЦ built from one state of the database: rows, file, totals, problems, differences — and a preview page of it.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connection';
import { NSS_KC_DIFF_SHOWN, NSS_KC_PROBLEMS_SHOWN, type NssKcPreview, type NssKcProblem, type NssKcRow } from '../../../src-shared/nss';
import { nssKcFacts } from './kc.rows';
import { fileProblems, monthTotals, rowProblems, totalsOf } from './kc.check';
import { cutDiff, diffWithPrevious } from './kc.diff';
import { NSS_KC_FORMAT, NssKcWriter, nssKcFileName } from './kc.format';

/**
 * Everything of the month's report. The month's aggregates must be complete (ensureNssMonth) — this only reads.
 * One pass over the rows in file order: each is kept, written to the file and checked; then the written bytes are read
 * back and their totals compared with the month's figures summed by SQL (checkNssKc's order of problems).
 */
export function buildNssKc(db: Db, month: string, bigChangePct: number) {
  const expected = monthTotals(db, month);
  const rows: NssKcRow[] = [];
  const problems: NssKcProblem[] = [];
  const totals = totalsOf([]);
  // About 200 bytes a line: the buffer seldom grows.
  const file = new NssKcWriter(expected.rows * 256);
  for (const f of nssKcFacts(db, month)) {
    const r = f.row;
    rows.push(r);
    file.add(r);
    rowProblems(f, problems);
    totals.rows++;
    totals.nssKits += r.nssKits;
    totals.contacts += r.contacts;
    totals.glCalls += r.glCalls;
    totals.lk += r.lk;
    totals.chats += r.chats;
    totals.seminars += r.seminars;
    totals.sioVisits += r.sioVisits;
    totals.pmContacts += r.pmContacts;
  }
  const bytes = file.bytes();
  problems.push(...fileProblems(bytes, expected));
  const diff = diffWithPrevious(db, month, rows, bigChangePct);
  return { rows, bytes, totals, problems, diff };
}

/** SHA-256 of the file's bytes: the archive keeps it, and a save names the preview it agrees to by it. */
export const fileHashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The saved report's parts, ready to insert: JSON as text (one string crosses the thread, not 100,000 objects). */
export interface NssKcBuilt {
  bytes: Uint8Array;
  sha256: string;
  rowsJson: string;
  totalsJson: string;
  diffJson: string;
  rowCount: number;
  problems: NssKcProblem[];
  /** The previous month's report the comparison was made with (the save refuses when a newer one appeared meanwhile). */
  previousId: number | null;
}

export function builtForSave(b: ReturnType<typeof buildNssKc>): NssKcBuilt {
  return {
    bytes: b.bytes,
    sha256: fileHashOf(b.bytes),
    rowsJson: JSON.stringify(b.rows),
    totalsJson: JSON.stringify(b.totals),
    diffJson: JSON.stringify(b.diff),
    rowCount: b.rows.length,
    problems: b.problems,
    previousId: b.diff.previousId,
  };
}

/** The preview's answer: one page of rows, the problems and the differences cut to what a screen shows (counts whole). */
export function previewOf(b: ReturnType<typeof buildNssKc>, month: string, offset: number, limit: number): NssKcPreview {
  return {
    month,
    format: NSS_KC_FORMAT,
    fileName: nssKcFileName(month, 'черновик'),
    fileHash: fileHashOf(b.bytes),
    total: b.rows.length,
    offset,
    rows: b.rows.slice(offset, offset + limit),
    totals: b.totals,
    problems: b.problems.slice(0, NSS_KC_PROBLEMS_SHOWN),
    problemCount: b.problems.length,
    diff: cutDiff(b.diff, NSS_KC_DIFF_SHOWN),
  };
}
