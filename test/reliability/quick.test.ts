// The quick forms of `npm run reliability`'s fast parts: kill -9 during writes, hostile API input, hostile files through the mail parser (counts, never wall-clock limits).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { api } from '../../src-shared/api';
import { killDuringWrites } from '../../reliability/parts/kill-writes';
import { hostileApi } from '../../reliability/parts/hostile-api';
import { parseMailCase } from '../../reliability/parts/hostile-files';
import { hostileCorpus } from '../fixtures/hostile';
import { loadParts } from '../../reliability/parts-loader';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'crm-rel-quick-'));

it('every part file is discovered by the runner', async () => {
  const names = (await loadParts()).map((p) => p.name);
  for (const n of ['kill-writes', 'kill-mail', 'hostile-api', 'hostile-files', 'load', 'backup-load']) expect(names).toContain(n);
});

it('kill -9 during API writes loses and doubles nothing acknowledged', { timeout: 180_000 }, async () => {
  const r = await killDuringWrites({ dir: dir(), rounds: 2 });
  expect(r.acked).toBeGreaterThan(0);
  expect({ lost: r.lost, doubled: r.doubled, integrity: r.integrity, foreignKeys: r.foreignKeys, indexMismatch: r.indexMismatch }).toEqual({
    lost: 0,
    doubled: 0,
    integrity: 'ok',
    foreignKeys: 0,
    indexMismatch: 0,
  });
});

it('hostile input for every API method gets a 4xx code and a refused call writes nothing', { timeout: 180_000 }, async () => {
  const runs = 4;
  const r = await hostileApi({ dir: dir(), runsPerMethod: runs });
  expect(r.methods).toBe(Object.keys(api).length);
  expect(r.calls).toBe(r.methods * runs);
  expect(r.refused).toBeGreaterThan(r.calls / 2);
  expect(r.internal).toEqual([]);
  expect(r.wroteOnRefusal).toEqual([]);
  expect(r.http.filter((h) => !h.ok)).toEqual([]);
});

it('the hostile corpus has every kind, and the mail parser finishes every hostile message without throwing', { timeout: 120_000 }, async () => {
  const corpus = hostileCorpus('quick');
  const kinds = new Set(corpus.map((f) => f.kind));
  expect([...kinds].sort()).toEqual(['html', 'mime', 'xlsx', 'xml', 'zip']);
  const mime = corpus.filter((f) => f.kind === 'mime');
  expect(mime.length).toBeGreaterThanOrEqual(9);
  const results = [];
  for (const f of mime) results.push(await parseMailCase(f));
  expect(results.filter((r) => r.outcome.startsWith('threw'))).toEqual([]);
  // The message with a never-closed boundary and bad base64 is not taken as text: it goes to the queue.
  expect(results.find((r) => r.name.startsWith('mime-boundaries'))?.outcome).toMatch(/^queued/);
});
