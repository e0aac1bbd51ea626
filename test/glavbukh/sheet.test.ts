// The spreadsheet reader: XLSX (SheetJS-written and hand-zipped: shared strings with rich text, inline strings, numbers, booleans, dates) and CSV in both encodings and every delimiter.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { readSheet, SheetError } from '../../src-main/features/imports/sheet/sheet';
import { handXlsx, xlsxOf } from './helpers';

const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

describe('readSheet: XLSX', () => {
  it('reads a SheetJS-written workbook: header, text, numbers without float noise, dates as YYYY-MM-DD', () => {
    const s = readSheet(xlsxOf([['ИНН', 'Сумма', 'Дата'], [7707083893, 0.1 + 0.2, new Date(Date.UTC(2026, 0, 15))], ['', '', ''], ['текст', true, 'x']]), 'a.xlsx');
    expect(s.headers).toEqual(['ИНН', 'Сумма', 'Дата']);
    expect(s.rows).toEqual([
      ['7707083893', '0.3', '2026-01-15'],
      ['текст', 'TRUE', 'x'],
    ]);
  });

  it('reads the time of a date-time cell, and a date-only cell as its date whatever its fraction', () => {
    const ws = XLSX.utils.aoa_to_sheet([['Когда', 'День']]);
    ws.A2 = { t: 'n', v: 46060.78125, z: 'dd.mm.yyyy hh:mm' };
    ws.B2 = { t: 'n', v: 46060.58310185185, z: 'dd.mm.yyyy' };
    ws['!ref'] = 'A1:B2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Лист1');
    const s = readSheet(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), 'b.xlsx');
    expect(s.rows).toEqual([['2026-02-07 18:45:00', '2026-02-07']]);
  });

  it('reads a hand-made workbook: rich text runs, phonetic runs skipped, inline strings, gaps, custom and built-in date formats, prefixed tags', () => {
    const bytes = handXlsx({
      'xl/sharedStrings.xml':
        '<sst><si><t>Номер</t></si><si><r><t>Ром</t></r><r><rPr><b/></rPr><t xml:space="preserve">ашка </t></r><rPh><t>ignored</t></rPh></si><si><t>Дата</t></si></sst>',
      'xl/styles.xml': '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>2</v></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr"><is><t>GB-1</t></is></c><c r="C3" s="1"><v>46037</v></c><c r="D3" s="2"><v>46038</v></c></row>' +
          '<x:row r="5"><x:c r="C5" t="b"><x:v>0</x:v></x:c><x:c r="E5"><x:v>1.5E3</x:v></x:c></x:row>',
      ),
    });
    const s = readSheet(bytes, 'hand.xlsx');
    expect(s.headers).toEqual(['', 'Номер', '', 'Дата']);
    expect(s.rows).toEqual([
      ['Ромашка', 'GB-1', '2026-01-15', '2026-01-16'],
      ['', '', 'FALSE', '', '1500'],
    ]);
  });
});

describe('readSheet: CSV', () => {
  const rows = [
    ['ИНН', 'Наименование', 'Номер сертификата'],
    ['7707083893', 'ООО "Ромашка; и К"', 'GB-1'],
    ['7728168971', 'Берёза,\nфилиал', 'GB-2'],
  ];
  const text = (d: string) => rows.map((r) => r.map((c) => (/[";,\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join('\r\n');
  for (const [label, d] of [
    ['semicolon', ';'],
    ['comma', ','],
    ['tab', '\t'],
  ] as const) {
    it(`reads UTF-8 with a BOM, UTF-8 without, and windows-1251, delimited by ${label}`, () => {
      const t = text(d);
      for (const bytes of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]), Buffer.from(t), iconv.encode(t, 'win1251')]) {
        const s = readSheet(bytes, 'list.csv');
        expect(s.headers).toEqual(rows[0]);
        expect(s.rows).toEqual(rows.slice(1));
      }
    });
  }

  it('refuses an unclosed quote, binary content, and an empty file with a status', () => {
    const status = (b: Uint8Array, n: string) => {
      try {
        readSheet(b, n);
        return 'read';
      } catch (err) {
        return (err as SheetError).status;
      }
    };
    expect(status(Buffer.from('a;b\n"x;y\n'), 'a.csv')).toBe('malformed');
    expect(status(Buffer.from([0, 1, 2, 3, 0, 0, 9, 9]), 'a.csv')).toBe('not_spreadsheet');
    expect(status(Buffer.from(' \r\n;;\r\n'), 'a.csv')).toBe('empty');
  });
});
