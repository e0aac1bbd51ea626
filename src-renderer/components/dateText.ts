// Typed dates: what a date field accepts (ДД.ММ.ГГГГ, a four-digit year only) and why it refuses the rest.
import { DATE_MAX, DATE_MIN, isValidIsoDate } from '../../src-shared/api/common';

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** ISO date for a complete typed date, or null. A two-digit year is never completed by guessing. */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  let iso: string;
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) iso = t;
  else return null;
  return isValidIsoDate(iso) ? iso : null;
}

/** Text a field shows for a held value: ISO as ДД.ММ.ГГГГ, anything else (an unfinished entry) as is. */
export function dateText(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? ru(value) : value;
}

export interface DateRules {
  required?: boolean;
  /** Latest allowed ISO date; with `maxMessage` or «Дата не может быть в будущем» when it is today. */
  max?: string;
  maxMessage?: string;
  min?: string;
  minMessage?: string;
}

/** Why a held date value (ISO, or the raw text of an entry that is not a date) is refused, or null. */
export function dateError(value: string | null | undefined, rules: DateRules = {}): string | null {
  const v = (value ?? '').trim();
  if (!v) return rules.required ? 'Обязательное поле' : null;
  if (!isValidIsoDate(v)) return typedDateProblem(v);
  if (rules.max && v > rules.max) return rules.maxMessage ?? `Не позже ${ru(rules.max)}`;
  if (rules.min && v < rules.min) return rules.minMessage ?? `Не раньше ${ru(rules.min)}`;
  return null;
}

/** The reason a typed text is not a date, in words the user can act on. */
export function typedDateProblem(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d+)$/.exec(t);
  if (!m) return 'Введите дату как ДД.ММ.ГГГГ, например 27.11.2026';
  if (m[3]!.length !== 4) return 'Введите год полностью: ДД.ММ.ГГГГ';
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const day = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso) return `Такой даты нет: ${t}`;
  return `Допустимы даты с ${ru(DATE_MIN)} по ${ru(DATE_MAX)}`;
}
