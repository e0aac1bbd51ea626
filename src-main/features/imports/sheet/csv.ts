// Reads a CSV from outside: UTF-8 (BOM or not) or windows-1251, `;` `,` or tab judged from the header line, RFC 4180 quotes.
import iconv from 'iconv-lite';
import { SheetError, type Sheet, type SheetLimits } from './limits';

/** The text of the bytes: UTF-8 when they are valid UTF-8 (a BOM dropped), else windows-1251. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1251'), encoding: 'windows-1251' };
  }
}

/** The delimiter the first non-empty line uses most, outside quotes (`;` when none). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length && i < 1_000_000; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) break;
    } else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
    if (c.trim() !== '') seen = true;
  }
  let best = ';';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

export function readCsv(bytes: Uint8Array, limits: SheetLimits): Sheet {
  const { text } = decodeCsv(bytes);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 65536))) throw new SheetError('not_spreadsheet', 'binary content');
  const delim = detectDelimiter(text);
  let headers: string[] | null = null;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endCell = () => {
    if (cell.length > limits.maxCellChars) throw new SheetError('too_large', 'cell length');
    row.push(cell.trim());
    if (row.length > limits.maxColumns) throw new SheetError('too_large', `column ${row.length}`);
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (row.some((c) => c !== '')) {
      if (headers == null) headers = row;
      else {
        rows.push(row);
        if (rows.length > limits.maxRows) throw new SheetError('too_large', `over ${limits.maxRows} rows`);
      }
    }
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (c === delim) endCell();
    else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else cell += c;
    if (cell.length > limits.maxCellChars) throw new SheetError('too_large', 'cell length');
    i++;
  }
  if (quoted) throw new SheetError('malformed', 'an unclosed quote');
  if (cell !== '' || row.length) endRow();
  if (!headers) throw new SheetError('empty', 'no header row');
  return { headers, rows };
}
