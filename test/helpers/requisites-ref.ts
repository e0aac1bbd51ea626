// Reference checks of Russian requisites written from their published definitions, independent of src-shared/validation
// (which the demo generator also asks for check digits), so that tests of generated data can fail.

const digits = (s: string) => [...s].map(Number);
const weighted = (d: number[], w: number[]) => w.reduce((sum, k, i) => sum + k * d[i]!, 0);

/** ИНН: 10 digits (one check digit) for an organisation, 12 (two) for a person; each check = weighted sum mod 11 mod 10. */
export function innOk(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = digits(inn);
  if (d.length === 10) return (weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10 === d[9];
  const n11 = (weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  const n12 = (weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  return n11 === d[10] && n12 === d[11];
}

/** КПП: tax office (4 digits), reason (2 digits or capital Latin letters), number (3 digits). */
export const kppOk = (kpp: string): boolean => /^\d{4}[0-9A-Z]{2}\d{3}$/.test(kpp);

/** ОГРН (13 digits): the first 12 as a number mod 11, then mod 10, is the last. ОГРНИП (15): the first 14 mod 13, mod 10. */
export function ogrnOk(ogrn: string): boolean {
  if (/^\d{13}$/.test(ogrn)) return Number((BigInt(ogrn.slice(0, 12)) % 11n) % 10n) === Number(ogrn[12]);
  if (/^\d{15}$/.test(ogrn)) return Number((BigInt(ogrn.slice(0, 14)) % 13n) % 10n) === Number(ogrn[14]);
  return false;
}

export const bikOk = (bik: string): boolean => /^\d{9}$/.test(bik);

/** Bank of Russia control key: over the 3-digit prefix + 20-digit account, Σ digit × (7, 1, 3, 7, 1, 3, …) ends in 0. */
function keyOk(prefix: string, account: string): boolean {
  if (!/^\d{20}$/.test(account) || !/^\d{3}$/.test(prefix)) return false;
  const d = digits(prefix + account);
  return d.reduce((sum, x, i) => sum + x * [7, 1, 3][i % 3]!, 0) % 10 === 0;
}

/** A settlement account is keyed with the last three digits of its bank's БИК. */
export const accountOk = (account: string, bik: string): boolean => bikOk(bik) && keyOk(bik.slice(6), account);

/** A correspondent account is keyed with «0» and digits 5–6 of the БИК. */
export const corrAccountOk = (account: string, bik: string): boolean => bikOk(bik) && keyOk(`0${bik.slice(4, 6)}`, account);

/** The account with its key digit (position 9) set so that it is valid under `prefix3` (for building test data). */
export function withControlKey(prefix3: string, account20: string): string {
  for (let k = 0; k <= 9; k++) {
    const candidate = account20.slice(0, 8) + String(k) + account20.slice(9);
    if (keyOk(prefix3, candidate)) return candidate;
  }
  throw new Error('no key digit');
}
