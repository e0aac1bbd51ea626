// Chat exports through the import mechanism itself: detected by content, applied per file, re-import and overlap add nothing, a truncated file lands nothing.
import { Readable } from 'node:stream';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { createBatch, runBatch } from '../../src-main/features/imports/process';
import { storeStream } from '../../src-main/features/imports/store';
import { batchDetail } from '../../src-main/features/imports/journal';
import { chatExport } from './helpers';

let env: TestEnv;
afterEach(() => env?.close());

async function importFiles(files: { name: string; bytes: Buffer }[]) {
  const core = env.core;
  const now = () => core.clock.now().toISOString();
  const stored = [];
  for (const f of files) {
    const s = await storeStream(core.db, Readable.from([f.bytes]), f.name, now);
    stored.push({ fileId: s.fileId, name: f.name });
  }
  const batchId = createBatch(core.db, { source: 'cli', createdBy: null, files: stored }, now());
  await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: () => undefined }, batchId);
  return batchDetail(core.db, batchId)!.results.map((r) => ({ name: r.name, kind: r.kind, status: r.status, added: r.added, skipped: r.skipped, flagged: r.flagged, problems: r.problems }));
}

const count = () => (env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM chat_sessions').get() as { n: number }).n;

describe('chat exports through the import mechanism', () => {
  it('imports the specimen, refuses the same bytes again, adds only new sessions of an overlapping file, and lands nothing of a truncated one', async () => {
    env = await testEnv();
    await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
    const c = await env.admin('clients.create', { name: 'ООО Восток-Транс' });
    await env.admin('distributions.save', { clientId: c.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
    const specimen = fs.readFileSync(new URL('../fixtures/chat/chats-2026-11.xml', import.meta.url));
    const [first] = await importFiles([{ name: 'anything.dat', bytes: specimen }]);
    expect(first).toMatchObject({ kind: 'chat.sessions', status: 'applied', added: 2, skipped: 0, flagged: 1 });
    expect(first!.problems).toEqual([
      { record: 2, code: 'unknown_system_number', detail: '7' },
      { record: 2, code: 'unknown_kit', detail: '7_045678' },
    ]);
    const [again] = await importFiles([{ name: 'copy.xml', bytes: specimen }]);
    expect(again!.status).toBe('duplicate');
    const overlap = Buffer.from(
      chatExport([
        { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:05', finish: '2026-11-02 10:12:40' },
        { sys: 1, distr: 123, comp: 2, start: '2026-11-05 10:00:00' },
      ]),
    );
    const truncated = overlap.subarray(0, overlap.length - 30);
    const results = await importFiles([
      { name: 'overlap.xml', bytes: overlap },
      { name: 'cut.xml', bytes: Buffer.concat([truncated, Buffer.from('<chat sys="1" distr="9" start="2026-11-06 10:00:00">')]) },
    ]);
    expect(results.map((r) => [r.name, r.status, r.added, r.skipped])).toEqual([
      ['overlap.xml', 'applied', 1, 1],
      ['cut.xml', 'malformed', 0, 0],
    ]);
    expect(count()).toBe(3);
  }, 60_000);
});
