// Test helpers for USR files: running files through the real import mechanism (store, parse on the pool, apply) and reading results.
import { Readable } from 'node:stream';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestEnv } from '../helpers/core';
import { createBatch, runBatch } from '../../src-main/features/imports/process';
import { storeStream } from '../../src-main/features/imports/store';
import { batchDetail } from '../../src-main/features/imports/journal';

export const usrFixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/usr/CONS#1_000123.usr'));

/** Stores the files, runs one batch over them and returns each file's result. */
export async function importUsr(env: TestEnv, files: { name: string; bytes: Uint8Array }[]) {
  const core = env.core;
  const now = () => core.clock.now().toISOString();
  const stored = [];
  for (const f of files) {
    const s = await storeStream(core.db, Readable.from([Buffer.from(f.bytes)]), f.name, now);
    stored.push({ fileId: s.fileId, name: f.name });
  }
  const batchId = createBatch(core.db, { source: 'cli', createdBy: null, files: stored }, now());
  await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: () => undefined }, batchId);
  return batchDetail(core.db, batchId)!.results.map((r) => ({ name: r.name, kind: r.kind, status: r.status, problems: r.problems }));
}
