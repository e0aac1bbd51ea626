// Tests for distribution formatting, keys and search-query parsing.
import { describe, it, expect } from 'vitest';
import { distrKey, formatDistr, parseDistrNumberForm, parseDistrQuery } from '../../src-shared/distr';

describe('formatDistr', () => {
  it('pads the number to 6 and the computer to 2', () => {
    expect(formatDistr({ system: 'SKJP', number: 123, comp: 2 })).toBe('SKJP_000123_02');
    expect(formatDistr({ system: 'BUHS', number: 45678, comp: 12 })).toBe('BUHS_045678_12');
  });

  it('omits the computer number when it is 1 or absent', () => {
    expect(formatDistr({ system: 'SKJP', number: 123, comp: 1 })).toBe('SKJP_000123');
    expect(formatDistr({ system: 'SKJP', number: 123 })).toBe('SKJP_000123');
  });

  it('upper-cases the system and keeps long numbers whole', () => {
    expect(formatDistr({ system: 'skjp', number: 1234567, comp: 3 })).toBe('SKJP_1234567_03');
  });
});

describe('distrKey', () => {
  it('always includes the computer number', () => {
    expect(distrKey('SKJP', 123, 2)).toBe('SKJP_000123_02');
    expect(distrKey('SKJP', 123, 1)).toBe('SKJP_000123_01');
    expect(distrKey('skjp', 123)).toBe('SKJP_000123_01');
  });

  it('distinguishes computers and sorts by number', () => {
    expect(distrKey('SKJP', 123, 1)).not.toBe(distrKey('SKJP', 123, 2));
    const keys = [distrKey('SKJP', 1000, 1), distrKey('SKJP', 99, 2), distrKey('SKJP', 99, 1)].sort();
    expect(keys).toEqual(['SKJP_000099_01', 'SKJP_000099_02', 'SKJP_001000_01']);
  });
});

describe('parseDistrQuery', () => {
  it.each([
    ['SKJP_000123_02', { system: 'SKJP', number: 123, comp: 2 }],
    ['SKJP 123-2', { system: 'SKJP', number: 123, comp: 2 }],
    ['skjp123', { system: 'SKJP', number: 123 }],
    ['123', { number: 123 }],
    ['000123_02', { number: 123, comp: 2 }],
    ['123/2', { number: 123, comp: 2 }],
    ['SKJP#123', { system: 'SKJP', number: 123 }],
    ['  SKJP_000123  ', { system: 'SKJP', number: 123 }],
    ['Skjp 123 2', { system: 'SKJP', number: 123, comp: 2 }],
    ['SKJP - 000123 / 02', { system: 'SKJP', number: 123, comp: 2 }],
    ['#123', { number: 123 }],
    ['BUHS.45678.12', { system: 'BUHS', number: 45678, comp: 12 }],
    ['SKJP_999999', { system: 'SKJP', number: 999999 }],
    ['0000123', { number: 123 }], // leading zeros do not count towards the 6 digits
  ])('parses %j', (q, expected) => {
    expect(parseDistrQuery(q)).toEqual(expected);
  });

  it('sets only the parts that were typed', () => {
    const r = parseDistrQuery('123');
    expect(r).not.toBeNull();
    expect(Object.keys(r!)).toEqual(['number']);
  });

  it('round-trips formatDistr', () => {
    for (const d of [
      { system: 'SKJP', number: 123, comp: 2 },
      { system: 'BUHS', number: 1, comp: 99 },
      { system: 'ROS', number: 654321 },
    ]) {
      expect(parseDistrQuery(formatDistr(d))).toEqual(d);
    }
  });

  it.each([
    '',
    '   ',
    'SKJP',
    'ООО Ромашка',
    'ООО Ромашка 123',
    'SKJP 123 abc',
    'find SKJP 123',
    '222-33-44', // a phone, three groups
    '7707083893', // an ИНН, too long for a distribution number
    '1234567',
    '0',
    '000000',
    'SKJP_000123_00',
    'SKJP_000123_123',
    'SKJP__123',
    'S123',
    '123 SKJP',
    'СКЖП 123', // Cyrillic look-alikes are not supported
  ])('refuses %j', (q) => {
    expect(parseDistrQuery(q)).toBeNull();
  });
});

describe('parseDistrNumberForm', () => {
  it.each([
    ['1_000777_02', { systemNumber: 1, number: 777, comp: 2 }],
    ['1_123_2', { systemNumber: 1, number: 123, comp: 2 }],
    ['1 123-2', { systemNumber: 1, number: 123, comp: 2 }],
    ['1_000123', { systemNumber: 1, number: 123 }],
    ['  12 000456 ', { systemNumber: 12, number: 456 }],
    ['7/000001/01', { systemNumber: 7, number: 1, comp: 1 }],
  ])('parses %j', (q, expected) => {
    expect(parseDistrNumberForm(q)).toEqual(expected);
  });

  it.each([
    '000123_02', // a distribution and its computer: a computer number has at most 2 digits
    '123 45',
    '123',
    'SKJP_000123_02',
    '1_000123_123',
    '1_1234567_02',
    '0_000123',
    '12345_000123',
    '347-25-03', // a phone fragment
    '1_12_2', // a distribution group shorter than 3 digits
    '1_000000',
  ])('refuses %j', (q) => {
    expect(parseDistrNumberForm(q)).toBeNull();
  });

  it('never accepts a text the code-form parser also accepts', () => {
    for (const q of ['000123_02', '123/2', '123', '1_000777_02', '1 123-2', '1_000123', '12 34', '99 999999 99']) {
      expect(parseDistrNumberForm(q) !== null && parseDistrQuery(q) !== null, q).toBe(false);
    }
  });
});
