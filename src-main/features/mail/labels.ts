// Turns a mail body into text and reads `Label: value` lines by label synonyms (the КЦ layout, see DOMAIN.md).
import { compile, type FormatCallback } from 'html-to-text';
import type { MailField, MailFields } from '../../../src-shared/mail-types';

/** Element nesting beyond this is hostile (real mail stays far below; browsers flatten past 512 levels). */
const MAX_HTML_DEPTH = 400;
/** Elements that hold no content, so a start tag opens no level. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements closed implicitly by a sibling (td after td): an unclosed run of them does not nest. */
const IMPLIED_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rt', 'rp']);
const TAG_NAME = /[A-Za-z0-9:_-]/;

/**
 * Whether elements nest deeper than `max`, in one linear pass. htmlparser2 (under html-to-text) keeps its open-element
 * stack at the front of an array, so its parse is quadratic in the depth, and html-to-text's recursive walk overflows the
 * stack at about 2000 levels: such HTML is refused before it gets there. The same check as mailparser's for its own text.
 */
export function nestsDeeperThan(html: string, max: number): boolean {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let i = html.indexOf('<');
  while (i >= 0) {
    let pos = i + 1;
    if (html.startsWith('!--', pos)) {
      const end = html.indexOf('-->', pos + 3);
      i = end < 0 ? -1 : html.indexOf('<', end + 3);
      continue;
    }
    const closing = html[pos] === '/';
    if (closing) pos++;
    const nameStart = pos;
    while (pos < html.length && TAG_NAME.test(html[pos]!)) pos++;
    if (pos === nameStart) {
      i = html.indexOf('<', pos);
      continue;
    }
    const name = html.slice(nameStart, pos).toLowerCase();
    const end = html.indexOf('>', pos);
    if (end < 0) break;
    if (!VOID.has(name) && !IMPLIED_END.has(name)) {
      if (!closing) {
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
        if (stack.length > max) return true;
      } else if (open.get(name)) {
        let popped: string;
        do {
          popped = stack.pop()!;
          open.set(popped, open.get(popped)! - 1);
        } while (popped !== name);
      }
    }
    i = html.indexOf('<', end + 1);
  }
  return false;
}

/** A table cell: its content, then a space, so the cells of a row (`Label:` | `value`) read as one line. */
const cell: FormatCallback = (elem, walk, builder) => {
  walk(elem.children, builder);
  builder.addInline(' ');
};

const block = (lines = 1) => ({ format: 'block', options: { leadingLineBreaks: lines, trailingLineBreaks: lines } });

/**
 * html-to-text (htmlparser2's linear tokenizer) set up for `Label: value` reading: no word wrap, rows, paragraphs,
 * list items and breaks become lines, cells of a row are joined by a space, links and images leave only their text.
 */
const convert = compile({
  wordwrap: false,
  formatters: { cell },
  limits: { maxDepth: MAX_HTML_DEPTH, maxInputLength: 32 * 1024 * 1024, ellipsis: '' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['script', 'style', 'head', 'title', 'noscript', 'template', 'object', 'svg'].map((selector) => ({ selector, format: 'skip' })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, format: 'heading', options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 } })),
    { selector: 'table', ...block() },
    ...['tbody', 'thead', 'tfoot', 'tr', 'li', 'dt', 'dd'].map((selector) => ({ selector, ...block() })),
    ...['ul', 'ol', 'dl'].map((selector) => ({ selector, ...block() })),
    { selector: 'td', format: 'cell' },
    { selector: 'th', format: 'cell' },
  ],
});

/** HTML to lines of text (see `convert`); HTML nested past any real mail's depth gives no text. */
export function htmlToText(html: string): string {
  if (nestsDeeperThan(html, MAX_HTML_DEPTH)) return '';
  return convert(html)
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Labels compare without case, spaces, dots, dashes and asterisks: «Эл. почта» = «Эл.почта», «E-mail» = «Email», «Ф.И.О.» = «ФИО». */
export function normLabel(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0.\-_*\u2010-\u2015]+/g, '');
}

/** A field's value is cut here (a question runs to a few thousand characters; the whole text stays with the message). */
const MAX_VALUE = 20_000;

/** Fields whose value may run over several lines (a question, a comment). */
const MULTILINE: ReadonlySet<MailField> = new Set(['question', 'comment']);

