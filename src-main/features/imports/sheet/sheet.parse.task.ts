// Worker task body of a staged spreadsheet format (a certified list, a call list): header + rows of text, within the sheet limits.
import type { ParseInput, ParseOutcome } from '../format';
import { readSheetOutcome } from './sheet';

/** What a staged spreadsheet format keeps of its file (the stage's one record). */
export interface SheetRecord {
  headers: string[];
  rows: string[][];
}

export function run(input: ParseInput): ParseOutcome<SheetRecord> {
  const r = readSheetOutcome(input.bytes, input.name);
  if (!r.ok) return r;
  return { ok: true, parsed: { records: [{ headers: r.sheet.headers, rows: r.sheet.rows }], problems: [] } };
}
