// Typed dates: a four-digit year only, never a guessed century, and a reason for every refusal.
import { describe, expect, it } from 'vitest';
import { dateError, dateText, parseTypedDate } from '../../src-renderer/components/dateText';

describe('typed dates', () => {
  it('takes a complete date as typed and nothing shorter', () => {
    expect(parseTypedDate('15.12.2026')).toBe('2026-12-15');
    expect(parseTypedDate('5.1.2026')).toBe('2026-01-05');
    expect(parseTypedDate('15122026')).toBe('2026-12-15');
    expect(parseTypedDate('2026-12-15')).toBe('2026-12-15');
    // Mid-typing states of «15.12.2026» are not dates: no 2020, no 2002.
    for (const t of ['1', '15.', '15.12', '15.12.2', '15.12.20', '15.12.202']) expect(parseTypedDate(t)).toBeNull();
    expect(parseTypedDate('31.02.2026')).toBeNull();
  });

  it('says why a held value is refused', () => {
    expect(dateError('15.12.20')).toBe('Введите год полностью: ДД.ММ.ГГГГ');
    expect(dateError('31.02.2026')).toBe('Такой даты нет: 31.02.2026');
    expect(dateError('01.01.1900')).toBe('Допустимы даты с 01.01.1990 по 31.12.2100');
    expect(dateError('вчера')).toMatch(/ДД\.ММ\.ГГГГ/);
    expect(dateError(null, { required: true })).toBe('Обязательное поле');
    expect(dateError(null)).toBeNull();
    expect(dateError('2026-12-15', { max: '2026-12-04', maxMessage: 'Дата не может быть в будущем' })).toBe('Дата не может быть в будущем');
    expect(dateError('2026-12-04', { max: '2026-12-04' })).toBeNull();
    expect(dateError('2026-11-01', { min: '2026-11-02' })).toBe('Не раньше 02.11.2026');
  });

  it('shows an ISO value as ДД.ММ.ГГГГ and an unfinished entry as typed', () => {
    expect(dateText('2026-12-15')).toBe('15.12.2026');
    expect(dateText('15.12.20')).toBe('15.12.20');
    expect(dateText(null)).toBe('');
  });
});
