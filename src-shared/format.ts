// Russian formatting shared by print forms and screens: dates, money, amounts in words, plurals (no Node imports).

/** Groups thousands with a no-break space so that a number never wraps inside. */
const NBSP = '\u00a0';

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const MONTHS_NOMINATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

function parts(iso: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

// A date that is not a calendar day (a row stored before dates were range-checked, e.g. `+010000-01`) is
// shown as stored: one such value must not break a whole screen, list or print form.

/** 27.11.2026 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  if (!p) return iso;
  return `${String(p.d).padStart(2, '0')}.${String(p.m).padStart(2, '0')}.${p.y}`;
}

/** A UTC timestamp in local time: 27.11.2026 14:05. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A file size: 840 КБ, 7,5 МБ, 1,2 ГБ. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1).replace('.', ',')} ГБ`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}

/** «27» ноября 2026 г. — the form of dates in contracts and their headers. */
export function formatDateLong(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `«${String(p.d).padStart(2, '0')}»${NBSP}${MONTHS_GENITIVE[p.m - 1]} ${p.y}${NBSP}г.`;
}

/** 27 ноября 2026 г. — dates inside running text. */
export function formatDateText(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${p.d}${NBSP}${MONTHS_GENITIVE[p.m - 1]} ${p.y}${NBSP}г.`;
}

/** ноябрь 2026 г. — a month as a period (acts for a month of service). */
export function formatMonth(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${MONTHS_NOMINATIVE[p.m - 1]} ${p.y}${NBSP}г.`;
}

function groupThousands(n: bigint | number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** 1 234,56 — an amount in kopecks without the currency sign (tables of print forms). */
export function formatAmount(kop: number): string {
  if (!Number.isSafeInteger(kop)) throw new RangeError(`amount must be whole kopecks: ${kop}`);
  const sign = kop < 0 ? '-' : '';
  const abs = Math.abs(kop);
  return `${sign}${groupThousands(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}`;
}

/** 1 234,56 ₽ */
export function formatMoney(kop: number): string {
  return `${formatAmount(kop)}${NBSP}₽`;
}

/** Picks the Russian plural form: 1 день, 2 дня, 5 дней (11–14 take the third form). */
export function plural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

/** «5 дней» */
export function formatDays(n: number): string {
  return `${n}${NBSP}${plural(n, 'день', 'дня', 'дней')}`;
}

const ONES_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const ONES_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

/** Scales from 10^3 up; gender decides «одна тысяча» / «один миллион». */
const SCALES: { forms: [string, string, string]; feminine: boolean }[] = [
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
  { forms: ['триллион', 'триллиона', 'триллионов'], feminine: false },
];

function triadWords(n: number, feminine: boolean): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const o = n % 10;
  if (h) out.push(HUNDREDS[h]!);
  if (t === 1) out.push(TEENS[o]!);
  else {
    if (t) out.push(TENS[t]!);
    if (o) out.push((feminine ? ONES_F : ONES_M)[o]!);
  }
  return out;
}

/** A whole number in words: 1234 → «одна тысяча двести тридцать четыре» (feminine for «одна/две» of the unit itself). */
export function numberInWords(value: number, feminine = false): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
  if (value === 0) return 'ноль';
  const words: string[] = value < 0 ? ['минус'] : [];
  let rest = Math.abs(value);
  const triads: number[] = [];
  while (rest > 0) {
    triads.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  for (let i = triads.length - 1; i >= 0; i--) {
    const n = triads[i]!;
    if (n === 0) continue;
    if (i === 0) words.push(...triadWords(n, feminine));
    else {
      const scale = SCALES[i - 1];
      if (!scale) throw new RangeError(`number too large: ${value}`);
      words.push(...triadWords(n, scale.feminine), plural(n, ...scale.forms));
    }
  }
  return words.join(' ');
}

/** «одна тысяча двести тридцать четыре рубля 56 копеек»; `capital` starts it with a capital letter (the start of a sentence). */
export function amountInWords(kop: number, opts: { capital?: boolean } = {}): string {
  if (!Number.isSafeInteger(kop)) throw new RangeError(`amount must be whole kopecks: ${kop}`);
  const abs = Math.abs(kop);
  const rub = Math.floor(abs / 100);
  const k = abs % 100;
  const text = `${kop < 0 ? 'минус ' : ''}${numberInWords(rub)} ${plural(rub, 'рубль', 'рубля', 'рублей')} ${String(k).padStart(2, '0')} ${plural(k, 'копейка', 'копейки', 'копеек')}`;
  return opts.capital ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Surname and initials: «Иванов Иван Петрович» → «Иванов И. П.» (signature lines). */
export function shortFio(full: string | null | undefined): string {
  if (!full) return '';
  const [surname, ...names] = full.trim().split(/\s+/);
  if (!surname) return '';
  const initials = names.map((n) => `${n.charAt(0).toUpperCase()}.`).join(NBSP);
  return initials ? `${surname}${NBSP}${initials}` : surname;
}
