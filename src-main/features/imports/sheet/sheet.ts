// A spreadsheet from outside read as header + rows of text: XLSX (first worksheet) or CSV; anything else refused with a status.
import { SHEET_LIMITS, SheetError, type Sheet, type SheetLimits } from './limits';
import { readXlsx } from './xlsx';
import { decodeCsv, detectDelimiter, readCsv } from './csv';

export { SheetError, SHEET_LIMITS, type Sheet, type SheetLimits, type SheetStatus } from './limits';

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);
/** The OLE compound file of an `.xls` (BIFF) workbook. */
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1;

/** Which reader a file needs, by its bytes first and its name second; null for none. */
export function sheetKind(head: Uint8Array, name: string): 'xlsx' | 'csv' | 'xls' | null {
  if (/\.(xlsx|xlsm)$/i.test(name.trim())) return 'xlsx';
  if (/\.xls$/i.test(name.trim())) return 'xls';
  if (/\.csv$/i.test(name.trim())) return 'csv';
  return null;
}

/**
 * The header cells of a CSV judged from its first bytes (for a format's `detect`: bounded work, no full parse); null for
 * anything else — an XLSX keeps its text compressed, so only its name can be judged.
 */
export function csvHeadHeaders(head: Uint8Array, name: string): string[] | null {
  if (sheetKind(head, name) !== 'csv') return null;
  // Up to the first line's end: a multi-byte letter cut at the head's end would make the UTF-8 look like windows-1251.
  let start = 0;
  while (start < head.length && (head[start] === 0x0a || head[start] === 0x0d)) start++;
  let end = head.indexOf(0x0a, start);
  if (end < 0) end = Math.min(head.length, 4096);
  const { text } = decodeCsv(head.subarray(0, end));
  const line = text.replace(/^[\s\uFEFF]+/, '').split(/\r/)[0] ?? '';
  const d = detectDelimiter(line);
  return line.split(d).map((c) => c.trim().replace(/^"|"$/g, '').replace(/""/g, '"'));
}

/** Reads a spreadsheet within limits; throws SheetError with the status that refuses it. */
export function readSheet(bytes: Uint8Array, name: string, limits: SheetLimits = SHEET_LIMITS): Sheet {
  if (bytes.byteLength > limits.maxFileBytes) throw new SheetError('too_large', `${bytes.byteLength} bytes`);
  const kind = sheetKind(bytes, name);
  if (kind === 'xls') throw new SheetError('xls_unsupported', 'the old binary Excel format: save it as .xlsx');
  if (kind === 'xlsx') {
    if (isOle(bytes)) throw new SheetError('xls_unsupported', 'the old binary Excel format under an .xlsx name: save it as .xlsx');
    if (!isZip(bytes)) throw new SheetError('not_spreadsheet', 'not an XLSX (no ZIP inside)');
    return readXlsx(bytes, limits);
  }
  if (kind === 'csv') return readCsv(bytes, limits);
  if (isZip(bytes)) return readXlsx(bytes, limits);
  throw new SheetError('not_spreadsheet', 'neither XLSX nor CSV');
}

/** `readSheet` as a task outcome: the sheet, or the status refusing it (any other error is a broken file too). */
export function readSheetOutcome(bytes: Uint8Array, name: string, limits?: SheetLimits): { ok: true; sheet: Sheet } | { ok: false; status: string; detail?: string } {
  try {
    return { ok: true, sheet: readSheet(bytes, name, limits) };
  } catch (err) {
    if (err instanceof SheetError) return { ok: false, status: err.status, detail: err.message.slice(0, 200) };
    if (err instanceof RangeError) return { ok: false, status: 'too_large', detail: err.message.slice(0, 200) };
    return { ok: false, status: 'malformed', detail: (err as Error).message.slice(0, 200) };
  }
}
