// Tests for the requisite checks (ИНН, КПП, ОГРН, ОГРНИП, БИК, accounts) and their messages.
import { describe, it, expect } from 'vitest';
import {
  checkAccount,
  checkBik,
  checkCorrAccount,
  checkInn,
  checkKpp,
  checkOgrn,
  checkOgrnip,
  requisiteMessage,
  type RequisiteField,
} from '../../src-shared/validation/requisites';
import { accountOk, corrAccountOk, innOk, ogrnOk, withControlKey } from '../helpers/requisites-ref';

/** Changes the digit at `pos` to the next one (mod 10), so the value certainly differs. */
function bump(v: string, pos: number): string {
  const d = (Number(v[pos]) + 1) % 10;
  return v.slice(0, pos) + String(d) + v.slice(pos + 1);
}

describe('checkInn', () => {
  it('accepts real 10-digit ИНН of legal entities', () => {
    expect(checkInn('7707083893')).toBeNull(); // ПАО Сбербанк
    expect(checkInn('7736207543')).toBeNull(); // ООО «Яндекс»
    expect(checkInn('7728168971')).toBeNull(); // АО «Альфа-Банк»
  });

  it('accepts a valid 12-digit ИНН of an individual', () => {
    expect(checkInn('500100732259')).toBeNull();
  });

  it('applies "mod 11, then mod 10": a remainder of 10 gives check digit 0', () => {
    // Synthetic values: weighted sums ≡ 10 (mod 11) for the 10th, 11th and 12th digits respectively.
    expect(checkInn('7707083830')).toBeNull();
    expect(checkInn('500100732403')).toBeNull();
    expect(checkInn('500100732570')).toBeNull();
  });

  it('refuses a 10-digit ИНН with any single digit changed', () => {
    for (let i = 0; i < 10; i++) {
      expect(checkInn(bump('7707083893', i)), `position ${i}`).toEqual({ code: 'checksum' });
    }
  });

  it('refuses a 12-digit ИНН whose 11th or 12th check digit is wrong', () => {
    expect(checkInn('500100732249')).toEqual({ code: 'checksum' }); // 11th digit changed
    expect(checkInn('500100732258')).toEqual({ code: 'checksum' }); // 12th digit changed
    expect(checkInn('500100732359')).toEqual({ code: 'checksum' }); // a body digit changed
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(checkInn('770708389')).toEqual({ code: 'length' });
    expect(checkInn('77070838931')).toEqual({ code: 'length' });
    expect(checkInn('5001007322591')).toEqual({ code: 'length' });
    expect(checkInn('77070838 3')).toEqual({ code: 'digits' });
    expect(checkInn('770708389O')).toEqual({ code: 'digits' });
  });
});

describe('checkKpp', () => {
  it('accepts digit-only and letter КПП', () => {
    expect(checkKpp('773601001')).toBeNull();
    expect(checkKpp('7736AB001')).toBeNull();
    expect(checkKpp('77360Z001')).toBeNull();
  });

  it('refuses malformed КПП', () => {
    expect(checkKpp('77360100')).toEqual({ code: 'length' });
    expect(checkKpp('7736010011')).toEqual({ code: 'length' });
    expect(checkKpp('7736ab001')).toEqual({ code: 'format' }); // lower-case letters
    expect(checkKpp('A73601001')).toEqual({ code: 'format' }); // letter in the first 4
    expect(checkKpp('77360100A')).toEqual({ code: 'format' }); // letter in the last 3
    expect(checkKpp('7736АБ001')).toEqual({ code: 'format' }); // Cyrillic letters
  });
});

