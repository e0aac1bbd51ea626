// Hostile EnterpriseData inputs built in the test (DTD and zip bombs, huge text, deep nesting, lying zips, random bytes):
// each refused with its code, quickly, directly and on the worker pool within the task time limit.
import { afterAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { Zip, ZipDeflate } from 'fflate';
import { readEdMessage } from '../../src-main/features/edo/enterprise-data/read';
import { writeEdMessage, writeEdMessageZip } from '../../src-main/features/edo/enterprise-data/write';
import { edParseTask } from '../../src-main/features/edo/enterprise-data/edo.workers';
import { WorkerError, WorkerPool } from '../../src-main/workers/pool';
import type { EdReadResult } from '../../src-main/features/edo/enterprise-data/model';
import { envelope, sampleMessage } from './ed-fixtures';

const GB = 1024 * 1024 * 1024;

/**
 * A raw DEFLATE stream inflating to `1 + 258·k` zero bytes (one literal, then k copies of length 258 at distance 1,
 * fixed Huffman codes): ~1 MB of input per 1 GB of output, written bit by bit without inflating anything.
 */
function zeroBombDeflate(k: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + 13 * k + 7) / 8) + 1);
  let pos = 0;
  let bit = 0;
  const putBit = (b: number) => {
    if (b) out[pos]! |= 1 << bit;
    if (++bit === 8) {
      bit = 0;
      pos++;
    }
  };
  const huff = (code: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) putBit((code >> i) & 1);
  };
  putBit(1); // last block
  putBit(1); // BTYPE = 01 (fixed Huffman), low bit first
  putBit(0);
  huff(0x30, 8); // literal 0
  for (let i = 0; i < k; i++) {
    huff(0b11000101, 8); // length code 285 = 258
    huff(0, 5); // distance code 0 = 1
  }
  huff(0, 7); // end of block
  return out.subarray(0, pos + (bit ? 1 : 0));
}

/** A one-entry zip whose header says whatever the test wants (sizes, CRC), around the given data. */
function rawZip(name: string, data: Uint8Array, h: { method: 0 | 8; size?: number; originalSize: number; crc?: number; streamed?: boolean }): Uint8Array {
  const n = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  // Streamed: the local header carries no sizes (flag bit 3), only the data descriptor after the data does.
  local.writeUInt16LE(h.streamed ? 0x0808 : 0x0800, 6);
  local.writeUInt16LE(h.method, 8);
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x5b85, 12);
  local.writeUInt32LE(h.streamed ? 0 : (h.crc ?? 0), 14);
  local.writeUInt32LE(h.streamed ? 0 : (h.size ?? data.length), 18);
  local.writeUInt32LE(h.streamed ? 0 : h.originalSize >>> 0, 22);
  local.writeUInt16LE(n.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(h.method, 10);
  central.writeUInt16LE(0x5b85, 14);
  central.writeUInt32LE(h.crc ?? 0, 16);
  central.writeUInt32LE(h.size ?? data.length, 20);
  central.writeUInt32LE(h.originalSize >>> 0, 24);
  central.writeUInt16LE(n.length, 28);
  const descriptor = Buffer.alloc(h.streamed ? 16 : 0);
  if (h.streamed) {
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(h.crc ?? 0, 4);
    descriptor.writeUInt32LE(h.size ?? data.length, 8);
    descriptor.writeUInt32LE(h.originalSize >>> 0, 12);
  }
  const cdOffset = 30 + n.length + data.length + descriptor.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, descriptor, central, n, end]);
}

function refused(r: EdReadResult, code: string) {
  expect(r.ok ? 'ok' : `${r.code}`, r.ok ? '' : r.message).toBe(code);
}

