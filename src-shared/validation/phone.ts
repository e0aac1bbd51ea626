// Phone number normalisation, display formatting and search digits for Russian (+7) numbers.

/**
 * A phone number reduced to a canonical form.
 *
 * Three kinds of input are recognised:
 * - a full Russian number (zone +7, written with +7, 8, 7 or without prefix):
 *   `digits` is the 10-digit national significant number, `e164` is `+7XXXXXXXXXX`;
 * - a local number without an area code (5–7 digits, e.g. `222-33-44`): `digits` holds exactly
 *   those digits and `e164` is `null`, because the area code is unknown. Pass
 *   `{ areaCode: '423' }` to {@link normalizePhone} to complete it into a full number instead;
 * - a foreign number written with `+` and a country code other than 7 (e.g. `+375 29 123-45-67`):
 *   `digits` is all digits including the country code, `e164` is `+` + digits.
 *
 * An extension (`доб. 123`, `вн. 12`, `ext. 5`, `x 5`) at the end is moved into `ext`.
 */
export interface NormalizedPhone {
  digits: string;
  e164: string | null;
  ext: string | null;
}

export interface NormalizePhoneOptions {
  /**
   * Area code to prepend to a local number without one (e.g. `'423'` for Vladivostok).
   * Used only when area code + local digits make exactly 10 digits.
   */
  areaCode?: string;
}

/** Extension at the end of the string: "доб. 123", "добавочный 12", "вн. 5", "ext 5", "x5", "#5". */
const EXTENSION = /[\s,;]*(?:доб(?:авочный)?|вн(?:утр(?:енний)?)?|ext(?:ension)?|x|#)\.?\s*:?\s*(\d{1,6})\s*$/i;

/** Optional label before the number: "тел.", "тел:", "т.", "tel:", "моб.", "phone". */
const LABEL = /^\s*(?:тел(?:ефон)?|т|моб(?:ильный)?|сот(?:овый)?|tel|phone)\.?\s*:?\s*/i;

/** Characters allowed inside a phone number besides digits. */
const PHONE_CHARS = /^[\d\s+\-\u2010-\u2015().]*$/;

/** A 10-digit number in zone +7 starts with 3, 4, 8, 9 (Russia), 7 (Kazakhstan) or the reserved 5, 6. */
const NATIONAL_10 = /^[3-9]\d{9}$/;

function splitExtension(raw: string): { body: string; ext: string | null } {
  const m = EXTENSION.exec(raw);
  if (!m || m.index === 0) return { body: raw, ext: null };
  return { body: raw.slice(0, m.index), ext: m[1] ?? null };
}

function national(digits10: string, ext: string | null): NormalizedPhone {
  return { digits: digits10, e164: '+7' + digits10, ext };
}

/**
 * Parses a phone number written in any common way; returns `null` for text that is not one phone
 * number (letters, several numbers, wrong digit count).
 */
export function normalizePhone(raw: string, options: NormalizePhoneOptions = {}): NormalizedPhone | null {
  const { body: withLabel, ext } = splitExtension(raw.trim());
  const body = withLabel.replace(LABEL, '').trim();
  if (body === '' || !PHONE_CHARS.test(body)) return null;
  // '+' is allowed only once, at the very start.
  const plus = body.startsWith('+');
  if (body.indexOf('+', 1) !== -1) return null;
  const digits = body.replace(/\D/g, '');

  if (plus) {
    if (digits.startsWith('7')) {
      const rest = digits.slice(1);
      return NATIONAL_10.test(rest) ? national(rest, ext) : null;
    }
    // Foreign number: E.164 allows at most 15 digits; shorter than 8 is not a real number.
    if (digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0')) {
      return { digits, e164: '+' + digits, ext };
    }
    return null;
  }

  if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    const rest = digits.slice(1);
    return NATIONAL_10.test(rest) ? national(rest, ext) : null;
  }
  if (digits.length === 10) {
    return NATIONAL_10.test(digits) ? national(digits, ext) : null;
  }
  if (digits.length >= 5 && digits.length <= 7) {
    const area = options.areaCode?.replace(/\D/g, '') ?? '';
    if (area !== '' && NATIONAL_10.test(area + digits)) return national(area + digits, ext);
    return { digits, e164: null, ext };
  }
  return null;
}

/**
 * Display form of the `digits` of a {@link NormalizedPhone}:
 * 10 digits → `+7 (423) 222-33-44`; 7 → `222-33-44`; 6 → `22-33-44`; 5 → `2-33-44`;
 * 11–15 digits (a foreign number with its country code) → `+` + digits. Anything else is returned
 * unchanged. An extension, when given, is appended as `, доб. 123`.
 */
export function formatPhone(digits: string, ext?: string | null): string {
  const d = digits;
  let out: string;
  if (!/^\d+$/.test(d)) out = d;
  else if (d.length === 10) out = `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
  else if (d.length >= 5 && d.length <= 7) {
    const head = d.slice(0, d.length - 4);
    out = `${head}-${d.slice(-4, -2)}-${d.slice(-2)}`;
  } else if (d.length >= 11 && d.length <= 15) out = '+' + d;
  else out = d;
  return ext ? `${out}, доб. ${ext}` : out;
}

/**
 * The digits to search phone numbers by (stored numbers are the `digits` of {@link NormalizedPhone}):
 * non-digits and a trailing extension are dropped; an 11-digit input starting with 7 or 8 loses that
 * prefix, and a partial input written with an explicit `+7` loses the 7. Returns `''` when the query
 * holds no digits.
 */
export function phoneSearchDigits(query: string): string {
  const { body } = splitExtension(query.trim());
  const digits = body.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) return digits.slice(1);
  if (/^\s*\+\s*7/.test(body) && digits.length <= 11) return digits.slice(1);
  return digits;
}
