// Worker task `glavbukh.list.parse`: a certified list from outside (XLSX or CSV) read as header + rows, within the sheet limits.
import type { ParseInput, ParseOutcome } from '../imports/format';
import { readSheetOutcome } from '../imports/sheet/sheet';
import type { GbSheetRecord } from './list.review';

export function run(input: ParseInput): ParseOutcome<GbSheetRecord> {
  const r = readSheetOutcome(input.bytes, input.name);
  if (!r.ok) return r;
  return { ok: true, parsed: { records: [{ headers: r.sheet.headers, rows: r.sheet.rows }], problems: [] } };
}
