// A small ZIP reader for spreadsheets from outside: the central directory, then one entry at a time inflated within limits.
import { Inflate } from 'fflate';
import { SheetError } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the archive declares it; the real size is counted while inflating. */
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** The entries of an archive, by name (a Map: names from outside never become object keys). */
export function zipEntries(buf: Uint8Array, maxEntries: number): Map<string, ZipEntry> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetError('malformed', 'no end of central directory (truncated?)');
  const count = dv.getUint16(eocd + 10, true);
  const cdSize = dv.getUint32(eocd + 12, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new SheetError('malformed', 'zip64 archives are not read');
  if (count > maxEntries) throw new SheetError('too_large', `${count} entries`);
  if (cdOffset + cdSize > eocd) throw new SheetError('malformed', 'central directory out of bounds');
  const out = new Map<string, ZipEntry>();
  const dec = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || dv.getUint32(p, true) !== CEN) throw new SheetError('malformed', 'broken central directory');
    const method = dv.getUint16(p + 10, true);
    const compressedSize = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const localOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen > eocd) throw new SheetError('malformed', 'broken central directory');
    const name = dec.decode(buf.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/').replace(/^\/+/, '');
    out.set(name, { name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * One entry's bytes handed to `onChunk` as they inflate (nothing kept). Refused when its declared size is over
 * `maxBytes`, and cut off while inflating as soon as the real output passes the declared size or `maxBytes` (a header
 * that lies about a bomb's size does not get further). Returns the entry's size.
 */
export function zipStream(buf: Uint8Array, e: ZipEntry, maxBytes: number, onChunk: (chunk: Uint8Array) => void): number {
  if (e.size > maxBytes) throw new SheetError('too_large', `${e.name}: declares ${e.size} bytes`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const p = e.localOffset;
  if (p + 30 > buf.byteLength || dv.getUint32(p, true) !== LOC) throw new SheetError('malformed', `${e.name}: no local header`);
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  const end = start + e.compressedSize;
  if (end > buf.byteLength) throw new SheetError('malformed', `${e.name}: truncated`);
  const data = buf.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new SheetError('malformed', `${e.name}: stored size differs`);
    onChunk(data);
    return data.byteLength;
  }
  if (e.method !== 8) throw new SheetError('malformed', `${e.name}: compression method ${e.method}`);
  const limit = Math.min(e.size, maxBytes);
  let total = 0;
  let ended = false;
  const inf = new Inflate((chunk, final) => {
    total += chunk.byteLength;
    if (total > limit) throw new SheetError('too_large', `${e.name}: inflates past its declared ${e.size} bytes`);
    if (final) ended = true;
    onChunk(chunk);
  });
  const STEP = 16 * 1024;
  try {
    for (let i = 0; i < data.byteLength; i += STEP) inf.push(data.subarray(i, Math.min(i + STEP, data.byteLength)), i + STEP >= data.byteLength);
    if (data.byteLength === 0) inf.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError('malformed', `${e.name}: ${(err as Error).message}`.slice(0, 200));
  }
  if (!ended || total !== e.size) throw new SheetError('malformed', `${e.name}: inflated ${total} of ${e.size} bytes`);
  return total;
}

/** One entry's bytes, whole (the limits of `zipStream`). */
export function zipRead(buf: Uint8Array, e: ZipEntry, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const total = zipStream(buf, e, maxBytes, (c) => chunks.push(c));
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}
