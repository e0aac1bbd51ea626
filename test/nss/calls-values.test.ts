// ГЛ call list cells and headers: the guessed mapping for varied headers, call-list detection, each duration spelling, dates and times, kits, names.
import { describe, expect, it } from 'vitest';
import { guessCallMapping, looksLikeCallHeader } from '../../src-main/features/nss/calls.mapping';
import { durationUnitOf, nameKeys, parseCallDateTime, parseCallTime, parseDuration, parseKit, phoneKey } from '../../src-main/features/nss/calls.values';
import { detectCallList } from '../../src-main/features/nss/calls.detect';
import { detectGbList } from '../../src-main/features/glavbukh/list.format';
import iconv from 'iconv-lite';
import { excelSerialDate, excelSerialDateTime } from '../../src-main/features/imports/sheet/xlsx';

describe('call list headers', () => {
  it('guesses the mapping from Russian and English header words', () => {
    expect(guessCallMapping(['Дата', 'Время', 'Телефон', 'Номер дистрибутива', 'Оператор', 'Длительность'])).toEqual({ date: 0, time: 1, phone: 2, kit: 3, employee: 4, duration: 5 });
    expect(guessCallMapping(['№', 'Дата и время звонка', 'Номер абонента', 'Сотрудник', 'Продолжительность, сек'])).toEqual({ datetime: 1, phone: 2, employee: 3, duration: 4 });
    expect(guessCallMapping(['Call date', 'Time', 'Caller phone', 'Operator', 'Duration (sec)', 'Kit'])).toEqual({ date: 0, time: 1, phone: 2, employee: 3, duration: 4, kit: 5 });
    expect(guessCallMapping(['ДАТА', 'ВРЕМЯ РАЗГОВОРА', 'ТЕЛ.', 'ДИСТР', 'ФИО консультанта'])).toEqual({ date: 0, duration: 1, phone: 2, kit: 3, employee: 4 });
  });

  it('tells a call list from a certified list by its header row', () => {
    expect(looksLikeCallHeader(['Дата', 'Время', 'Телефон', 'Оператор', 'Длительность'])).toBe(true);
    expect(looksLikeCallHeader(['ИНН', 'КПП', 'Наименование', 'Номер дистрибутива', 'Номер сертификата', 'Дата выдачи', 'ФИО'])).toBe(false);
    expect(looksLikeCallHeader(['Наименование', 'Номер сертификата', 'Дата выдачи'])).toBe(false);
    const calls = Buffer.from('Дата;Время;Телефон;Оператор;Длительность\r\n01.02.2026;10:00;+7 914 000-00-00;Иванова;60\r\n');
    const gb = Buffer.from('ИНН;КПП;Номер сертификата;Дата выдачи\r\n7707083893;770701001;GB-1;01.01.2026\r\n');
    expect([detectCallList(calls, 'a.csv'), detectGbList(calls, 'a.csv')]).toEqual([true, false]);
    expect([detectCallList(gb, 'a.csv'), detectGbList(gb, 'a.csv')]).toEqual([false, true]);
    // windows-1251 and a header longer than the head is cut at: still judged.
    const cp = iconv.encode('Дата,Время,Номер дистрибутива,Оператор,Длительность\r\n', 'win1251');
    expect(detectCallList(cp, 'b.csv')).toBe(true);
    // An XLSX is judged by its name only (its text is compressed).
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    expect([detectCallList(zip, 'Звонки ГЛ январь.xlsx'), detectGbList(zip, 'Звонки ГЛ январь.xlsx')]).toEqual([true, false]);
    expect([detectCallList(zip, 'сертификаты.xlsx'), detectGbList(zip, 'сертификаты.xlsx')]).toEqual([false, true]);
  });
});

describe('call list values', () => {
  it('reads each duration spelling, the unit decided from the header then the values', () => {
    expect(durationUnitOf('Длительность, мин', ['1,5'])).toBe('minutes');
    expect(durationUnitOf('Длительность (сек)', ['90'])).toBe('seconds');
    expect(durationUnitOf('Длительность', ['01:30', '2:00'])).toBe('clock');
    expect(durationUnitOf('Duration', ['90'])).toBe('seconds');
    expect(parseDuration('90', 'seconds')).toBe(90);
    expect(parseDuration('1,5', 'minutes')).toBe(90);
    expect(parseDuration('3', 'minutes')).toBe(180);
    expect(parseDuration('01:30', 'clock')).toBe(90);
    expect(parseDuration('1:02:03', 'clock')).toBe(3723);
    expect(parseDuration('01:30', 'seconds')).toBe(90);
    expect(parseDuration('', 'seconds')).toBeNull();
    expect(parseDuration('-5', 'seconds')).toBeUndefined();
    expect(parseDuration('1:75', 'clock')).toBeUndefined();
    expect(parseDuration('долго', 'seconds')).toBeUndefined();
  });

  it('reads dates, times, a date-time cell, kits, phones and operator names', () => {
    expect(parseCallTime('9:05')).toBe('09:05:00');
    expect(parseCallTime('23:30:15')).toBe('23:30:15');
    expect(parseCallTime('0.5')).toBe('12:00:00');
    expect(parseCallTime('25:00')).toBeUndefined();
    expect(parseCallDateTime('31.01.2026 23:30')).toEqual({ date: '2026-01-31', time: '23:30:00' });
    expect(parseCallDateTime('2026-01-31T23:30:05')).toEqual({ date: '2026-01-31', time: '23:30:05' });
    expect(parseCallDateTime('2026-01-31 12:00:00')).toEqual({ date: '2026-01-31', time: '12:00:00' });
    expect(parseCallDateTime('31.02.2026 10:00')).toBeUndefined();
    // A date-styled XLSX cell keeps its time of day (a date-time column); a whole day reads as the date alone, as before.
    const day = excelSerialDate(46060)!;
    expect(excelSerialDateTime(46060.78125)).toBe(`${day} 18:45:00`);
    expect(excelSerialDateTime(46060)).toBe(day);
    expect(parseCallDateTime(excelSerialDateTime(46060.78125)!)).toEqual({ date: day, time: '18:45:00' });
    expect(parseKit('SKJP 123456')).toEqual({ code: 'SKJP', number: 123456 });
    expect(parseKit('skjp-123456')).toEqual({ code: 'SKJP', number: 123456 });
    expect(parseKit('123456')).toEqual({ code: null, number: 123456 });
    expect(parseKit('нет')).toBeNull();
    expect(phoneKey('8 (914) 123-45-67')).toBe('9141234567');
    expect(phoneKey('+7 914 123 45 67')).toBe('9141234567');
    expect(nameKeys('Иванова А.В.').initials).toBe('иванова ав');
    expect(nameKeys('Иванова Анна Викторовна').initials).toBe('иванова ав');
    expect(nameKeys('Иванова АВ').initials).toBe('иванова ав');
    expect(nameKeys('Пётр  Петров').full).toBe('петр петров');
  });
});
