// The quick form of the reliability part «isolation»: the real server keeps answering search while an export and prints run (ratios and counts only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { isolationFigures, measureIsolation } from '../../reliability/parts/isolation';
import { percentile } from '../../bench/stats';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-rel-isolation-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('answers search over HTTP while an XLSX export and prints run, and serves 50 clients flat out without errors', async () => {
  const r = await measureIsolation({ dir, quick: true });
  expect(r.heavyErrors).toEqual([]);
  expect(r.exportRows).toBeGreaterThanOrEqual(9_000);
  expect(r.prints).toBe(5);
  // Searches kept being answered while the heavy work ran…
  expect(r.loaded.latencies.length).toBeGreaterThanOrEqual(10);
  expect(r.loaded.errors).toBe(0);
  // …and none waited for it: on one event loop, the requests caught behind the export wait about as long as the export.
  expect(percentile(r.loaded.latencies, 99)).toBeLessThan(r.exportMs / 3);
  expect(r.flat.latencies.length).toBeGreaterThan(r.flatClients);
  expect(r.flat.errors).toBe(0);
  const figures = isolationFigures(r, true);
  expect(figures.every((f) => f.value && !f.value.includes('NaN'))).toBe(true);
  expect(figures.filter((f) => f.met === false)).toEqual([]);
}, 240_000);
