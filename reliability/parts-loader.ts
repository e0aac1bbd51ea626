// Finds the parts of `npm run reliability`: every module in reliability/parts/ that exports `part`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReliabilityPart } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const partsDir = path.join(here, 'parts');

/** Parts are discovered, so a new one is a new file and nothing else. */
export async function loadParts(): Promise<ReliabilityPart[]> {
  const files = fs.existsSync(partsDir) ? fs.readdirSync(partsDir).filter((f) => f.endsWith('.ts')).sort() : [];
  const parts: ReliabilityPart[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(partsDir, f)).href)) as { part?: ReliabilityPart };
    if (mod.part) parts.push(mod.part);
  }
  return parts;
}
