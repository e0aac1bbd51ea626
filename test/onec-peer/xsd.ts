// Validates exchange messages against the schema in ./schema with xmllint (when installed), for the peer and tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'schema');
const ED = 'http://v8.1c.ru/edi/edi_stnd/EnterpriseData/';

let available: boolean | undefined;
/** Whether xmllint can be run here (the schema check is skipped where it cannot). */
export function hasXmllint(): boolean {
  available ??= spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
  return available;
}

export interface XsdResult {
  ok: boolean;
  errors: string;
}

/** Checks one message text; the schema's EnterpriseData namespace is set to the version the message's Body uses. */
export function validateMessage(xml: string): XsdResult {
  if (!hasXmllint()) throw new Error('xmllint is not installed');
  const version = new RegExp(`<Body[^>]*xmlns(?::\\w+)?="${ED.replace(/[./]/g, '\\$&')}(1\\.\\d{1,2})"`).exec(xml)?.[1] ?? '1.8';
  const dir = mkdtempSync(join(tmpdir(), 'ed-xsd-'));
  try {
    for (const f of readdirSync(SCHEMA_DIR)) {
      writeFileSync(join(dir, f), readFileSync(join(SCHEMA_DIR, f), 'utf8').replaceAll(`${ED}1.8`, `${ED}${version}`));
    }
    const file = join(dir, 'message.xml');
    writeFileSync(file, xml.replace(/^\uFEFF/, ''));
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(dir, 'envelope.xsd'), file], { encoding: 'utf8', timeout: 30_000 });
    return { ok: r.status === 0, errors: r.status === 0 ? '' : (r.stderr || r.stdout).replaceAll(dir, '').trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
