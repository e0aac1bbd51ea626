// Our КЦ CSV writer and reader: every field quoted, `""` escapes, separators and line breaks inside quotes, the formula
// guard, a BOM, CRLF or LF — written then read back unchanged.
import { describe, expect, it } from 'vitest';
import { csvField, readCsv, unguard } from '../../src-main/files/csv';

const line = (cells: (string | number)[]) => cells.map(csvField).join(';');

describe('КЦ CSV', () => {
  it('reads back what it writes, whatever the field holds', () => {
    const rows = [
      ['ИНН', 'Наименование', 'Контакты'],
      ['7707083893', 'ООО "Ромашка"; и сыновья', 12],
      ['', '=HYPERLINK("x")', 0],
      ['+7 (423) 123-45-67', '""', 1],
      ['a"b""c', ';;;', 3],
    ];
    const text = `\ufeff${rows.map(line).join('\r\n')}\r\n`;
    const back = readCsv(text).map((r) => r.map(unguard));
    expect(back).toEqual(rows.map((r) => r.map(String)));
  });

  it('line breaks inside a value become spaces on write; LF files, unquoted fields and an unterminated quote still read', () => {
    expect(readCsv(line(['a\r\nb', 'c\nd']))).toEqual([['a b', 'c d']]);
    expect(readCsv('"x";"y"\n"1";"2"\n')).toEqual([['x', 'y'], ['1', '2']]);
    expect(readCsv('plain;"q"\nz')).toEqual([['plain', 'q'], ['z']]);
    expect(readCsv('"open;ended')).toEqual([['open;ended']]);
    expect(readCsv('"a"";b";c')).toEqual([['a";b', 'c']]);
  });
});
