// Parsing a «Задать вопрос» export (`root/quest@sys@distr@comp@date` with fio, email, phone, text) from untrusted bytes.
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ImportProblem, ParseOutcome } from '../imports/format';
import { moscowToUtc } from './questions.text';

/** One question of the export: the kit in the КЦ's numbers, the time in UTC and its Moscow date. */
export interface QuestionRecord {
  /** 1-based position of the `quest` element in the file. */
  position: number;
  systemNumber: number;
  distrNumber: number;
  comp: number;
  askedAt: string;
  askedOn: string;
  fio: string | null;
  email: string | null;
  phone: string | null;
  text: string;
  /** Problems the record is kept with (a field cut to its bound). */
  flags: string[];
}

/** Bounds of one field (characters): a question is a few paragraphs, a name or an address a line. */
export const MAX_TEXT_CHARS = 200_000;
const MAX_SHORT_CHARS = 500;
const FIELDS = new Set(['fio', 'email', 'phone', 'text', 'question', 'kit']);

/** The file's bytes as text: a BOM wins, then the XML declaration, then strict UTF-8, else windows-1251 (old КЦ exports). */
export function decodeXml(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b[0] === 0xff && b[1] === 0xfe) return iconv.decode(b.subarray(2), 'utf-16le');
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf-16be');
  const decl = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(b.subarray(0, 256).toString('latin1'));
  const declared = decl?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) return iconv.decode(b, declared);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return iconv.decode(b, 'windows-1251');
  }
}

const KIT_STRING = /^\s*(\d{1,4})[_\s-]+(\d{1,9})(?:[_\s-]+(\d{1,3}))?\s*$/;
const DIGITS = /^\s*0*(\d{1,9})\s*$/;

/** The kit of a record: `sys`/`distr`/`comp` attributes, or one `SYS_DISTR[_COMP]` string in any of them or in `kit`. */
export function kitOfAttrs(a: Record<string, string>, kitText: string | null): { systemNumber: number; distrNumber: number; comp: number } | null {
  const sys = a.sys ?? '';
  const distr = a.distr ?? '';
  const compText = (a.comp ?? '').trim();
  const comp = compText === '' ? 1 : DIGITS.test(compText) ? Number(compText) || 1 : null;
  if (DIGITS.test(sys) && comp != null) {
    if (DIGITS.test(distr) && Number(distr) > 0) return { systemNumber: Number(sys), distrNumber: Number(distr), comp };
    // `distr="000123_02"`: the number with its computer.
    const dc = /^\s*0*(\d{1,9})[_-](\d{1,3})\s*$/.exec(distr);
    if (dc && Number(dc[1]) > 0) return { systemNumber: Number(sys), distrNumber: Number(dc[1]), comp: Number(dc[2]) || 1 };
  }
  for (const v of [sys, distr, a.kit ?? '', a.complect ?? '', kitText ?? '']) {
    const m = KIT_STRING.exec(v);
    if (m && Number(m[1]) > 0 && Number(m[2]) > 0) return { systemNumber: Number(m[1]), distrNumber: Number(m[2]), comp: m[3] ? Number(m[3]) || 1 : 1 };
  }
  return null;
}

/** `2026-11-26 13:02:00` (or `T`, or without seconds), or `26.11.2026 13:02[:00]`, in Moscow time. */
export function parseMoscowDate(v: string | undefined): { askedAt: string; askedOn: string } | null {
  if (!v) return null;
  const s = v.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(s);
  let parts: number[] | null = null;
  if (m) parts = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  else {
    m = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
    if (m) parts = [m[3], m[2], m[1], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  }
  if (!parts) return null;
  const [y, mo, d, h, mi, sec] = parts as [number, number, number, number, number, number];
  const askedAt = moscowToUtc(y, mo, d, h, mi, sec);
  if (!askedAt) return null;
  return { askedAt, askedOn: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

interface Open {
  attrs: Record<string, string>;
  position: number;
  fields: Record<string, string>;
  cut: Set<string>;
}

const clean = (v: string | undefined): string | null => {
  const t = (v ?? '').replace(/\s+/g, ' ').trim();
  return t || null;
};

/**
 * The whole file or nothing: a document that is not well-formed XML (truncated, broken, an entity it does not define —
 * DTDs are never read, so a «billion laughs» file is just an undefined entity) is `malformed`. Inside a well-formed
 * file, a record without a kit, a text or a readable date is refused on its own with its position.
 */
export function parseQuestions(bytes: Uint8Array): ParseOutcome<QuestionRecord> {
  const records: QuestionRecord[] = [];
  const problems: ImportProblem[] = [];
  let depth = 0;
  let rootName: string | null = null;
  let count = 0;
  let cur: Open | null = null;
  /** The field element (child of `quest`) whose text is being collected. */
  let field: string | null = null;

  const finish = (q: Open) => {
    const text = (q.fields.text ?? q.fields.question ?? '').trim();
    const kit = kitOfAttrs(q.attrs, clean(q.fields.kit));
    const date = parseMoscowDate(q.attrs.date);
    if (!kit) return problems.push({ record: q.position, code: 'no_kit', detail: [q.attrs.sys, q.attrs.distr].filter(Boolean).join('/').slice(0, 60) || undefined });
    if (!text) return problems.push({ record: q.position, code: 'no_text' });
    if (!date) return problems.push({ record: q.position, code: 'bad_date', detail: (q.attrs.date ?? '').slice(0, 40) || undefined });
    records.push({
      position: q.position,
      ...kit,
      ...date,
      fio: clean(q.fields.fio),
      email: clean(q.fields.email),
      phone: clean(q.fields.phone),
      text,
      flags: [...q.cut].map((f) => `${f}_truncated`),
    });
  };

  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    const name = tag.name.toLowerCase();
    if (depth === 1) rootName = name;
    else if (depth === 2 && rootName === 'root' && name === 'quest') {
      count++;
      cur = { attrs: lowerKeys(tag.attributes), position: count, fields: {}, cut: new Set() };
    } else if (depth === 3 && cur && FIELDS.has(name)) field = name;
  });
  const onText = (t: string) => {
    if (!cur || field == null || depth < 3) return;
    const q: Open = cur;
    const bound = field === 'text' || field === 'question' ? MAX_TEXT_CHARS : MAX_SHORT_CHARS;
    const have = q.fields[field] ?? '';
    if (have.length >= bound) {
      q.cut.add(field);
      return;
    }
    const next = have + t;
    if (next.length > bound) q.cut.add(field);
    q.fields[field] = next.length > bound ? next.slice(0, bound) : next;
  };
  p.on('text', onText);
  p.on('cdata', onText);
  p.on('closetag', () => {
    if (depth === 3) field = null;
    if (depth === 2 && cur) {
      finish(cur);
      cur = null;
    }
    depth--;
  });

  try {
    p.write(decodeXml(bytes)).close();
  } catch (err) {
    return { ok: false, status: 'malformed', detail: String((err as Error).message ?? err).slice(0, 200) };
  }
  if (rootName !== 'root') return { ok: false, status: 'malformed', detail: rootName == null ? 'no root element' : `root element <${String(rootName)}>` };
  return { ok: true, parsed: { records, problems } };
}

function lowerKeys(a: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) out[k.toLowerCase()] = v;
  return out;
}
