// Child process of `--only glavbukh`: a certified list through the real mechanism (store → batch → parse on the pool → stage),
// the review's first page, then apply; prints one JSON line: times, peak RSS of this process (main + worker threads), counts.
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../src-main/core';
import { applyStage, createBatch, runBatch } from '../src-main/features/imports/process';
import { storeBytes } from '../src-main/features/imports/store';
import { batchDetail } from '../src-main/features/imports/journal';
import { loadReview } from '../src-main/features/glavbukh/list.stage';
import type { PushMessage } from '../src-shared/events';

const [dbPath, file] = process.argv.slice(2);
if (!dbPath || !file) throw new Error('usage: glavbukh-import.ts DB FILE');
const core = createCore({ dbPath, log: (m, e) => console.error(m, e) });
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
try {
  const now = () => core.clock.now().toISOString();
  const t = performance.now();
  const stored = storeBytes(core.db, fs.readFileSync(file), path.basename(file), now());
  const batchId = createBatch(core.db, { source: 'cli', createdBy: null, files: [{ fileId: stored.fileId, name: path.basename(file) }] }, now());
  await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: (m, e) => console.error(m, e) }, batchId);
  const stageMs = performance.now() - t;
  const r = batchDetail(core.db, batchId)!.results[0]!;
  if (r.stageId == null) throw new Error(`not staged: ${r.status} ${JSON.stringify(r.problems)}`);
  const t1 = performance.now();
  const review = loadReview(core.db, { stageId: r.stageId, offset: 0, limit: 100 });
  const reviewMs = performance.now() - t1;
  const t2 = performance.now();
  const again = loadReview(core.db, { stageId: r.stageId, state: 'matched', offset: 40_000, limit: 100 });
  const pageMs = performance.now() - t2;
  const t3 = performance.now();
  const pending: PushMessage[] = [];
  const o = applyStage(core, r.stageId, { mapping: review.mapping }, null, pending);
  const applyMs = performance.now() - t3;
  const ms = performance.now() - t;
  clearInterval(sample);
  const maxRssMb = Math.max(process.resourceUsage().maxRSS / 1024, peak / 1_048_576);
  process.stdout.write(`${JSON.stringify({ ms, stageMs, reviewMs, pageMs, applyMs, maxRssMb, counts: review.counts, page: again.rows.length, added: o.added, threads: core.pool.maxThreads })}\n`);
} finally {
  clearInterval(sample);
  await core.close();
}
