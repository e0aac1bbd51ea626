// EnterpriseData value formats: kopecks ↔ decimal roubles, quantities, dates, ИНН/КПП, refs and message file names.
import type { EdLegalForm } from './model';

/** 1234550 → `12345.50`; negative amounts keep their sign. Throws on a non-integer or unsafe number. */
export function kopToRoubles(kop: number): string {
  if (!Number.isSafeInteger(kop)) throw new Error(`amount is not a whole number of kopecks: ${kop}`);
  const neg = kop < 0;
  const abs = Math.abs(kop);
  const r = Math.floor(abs / 100);
  const k = abs % 100;
  return `${neg ? '-' : ''}${r}.${k < 10 ? '0' : ''}${k}`;
}

const MONEY = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** `1234.5` / `1234.50` / `1234` → kopecks; null when not an exact amount (more than 2 decimals, exponent, comma). */
export function roublesToKop(text: string): number | null {
  const m = MONEY.exec(text.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(2, '0');
  const v = Number(m[2]) * 100 + Number(frac);
  if (!Number.isSafeInteger(v)) return null;
  return m[1] === '-' && v !== 0 ? -v : v;
}

/** 1.5 → `1.5`, 2 → `2`: at most 3 decimals, no exponent. */
export function formatQuantity(q: number): string {
  if (!Number.isFinite(q) || q < 0 || q >= 1e12) throw new Error(`bad quantity: ${q}`);
  const t = Math.round(q * 1000);
  const whole = Math.floor(t / 1000);
  const frac = String(t % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export function parseQuantity(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,12}(?:\.\d{1,3})?$/.test(t)) return null;
  return Number(t);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!);
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` → `YYYY-MM-DDTHH:MM:SS`; `empty` for 1С's empty date `0001-01-01T00:00:00`; null when invalid. */
export function parseEdDateTime(text: string): string | 'empty' | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'].map(Number) as [number, number, number, number, number, number];
  if (y === 1 && mo === 1 && d === 1 && h === 0 && mi === 0 && s === 0) return 'empty';
  if (!validParts(y, mo, d, h, mi, s)) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
}

export function isEdDateTime(v: string): boolean {
  return /T/.test(v) && parseEdDateTime(v) === v;
}

export function isEdDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && parseEdDateTime(v) === `${v}T00:00:00`;
}

/** ИНН: 10 digits (organisation) or 12 (ИП, person). The format only: a checksum mismatch is 1С's to report. */
export function isInn(v: string): boolean {
  return /^(?:\d{10}|\d{12})$/.test(v);
}

/** КПП: 9 characters, positions 5–6 may be Latin letters. */
export function isKpp(v: string): boolean {
  return /^\d{4}[0-9A-Z]{2}\d{3}$/.test(v);
}

/** A 12-digit ИНН belongs to an ИП or a person: 1С calls both ФизическоеЛицо. */
export function legalFormOfInn(inn: string | null): EdLegalForm {
  return inn != null && inn.length === 12 ? 'ФизическоеЛицо' : 'ЮридическоеЛицо';
}

/** 1С refs are GUIDs; other writers use their own keys, so any short token is accepted. */
export function isEdRef(v: string): boolean {
  return v.length >= 1 && v.length <= 64 && /^[0-9A-Za-z_.:-]+$/.test(v);
}

/** Node codes in file names and headers: letters (any script), digits, `-`, `_`; no dots or separators. */
const NODE_CODE = /^[\p{L}\p{N}_-]{1,64}$/u;

export function isNodeCode(v: string): boolean {
  return NODE_CODE.test(v);
}

/** `Message_<from>_<to>.xml|.zip`. Throws on a code that would make an odd or unsafe file name. */
export function edMessageFileName(from: string, to: string, ext: 'xml' | 'zip'): string {
  if (!isNodeCode(from) || !isNodeCode(to) || from.includes('_') || to.includes('_')) {
    throw new Error(`node codes must be letters, digits and '-': ${from} / ${to}`);
  }
  return `Message_${from}_${to}.${ext}`;
}

/** The reverse: null for anything but a bare `Message_<from>_<to>.xml|zip` (no path, no extra dots). */
export function parseEdMessageFileName(name: string): { from: string; to: string; ext: 'xml' | 'zip' } | null {
  if (name.length > 200 || /[\\/\0]/.test(name)) return null;
  const m = /^Message_([\p{L}\p{N}-]{1,64})_([\p{L}\p{N}-]{1,64})\.(xml|zip)$/iu.exec(name);
  if (!m) return null;
  return { from: m[1]!, to: m[2]!, ext: m[3]!.toLowerCase() as 'xml' | 'zip' };
}