/** A label is at most this long (`Контактное лицо (ФИО)` fits; a sentence with a colon does not). */
const MAX_LABEL = 60;

/**
 * Where a line's text starts behind the quote marks of a forwarded message (`> > `). Lines are read by scanning,
 * not by regular expressions with nested or lazy repetition, so the cost stays linear in the line whatever it holds.
 */
function quoteEnd(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === '>' || /\s/.test(line[i]!))) i++;
  return i;
}

const unquote = (line: string) => line.slice(quoteEnd(line)).trim();

/** `Label: value` (or the full-width colon): the label up to the first colon, trimmed, 1 to MAX_LABEL characters. */
export function splitLabel(line: string): { label: string; value: string } | null {
  const start = quoteEnd(line);
  const a = line.indexOf(':', start);
  const b = line.indexOf('：', start);
  const colon = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  if (colon < 0) return null;
  const label = line.slice(start, colon).trimEnd();
  if (label.length === 0 || label.length > MAX_LABEL) return null;
  // One space after the colon belongs to the separator; the caller trims the rest.
  const value = line.slice(colon + 1);
  return { label, value: /\s/.test(value[0] ?? '') ? value.slice(1) : value };
}

export type LabelMap = Map<string, MailField>;

export function labelMap(labels: Partial<Record<MailField, string[]>>): LabelMap {
  const map: LabelMap = new Map();
  for (const [field, list] of Object.entries(labels) as [MailField, string[]][]) {
    for (const label of list ?? []) {
      const key = normLabel(label);
      if (key && !map.has(key)) map.set(key, field);
    }
  }
  return map;
}

function labelOf(line: string, map: LabelMap): { field: MailField; value: string } | null {
  const m = splitLabel(line);
  if (!m) return null;
  const field = map.get(normLabel(m.label));
  return field ? { field, value: m.value.trim() } : null;
}

/**
 * Reads the fields of a `Label: value` body. The first occurrence of a field wins (a forwarded
 * message quotes the original below the forwarder's note). A label with nothing after it takes the
 * following lines, as does a multi-line field, up to the next known label or the signature.
 */
export function extractFields(text: string, map: LabelMap): MailFields {
  const out: MailFields = {};
  // No-break spaces (an HTML body's &nbsp;, kept by mailparser's own HTML-to-text) are spaces in a value: a name or phone must not keep them.
  const lines = text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2007\u202f]/g, ' ').split('\n');
  let i = 0;
  while (i < lines.length) {
    const hit = labelOf(lines[i]!, map);
    i++;
    if (!hit) continue;
    const parts = hit.value ? [hit.value] : [];
    const gather = !hit.value || MULTILINE.has(hit.field);
    if (gather) {
      let blank = 0;
      while (i < lines.length) {
        const line = lines[i]!;
        const clean = unquote(line);
        if (clean === '--' || labelOf(line, map)) break;
        if (!clean) {
          // A field with an inline value ends at a blank line; one gathered from below ends at two.
          blank++;
          if (hit.value || blank >= 2) break;
          i++;
          continue;
        }
        if (blank > 0 && parts.length > 0) parts.push('');
        blank = 0;
        parts.push(clean);
        i++;
      }
    }
    const value = parts.join('\n').trim().slice(0, MAX_VALUE);
    if (value && out[hit.field] === undefined) out[hit.field] = value;
  }
  return tidy(out);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** The address is looked for near the value's start: the pattern backtracks per start position, so its input stays short. */
const EMAIL_SCAN = 1000;

/** Cleans values that come wrapped: an e-mail inside a name or `mailto:`, a number behind `№`. */
function tidy(f: MailFields): MailFields {
  if (f.email) {
    const m = EMAIL.exec(f.email.slice(0, EMAIL_SCAN));
    if (m) f.email = m[0].toLowerCase();
    else delete f.email;
  }
  if (f.number) {
    const m = /[0-9A-Za-zА-Яа-я][0-9A-Za-zА-Яа-я\-/]*/.exec(f.number.replace(/^\s*(?:№|N|No\.?|#)\s*/i, ''));
    if (m) f.number = m[0];
    else delete f.number;
  }
  if (f.inn) {
    const digits = f.inn.replace(/\D/g, '');
    if (digits.length === 10 || digits.length === 12) f.inn = digits;
    else delete f.inn;
  }
  return f;
}
