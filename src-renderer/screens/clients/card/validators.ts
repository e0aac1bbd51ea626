// Checks the card's forms run as the user types: the same rules as the contract, with Russian messages.
import { checkAccount, checkBik, checkCorrAccount, checkInn, checkKpp, checkOgrn, checkOgrnip, requisiteMessage } from '../../../../src-shared/validation/requisites';
import { normalizePhone, formatPhone } from '../../../../src-shared/validation/phone';

export type Errors = Record<string, string>;

export const REQUIRED = 'Обязательное поле';

export function required(v: string): string | null {
  return v.trim() ? null : REQUIRED;
}

export function innError(v: string, isRequired = false): string | null {
  const t = v.trim();
  if (!t) return isRequired ? REQUIRED : null;
  const e = checkInn(t);
  return e ? requisiteMessage('inn', e) : null;
}

export function kppError(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  const e = checkKpp(t);
  return e ? requisiteMessage('kpp', e) : null;
}

/** ОГРН (13 digits) or ОГРНИП (15 digits): the length tells which. */
export function ogrnError(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  if (t.length === 15) {
    const e = checkOgrnip(t);
    return e ? requisiteMessage('ogrnip', e) : null;
  }
  const e = checkOgrn(t);
  return e ? requisiteMessage('ogrn', e) : null;
}

export function bikError(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  const e = checkBik(t);
  return e ? requisiteMessage('bik', e) : null;
}

/** A settlement or correspondent account, checked with the bank's БИК. */
export function accountError(kind: 'account' | 'corrAccount', v: string, bik: string): string | null {
  const t = v.trim();
  if (!t) return null;
  if (!bik.trim()) return 'Укажите БИК банка: счёт проверяется вместе с ним';
  const e = (kind === 'account' ? checkAccount : checkCorrAccount)(t, bik.trim());
  return e ? requisiteMessage(kind, e) : null;
}

export function phoneError(v: string): string | null {
  if (!v.trim()) return REQUIRED;
  return normalizePhone(v) ? null : 'Телефон не распознан: например, +7 (423) 222-33-44';
}

/** How a typed phone will be shown once saved, e.g. `+7 (423) 222-33-44`; null while it is not a phone. */
export function phonePreview(v: string): string | null {
  const n = normalizePhone(v);
  return n ? formatPhone(n.digits, n.ext) : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function emailError(v: string): string | null {
  if (!v.trim()) return REQUIRED;
  return EMAIL.test(v.trim()) ? null : 'Неверный адрес электронной почты';
}

/** Drops empty messages: what is left is what stops a save. */
export function compact(errors: Record<string, string | null | undefined>): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(errors)) if (v) out[k] = v;
  return out;
}
