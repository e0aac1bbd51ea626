// Generates requisites that pass the shared checks: the check digit is found by asking the real validator.
import {
  checkAccount,
  checkCorrAccount,
  checkInn,
  checkOgrn,
  checkOgrnip,
} from '../../src-shared/validation/requisites';
import type { Rng } from './random';

/** Appends the one digit that makes `check(body + d)` pass; every algorithm here has exactly one. */
function withCheckDigit(body: string, check: (v: string) => unknown): string {
  for (let d = 0; d <= 9; d++) {
    const v = body + d;
    if (check(v) === null) return v;
  }
  throw new Error(`no check digit for ${body}`);
}

/** ИНН of a legal entity: tax office (4) + serial (5) + check digit. */
export function innLegal(taxOffice: string, serial5: string): string {
  return withCheckDigit(taxOffice + serial5, checkInn);
}

/** ИНН of a person or ИП: tax office (4) + serial (6) + two check digits. */
export function innPerson(taxOffice: string, serial6: string): string {
  const body = taxOffice + serial6;
  for (let a = 0; a <= 9; a++) {
    for (let b = 0; b <= 9; b++) {
      const v = `${body}${a}${b}`;
      if (checkInn(v) === null) return v;
    }
  }
  throw new Error(`no check digits for ${body}`);
}

/** КПП of the head office: tax office of the ИНН + reason 01 + serial 001. */
export function kppFor(inn: string): string {
  return `${inn.slice(0, 4)}01001`;
}

/** ОГРН: sign 1 + year (2) + region (2) + serial (7) + check. */
export function ogrn(rng: Rng, year: number, regionCode: string): string {
  return withCheckDigit(`1${String(year % 100).padStart(2, '0')}${regionCode}${rng.digits(7)}`, checkOgrn);
}

/** ОГРНИП: sign 3 + year (2) + region (2) + serial (9) + check. */
export function ogrnip(rng: Rng, year: number, regionCode: string): string {
  return withCheckDigit(`3${String(year % 100).padStart(2, '0')}${regionCode}${rng.digits(9)}`, checkOgrnip);
}

/** БИК: 04 + region ОКАТО (2) + division (2) + bank (3). */
export function bik(rng: Rng, okato: string): string {
  return `04${okato}${rng.digits(2)}${String(rng.int(100, 999))}`;
}

/** Puts the control key (position 9) into a 20-digit account so that `check(account, bik)` passes. */
function withKey(head8: string, tail11: string, bikValue: string, check: (a: string, b: string) => unknown): string {
  for (let k = 0; k <= 9; k++) {
    const v = `${head8}${k}${tail11}`;
    if (check(v, bikValue) === null) return v;
  }
  throw new Error(`no control key for ${head8}…${tail11} / ${bikValue}`);
}

/** Correspondent account of the bank at the Bank of Russia: 30101 810 K 00000000 + last 3 digits of БИК. */
export function corrAccount(bikValue: string): string {
  return withKey('30101810', `00000000${bikValue.slice(6)}`, bikValue, checkCorrAccount);
}

/** Settlement account: balance account (40702 company, 40802 ИП, 40603 budget) + 810 + key + branch (4) + serial (7). */
export function settlementAccount(rng: Rng, bikValue: string, balance: '40702' | '40802' | '40603'): string {
  return withKey(`${balance}810`, `${rng.digits(4)}${rng.digits(7)}`, bikValue, checkAccount);
}
