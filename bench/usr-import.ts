// Child process of `--only usr`: imports a folder of USR files through the real mechanism (store → batch → runBatch on the pool)
// into a seeded database and prints one JSON line: wall time, peak RSS of this process (main thread and its worker threads), statuses.
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../src-main/core';
import { createBatch, runBatch } from '../src-main/features/imports/process';
import { storeBytes } from '../src-main/features/imports/store';

const [dbPath, dir] = process.argv.slice(2);
if (!dbPath || !dir) throw new Error('usage: usr-import.ts DB DIR');
const core = createCore({ dbPath, log: (m, e) => console.error(m, e) });
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
try {
  const names = fs.readdirSync(dir).sort();
  const now = () => core.clock.now().toISOString();
  const t = performance.now();
  // As uploads do: each file into the store as it arrives (read one at a time, never the whole set in memory).
  const stored = names.map((name) => ({ fileId: storeBytes(core.db, fs.readFileSync(path.join(dir, name)), name, now()).fileId, name }));
  const storeMs = performance.now() - t;
  const batchId = createBatch(core.db, { source: 'cli', createdBy: null, files: stored }, now());
  await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: (m, e) => console.error(m, e) }, batchId);
  const ms = performance.now() - t;
  const statuses = Object.fromEntries(
    (core.db.$client.prepare('SELECT status, count(*) AS n FROM import_results WHERE batch_id = ? GROUP BY status').all(batchId) as { status: string; n: number }[]).map((r) => [r.status, r.n]),
  );
  clearInterval(sample);
  const maxRssMb = Math.max(process.resourceUsage().maxRSS / 1024, peak / 1_048_576);
  process.stdout.write(`${JSON.stringify({ ms, storeMs, maxRssMb, statuses, threads: core.pool.maxThreads })}\n`);
} finally {
  clearInterval(sample);
  await core.close();
}
