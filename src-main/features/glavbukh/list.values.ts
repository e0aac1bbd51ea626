// Cells of a certified list read as values: dates in the forms lists use, statuses in Russian words, ИНН/КПП, names compared loosely.
import type { GbStatus } from '../../../src-shared/glavbukh';
import { excelSerialDate } from '../imports/sheet/xlsx';

const validYmd = (y: number, m: number, d: number): string | null => {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
};

/** DD.MM.YYYY (also `/`, `-`, two-digit years), YYYY-MM-DD (a time after it ignored), an Excel serial day; undefined = not a date. */
export function parseListDate(raw: string): string | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s.*)?$/.exec(s);
  if (m) {
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
    return validYmd(y, Number(m[2]), Number(m[1])) ?? undefined;
  }
  if (/^\d{4,5}(\.\d+)?$/.test(s)) {
    const n = Number(s);
    if (n >= 20_000 && n <= 80_000) return excelSerialDate(n) ?? undefined;
  }
  return undefined;
}

const STATUS_WORDS: [GbStatus, RegExp][] = [
  ['revoked', /^(revoked|отозван|аннулирован|отменен)/],
  ['expired', /^(expired|истек|просрочен|недействител|не действ)/],
  ['requested', /^(requested|заявк|запрошен|подан|на рассмотрении|ожидает)/],
  ['certified', /^(certified|сертифицирован|выдан|действ|активен|да$|есть$)/],
];

/** A status cell as a status: null when empty (the row's default), undefined when the word is unknown. */
export function parseListStatus(raw: string): GbStatus | null | undefined {
  const s = raw.trim().toLowerCase().replace(/ё/g, 'е');
  if (s === '') return null;
  for (const [status, re] of STATUS_WORDS) if (re.test(s)) return status;
  return undefined;
}

/** ИНН as digits; a number cell that lost its leading zero (9 or 11 digits) gets it back. */
export function cleanInn(raw: string): string | null {
  const d = raw.replace(/\D/g, '');
  if (d === '') return null;
  return d.length === 9 || d.length === 11 ? `0${d}` : d;
}

export function cleanKpp(raw: string): string | null {
  const d = raw.replace(/\s/g, '').toUpperCase();
  if (d === '') return null;
  return /^\d{8}$/.test(d) ? `0${d}` : d;
}

/** A distribution number (digits; `12345-1` or `12345/2` take the number before the computer). */
export function cleanDistr(raw: string): number | null {
  const m = /^\D*(\d{1,12})/.exec(raw.trim());
  return m ? Number(m[1]) : null;
}

const FORMS =
  /(^| )(ооо|оао|зао|пао|ао|нао|ип|чп|нко|ано|фгуп|гуп|муп|мбу|мку|мау|гбу|гку|гау|фгбу|тсж|снт|общество с ограниченной ответственностью|открытое акционерное общество|закрытое акционерное общество|публичное акционерное общество|непубличное акционерное общество|акционерное общество|индивидуальный предприниматель)(?= |$)/gu;

/** A name as matching compares it: lower case, ё → е, no quotes or punctuation, no legal form, spaces collapsed. */
export function normaliseName(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'„“”`.,()\-–—№]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Spaces bound the forms (\b does not see Cyrillic letters as word characters).
  return s.replace(FORMS, ' ').replace(/\s+/g, ' ').trim();
}

/** The last valid day of a certificate issued on a day and valid for some months. */
export function validUntilOf(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  // 31 January + 1 month is 3 March in Date arithmetic: stop at the month's end instead.
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
