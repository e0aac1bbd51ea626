// Parsing a USR file (`cons.exe /usr`, root `user_info`): bytes in any declared encoding → the one record of its facts.
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { declaredEncoding } from '../chat/sessions.parse';
import type { ImportProblem, ParseOutcome } from '../imports/format';
import { parseUsrDate, parseUsrTime, usrNameSystemNumber } from './usr.dates';

export interface UsrKitRecord {
  /** The element name as written (`SKJP_1`). */
  element: string;
  /** Upper-cased code (`SKJP`) and the number after the last `_` (null when none). */
  code: string;
  number: number | null;
  distr: number;
  comp: number;
  ric: number | null;
  netCount: number | null;
  userType: string | null;
  technolType: string | null;
  format: string | null;
}

export interface UsrUpdateRecord {
  date: string;
  time: string | null;
  docs: number | null;
  kind: string | null;
}

export interface UsrBankRecord {
  /** Upper-cased element name (`LAW`). */
  code: string;
  name: string | null;
  directory: string | null;
  nDistr: number | null;
  nComp: number | null;
  nCat: number | null;
  nTexts: number | null;
  compliance: string | null;
  updates: UsrUpdateRecord[];
}

export interface UsrFileEntry {
  name: string;
  date: string | null;
  time: string | null;
  kind: string | null;
}

/** The whole file's facts: a USR file is one record. */
export interface UsrRecord {
  record: 1;
  nameSystemNumber: number | null;
  formatVersion: number;
  ric: number | null;
  resVersion: string | null;
  consExeVersion: string | null;
  kdVersion: string | null;
  complect: string | null;
  /** `YYYY-MM-DDTHH:MM:SS` from files/USR_FILE, else the newest update date; null when neither. */
  fileAt: string | null;
  newestUpdate: string | null;
  osName: string | null;
  osVersion: string | null;
  processor: string | null;
  ramMb: number | null;
  diskFreeMb: number | null;
  office: string | null;
  techJson: string;
  files: UsrFileEntry[];
  kits: UsrKitRecord[];
  banks: UsrBankRecord[];
}

/** Deeper than any real file (the deepest path is user_info/ib/BANK/updates/u, 5); deeper is built to hurt. */
const MAX_DEPTH = 32;
const MAX_FIELD = 500;
/** Elements kept of tech_info (a real one has a few dozen). */
const MAX_TECH_NODES = 2000;

class Refused extends Error {
  constructor(
    readonly status: 'malformed' | 'not_usr',
    readonly detail: string,
  ) {
    super(detail);
  }
}

interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

function clean(v: string | undefined | null, max = MAX_FIELD): string | null {
  if (v == null) return null;
  const t = v.trim();
  if (t === '') return null;
  return t.length > max ? t.slice(0, max) : t;
}

function intOf(v: string | undefined | null): number | null {
  if (v == null) return null;
  const t = v.length > 0 && v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32 ? v : v.trim();
  if (!/^-?\d{1,12}$/.test(t)) return null;
  return Number(t);
}

/** Attributes by lower-cased name (files vary the case: `nDistr`, `NDISTR`). */
function lowerAttrs(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in attrs) out[k.toLowerCase()] = attrs[k]!;
  return out;
}

/** One attribute by its lower-cased name: the usual spelling first, then any case (no allocation: updates are most of a file). */
function attrOf(attrs: Record<string, string>, usual: string, lower: string): string | undefined {
  const v = attrs[usual];
  if (v !== undefined) return v;
  for (const k in attrs) if (k.toLowerCase() === lower) return attrs[k];
  return undefined;
}

/** tech_info as JSON: a leaf is its text, else an object of `@attr`s and children (repeated names become arrays). */
function nodeJson(n: Node): unknown {
  const keys = Object.keys(n.attrs);
  if (keys.length === 0 && n.children.length === 0) return clean(n.text, 2000) ?? '';
  const o: Record<string, unknown> = {};
  for (const k of keys) o[`@${k}`] = n.attrs[k]!.slice(0, MAX_FIELD);
  for (const c of n.children) {
    const v = nodeJson(c);
    const prev = o[c.name];
    if (prev === undefined) o[c.name] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else o[c.name] = [prev, v];
  }
  const t = clean(n.text, 2000);
  if (t) o['#text'] = t;
  return o;
}

function child(n: Node | undefined, name: string): Node | undefined {
  return n?.children.find((c) => c.name.toLowerCase() === name);
}

