// Cell values of a ГЛ call list: dates, times, one date-time cell, durations in any of their spellings, kits, phones, operator names.
import { parseListDate } from '../glavbukh/list.values';

const pad = (n: number) => String(n).padStart(2, '0');

/** A time of day `HH:MM[:SS]`, `HH.MM`, or an Excel day fraction (0 ≤ n < 1) as HH:MM:SS; null when empty, undefined when unreadable. */
export function parseCallTime(raw: string): string | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  const m = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?$/.exec(s);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const sec = Number(m[3] ?? 0);
    return h < 24 && min < 60 && sec < 60 ? `${pad(h)}:${pad(min)}:${pad(sec)}` : undefined;
  }
  if (/^0?\.\d+$|^0$/.test(s)) {
    const total = Math.round(Number(s) * 86_400);
    if (total >= 86_400) return undefined;
    return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
  }
  return undefined;
}

/** A date cell as YYYY-MM-DD (the Главбух list's reader: ISO, dd.mm.yyyy, an Excel serial); null empty, undefined unreadable. */
export function parseCallDate(raw: string): string | null | undefined {
  const s = raw.trim();
  // A date written with a time after it: the date part only.
  const m = /^(\S+)\s+\d{1,2}:\d{2}/.exec(s);
  return parseListDate(m ? m[1]! : s.replace(/T.*$/, ''));
}

/** One date-time cell: `dd.mm.yyyy hh:mm[:ss]`, ISO `yyyy-mm-ddThh:mm[:ss]`, or an Excel serial with a fraction. */
export function parseCallDateTime(raw: string): { date: string; time: string } | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  const serial = /^\d{4,5}\.\d+$/.exec(s);
  if (serial) {
    const n = Number(s);
    const date = parseListDate(String(Math.floor(n)));
    const time = parseCallTime(String(n - Math.floor(n)).replace(/^0(?=\.)/, '0'));
    return date && time ? { date, time } : undefined;
  }
  const m = /^(\S+?)(?:[T\s]+(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return undefined;
  const date = parseListDate(m[1]!);
  const time = m[2] ? parseCallTime(m[2]) : '00:00:00';
  return date && time ? { date, time } : undefined;
}

/**
 * How the duration column is read. Decided from the header first — «мин»/«min» means minutes (a decimal allowed),
 * «сек»/«sec» seconds — then from the values: any value with a colon means clock spelling (`mm:ss`, or `hh:mm:ss` with
 * three parts), plain numbers without a header word are seconds (what telephony exports write).
 */
export type DurationUnit = 'seconds' | 'minutes' | 'clock';

export function durationUnitOf(header: string, values: string[]): DurationUnit {
  const h = header.toLowerCase();
  if (/мин|min/.test(h) && !/сек|sec/.test(h)) return 'minutes';
  if (/сек|sec|(?<![а-яё])с(?![а-яё])/.test(h)) return values.some((v) => v.includes(':')) ? 'clock' : 'seconds';
  return values.some((v) => v.includes(':')) ? 'clock' : 'seconds';
}

/** A duration in whole seconds; null when empty, undefined when unreadable or negative. A clock value is read as clock whatever the unit. */
export function parseDuration(raw: string, unit: DurationUnit): number | null | undefined {
  const s = raw.trim().replace(',', '.');
  if (s === '') return null;
  const clock = /^(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? null : Number(clock[3])];
    if (c === null) return b < 60 ? a * 60 + b : undefined;
    return b < 60 && c < 60 ? a * 3600 + b * 60 + c : undefined;
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n > 10_000_000) return undefined;
  return unit === 'minutes' ? Math.round(n * 60) : Math.round(n);
}

/** A kit cell: `SKJP 123456`, `SKJP-123456`, or the number alone. */
export function parseKit(raw: string): { code: string | null; number: number } | null {
  const s = raw.trim().toUpperCase();
  const m = /^(?:([A-ZА-ЯЁ][A-ZА-ЯЁ0-9_]*)[\s\-–#№:]*)?(\d{1,9})(?:\s*[-/]\s*\d{1,3})?$/.exec(s);
  if (!m) return null;
  return { code: m[1] ?? null, number: Number(m[2]) };
}

/** The digits phones are compared by: the last 10 (the national number) when there are at least 10, else all of them. */
export function phoneKey(raw: string): string | null {
  const d = raw.replace(/\D/g, '');
  if (d.length < 5) return null;
  return d.length >= 10 ? d.slice(-10) : d;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Keys a person's name is looked up by: the full name, and surname + initials (`иванова ав`). */
export function nameKeys(name: string): { full: string; initials: string | null } {
  const w = words(name);
  // «Иванова А.В.» written together: split the initials.
  const parts = w.flatMap((x, i) => (i > 0 && /^[а-яa-z]{1,2}$/.test(x) ? x.split('') : [x]));
  const full = parts.join(' ');
  const initials = parts.length >= 2 ? `${parts[0]} ${parts.slice(1, 3).map((x) => x[0]).join('')}` : null;
  return { full, initials };
}
