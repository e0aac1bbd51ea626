// Checks of Russian company requisites (ИНН, КПП, ОГРН, ОГРНИП, БИК, bank accounts) and their Russian messages.

/**
 * Machine-readable reason a requisite was refused. The main process sends only the code;
 * the renderer turns it into text with {@link requisiteMessage}.
 *
 * - `digits`   — the value contains something other than digits (spaces included: callers may
 *                strip spaces before checking if they want to be lenient);
 * - `length`   — wrong number of digits / characters;
 * - `format`   — wrong shape (КПП pattern);
 * - `checksum` — the check digit / control key does not match;
 * - `bik`      — an account cannot be checked because the БИК given with it is itself invalid.
 */
export type RequisiteErrorCode = 'length' | 'digits' | 'checksum' | 'format' | 'bik';

export interface RequisiteError {
  code: RequisiteErrorCode;
}

export type RequisiteField = 'inn' | 'kpp' | 'ogrn' | 'ogrnip' | 'bik' | 'account' | 'corrAccount';

const ONLY_DIGITS = /^\d+$/;

function err(code: RequisiteErrorCode): RequisiteError {
  return { code };
}

function digitsOf(v: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) out.push(v.charCodeAt(i) - 48);
  return out;
}

/** Weighted sum of the first `weights.length` digits, then mod 11, then mod 10 (the ИНН rule). */
function innCheckDigit(d: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (d[i] ?? 0) * (weights[i] ?? 0);
  return (sum % 11) % 10;
}

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

/** ИНН: 10 digits (legal entity) or 12 digits (individual / ИП), with published check digits. */
export function checkInn(v: string): RequisiteError | null {
  if (!ONLY_DIGITS.test(v)) return err('digits');
  if (v.length !== 10 && v.length !== 12) return err('length');
  const d = digitsOf(v);
  if (v.length === 10) {
    return innCheckDigit(d, INN10_WEIGHTS) === d[9] ? null : err('checksum');
  }
  if (innCheckDigit(d, INN12_WEIGHTS_11) !== d[10]) return err('checksum');
  if (innCheckDigit(d, INN12_WEIGHTS_12) !== d[11]) return err('checksum');
  return null;
}

const KPP_PATTERN = /^\d{4}[\dA-Z]{2}\d{3}$/;

/** КПП: 9 characters, `NNNNPPNNN` where PP may be digits or Latin capitals. */
export function checkKpp(v: string): RequisiteError | null {
  if (v.length !== 9) return err('length');
  return KPP_PATTERN.test(v) ? null : err('format');
}

/**
 * Remainder of a decimal string (of any length) divided by a small modulus, computed digit by
 * digit so that no precision is lost (a 14-digit number is beyond what we want to trust to float).
 */
function decimalMod(digits: string, modulus: number): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % modulus;
  return r;
}

function checkOgrnLike(v: string, length: number, modulus: number): RequisiteError | null {
  if (!ONLY_DIGITS.test(v)) return err('digits');
  if (v.length !== length) return err('length');
  const body = v.slice(0, length - 1);
  const check = v.charCodeAt(length - 1) - 48;
  return decimalMod(body, modulus) % 10 === check ? null : err('checksum');
}

/** ОГРН: 13 digits; check digit = (first 12 digits as a number mod 11) mod 10. */
export function checkOgrn(v: string): RequisiteError | null {
  return checkOgrnLike(v, 13, 11);
}

/** ОГРНИП: 15 digits; check digit = (first 14 digits as a number mod 13) mod 10. */
export function checkOgrnip(v: string): RequisiteError | null {
  return checkOgrnLike(v, 15, 13);
}

/** БИК: 9 digits (checked by format only; there is no check digit). */
export function checkBik(v: string): RequisiteError | null {
  if (!ONLY_DIGITS.test(v)) return err('digits');
  return v.length === 9 ? null : err('length');
}

const ACCOUNT_WEIGHTS = [7, 1, 3] as const;

/**
 * Central Bank control key: the 3-digit prefix + the 20-digit account (23 digits) weighted
 * 7,1,3,7,1,3,…; the sum of the last digits of the products must end in 0.
 */
function accountKeyOk(prefix3: string, account20: string): boolean {
  const s = prefix3 + account20;
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const w = ACCOUNT_WEIGHTS[i % 3] ?? 0;
    sum += ((s.charCodeAt(i) - 48) * w) % 10;
  }
  return sum % 10 === 0;
}

function checkAccountLike(account: string, bik: string, prefix: (bik: string) => string): RequisiteError | null {
  if (!ONLY_DIGITS.test(account)) return err('digits');
  if (account.length !== 20) return err('length');
  if (checkBik(bik) !== null) return err('bik');
  return accountKeyOk(prefix(bik), account) ? null : err('checksum');
}

/**
 * Settlement (расчётный) account opened in a credit institution: 20 digits, control key computed
 * with the last 3 digits of the bank's БИК. If `bik` is not a valid БИК the result is `{code:'bik'}`.
 */
export function checkAccount(account: string, bik: string): RequisiteError | null {
  return checkAccountLike(account, bik, (b) => b.slice(6, 9));
}

/**
 * Correspondent account of a bank: 20 digits, control key computed with "0" + digits 5–6 of the
 * БИК (the code of the Bank of Russia division). If `bik` is not a valid БИК the result is `{code:'bik'}`.
 */
export function checkCorrAccount(corr: string, bik: string): RequisiteError | null {
  return checkAccountLike(corr, bik, (b) => '0' + b.slice(4, 6));
}

/** Field names as they appear at the start of a message. */
const FIELD_TITLES: Record<RequisiteField, string> = {
  inn: 'ИНН',
  kpp: 'КПП',
  ogrn: 'ОГРН',
  ogrnip: 'ОГРНИП',
  bik: 'БИК',
  account: 'Расчётный счёт',
  corrAccount: 'Корреспондентский счёт',
};

/** What a correct value looks like, used in `length` messages. */
const LENGTH_MESSAGES: Record<RequisiteField, string> = {
  inn: 'ИНН должен содержать 10 или 12 цифр',
  kpp: 'КПП должен содержать 9 символов',
  ogrn: 'ОГРН должен содержать 13 цифр',
  ogrnip: 'ОГРНИП должен содержать 15 цифр',
  bik: 'БИК должен содержать 9 цифр',
  account: 'Расчётный счёт должен содержать 20 цифр',
  corrAccount: 'Корреспондентский счёт должен содержать 20 цифр',
};

/**
 * A clear Russian message for a refused requisite. Accepts any `{ code: string }` (codes arrive over
 * IPC/HTTP as plain strings); an unknown code gives a generic message rather than throwing.
 */
export function requisiteMessage(field: RequisiteField, error: { code: string }): string {
  const title = FIELD_TITLES[field];
  const isAccount = field === 'account' || field === 'corrAccount';
  switch (error.code) {
    case 'length':
      return LENGTH_MESSAGES[field];
    case 'digits':
      return field === 'kpp'
        ? 'КПП может содержать только цифры и заглавные латинские буквы'
        : `${title} должен состоять только из цифр`;
    case 'format':
      return field === 'kpp'
        ? 'КПП: неверный формат — ожидается 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры'
        : `${title}: неверный формат`;
    case 'checksum':
      return isAccount
        ? `${title} не сходится с БИК банка (контрольный ключ) — проверьте номер счёта и БИК`
        : `${title}: контрольная сумма не сходится — проверьте цифры`;
    case 'bik':
      return `${title}: нельзя проверить счёт, пока БИК банка указан неверно — сначала исправьте БИК`;
    default:
      return `${title}: неверное значение`;
  }
}
