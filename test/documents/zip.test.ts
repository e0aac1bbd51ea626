// The XLSX re-packer: every entry deflated, CRCs and contents unchanged, readable as a workbook.
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { deflateZip } from '../../src-main/features/reports/zip-deflate';

/** Entries of a ZIP from its central directory: name, method, stored CRC and the uncompressed bytes. */
function entries(zip: Buffer) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  const out: { name: string; method: number; crc: number; data: Buffer }[] = [];
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const [method, crc, csize, nameLen, extra, comment, offset] = [10, 16, 20, 28, 30, 32, 42].map((o, k) => (k === 1 || k === 2 || k === 6 ? zip.readUInt32LE(p + o) : zip.readUInt16LE(p + o)));
    const start = offset! + 30 + zip.readUInt16LE(offset! + 26) + zip.readUInt16LE(offset! + 28);
    const raw = zip.subarray(start, start + csize!);
    out.push({ name: zip.subarray(p + 46, p + 46 + nameLen!).toString(), method: method!, crc: crc!, data: method === 8 ? zlib.inflateRawSync(raw) : raw });
    p += 46 + nameLen! + extra! + comment!;
  }
  return out;
}

describe('deflateZip', () => {
  it('deflates every entry of a stored XLSX keeping names, CRCs and contents', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`Строка ${i}`, i, 'Просрочен']);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Текст', 'Число', 'Состояние'], ...rows]), 'Лист');
    const stored = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer;
    const packed = deflateZip(stored);
    expect(packed.length).toBeLessThan(stored.length / 3);
    const before = entries(stored);
    const after = entries(packed);
    expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
    for (const [i, e] of after.entries()) {
      expect(e.method, e.name).toBe(8);
      expect(e.data.equals(before[i]!.data), e.name).toBe(true);
      expect(zlib.crc32(e.data) >>> 0, e.name).toBe(e.crc);
    }
    const back = XLSX.read(packed, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<unknown[]>(back.Sheets['Лист']!, { header: 1 })[2000]).toEqual(['Строка 1999', 1999, 'Просрочен']);
  });
});
