// Reads the first worksheet of an XLSX file from outside: our own small reader (ZIP within limits, saxes without DTD), no SheetJS.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SheetError, type Sheet, type SheetLimits } from './limits';
import { zipEntries, zipRead, zipStream, type ZipEntry } from './zip';

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** A parser for an entry's XML; a DOCTYPE or any XML error refuses the file. */
function saxParser(what: string, on: (p: SaxesParser) => void): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', (err) => {
    throw new SheetError('malformed', `${what}: ${err.message}`.slice(0, 200));
  });
  parser.on('doctype', () => {
    throw new SheetError('malformed', `${what}: doctype`);
  });
  on(parser);
  return parser;
}

/** Streams an entry's XML through saxes (decoded in pieces). */
function sax(bytes: Uint8Array, what: string, on: (p: SaxesParser) => void): void {
  const parser = saxParser(what, on);
  const dec = new TextDecoder('utf-8');
  const STEP = 1 << 20;
  for (let i = 0; i < bytes.byteLength; i += STEP) parser.write(dec.decode(bytes.subarray(i, Math.min(i + STEP, bytes.byteLength)), { stream: true }));
  parser.write(dec.decode());
  parser.close();
}

interface Reader {
  buf: Uint8Array;
  entries: Map<string, ZipEntry>;
  limits: SheetLimits;
  total: number;
}

function entry(r: Reader, path: string): Uint8Array | null {
  const e = r.entries.get(path);
  if (!e) return null;
  const bytes = zipRead(r.buf, e, r.limits.maxEntryBytes);
  r.total += bytes.byteLength;
  if (r.total > r.limits.maxTotalBytes) throw new SheetError('too_large', 'total inflated size');
  return bytes;
}

/**
 * Streams an entry's XML through saxes as it inflates, the inflated bytes never held whole (the worksheet is most of a
 * file); the same limits as `entry`. False when there is no such entry.
 */
function saxEntry(r: Reader, path: string, on: (p: SaxesParser) => void): boolean {
  const e = r.entries.get(path);
  if (!e) return false;
  const parser = saxParser(path, on);
  const dec = new TextDecoder('utf-8');
  // fflate hands out 64 KiB pieces: decoded and written in about 1 MiB strings, as `sax` does.
  const MIN = 1 << 20;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const joined = pending.length === 1 ? pending[0]! : new Uint8Array(pendingBytes);
    if (pending.length > 1) {
      let o = 0;
      for (const c of pending) {
        joined.set(c, o);
        o += c.byteLength;
      }
    }
    pending = [];
    pendingBytes = 0;
    parser.write(dec.decode(joined, { stream: true }));
  };
  zipStream(r.buf, e, r.limits.maxEntryBytes, (chunk) => {
    r.total += chunk.byteLength;
    if (r.total > r.limits.maxTotalBytes) throw new SheetError('too_large', 'total inflated size');
    pending.push(chunk);
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= MIN) flush();
  });
  flush();
  parser.write(dec.decode());
  parser.close();
  return true;
}

