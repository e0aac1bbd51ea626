// Tests for phone normalisation, formatting and search digits.
import { describe, it, expect } from 'vitest';
import { formatPhone, normalizePhone, phoneSearchDigits } from '../../src-shared/validation/phone';

const VLAD = { digits: '4232223344', e164: '+74232223344', ext: null };

describe('normalizePhone', () => {
  it.each([
    '+7 (423) 222-33-44',
    '8 423 2223344',
    '84232223344',
    '7-423-222-33-44',
    '74232223344',
    '4232223344',
    '(423) 222-33-44',
    '+74232223344',
    '8 (423) 222 33 44',
    '  +7\u00a0423\u00a0222\u201133\u201144  ', // non-breaking spaces, non-breaking hyphens
    '+7 423 222.33.44',
    'тел.: +7 (423) 222-33-44',
    'Тел. 8 423 222-33-44',
  ])('reads %j as a Vladivostok number', (raw) => {
    expect(normalizePhone(raw)).toEqual(VLAD);
  });

  it('reads mobile and toll-free numbers', () => {
    expect(normalizePhone('+7 914 123-45-67')).toEqual({ digits: '9141234567', e164: '+79141234567', ext: null });
    expect(normalizePhone('8(914)1234567')).toEqual({ digits: '9141234567', e164: '+79141234567', ext: null });
    expect(normalizePhone('8-800-555-35-35')).toEqual({ digits: '8005553535', e164: '+78005553535', ext: null });
  });

  it('moves an extension into ext', () => {
    expect(normalizePhone('+7 (423) 222-33-44 доб. 123')).toEqual({ ...VLAD, ext: '123' });
    expect(normalizePhone('8 423 222 33 44, доб 5')).toEqual({ ...VLAD, ext: '5' });
    expect(normalizePhone('84232223344 добавочный 1234')).toEqual({ ...VLAD, ext: '1234' });
    expect(normalizePhone('+7 423 222-33-44 ext. 12')).toEqual({ ...VLAD, ext: '12' });
    expect(normalizePhone('+7 423 222-33-44 вн. 7')).toEqual({ ...VLAD, ext: '7' });
    expect(normalizePhone('+7 423 222-33-44 x 7')).toEqual({ ...VLAD, ext: '7' });
    expect(normalizePhone('222-33-44 доб. 15')).toEqual({ digits: '2223344', e164: null, ext: '15' });
  });

  it('keeps a local number without area code as its own digits, with no E.164 form', () => {
    expect(normalizePhone('2223344')).toEqual({ digits: '2223344', e164: null, ext: null });
    expect(normalizePhone('222-33-44')).toEqual({ digits: '2223344', e164: null, ext: null });
    expect(normalizePhone('2-33-44')).toEqual({ digits: '23344', e164: null, ext: null });
  });

  it('completes a local number with a default area code when it fits', () => {
    expect(normalizePhone('222-33-44', { areaCode: '423' })).toEqual(VLAD);
    expect(normalizePhone('2-33-44', { areaCode: '42361' })).toEqual({
      digits: '4236123344',
      e164: '+74236123344',
      ext: null,
    });
    // Area code + local digits ≠ 10 digits: stays local.
    expect(normalizePhone('22-33-44', { areaCode: '423' })).toEqual({ digits: '223344', e164: null, ext: null });
    // A full number ignores the default area code.
    expect(normalizePhone('+7 914 123-45-67', { areaCode: '423' })?.digits).toBe('9141234567');
  });

  it('reads a foreign number written with +', () => {
    expect(normalizePhone('+375 29 123-45-67')).toEqual({ digits: '375291234567', e164: '+375291234567', ext: null });
  });

  it.each([
    '',
    '   ',
    'abc',
    'позвонить после обеда',
    '123',
    '+7 423 222',
    '8 423 222 33 44 55',
    '222-33-44, 222-33-45',
    '+7 (123) 222-33-44', // zone +7 numbers do not start with 1
    '0232223344',
    '+7 +7 423 222 33 44',
    '423 222 33 44 +',
    '94232223344', // 11 digits not starting with 7 or 8
    'доб. 123',
  ])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('formatPhone', () => {
  it('formats full numbers as +7 (XXX) XXX-XX-XX', () => {
    expect(formatPhone('4232223344')).toBe('+7 (423) 222-33-44');
    expect(formatPhone('9141234567')).toBe('+7 (914) 123-45-67');
  });

  it('formats local and foreign numbers', () => {
    expect(formatPhone('2223344')).toBe('222-33-44');
    expect(formatPhone('223344')).toBe('22-33-44');
    expect(formatPhone('23344')).toBe('2-33-44');
    expect(formatPhone('375291234567')).toBe('+375291234567');
  });

  it('appends an extension', () => {
    expect(formatPhone('4232223344', '123')).toBe('+7 (423) 222-33-44, доб. 123');
    expect(formatPhone('4232223344', null)).toBe('+7 (423) 222-33-44');
  });

  it('round-trips through normalizePhone', () => {
    for (const raw of ['8 423 2223344', '+7 914 123 45 67 доб. 9', '222-33-44', '+375 29 123-45-67']) {
      const n = normalizePhone(raw);
      expect(n).not.toBeNull();
      const again = normalizePhone(formatPhone(n!.digits, n!.ext));
      expect(again).toEqual(n);
    }
  });
});

describe('phoneSearchDigits', () => {
  it('strips the country prefix of full numbers', () => {
    expect(phoneSearchDigits('+7 (423) 222-33-44')).toBe('4232223344');
    expect(phoneSearchDigits('84232223344')).toBe('4232223344');
    expect(phoneSearchDigits('7 423 222 33 44')).toBe('4232223344');
    expect(phoneSearchDigits('423 222 33 44 доб. 12')).toBe('4232223344');
  });

  it('keeps partial input, stripping only an explicit +7', () => {
    expect(phoneSearchDigits('222-33')).toBe('22233');
    expect(phoneSearchDigits('+7 914')).toBe('914');
    expect(phoneSearchDigits('8 914')).toBe('8914'); // may be a fragment of a local number
    expect(phoneSearchDigits('4232223344')).toBe('4232223344');
    expect(phoneSearchDigits('нет цифр')).toBe('');
  });
});
