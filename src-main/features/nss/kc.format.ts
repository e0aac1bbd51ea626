// The monthly НСС report file sent to the КЦ: typed rows in, bytes out, and our own file read back — the one place a real template would replace ours.
//
// Our own layout (the КЦ's template is not public, see DOMAIN.md «Reports to the КЦ»), the same as the Главбух request:
// CSV, UTF-8 with a BOM, `;` between fields, CRLF line ends, a header row naming the columns in Russian, every field
// quoted (an ИНН keeps its leading zero), the formula guard of src-main/files/csv.ts (a text field starting with `=`,
// `@`, `+`, `-` or a tab gets a leading apostrophe; phones and numbers are left as they are). Dates are ISO
// (YYYY-MM-DD), the КЦ loads them into its own system. **No totals line**: a loader would take it for one more client;
// the totals are kept beside the file in the archive (nss_kc_reports.totals) and the check proves the rows of the file
// sum to the month's figures (kc.check.ts). Kits: `SKJP_000123, SKJP_000124_02` (formatDistr), sorted.
import { csvField, readCsv, unguard } from '../../files/csv';
import { NSS_KC_FIGURES, type NssKcRow, type NssKcTotals } from '../../../src-shared/nss';

export const NSS_KC_FORMAT = 'nss-kc/1';

/** The columns in file order: the row field and its title. `clientId` is not a column (the КЦ knows clients by ИНН+КПП). */
export const NSS_KC_COLUMNS: readonly (readonly [Exclude<keyof NssKcRow, 'clientId'>, string])[] = [
  ['inn', 'ИНН'],
  ['kpp', 'КПП'],
  ['name', 'Наименование клиента'],
  ['kits', 'Комплекты НСС'],
  ['nssKits', 'Количество комплектов НСС'],
  ['contacts', 'Контактов за месяц'],
  ['glCalls', 'Обращений на горячую линию'],
  ['lk', 'Письменных консультаций'],
  ['chats', 'Онлайн-диалогов'],
  ['seminars', 'Посещений семинаров'],
  ['sioVisits', 'Визитов СИО'],
  ['pmContacts', 'Контактов персонального менеджера'],
  ['lastContactOn', 'Дата последнего контакта'],
  ['sio', 'СИО'],
  ['pm', 'Персональный менеджер'],
  ['cycleEndsOn', 'Окончание цикла НСС'],
];

const NUMERIC = new Set<keyof NssKcRow>(['nssKits', 'contacts', 'glCalls', 'lk', 'chats', 'seminars', 'sioVisits', 'pmContacts']);
const BOM = '\ufeff';
const HEADER = NSS_KC_COLUMNS.map(([, title]) => csvField(title)).join(';');

/**
 * One line of the file (no line end): the fields in NSS_KC_COLUMNS order, written out by hand (a test holds it to the
 * columns). Figures are whole numbers: quoted as they are, nothing to guard.
 */
export function nssKcLine(r: NssKcRow): string {
  return `${csvField(r.inn)};${csvField(r.kpp)};${csvField(r.name)};${csvField(r.kits)};"${r.nssKits}";"${r.contacts}";"${r.glCalls}";"${r.lk}";"${r.chats}";"${r.seminars}";"${r.sioVisits}";"${r.pmContacts}";${csvField(r.lastContactOn)};${csvField(r.sio)};${csvField(r.pm)};${csvField(r.cycleEndsOn)}`;
}

/**
 * The file written line by line while the rows are read (no array of lines, no joined copy): UTF-8 into one growing
 * buffer, the BOM and the header first, CRLF after each line.
 */
export class NssKcWriter {
  private buf: Buffer;
  private len = 0;

  /** `size`: the bytes expected (a guess; the buffer grows past it). */
  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(Math.max(1 << 12, size));
    this.put(BOM + HEADER + '\r\n');
  }

  add(r: NssKcRow): void {
    this.put(nssKcLine(r) + '\r\n');
  }

  /** The file's bytes, a copy of exactly its length; the writer is done. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.len).slice();
  }

  private put(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
    const need = this.len + text.length * 3;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.len += this.buf.write(text, this.len, 'utf8');
  }
}

/** The text of the file (no BOM): header, then one line per row, CRLF after each. */
export function nssKcText(rows: readonly NssKcRow[]): string {
  let text = HEADER + '\r\n';
  for (const r of rows) text += nssKcLine(r) + '\r\n';
  return text;
}

/** The file's bytes: UTF-8 with a BOM. */
export function writeNssKc(rows: readonly NssKcRow[]): Uint8Array {
  const w = new NssKcWriter();
  for (const r of rows) w.add(r);
  return w.bytes();
}