describe('checkOgrn / checkOgrnip', () => {
  it('accepts real ОГРН', () => {
    expect(checkOgrn('1027700132195')).toBeNull(); // ПАО Сбербанк
    expect(checkOgrn('1027739642281')).toBeNull();
    expect(checkOgrn('1047796118182')).toBeNull();
  });

  it('refuses ОГРН with one digit changed', () => {
    for (let i = 0; i < 13; i++) {
      const changed = bump('1027700132195', i);
      // Changing one digit changes the remainder mod 11 (10^k is never ≡ 0 mod 11), but two remainders
      // can still agree mod 10 (0 and 10), so compare with the definition rather than assume failure.
      const body = BigInt(changed.slice(0, 12));
      const expected = Number((body % 11n) % 10n) === Number(changed[12]) ? null : { code: 'checksum' };
      expect(checkOgrn(changed), `position ${i}`).toEqual(expected);
    }
    expect(checkOgrn('1027700132196')).toEqual({ code: 'checksum' });
    expect(checkOgrn('1027700132185')).toEqual({ code: 'checksum' });
  });

  it('accepts real ОГРНИП and refuses a changed one', () => {
    expect(checkOgrnip('304500116000157')).toBeNull();
    expect(checkOgrnip('316861700133226')).toBeNull();
    expect(checkOgrnip('304500116000158')).toEqual({ code: 'checksum' });
    expect(checkOgrnip('304500116000257')).toEqual({ code: 'checksum' });
  });

  it('does not mix up ОГРН and ОГРНИП', () => {
    expect(checkOgrn('304500116000157')).toEqual({ code: 'length' });
    expect(checkOgrnip('1027700132195')).toEqual({ code: 'length' });
  });

  it('refuses non-digits', () => {
    expect(checkOgrn('10277001321 5')).toEqual({ code: 'digits' });
    expect(checkOgrnip('30450011600015x')).toEqual({ code: 'digits' });
  });

  it('uses exact arithmetic for 14-digit bodies', () => {
    // 99999999999999 mod 13 = 8, so the valid check digit is 8.
    expect(checkOgrnip('999999999999998')).toBeNull();
    expect(checkOgrnip('999999999999999')).toEqual({ code: 'checksum' });
    // 999999999999 mod 11 = 0 → check digit 0 for a 13-digit ОГРН.
    expect(checkOgrn('9999999999990')).toBeNull();
    expect(checkOgrn('9999999999999')).toEqual({ code: 'checksum' });
  });
});

describe('checkBik', () => {
  it('accepts 9 digits only', () => {
    expect(checkBik('044525225')).toBeNull();
    expect(checkBik('04452522')).toEqual({ code: 'length' });
    expect(checkBik('0445252250')).toEqual({ code: 'length' });
    expect(checkBik('04452522A')).toEqual({ code: 'digits' });
  });
});

describe('checkAccount / checkCorrAccount', () => {
  const sberBik = '044525225';

  it('accepts known correspondent accounts with their БИК', () => {
    expect(checkCorrAccount('30101810400000000225', sberBik)).toBeNull(); // Сбербанк
    expect(checkCorrAccount('30101810145250000974', '044525974')).toBeNull(); // Т-Банк
    expect(checkCorrAccount('30101810100000000602', '040349602')).toBeNull(); // Краснодарское отделение Сбербанка
  });

  it('refuses a correspondent account with a digit changed or paired with another bank', () => {
    expect(checkCorrAccount('30101810500000000225', sberBik)).toEqual({ code: 'checksum' });
    expect(checkCorrAccount('30101810400000000226', sberBik)).toEqual({ code: 'checksum' });
    // Only digits 5–6 of the БИК count: another Moscow bank (…25…) shares the prefix "025",
    // a Krasnodar bank (…49…) does not.
    expect(checkCorrAccount('30101810400000000225', '044525974')).toBeNull();
    expect(checkCorrAccount('30101810400000000225', '040349602')).toEqual({ code: 'checksum' });
  });

  it('accepts settlement accounts built by the reference implementation', () => {
    const acc = withControlKey('225', '40702810038000012345');
    expect(checkAccount(acc, sberBik)).toBeNull();
    expect(checkAccount('40702810938000000001', sberBik)).toBeNull();
    const tinkoff = withControlKey('974', '40817810000000123456');
    expect(checkAccount(tinkoff, '044525974')).toBeNull();
  });

  it('refuses a settlement account with any single digit changed', () => {
    const acc = withControlKey('225', '40702810038000012345');
    for (let i = 0; i < 20; i++) {
      // Weights 7,1,3 are coprime with 10, so any single-digit change breaks the key.
      expect(checkAccount(bump(acc, i), sberBik), `position ${i}`).toEqual({ code: 'checksum' });
    }
  });

  it('checks the account against the last 3 digits of the БИК', () => {
    const acc = withControlKey('225', '40702810038000012345');
    expect(checkAccount(acc, '044525226')).toEqual({ code: 'checksum' });
    // Same last three digits, different bank region: the key still matches (only digits 7–9 count).
    expect(checkAccount(acc, '041234225')).toBeNull();
  });

  it('distinguishes settlement and correspondent account keys', () => {
    // The Sberbank corr account is not valid as a settlement account keyed with "225".
    expect(checkAccount('30101810400000000225', sberBik)).toEqual({ code: 'checksum' });
  });

  it('reports format problems before the key', () => {
    expect(checkAccount('4070281093800000000', sberBik)).toEqual({ code: 'length' });
    expect(checkAccount('407028109380000000011', sberBik)).toEqual({ code: 'length' });
    expect(checkAccount('40702 810938000000001', sberBik)).toEqual({ code: 'digits' });
    expect(checkAccount('40702810938000000001', '04452522')).toEqual({ code: 'bik' });
    expect(checkCorrAccount('30101810400000000225', 'abc')).toEqual({ code: 'bik' });
  });
});