function attr(n: Node | undefined, name: string): string | undefined {
  if (!n) return undefined;
  for (const [k, v] of Object.entries(n.attrs)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** `SKJP_1` → SKJP / 1; `SKJP` → SKJP / null; null when the name is not a system code. */
export function kitElement(name: string): { code: string; number: number | null } | null {
  const m = /^([A-Za-z][A-Za-z0-9_-]{0,39}?)(?:_(\d{1,4}))?$/.exec(name);
  if (!m) return null;
  return { code: m[1]!.toUpperCase(), number: m[2] != null ? Number(m[2]) : null };
}

/**
 * Parses the whole file. The XML is read by a streaming parser without DTD support: a DOCTYPE refuses the file (a USR
 * file has none, and entity tricks need one). Bytes that are not XML, or XML whose root is not `user_info`, are `not_usr`;
 * a `user_info` document that breaks off or breaks the rules is `malformed`; format 1 (or none) is `too_old`.
 */
export function parseUsr(bytes: Uint8Array, name: string): ParseOutcome<UsrRecord> {
  const enc = declaredEncoding(bytes);
  if (!iconv.encodingExists(enc)) return { ok: false, status: 'not_usr', detail: 'encoding' };
  let xml = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc);
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  if (!/^\s*</.test(xml)) return { ok: false, status: 'not_usr', detail: 'not_xml' };

  const problems: ImportProblem[] = [];
  // A file repeats the same dates and times in every bank: each distinct text is checked once.
  const dates = new Map<string, string | null>();
  const times = new Map<string | undefined, string | null>();
  const dateOf = (v: string) => {
    let d = dates.get(v);
    if (d === undefined) dates.set(v, (d = parseUsrDate(v)));
    return d;
  };
  const timeOf = (v: string | undefined) => {
    let d = times.get(v);
    if (d === undefined) times.set(v, (d = parseUsrTime(v)));
    return d;
  };
  const top = new Map<string, string>();
  const tech: Node = { name: 'tech_info', attrs: {}, text: '', children: [] };
  let techNodes = 0;
  const files: UsrFileEntry[] = [];
  const kits: UsrKitRecord[] = [];
  const banks: UsrBankRecord[] = [];
  /** Lower-cased names of the open elements, root first. */
  const path: string[] = [];
  /** tech_info nodes open below tech_info. */
  const techStack: Node[] = [];
  let topText: string[] | null = null;
  let bank: UsrBankRecord | null = null;
  let sawRoot = false;

  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', () => {
    // The parser's own message is English: the code `xml` is what the person sees (in words).
    throw new Refused(sawRoot ? 'malformed' : 'not_usr', 'xml');
  });
  parser.on('doctype', () => {
    throw new Refused('malformed', 'doctype');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const lname = tag.name.toLowerCase();
    const depth = path.length + 1;
    if (depth > MAX_DEPTH) throw new Refused('malformed', 'too_deep');
    if (depth === 1) {
      if (lname !== 'user_info') throw new Refused('not_usr', 'root');
      sawRoot = true;
      path.push(lname);
      return;
    }
    const section = path[1];
    if (depth === 2) {
      if (lname !== 'tech_info' && lname !== 'files' && lname !== 'package' && lname !== 'ib') topText = [];
    } else if (section === 'tech_info') {
      if (++techNodes <= MAX_TECH_NODES) {
        const n: Node = { name: tag.name, attrs: tag.attributes, text: '', children: [] };
        (techStack[techStack.length - 1] ?? tech).children.push(n);
        techStack.push(n);
      } else techStack.push({ name: tag.name, attrs: {}, text: '', children: [] });
    } else if (section === 'files' && depth === 3) {
      const a = lowerAttrs(tag.attributes);
      const date = a.date != null ? parseUsrDate(a.date) : null;
      files.push({ name: tag.name.slice(0, 100), date, time: parseUsrTime(a.time), kind: clean(a.kind, 100) });
    } else if (section === 'package' && depth === 3) {
      const a = lowerAttrs(tag.attributes);
      const el = kitElement(tag.name);
      const distr = intOf(a.distr);
      const comp = a.comp == null || a.comp.trim() === '' ? 1 : intOf(a.comp);
      if (!el || distr == null || distr < 1 || distr > 999_999_999 || comp == null || comp < 1 || comp > 99) {
        problems.push({ record: 1, code: 'bad_kit', detail: `${tag.name}@${a.distr ?? ''}`.slice(0, 60) });
      } else {
        kits.push({
          element: tag.name.slice(0, 60),
          code: el.code,
          number: el.number,
          distr,
          comp: comp || 1,
          ric: intOf(a.ric),
          netCount: intOf(a.netcount),
          userType: clean(a.usertype, 40),
          technolType: clean(a.technoltype, 40),
          format: clean(a.format, 40),
        });
      }
    } else if (section === 'ib' && depth === 3) {
      const a = lowerAttrs(tag.attributes);
      bank = {
        code: tag.name.toUpperCase().slice(0, 60),
        name: clean(a.name, 200),
        directory: clean(a.directory, 260),
        nDistr: intOf(a.ndistr),
        nComp: intOf(a.ncomp),
        nCat: intOf(a.ncat),
        nTexts: intOf(a.ntexts),
        compliance: clean(a.compliance, 100),
        updates: [],
      };
      banks.push(bank);
    } else if (section === 'ib' && depth === 5 && bank && path[3] === 'updates') {
      const a = tag.attributes;
      const raw = attrOf(a, 'date', 'date');
      const date = raw != null ? dateOf(raw) : null;
      if (!date) problems.push({ record: 1, code: 'bad_date', detail: `${bank.code}: ${(raw ?? '').slice(0, 30)}` });
      else bank.updates.push({ date, time: timeOf(attrOf(a, 'time', 'time')), docs: intOf(attrOf(a, 'docs', 'docs')), kind: clean(attrOf(a, 'kind', 'kind'), 40) });
    }
    path.push(lname);
  });
  const onText = (t: string) => {
    if (topText) {
      if (topText.length < 100) topText.push(t);
      return;
    }
    const n = techStack[techStack.length - 1];
    if (n && n.text.length < 4000) n.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const depth = path.length;
    if (depth === 2 && topText) {
      const key = tag.name.toLowerCase();
      if (!top.has(key)) top.set(key, topText.join(''));
      topText = null;
    } else if (path[1] === 'tech_info' && depth >= 3) techStack.pop();
    else if (path[1] === 'ib' && depth === 3) bank = null;
    path.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof Refused) return { ok: false, status: e.status, detail: e.detail };
    return { ok: false, status: sawRoot ? 'malformed' : 'not_usr', detail: 'xml' };
  }
  if (!sawRoot) return { ok: false, status: 'not_usr', detail: 'no_root' };

  const formatVersion = intOf(top.get('format_version')) ?? 0;
  if (formatVersion <= 1) return { ok: false, status: 'too_old', detail: String(formatVersion) };
  if (kits.length === 0) return { ok: false, status: 'malformed', detail: 'no_kit' };

  let newestUpdate: string | null = null;
  for (const b of banks) for (const u of b.updates) if (newestUpdate == null || u.date > newestUpdate) newestUpdate = u.date;
  const usrFile = files.find((f) => f.name.toLowerCase() === 'usr_file');
  const fileAt = usrFile?.date ? `${usrFile.date}T${usrFile.time ?? '00:00:00'}` : newestUpdate;

  const os = child(tech, 'os');
  const ver = child(os, 'version');
  const major = clean(attr(ver, 'major'), 20);
  const minor = clean(attr(ver, 'minor'), 20);
  const build = clean(child(os, 'build')?.text, 40);
  const osVersion = major ? [major, minor ?? '0', ...(build ? [build] : [])].join('.') : clean(ver?.text, 60);
  const techJson = tech.children.length ? JSON.stringify(nodeJson(tech)) : '{}';
  const diskFree = child(tech, 'diskfreespace')?.text ?? child(child(tech, 'bootdisk'), 'freespace')?.text;

  const record: UsrRecord = {
    record: 1,
    nameSystemNumber: usrNameSystemNumber(name),
    formatVersion,
    ric: intOf(top.get('ric')),
    resVersion: clean(top.get('res_version'), 60),
    consExeVersion: clean(top.get('cons_exe_version'), 60),
    kdVersion: clean(top.get('kd_version'), 60),
    complect: clean(top.get('complect'), 200),
    fileAt,
    newestUpdate,
    osName: clean(child(os, 'name')?.text, 200),
    osVersion,
    processor: clean(child(child(tech, 'processors'), 'name')?.text, 200),
    ramMb: intOf(child(tech, 'ram')?.text),
    diskFreeMb: intOf(diskFree),
    office: clean(child(tech, 'office')?.text, 200),
    techJson,
    files,
    kits,
    banks,
  };
  return { ok: true, parsed: { records: [record], problems } };
}
