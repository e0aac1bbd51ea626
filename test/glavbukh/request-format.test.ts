// The request file's format module: BOM, header row, `;` and CRLF, quoting of separators, quotes and line breaks, formula guard.
import { expect, it } from 'vitest';
import { GB_REQUEST_COLUMNS, GB_REQUEST_FORMAT, gbRequestFileName, writeGbRequest, type GbRequestRow } from '../../src-main/features/glavbukh/request.format';
import { parseCsv } from './csv';

const row = (over: Partial<GbRequestRow> = {}): GbRequestRow => ({
  n: 1,
  clientId: 42,
  name: 'ООО Ромашка',
  inn: '0274062111',
  kpp: '027401001',
  contactName: 'Иванова Мария Петровна',
  contactPosition: 'Главный бухгалтер',
  email: 'buh@romashka.ru',
  phone: '+7 (423) 222-33-44',
  distributions: 'SKJP_000123, BUHS_000124_02',
  programme: 'GB',
  ...over,
});

it('writes a BOM, a header row naming every column, then one CRLF line per row, every field quoted', () => {
  const bytes = Buffer.from(writeGbRequest([row(), row({ n: 2, clientId: 43, kpp: '' })]));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.split('\r\n')[0]).toBe(GB_REQUEST_COLUMNS.map(([, t]) => `"${t}"`).join(';'));
  const rows = parseCsv(text);
  expect(rows).toHaveLength(3);
  expect(rows[0]).toEqual(['№', 'Программа', 'Наименование клиента', 'ИНН', 'КПП', 'ФИО ответственного лица', 'Должность', 'Электронная почта', 'Телефон', 'Дистрибутивы', 'Код клиента в РИЦ']);
  // A leading zero of an ИНН stays (text, quoted).
  expect(rows[1]).toEqual(['1', 'GB', 'ООО Ромашка', '0274062111', '027401001', 'Иванова Мария Петровна', 'Главный бухгалтер', 'buh@romashka.ru', '+7 (423) 222-33-44', 'SKJP_000123, BUHS_000124_02', '42']);
  expect(rows[2]![4]).toBe('');
  expect(GB_REQUEST_FORMAT).toBe('gb-request/1');
  expect(gbRequestFileName('GB', '2026-12-04', 17)).toBe('GB-2026-12-04-17.csv');
});

it('keeps separators and quotes inside fields, folds line breaks, and guards formulas', () => {
  const text = Buffer.from(writeGbRequest([row({ name: 'ООО "Альфа; Бета"\r\nфилиал', contactName: '=HYPERLINK("x")', contactPosition: '@SUM(1)' })])).toString('utf8').slice(1);
  const rows = parseCsv(text);
  expect(rows).toHaveLength(2);
  expect(rows[1]![2]).toBe('ООО "Альфа; Бета" филиал');
  expect(rows[1]![5]).toBe(`'=HYPERLINK("x")`);
  expect(rows[1]![6]).toBe(`'@SUM(1)`);
  // A phone's leading «+» is data, not a formula.
  expect(rows[1]![8]).toBe('+7 (423) 222-33-44');
  // Excel also evaluates a quoted field starting with «+» or «-».
  const more = parseCsv(Buffer.from(writeGbRequest([row({ contactName: "-2+3+cmd|' /C calc'!A0", contactPosition: '+HYPERLINK("http://x","Открыть")' })])).toString('utf8').slice(1));
  expect(more[1]![5]).toBe("'-2+3+cmd|' /C calc'!A0");
  expect(more[1]![6]).toBe(`'+HYPERLINK("http://x","Открыть")`);
});

it('writes the same bytes for the same rows', () => {
  expect(Buffer.from(writeGbRequest([row()])).equals(Buffer.from(writeGbRequest([row()])))).toBe(true);
  expect(Buffer.from(writeGbRequest([])).toString('utf8')).toBe(`\ufeff${GB_REQUEST_COLUMNS.map(([, t]) => `"${t}"`).join(';')}\r\n`);
});
