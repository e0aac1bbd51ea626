// Crafted spreadsheets: prototype-pollution keys, huge shared strings, ZIP bombs (honest and lying sizes), truncation, .xls, random bytes — a clear status, nothing written, the process alive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { testEnv, type TestEnv } from '../helpers/core';
import { readSheet, SHEET_LIMITS, type SheetError } from '../../src-main/features/imports/sheet/sheet';
import { addClient, certsOf, handXlsx, importList, xlsxOf } from './helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env.close();
});

/** An XLSX whose worksheet is `mb` megabytes of spaces (a few hundred KB compressed), written in pieces. */
function bombXlsx(mb: number): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  const add = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  add('[Content_Types].xml', '<Types/>');
  add('xl/workbook.xml', '<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets></workbook>');
  add('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  const f = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
  zip.add(f);
  f.push(strToU8('<worksheet><sheetData>'));
  const spaces = new Uint8Array(1 << 20).fill(0x20);
  for (let i = 0; i < mb; i++) f.push(spaces);
  f.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  const total = out.reduce((n, c) => n + c.byteLength, 0);
  const buf = new Uint8Array(total);
  let o = 0;
  for (const c of out) buf.set(c, (o += c.byteLength) - c.byteLength);
  return buf;
}

/** Sets the uncompressed size an archive's central directory declares for an entry. */
function declare(zip: Uint8Array, name: string, size: number): Uint8Array {
  const b = Buffer.from(zip);
  const at = b.lastIndexOf(Buffer.from(name));
  const cen = at - 46;
  expect(b.readUInt32LE(cen)).toBe(0x02014b50);
  b.writeUInt32LE(size, cen + 24);
  return b;
}

const statusOf = (bytes: Uint8Array, name: string, limits = SHEET_LIMITS) => {
  try {
    readSheet(bytes, name, limits);
    return 'read';
  } catch (err) {
    return (err as SheetError).status;
  }
};

describe('crafted spreadsheets', () => {
  it('reads __proto__ / constructor headers and cells as text, pollutes nothing, and applies them', async () => {
    const client = addClient(env.core.db, 'Конструктор', '7707083893', '770701001');
    const r = await importList(env, 'proto.xlsx', xlsxOf([['__proto__', 'constructor', 'ИНН', 'Номер сертификата', 'hasOwnProperty'], ['__proto__', 'constructor', '7707083893', 'toString', 'valueOf']]));
    expect(r.status).toBe('staged');
    const rev = await env.admin('glavbukh.list.review', { stageId: r.stageId! });
    expect(rev.headers).toEqual(['__proto__', 'constructor', 'ИНН', 'Номер сертификата', 'hasOwnProperty']);
    expect(rev.rows[0]!.state).toBe('matched');
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    expect(Object.keys(Object.prototype)).toEqual([]);
    await env.admin('imports.stage.apply', { id: r.stageId!, decisions: { mapping: rev.mapping } });
    expect(certsOf(env.core.db).map((c) => [c.clientId, c.number])).toEqual([[client, 'toString']]);
  });

  it('refuses each crafted file with a clear status and writes nothing; the process goes on importing', async () => {
    const before = certsOf(env.core.db).length;
    const good = xlsxOf([['ИНН', 'Номер сертификата'], ['7707083893', 'X-1']]);
    const huge = handXlsx({
      'xl/sharedStrings.xml': `<sst><si><t>${'я'.repeat(1_000_000)}</t></si></sst>`,
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>',
    });
    const bomb = bombXlsx(300);
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    const cases: [string, Uint8Array, string][] = [
      ['huge-string.xlsx', huge, 'too_large'],
      ['bomb.xlsx', bomb, 'too_large'],
      ['lying.xlsx', declare(bombXlsx(20), 'xl/worksheets/sheet1.xml', 5000), 'too_large'],
      ['truncated.xlsx', good.subarray(0, Math.floor(good.byteLength / 2)), 'malformed'],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)]), 'xls_unsupported'],
      ['random.xlsx', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251)), 'not_spreadsheet'],
      ['doctype.xlsx', handXlsx({ 'xl/worksheets/sheet1.xml': '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>' }), 'malformed'],
    ];
    for (const [name, bytes, status] of cases) {
      const r = await importList(env, name, bytes);
      expect([name, r.status, r.kind]).toEqual([name, status, 'glavbukh.list']);
      expect(r.stageId).toBeNull();
    }
    expect(certsOf(env.core.db)).toHaveLength(before);
    const ok = await importList(env, 'after.xlsx', good);
    expect(ok.status).toBe('staged');
  }, 60_000);

  it('holds the limits of shared strings, rows, columns and total size', () => {
    const small = { ...SHEET_LIMITS, maxSharedStrings: 10, maxRows: 3, maxColumns: 4, maxTotalBytes: 3000 };
    const many = handXlsx({ 'xl/sharedStrings.xml': `<sst>${'<si><t>a</t></si>'.repeat(11)}</sst>`, 'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>' });
    expect(statusOf(many, 'a.xlsx', small)).toBe('too_large');
    expect(statusOf(xlsxOf([['h'], ['1'], ['2'], ['3'], ['4']]), 'a.xlsx', small)).toBe('too_large');
    expect(statusOf(xlsxOf([['a', 'b', 'c', 'd', 'e']]), 'a.xlsx', small)).toBe('too_large');
    expect(statusOf(bombXlsx(1), 'a.xlsx', small)).toBe('too_large');
    expect(statusOf(Buffer.from('h\n1\n2\n3\n4\n'), 'a.csv', small)).toBe('too_large');
  });

  it('bounds what a small file can make the reader hand on: one long shared string named by every cell', () => {
    // 32,000 characters named by 20 cells a row over 3,000 rows: 1.9 G characters from a file of a few hundred KB.
    const long = 'Ж'.repeat(32_000);
    const row = (r: number) => `<row r="${r}">${'<c t="s"><v>0</v></c>'.repeat(20)}</row>`;
    const sheet = `<worksheet><sheetData>${Array.from({ length: 3000 }, (_, i) => row(i + 1)).join('')}</sheetData></worksheet>`;
    const file = handXlsx({ 'xl/sharedStrings.xml': `<sst><si><t>${long}</t></si></sst>`, 'xl/worksheets/sheet1.xml': sheet });
    expect(file.byteLength).toBeLessThan(1_000_000);
    expect(statusOf(file, 'amplified.xlsx')).toBe('too_large');
  });
});
