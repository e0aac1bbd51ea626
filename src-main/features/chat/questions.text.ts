// The «same question» rule of the «Задать вопрос» join in one place: text, ФИО and e-mail normalised, the Moscow day, the kit key.
import crypto from 'node:crypto';
import { findKit, type SystemCatalog } from '../../../src-shared/systems';

/** A key longer than this is kept as its head plus a hash of the whole, so the unique index stays small. */
const MAX_KEY = 1000;

/** Lines that are reply noise, not the question: quoted lines and what follows a forwarded/original-message marker. */
const QUOTE_LINE = /^\s*>/;
const REPLY_MARKER =
  /^\s*(-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение|forwarded message)\s*-{2,}|-- ?|(?:.{0,120}[\s,.;)])?(писали|писал|написал|написала|пишет|wrote)(\s*\(а\))?:)\s*$/i;

function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The text of a question as the join compares it: quoted reply lines and everything after a reply marker dropped, then
 * case folded, ё = е, every run of punctuation and spaces one space. The export and the e-mail of the same question
 * differ in line breaks, quotes («» vs "") and dashes; they agree on the words.
 */
export function questionTextKey(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (REPLY_MARKER.test(line)) break;
    if (!QUOTE_LINE.test(line)) lines.push(line);
  }
  const key = fold(lines.join(' '));
  if (key.length <= MAX_KEY) return key;
  return `${key.slice(0, MAX_KEY - 70)}#${crypto.createHash('sha256').update(key).digest('hex')}`;
}

/** ФИО compared: case, ё, spaces and punctuation folded («Сидоренко  Анна В.» = «сидоренко анна в»). Null when empty. */
export function fioKey(fio: string | null | undefined): string | null {
  const k = fio ? fold(fio) : '';
  return k || null;
}

/** E-mail compared: trimmed, lower case, surrounding angle brackets or «mailto:» removed. Null when empty. */
export function emailKey(email: string | null | undefined): string | null {
  const k = (email ?? '')
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<|>$/g, '')
    .trim()
    .toLowerCase();
  return k || null;
}

const MOSCOW_OFFSET_MS = 3 * 3600_000;

/** The Moscow calendar date of a UTC instant (Moscow has kept UTC+3 all year since 2014). */
export function moscowDate(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}

/** A Moscow wall-clock time (from the КЦ's files) as a UTC ISO instant. */
export function moscowToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  // Date.UTC rolls 31.02 over to 03.03: such a date is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(t - MOSCOW_OFFSET_MS).toISOString();
}

/** A kit in the КЦ's number space (system number, distribution, comp), the join's kit key. */
export interface KitNumbers {
  systemNumber: number;
  distrNumber: number;
  comp: number;
}

/**
 * The kit a question e-mail names («SKJP_000123_02» or «1_000123_02»), in numbers: the export names systems by number,
 * so a code is converted through the catalogue. Null when the text names no kit or the system has no number.
 */
export function kitNumbersOfText(cat: SystemCatalog, text: string | null | undefined): KitNumbers | null {
  if (!text) return null;
  const k = findKit(cat, text);
  if (!k) return null;
  if (k.kind === 'kit') return k.system.number == null ? null : { systemNumber: k.system.number, distrNumber: k.kit.number, comp: k.kit.comp };
  if (k.kind === 'unknown_system_number') return { systemNumber: k.systemNumber, distrNumber: k.number, comp: k.comp ?? 1 };
  return null;
}

export const sameKit = (a: KitNumbers, b: KitNumbers): boolean => a.systemNumber === b.systemNumber && a.distrNumber === b.distrNumber && a.comp === b.comp;

/** The asker's identity for the join: the same e-mail, or the same ФИО (when the e-mails differ or one is missing). */
export function sameAsker(a: { email: string | null; fio: string | null }, b: { email: string | null; fio: string | null }): boolean {
  const ea = emailKey(a.email);
  const eb = emailKey(b.email);
  if (ea && eb && ea === eb) return true;
  const fa = fioKey(a.fio);
  const fb = fioKey(b.fio);
  return !!fa && !!fb && fa === fb;
}