/** `НСС-КЦ-2026-11-<id>.csv` */
export const nssKcFileName = (month: string, id: number | string) => `НСС-КЦ-${month}-${id}.csv`;

export class NssKcFormatError extends Error {}

/**
 * Reads a file of this format back into rows (clientId 0: the file does not carry it). Refuses a file whose header is
 * not ours or whose line has another number of fields, or a figure that is not a whole number.
 */
export function parseNssKc(bytes: Uint8Array): Omit<NssKcRow, 'clientId'>[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const [header, ...lines] = readCsv(text);
  if (!header || header.join(';') !== NSS_KC_COLUMNS.map(([, t]) => t).join(';')) throw new NssKcFormatError('header');
  return lines.map((cells, n) => {
    if (cells.length !== NSS_KC_COLUMNS.length) throw new NssKcFormatError(`line ${n + 2}: ${cells.length} fields`);
    const row: Record<string, string | number> = {};
    NSS_KC_COLUMNS.forEach(([k], i) => {
      const v = cells[i]!;
      if (NUMERIC.has(k)) {
        if (!/^\d+$/.test(v)) throw new NssKcFormatError(`line ${n + 2}: ${k}`);
        row[k] = Number(v);
      } else row[k] = unguard(v);
    });
    return row as Omit<NssKcRow, 'clientId'>;
  });
}


const QUOTE = 0x22;
const SEMI = 0x3b;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads a file of this format back and sums its figures, straight from the bytes: what {@link parseNssKc} accepts and
 * refuses (the header, the number of fields per line, a figure that is not a whole number), the same totals as
 * `totalsOf(parseNssKc(bytes))`, without a string or an object per field — the check of a month of 100,000 clients.
 */
export function readNssKcTotals(bytes: Uint8Array): NssKcTotals {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = b.length;
  const start = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  // The header: up to the first line end outside quotes, read as text by the generic reader.
  let i = start;
  for (let inQuote = false; i < n; i++) {
    const c = b[i]!;
    if (c === QUOTE) inQuote = !inQuote;
    else if (!inQuote && (c === CR || c === LF)) break;
  }
  const [header] = readCsv(b.toString('utf8', start, i));
  if (!header || header.join(';') !== NSS_KC_COLUMNS.map(([, t]) => t).join(';')) throw new NssKcFormatError('header');
  if (i < n && b[i] === CR && b[i + 1] === LF) i++;
  i++;
  const cols = NSS_KC_COLUMNS.length;
  const slot = NSS_KC_COLUMNS.map(([k]) => (NSS_KC_FIGURES as readonly string[]).indexOf(k));
  const sums = new Array<number>(NSS_KC_FIGURES.length).fill(0);
  let rows = 0;
  while (i < n) {
    rows++;
    let field = 0;
    // The first figure of the line that is not a whole number (reported after the count of fields, as parseNssKc does).
    let bad = -1;
    // One line: fields up to a line end (or the end of the file).
    for (;;) {
      const figure = field < cols ? slot[field]! : -1;
      let value = 0;
      let digits = 0;
      let other = false;
      // A field: quoted runs (a doubled quote is one quote of the value) and plain bytes, as readCsv takes them.
      while (i < n) {
        const c = b[i]!;
        if (c === QUOTE) {
          let j = i + 1;
          for (;;) {
            const q = b.indexOf(QUOTE, j);
            const end = q < 0 ? n : q;
            if (figure >= 0)
              for (let x = j; x < end; x++) {
                const d = b[x]! - 0x30;
                if (d >= 0 && d <= 9) {
                  value = value * 10 + d;
                  digits++;
                } else other = true;
              }
            if (q < 0) {
              j = n;
              break;
            }
            if (b[q + 1] === QUOTE) {
              other = true;
              j = q + 2;
              continue;
            }
            j = q + 1;
            break;
          }
          i = j;
          continue;
        }
        if (c === SEMI || c === CR || c === LF) break;
        const d = c - 0x30;
        if (d >= 0 && d <= 9) {
          value = value * 10 + d;
          digits++;
        } else other = true;
        i++;
      }
      if (figure >= 0) {
        if (other || digits === 0) {
          if (bad < 0) bad = figure;
        } else sums[figure] = sums[figure]! + value;
      }
      field++;
      if (i >= n) break;
      const c = b[i]!;
      i++;
      if (c === SEMI) continue;
      if (c === CR && b[i] === LF) i++;
      break;
    }
    if (field !== cols) throw new NssKcFormatError(`line ${rows + 1}: ${field} fields`);
    if (bad >= 0) throw new NssKcFormatError(`line ${rows + 1}: ${NSS_KC_FIGURES[bad]}`);
  }
  const t = { rows } as NssKcTotals;
  NSS_KC_FIGURES.forEach((k, x) => (t[k] = sums[x]!));
  return t;
}
