// Our written EnterpriseData messages validate against the schema in test/edo/xsd (xmllint, Debian libxml2-utils).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { writeEdMessage, writeEdMessageZip } from '../../src-main/features/edo/enterprise-data/write';
import { sampleMessage } from './ed-fixtures';

const schema = fileURLToPath(new URL('./xsd/message.xsd', import.meta.url));
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-xsd-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function xmllint(bytes: Uint8Array, name: string): { status: number | null; out: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('xmllint is not installed: install the Debian package libxml2-utils (apt-get install libxml2-utils); .ci/run installs it');
  }
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('EnterpriseData schema', () => {
  it('validates every object type as written: plain, with BOM, and the xml inside the zip', () => {
    const msg = sampleMessage();
    const plain = xmllint(writeEdMessage(msg), 'plain.xml');
    expect(plain.out).toContain('validates');
    expect(plain.status).toBe(0);
    expect(xmllint(writeEdMessage(msg, { bom: true }), 'bom.xml').status).toBe(0);
    const inner = Object.values(unzipSync(writeEdMessageZip(msg)))[0]!;
    expect(xmllint(inner, 'inner.xml').status).toBe(0);
    expect(xmllint(writeEdMessage({ ...msg, objects: [] }), 'empty.xml').status).toBe(0);
  });

  it('rejects messages that break it, so a pass means something', () => {
    const xml = writeEdMessage(sampleMessage()).toString('utf8');
    const broken = {
      inn: xml.replace('<ИНН>7701234567</ИНН>', '<ИНН>77012</ИНН>'),
      money: xml.replace('<Сумма>1234.50</Сумма>', '<Сумма>1234.5</Сумма>'),
      order: xml.replace(/(<Наименование>ИП Ёлкина Анна Петровна<\/Наименование>)/, '<Лишнее>x</Лишнее>$1'),
      header: xml.replace(/<msg:MessageNo>\d+<\/msg:MessageNo>/, '<msg:MessageNo>-1</msg:MessageNo>'),
      namespace: xml.replace('EnterpriseData/1.8">', 'EnterpriseData/1.9">'),
    };
    for (const [name, text] of Object.entries(broken)) {
      expect(text, name).not.toBe(xml);
      const r = xmllint(Buffer.from(text), `${name}.xml`);
      expect(r.status, `${name}: ${r.out}`).not.toBe(0);
    }
  });
});
