// Parsing the Онлайн-диалог export (`root/chat`): bytes in any declared encoding → typed session records and per-record problems.
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { parseDistrNumberForm } from '../../../src-shared/distr';
import type { ImportProblem, ParseOutcome } from '../imports/format';

/** One session as the export gives it, times converted to UTC; the kit in the КЦ's numbers (the catalogue is applied later). */
export interface ChatSessionRecord {
  /** 1-based position of the `<chat>` element in the file (for problems found when applying). */
  record: number;
  systemNumber: number;
  distrNumber: number;
  comp: number;
  startAt: string;
  finishAt: string | null;
  firstDate: string | null;
  durationSec: number | null;
  profile: string | null;
  fio: string | null;
  email: string | null;
  phone: string | null;
  text: string | null;
  lgn: string | null;
  personal: string | null;
  links: string | null;
  clientRating: string | null;
}

/** Longest dialog kept; longer ones are cut (a real dialog is a few kilobytes). */
const MAX_TEXT = 1_000_000;
/** Longest value of any other field. */
const MAX_FIELD = 2_000;
/** Moscow has kept UTC+3 all year since October 2014; the export's times are Moscow time. */
const MOSCOW_OFFSET_MIN = 180;

/** The encoding a file declares: a BOM first, then the XML declaration's `encoding`; UTF-8 when neither says. */
export function declaredEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head);
  return m ? m[1]!.toLowerCase() : 'utf-8';
}

/** `YYYY-MM-DD HH:MM[:SS]` (or `T`, or `DD.MM.YYYY …`) in Moscow time → UTC ISO; null when not a real date and time. */
export function moscowToUtc(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(v);
  let parts: number[] | null = null;
  if (m) parts = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  else {
    m = /^(\d{2})\.(\d{2})\.(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
    if (m) parts = [m[3], m[2], m[1], m[4], m[5], m[6] ?? '0'].map(Number);
  }
  if (!parts) return null;
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || y < 1990 || y > 2200) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(t).getUTCDate() !== d) return null;
  return new Date(t - MOSCOW_OFFSET_MIN * 60_000).toISOString();
}

/** The same name a field may carry in other loaders of the export (the old table's columns, the one-string kit). */
const ALIASES: Record<string, string> = {
  chat: 'text',
  ric_personal: 'personal',
  operator: 'personal',
  complect: 'kit',
  komplekt: 'kit',
  distr_full: 'kit',
  sys_distr: 'kit',
  rating: 'client_rating',
  satisf: 'client_rating',
};

function fieldName(name: string): string {
  const n = name.toLowerCase().replace(/^.*:/, '');
  return ALIASES[n] ?? n;
}

type Fields = Map<string, string>;

function clean(v: string | undefined, max = MAX_FIELD): string | null {
  if (v == null) return null;
  const t = v.trim();
  if (t === '') return null;
  return t.length > max ? t.slice(0, max) : t;
}

function intOf(v: string | undefined): number | null | 'bad' {
  const t = (v ?? '').trim();
  if (t === '') return null;
  if (!/^\d{1,9}$/.test(t)) return 'bad';
  return Number(t);
}

type KitOutcome = { ok: true; systemNumber: number; distrNumber: number; comp: number } | { ok: false; code: 'empty_kit' | 'bad_kit'; detail?: string };

/** The kit from `sys distr comp`, or one `SYS_DISTR[_COMP]` string in `kit`, `distr` or `sys`. */
export function kitOf(f: Fields): KitOutcome {
  for (const key of ['kit', 'distr', 'sys']) {
    const v = f.get(key)?.trim();
    if (v && /\D/.test(v)) {
      const form = parseDistrNumberForm(v);
      if (form) return { ok: true, systemNumber: form.systemNumber, distrNumber: form.number, comp: form.comp || 1 };
      if (key === 'kit' || /\d/.test(v)) return { ok: false, code: 'bad_kit', detail: v.slice(0, 40) };
    }
  }
  const sys = intOf(f.get('sys'));
  const distr = intOf(f.get('distr'));
  const comp = intOf(f.get('comp'));
  if (sys === null || distr === null || sys === 0 || distr === 0) {
    if (sys === 'bad' || distr === 'bad') return { ok: false, code: 'bad_kit', detail: `${f.get('sys') ?? ''}_${f.get('distr') ?? ''}`.slice(0, 40) };
    return { ok: false, code: 'empty_kit' };
  }
  if (sys === 'bad' || distr === 'bad' || comp === 'bad' || sys > 9999 || distr > 999_999_999 || (comp ?? 1) > 99) {
    return { ok: false, code: 'bad_kit', detail: `${f.get('sys') ?? ''}_${f.get('distr') ?? ''}_${f.get('comp') ?? ''}`.slice(0, 40) };
  }
  return { ok: true, systemNumber: sys, distrNumber: distr, comp: comp || 1 };
}