/** Each hostile input with the code it must get. */
function hostile(): [string, Uint8Array, string][] {
  const good = writeEdMessage(sampleMessage());
  const goodZip = writeEdMessageZip(sampleMessage());
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE Message [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
${envelope('<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>x</Ссылка><Наименование>&i;</Наименование></КлючевыеСвойства></Справочник.Контрагенты>').replace(/^<\?xml[^>]*>\n/, '')}`;
  const external = `<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${envelope('<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>x</Ссылка><Наименование>&xxe;</Наименование></КлючевыеСвойства></Справочник.Контрагенты>').replace(/^<\?xml[^>]*>\n/, '')}`;
  const undeclared = envelope('<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>x</Ссылка><Наименование>&xxe;</Наименование></КлючевыеСвойства></Справочник.Контрагенты>');
  const [pre, post] = envelope('@@').split('@@') as [string, string];
  const bigText = Buffer.concat([Buffer.from(`${pre}<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>x</Ссылка><Наименование>`), Buffer.alloc(50 * 1024 * 1024, 0x61), Buffer.from(`</Наименование></КлючевыеСвойства></Справочник.Контрагенты>${post}`)]);
  const deep = Buffer.from(`${pre}${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}${post}`);
  const k = Math.floor((GB - 1) / 258);
  const bomb = zeroBombDeflate(k);
  const truncatedZip = goodZip.subarray(0, Math.floor(goodZip.length / 2));
  return [
    ['billion laughs', Buffer.from(laughs), 'doctype'],
    ['external entity', Buffer.from(external), 'doctype'],
    ['undeclared entity', Buffer.from(undeclared), 'malformed'],
    ['50 MB text node', bigText, 'limit'],
    ['100k-deep nesting', deep, 'limit'],
    ['2 MB attribute', Buffer.from(`${pre}<Справочник.Контрагенты a="${'x'.repeat(2 * 1024 * 1024)}"/>${post}`), 'limit'],
    ['zip bomb, 1 GB declared', rawZip('Message_БП_CRM.xml', bomb, { method: 8, originalSize: 1 + 258 * k }), 'too_large'],
    ['zip bomb, lying 1 KB', rawZip('Message_БП_CRM.xml', bomb, { method: 8, originalSize: 1024 }), 'malformed'],
    ['zip bomb, streamed (no sizes before the data)', rawZip('Message_БП_CRM.xml', bomb, { method: 8, originalSize: 1 + 258 * k, streamed: true }), 'too_large'],
    ['zip entry shorter than declared', rawZip('Message_БП_CRM.xml', good, { method: 0, originalSize: good.length + 10 }), 'malformed'],
    ['zip with a lying compressed size', rawZip('Message_БП_CRM.xml', good, { method: 0, size: good.length + 5000, originalSize: good.length }), 'malformed'],
    ['zip with a path entry', rawZip('../Message_БП_CRM.xml', good, { method: 0, originalSize: good.length }), 'malformed'],
    ['truncated xml', good.subarray(0, Math.floor(good.length * 0.6)), 'malformed'],
    ['truncated zip', truncatedZip, 'malformed'],
    ['random bytes', crypto.randomBytes(64 * 1024), 'not_enterprise_data'],
    ['empty file', Buffer.alloc(0), 'not_enterprise_data'],
    ['wrong root namespace', Buffer.from(envelope('').replace('<Message ', '<Message xmlns="urn:other" ')), 'not_enterprise_data'],
    ['wrong root', Buffer.from(envelope('', { root: 'Сообщение' })), 'not_enterprise_data'],
    ['Body in another namespace', Buffer.from(envelope('', { bodyNs: 'urn:other' })), 'not_enterprise_data'],
    ['invalid UTF-8 inside', Buffer.concat([good.subarray(0, 500), Buffer.from([0xc3, 0x28]), good.subarray(500)]), 'malformed'],
    ['too many objects', Buffer.from(envelope('<X/>'.repeat(100_001))), 'limit'],
  ];
}

describe('EnterpriseData hostile inputs', () => {
  it('refuses each with its code, fast', () => {
    for (const [name, bytes, code] of hostile()) {
      const t = Date.now();
      const r = readEdMessage(bytes);
      expect(r.ok ? 'ok' : r.code, `${name}: ${r.ok ? '' : r.message}`).toBe(code);
      expect(Date.now() - t, name).toBeLessThan(10_000);
    }
  });

  it('refuses a file over the size limit, a zip inflating past it without a declared size, and each other limit', () => {
    refused(readEdMessage(new Uint8Array(1025), { maxBytes: 1024 }), 'too_large');
    const good = writeEdMessage(sampleMessage());
    // A streamed zip (sizes only in the data descriptor): the real size is what stops it.
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      parts.push(chunk);
    });
    const entry = new ZipDeflate('Message_CRM_БП.xml');
    zip.add(entry);
    entry.push(good, true);
    zip.end();
    const streamed = Buffer.concat(parts);
    expect(readEdMessage(streamed)).toMatchObject({ ok: true });
    const capped = readEdMessage(streamed, { maxXmlBytes: good.length - 1 });
    expect(capped).toMatchObject({ ok: false, code: 'too_large', message: expect.stringContaining('inflates past') });
    refused(readEdMessage(writeEdMessageZip(sampleMessage()), { maxXmlBytes: good.length - 1 }), 'too_large');
    refused(readEdMessage(good, { maxXmlBytes: good.length - 1 }), 'too_large');
    refused(readEdMessage(good, { maxElements: 50 }), 'limit');
    refused(readEdMessage(good, { maxObjects: 3 }), 'limit');
    refused(readEdMessage(good, { maxObjectElements: 10 }), 'limit');
    refused(readEdMessage(good, { maxTextLength: 20 }), 'limit');
    expect(readEdMessage(good).ok).toBe(true);
  });
});

describe('EnterpriseData on the worker pool', () => {
  let pool: WorkerPool | null = null;
  afterAll(async () => {
    await pool?.close();
  });

  it('reads a message and refuses every hostile input within the task time limit', async () => {
    pool = new WorkerPool({ maxThreads: 1 });
    const limit = pool.limitsOf(edParseTask.kind).timeoutMs;
    const good = await pool.run(edParseTask, { bytes: new Uint8Array(writeEdMessageZip(sampleMessage())) });
    expect(good.ok && good.message.objects.length).toBe(sampleMessage().objects.length);
    for (const [name, bytes, code] of hostile()) {
      const t = Date.now();
      const r = await pool.run(edParseTask, { bytes: new Uint8Array(bytes) });
      expect(r.ok ? 'ok' : r.code, name).toBe(code);
      expect(Date.now() - t, name).toBeLessThan(limit);
    }
    await expect(pool.run(edParseTask, { bytes: new Uint8Array(65 * 1024 * 1024) })).rejects.toBeInstanceOf(WorkerError);
  });

  it('reads 10,000 documents in one zipped message well within the time limit', async () => {
    pool ??= new WorkerPool({ maxThreads: 1 });
    const m = sampleMessage();
    const sale = m.objects.find((o) => o.type === 'sale')!;
    const objects = Array.from({ length: 10_000 }, (_, i) => ({ ...sale, ref: `ref-${i}`, number: `Р-${i}` }));
    const zip = writeEdMessageZip({ ...m, objects });
    const t = Date.now();
    const r = await pool.run(edParseTask, { bytes: new Uint8Array(zip) });
    expect(Date.now() - t).toBeLessThan(15_000);
    expect(r.ok && r.problems).toEqual([]);
    expect(r.ok && r.message.objects.length).toBe(10_000);
    expect(r.ok && r.message.objects[9_999]).toEqual({ ...sale, ref: 'ref-9999', number: 'Р-9999' });
  });
});