describe('requisiteMessage', () => {
  it('gives the documented Russian messages', () => {
    expect(requisiteMessage('inn', { code: 'length' })).toBe('ИНН должен содержать 10 или 12 цифр');
    expect(requisiteMessage('inn', { code: 'checksum' })).toBe(
      'ИНН: контрольная сумма не сходится — проверьте цифры',
    );
    expect(requisiteMessage('ogrn', { code: 'length' })).toBe('ОГРН должен содержать 13 цифр');
    expect(requisiteMessage('ogrnip', { code: 'length' })).toBe('ОГРНИП должен содержать 15 цифр');
    expect(requisiteMessage('bik', { code: 'digits' })).toBe('БИК должен состоять только из цифр');
  });

  it('mentions the БИК for account errors', () => {
    expect(requisiteMessage('account', { code: 'checksum' })).toMatch(/БИК/);
    expect(requisiteMessage('corrAccount', { code: 'bik' })).toMatch(/^Корреспондентский счёт: .*БИК/);
  });

  it('returns a non-empty message for every field and code, including unknown ones', () => {
    const fields: RequisiteField[] = ['inn', 'kpp', 'ogrn', 'ogrnip', 'bik', 'account', 'corrAccount'];
    for (const f of fields) {
      for (const code of ['length', 'digits', 'checksum', 'format', 'bik', 'something-new']) {
        const msg = requisiteMessage(f, { code });
        expect(msg.length).toBeGreaterThan(5);
        expect(msg).not.toMatch(/undefined/);
      }
    }
    expect(requisiteMessage('kpp', { code: 'something-new' })).toBe('КПП: неверное значение');
  });
});

describe('the reference checks of test/helpers (used on generated data)', () => {
  it('agree with the validators on real values and on every single-digit change of them', () => {
    const cases: [string, (v: string) => boolean, (v: string) => unknown][] = [
      ['7707083893', innOk, checkInn],
      ['500100732259', innOk, checkInn],
      ['1027700132195', ogrnOk, checkOgrn],
      ['304500116000157', ogrnOk, checkOgrnip],
      ['30101810400000000225', (v) => corrAccountOk(v, '044525225'), (v) => checkCorrAccount(v, '044525225')],
      ['40702810938000000001', (v) => accountOk(v, '044525225'), (v) => checkAccount(v, '044525225')],
    ];
    for (const [value, ref, product] of cases) {
      expect(ref(value), value).toBe(true);
      for (let i = 0; i < value.length; i++) {
        const changed = bump(value, i);
        expect(ref(changed), changed).toBe(product(changed) === null);
      }
    }
  });
});
