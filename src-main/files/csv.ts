// Our КЦ CSV files (Главбух request, monthly НСС report): one quoted field with the formula guard, and a reader of such files back.

/**
 * Anything a field must be changed for: a quote, a line break, or a formula's first character (Excel evaluates a
 * quoted field starting with `=`, `@`, `+`, `-` or a tab). A phone number like `+7 (423) 123-45-67` stays as it is.
 */
const SPECIAL = /["\r\n]|^[=@+\-\t]/;
const FORMULA = /^[=@+\-\t]/;
const PHONE = /^\+?[\d\s()-]+$/;

/** One field, always quoted; line breaks become spaces, a formula start gets a leading apostrophe (a phone or a number does not). */
export function csvField(v: string | number): string {
  let s = typeof v === 'number' ? String(v) : v;
  // Most fields need nothing: one test, then the plain quoted value.
  if (SPECIAL.test(s)) {
    s = s.replace(/\r\n?|\n/g, ' ');
    if (FORMULA.test(s) && !PHONE.test(s)) s = `'${s}`;
    s = s.replace(/"/g, '""');
  }
  return `"${s}"`;
}

/** Undoes the formula guard of {@link csvField}: `'=x` reads `=x`. */
export const unguard = (s: string): string => (s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s);

/**
 * Reads a `;`-separated file of our own (BOM optional, quotes with `""` escapes, CRLF or LF) into rows of raw fields.
 * A quoted field is taken by slices between quotes (our files quote every field: no character-by-character copying).
 */
export function readCsv(text: string, delim = ';'): string[][] {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const ch = src[i]!;
    if (ch === '"') {
      // A quoted run: up to the closing quote, a doubled quote being one quote of the value.
      let j = i + 1;
      for (;;) {
        const q = src.indexOf('"', j);
        if (q < 0) {
          cur += src.slice(j);
          j = n;
          break;
        }
        cur += src.slice(j, q);
        if (src[q + 1] === '"') {
          cur += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      i = j;
      continue;
    }
    if (ch === delim) {
      row.push(cur);
      cur = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
    } else cur += ch;
    i++;
  }
  if (cur !== '' || row.length) {
    row.push(cur);
    rows.push(row);
  }
  return rows;
}
