// Turns a mail body into text and reads `Label: value` lines by label synonyms (the КЦ layout, see DOMAIN.md).
import type { MailField, MailFields } from '../../../src-shared/mail-types';

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  copy: '©',
  numero: '№',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** HTML to lines of text: rows, paragraphs and breaks become lines, table cells of a row are joined by a space. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/?(p|div|tr|li|ul|ol|h[1-6]|table|tbody|thead|blockquote|pre|hr|section|article)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
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

/** Fields whose value may run over several lines (a question, a comment). */
const MULTILINE: ReadonlySet<MailField> = new Set(['question', 'comment']);

/** `Label: value`, optionally behind quote marks of a forwarded message. */
const LINE = /^\s*(?:>\s*)*([^:：\n]{1,60}?)\s*[:：]\s?(.*)$/;
const QUOTE = /^\s*(?:>\s?)+/;
const SIGNATURE = /^\s*(?:>\s*)*--\s*$/;

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
  const m = LINE.exec(line);
  if (!m) return null;
  const field = map.get(normLabel(m[1]!));
  return field ? { field, value: m[2]!.trim() } : null;
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
        if (SIGNATURE.test(line) || labelOf(line, map)) break;
        const clean = line.replace(QUOTE, '').trim();
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
    const value = parts.join('\n').trim();
    if (value && out[hit.field] === undefined) out[hit.field] = value;
  }
  return tidy(out);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** Cleans values that come wrapped: an e-mail inside a name or `mailto:`, a number behind `№`. */
function tidy(f: MailFields): MailFields {
  if (f.email) {
    const m = EMAIL.exec(f.email);
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