/** Relationships of a part: id → { target path resolved against the part's folder, type }. */
function rels(r: Reader, partPath: string): Map<string, { target: string; type: string }> {
  const dir = partPath.includes('/') ? partPath.slice(0, partPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${dir}_rels/${partPath.slice(dir.length)}.rels`;
  const out = new Map<string, { target: string; type: string }>();
  const bytes = entry(r, relsPath);
  if (!bytes) return out;
  sax(bytes, relsPath, (p) =>
    p.on('opentag', (t: SaxesTagPlain) => {
      if (local(t.name) !== 'Relationship') return;
      const id = t.attributes.Id;
      const target = t.attributes.Target;
      if (typeof id !== 'string' || typeof target !== 'string') return;
      out.set(id, { target: resolve(dir, target), type: String(t.attributes.Type ?? '') });
    }),
  );
  return out;
}

function resolve(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

function sharedStrings(r: Reader, path: string): string[] {
  const bytes = entry(r, path);
  const out: string[] = [];
  if (!bytes) return out;
  let chars = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  sax(bytes, path, (p) => {
    p.on('opentag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === 'si') {
        inSi = true;
        cur = '';
      } else if (n === 'rPh') phonetic++;
      else if (n === 't' && inSi && phonetic === 0) inT = true;
    });
    p.on('text', (s) => {
      if (!inT) return;
      cur += s;
      chars += s.length;
      if (chars > r.limits.maxSharedChars) throw new SheetError('too_large', 'shared strings: characters');
      if (cur.length > r.limits.maxCellChars) throw new SheetError('too_large', 'shared string: cell length');
    });
    p.on('closetag', (t) => {
      const n = local(t.name);
      if (n === 't') inT = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'si') {
        inSi = false;
        out.push(cur);
        if (out.length > r.limits.maxSharedStrings) throw new SheetError('too_large', 'shared strings: count');
      }
    });
  });
  return out;
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** Built-in formats that show a time of day (the others show the date alone). */
const BUILTIN_TIMES = new Set([18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Which cell styles (cellXfs indexes) show a number as a date, and whether they show its time too. A date-only format
 * reads as the date alone: a serial's fraction there is noise (a workbook written from a local Date far from UTC).
 */
function dateStyles(r: Reader, path: string): Map<number, boolean> {
  const bytes = entry(r, path);
  const out = new Map<number, boolean>();
  if (!bytes) return out;
  const custom = new Map<number, boolean>();
  const customTime = new Map<number, boolean>();
  let inXfs = false;
  let xf = 0;
  sax(bytes, path, (p) => {
    p.on('opentag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === 'numFmt') {
        const code = String(t.attributes.formatCode ?? '')
          .replace(/"[^"]*"/g, '')
          .replace(/\[[^\]]*\]/g, '')
          .replace(/\\./g, '');
        custom.set(Number(t.attributes.numFmtId), /[dy]/i.test(code) || /m.*[/.-].*m|[/.-]m/i.test(code));
        customTime.set(Number(t.attributes.numFmtId), /[hs]/i.test(code));
      } else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) {
        const id = Number(t.attributes.numFmtId ?? 0);
        if (custom.get(id) ?? BUILTIN_DATES.has(id)) out.set(xf, customTime.get(id) ?? BUILTIN_TIMES.has(id));
        xf++;
      }
    });
    p.on('closetag', (t) => {
      if (local(t.name) === 'cellXfs') inXfs = false;
    });
  });
  return out;
}

/** Column index of a cell reference (`AB12` → 27), or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > 1_000_000) return -1;
  }
  return i === 0 ? -1 : col - 1;
}

/** An Excel serial day as YYYY-MM-DD (1900 system with its leap-year bug, or 1904); null when out of range. */
export function excelSerialDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : serial < 60 ? 1 : 0);
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A date cell with its time of day when it has one (`YYYY-MM-DD HH:MM:SS`, a call list's date-time column); else as excelSerialDate. */
export function excelSerialDateTime(serial: number, date1904 = false): string | null {
  const date = excelSerialDate(serial, date1904);
  if (date == null) return null;
  const sec = Math.round((serial - Math.floor(serial)) * 86_400);
  if (sec <= 0 || sec >= 86_400) return date;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date} ${p(Math.floor(sec / 3600))}:${p(Math.floor(sec / 60) % 60)}:${p(sec % 60)}`;
}

/** A number cell's text: integers without exponent or float noise. */
function numberText(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v.trim();
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

export function readXlsx(buf: Uint8Array, limits: SheetLimits): Sheet {
  const r: Reader = { buf, entries: zipEntries(buf, limits.maxEntries), limits, total: 0 };
  if (!r.entries.has('[Content_Types].xml')) throw new SheetError('not_spreadsheet', 'a ZIP without [Content_Types].xml');
  let workbookPath = 'xl/workbook.xml';
  for (const rel of rels(r, '').values()) if (rel.type.endsWith('/officeDocument')) workbookPath = rel.target;
  const wbBytes = entry(r, workbookPath);
  if (!wbBytes) throw new SheetError('not_spreadsheet', 'no workbook');
  let firstSheetRel: string | null = null;
  let date1904 = false;
  sax(wbBytes, workbookPath, (p) =>
    p.on('opentag', (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === 'workbookPr') date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''));
      else if (n === 'sheet' && firstSheetRel == null) {
        for (const [k, v] of Object.entries(t.attributes)) if (local(k) === 'id' && k !== 'sheetId') firstSheetRel = String(v);
      }
    }),
  );
  const wbRels = rels(r, workbookPath);
  const sheetPath = (firstSheetRel && wbRels.get(firstSheetRel)?.target) || 'xl/worksheets/sheet1.xml';
  let ssPath = 'xl/sharedStrings.xml';
  let stylesPath = 'xl/styles.xml';
  for (const rel of wbRels.values()) {
    if (rel.type.endsWith('/sharedStrings')) ssPath = rel.target;
    else if (rel.type.endsWith('/styles')) stylesPath = rel.target;
  }
  const strings = sharedStrings(r, ssPath);
  const dates = dateStyles(r, stylesPath);
  return readSheetXml(r, sheetPath, strings, dates, date1904, limits);
}

