// `npm run reliability [-- --only a,b] [--minutes 10] [--quick]`: every part in reliability/parts/, on loopback, within the time budget; prints one table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Figure } from './types';
import { loadParts } from './parts-loader';
import { table } from '../bench/stats';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    minutes: { type: 'string', default: '10' },
    quick: { type: 'boolean', default: false },
  },
});

const only = values.only ? new Set(values.only.split(',')) : null;
const parts = (await loadParts()).filter((p) => !only || only.has(p.name));
if (parts.length === 0) {
  console.error(only ? `no part named ${values.only}` : 'no parts in reliability/parts');
  process.exit(2);
}
const totalMs = Number(values.minutes) * 60_000;
const weights = parts.reduce((s, p) => s + (p.weight ?? 1), 0);
const rows: string[][] = [];
let failed = 0;
console.log(`Reliability: ${parts.length} parts, budget ${values.minutes} min, ${os.availableParallelism()} cores, loopback only${values.quick ? ', quick' : ''}\n`);
for (const p of parts) {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-rel-${p.name}-`));
  const budgetMs = Math.max(10_000, (totalMs * (p.weight ?? 1)) / weights);
  const started = performance.now();
  console.log(`▶ ${p.name}: ${p.describe}`);
  let figures: Figure[];
  try {
    figures = await p.run({ tmpDir, budgetMs, quick: values.quick, log: (m) => console.log(`  ${m}`) });
  } catch (err) {
    figures = [{ figure: 'run', value: `failed: ${(err as Error).message}`, target: 'completes', met: false }];
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const f of figures) {
    if (f.met === false) failed++;
    rows.push([p.name, f.figure, f.value, f.target ?? '', f.met === undefined ? '' : f.met ? 'met' : 'MISSED']);
  }
}
console.log(`\n${table(['part', 'figure', 'value', 'target', 'result'], rows)}`);
process.exit(failed > 0 ? 1 : 0);