/** One `<chat>` element's fields → a record, or the problem it is refused for. */
export function recordOf(f: Fields, record: number): ChatSessionRecord | ImportProblem {
  const kit = kitOf(f);
  if (!kit.ok) return { record, code: kit.code, ...(kit.detail ? { detail: kit.detail } : {}) };
  const startRaw = f.get('start')?.trim();
  if (!startRaw) return { record, code: 'missing_start' };
  const startAt = moscowToUtc(startRaw);
  if (!startAt) return { record, code: 'bad_date', detail: 'start' };
  const finishRaw = f.get('finish')?.trim();
  const finishAt = finishRaw ? moscowToUtc(finishRaw) : null;
  if (finishRaw && !finishAt) return { record, code: 'bad_date', detail: 'finish' };
  if (finishAt && finishAt < startAt) return { record, code: 'finish_before_start' };
  const firstRaw = f.get('first_date')?.trim();
  // first_date is informative only: an odd one is dropped, not a reason to lose the session.
  const firstDate = firstRaw ? moscowToUtc(firstRaw) : null;
  return {
    record,
    systemNumber: kit.systemNumber,
    distrNumber: kit.distrNumber,
    comp: kit.comp,
    startAt,
    finishAt,
    firstDate,
    durationSec: finishAt ? Math.round((Date.parse(finishAt) - Date.parse(startAt)) / 1000) : null,
    profile: clean(f.get('profile')),
    fio: clean(f.get('fio')),
    email: clean(f.get('email')),
    phone: clean(f.get('phone')),
    text: clean(f.get('text'), MAX_TEXT),
    lgn: clean(f.get('lgn')),
    personal: clean(f.get('personal'), 200),
    links: clean(f.get('links'), 20_000),
    clientRating: clean(f.get('client_rating'), 200),
  };
}

class Refused extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/**
 * Parses the whole export. The XML is read by a streaming parser without DTD support: a DOCTYPE refuses the file (the
 * export has none, and entity tricks need one), an undefined entity or a truncated file is malformed — nothing lands.
 */
export function parseChatSessions(bytes: Uint8Array): ParseOutcome<ChatSessionRecord> {
  const enc = declaredEncoding(bytes);
  if (!iconv.encodingExists(enc)) return { ok: false, status: 'malformed', detail: 'encoding' };
  let xml = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc);
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  const records: ChatSessionRecord[] = [];
  const problems: ImportProblem[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let sawRoot = false;
  let count = 0;
  let fields: Fields | null = null;
  /** The field element open at depth 3 and its text (descendants' text included, their tags ignored). */
  let field: { name: string; parts: string[]; size: number } | null = null;
  parser.on('error', (e) => {
    throw new Refused(e.message.slice(0, 200));
  });
  parser.on('doctype', () => {
    throw new Refused('doctype');
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) {
      sawRoot = true;
      return;
    }
    if (depth === 2) {
      if (tag.name.toLowerCase() !== 'chat') return;
      count++;
      fields = new Map();
      for (const [k, v] of Object.entries(tag.attributes)) fields.set(fieldName(k), v);
      return;
    }
    if (depth === 3 && fields) field = { name: fieldName(tag.name), parts: [], size: 0 };
  });
  const onText = (t: string) => {
    if (!field || field.size > MAX_TEXT) return;
    field.parts.push(t);
    field.size += t.length;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (depth === 3 && field && fields) {
      const v = field.parts.join('');
      // An element wins over an empty attribute of the same name, a non-empty attribute over an empty element.
      if (v.trim() !== '' || !fields.has(field.name)) fields.set(field.name, v);
      field = null;
    } else if (depth === 2 && fields) {
      const r = recordOf(fields, count);
      if ('code' in r) problems.push(r);
      else records.push(r);
      fields = null;
    }
    depth--;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    return { ok: false, status: 'malformed', detail: e instanceof Refused ? e.detail : 'xml' };
  }
  if (!sawRoot) return { ok: false, status: 'malformed', detail: 'no_root' };
  return { ok: true, parsed: { records, problems } };
}
