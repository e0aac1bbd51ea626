// Unit tests of Russian formatting: dates, money, plurals, amounts in words (checked against number-to-words-ru as an oracle).
import { describe, expect, it } from 'vitest';
import n2w from 'number-to-words-ru';
import { amountInWords, formatAmount, formatDate, formatDateLong, formatDays, formatMoney, numberInWords, plural, shortFio } from '../../src-shared/format';

const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('dates and money', () => {
  it('writes dates the Russian way', () => {
    expect(formatDate('2026-11-27')).toBe('27.11.2026');
    expect(formatDate(null)).toBe('');
    expect(nb(formatDateLong('2026-11-27'))).toBe('«27» ноября 2026 г.');
    expect(nb(formatDateLong('2026-03-01'))).toBe('«01» марта 2026 г.');
  });

  it('groups thousands with no-break spaces and uses a decimal comma', () => {
    expect(nb(formatMoney(123456))).toBe('1 234,56 ₽');
    expect(nb(formatAmount(100000000005))).toBe('1 000 000 000,05');
    expect(formatAmount(5)).toBe('0,05');
    expect(nb(formatAmount(-123456))).toBe('-1 234,56');
    expect(() => formatAmount(1.5)).toThrow();
  });

  it('picks plural forms, 11–14 included', () => {
    expect([1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => plural(n, 'день', 'дня', 'дней'))).toEqual([
      'день',
      'дня',
      'дней',
      'дней',
      'дней',
      'дней',
      'день',
      'дня',
      'дней',
      'день',
      'дней',
    ]);
    expect(nb(formatDays(3))).toBe('3 дня');
    expect(nb(shortFio('Иванов Иван Петрович'))).toBe('Иванов И. П.');
  });
});

describe('amounts in words', () => {
  it('writes the example of the issue', () => {
    expect(amountInWords(1_234_56)).toBe('одна тысяча двести тридцать четыре рубля 56 копеек');
    expect(amountInWords(1_234_56, { capital: true })).toBe('Одна тысяча двести тридцать четыре рубля 56 копеек');
  });

  it('handles genders of thousands, teens, zero kopecks and large numbers', () => {
    expect(amountInWords(0)).toBe('ноль рублей 00 копеек');
    expect(amountInWords(1)).toBe('ноль рублей 01 копейка');
    expect(amountInWords(2_000_00)).toBe('две тысячи рублей 00 копеек');
    expect(amountInWords(21_000_21)).toBe('двадцать одна тысяча рублей 21 копейка');
    expect(amountInWords(11_111_12)).toBe('одиннадцать тысяч сто одиннадцать рублей 12 копеек');
    expect(amountInWords(2_500_002_02)).toBe('два миллиона пятьсот тысяч два рубля 02 копейки');
    expect(numberInWords(1_000_000_000)).toBe('один миллиард');
    expect(numberInWords(2, true)).toBe('две');
  });

  it('agrees with number-to-words-ru on 3,000 amounts', () => {
    const convert = (n2w as unknown as { convert: (v: string, o: object) => string }).convert;
    const opts = { currency: 'rub', convertNumberToWords: { integer: true, fractional: false } };
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const amounts = [0, 1, 99, 100, 101, 1000_00, 1001_00, 999_999_99, 1_000_000_00];
    for (let i = 0; i < 3000; i++) amounts.push(Math.floor(rnd() ** 3 * 100_000_000_000_00));
    const differ = amounts
      .map((k) => ({ k, ours: amountInWords(k, { capital: true }), lib: convert((k / 100).toFixed(2), opts) }))
      .filter((x) => x.ours !== x.lib);
    expect(differ.slice(0, 3)).toEqual([]);
  });
});