function readSheetXml(r: Reader, path: string, strings: string[], dates: Map<number, boolean>, date1904: boolean, limits: SheetLimits): Sheet {
  let headers: string[] | null = null;
  const rows: string[][] = [];
  let row: string[] = [];
  let nonEmpty = false;
  let col = -1;
  let type = 'n';
  let style = 0;
  let text = '';
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let output = 0;
  const put = (i: number, v: string) => {
    if (i >= limits.maxColumns) throw new SheetError('too_large', `column ${i + 1}`);
    output += v.length;
    if (output > limits.maxOutputChars) throw new SheetError('too_large', 'cells: characters');
    while (row.length < i) row.push('');
    row[i] = v;
    if (v !== '') nonEmpty = true;
  };
  const found = saxEntry(r, path, (p) => {
    p.on('opentag', (t: SaxesTagPlain) => {
      switch (local(t.name)) {
        case 'row':
          row = [];
          nonEmpty = false;
          col = -1;
          break;
        case 'c': {
          const ref = t.attributes.r;
          col = typeof ref === 'string' && ref !== '' ? columnOf(ref) : col + 1;
          if (col < 0) throw new SheetError('malformed', `cell reference ${String(ref).slice(0, 20)}`);
          type = String(t.attributes.t ?? 'n');
          style = Number(t.attributes.s ?? 0);
          text = '';
          break;
        }
        case 'v':
          inV = true;
          break;
        case 'is':
          inIs = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inIs && phonetic === 0) inT = true;
          break;
      }
    });
    p.on('text', (s) => {
      if (!inV && !inT) return;
      text += s;
      if (text.length > limits.maxCellChars) throw new SheetError('too_large', 'cell length');
    });
    p.on('closetag', (t) => {
      switch (local(t.name)) {
        case 'v':
          inV = false;
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inIs = false;
          break;
        case 'c': {
          let v: string;
          if (type === 's') {
            const s = strings[Number(text)];
            if (s === undefined) throw new SheetError('malformed', `shared string ${text.slice(0, 20)}`);
            v = s;
          } else if (type === 'b') v = text === '1' ? 'TRUE' : text === '0' ? 'FALSE' : text;
          else if (type === 'n' || type === '') v = text === '' ? '' : dates.has(style) ? ((dates.get(style) ? excelSerialDateTime : excelSerialDate)(Number(text), date1904) ?? numberText(text)) : numberText(text);
          else v = text;
          put(col, v.trim());
          break;
        }
        case 'row':
          if (!nonEmpty) break;
          if (headers == null) headers = row;
          else {
            rows.push(row);
            if (rows.length > limits.maxRows) throw new SheetError('too_large', `over ${limits.maxRows} rows`);
          }
          break;
      }
    });
  });
  if (!found) throw new SheetError('malformed', 'no worksheet');
  if (!headers) throw new SheetError('empty', 'no header row');
  return { headers, rows };
}
