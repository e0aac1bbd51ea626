// The import mechanism with a throwaway format: store by content, batches with results per file and record, worker limits, ZIPs, staging, folders, the journal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { testEnv, type TestEnv } from '../helpers/core';
import { startServer, type TestServer } from '../api/http';
import { registerTask } from '../../src-main/workers/registry';
import { registerFormat, unregisterFormat } from '../../src-main/features/imports/formats';
import type { ParseInput, ParseOutcome } from '../../src-main/features/imports/format';
import { startImportJob, type ImportJob } from '../../src-main/jobs/imports.job';
import { stmt } from '../../src-main/db/stmt';
import type { TstRecord } from './throwaway.task';
import type { ImportBatchDetail, UploadedFile } from '../../src-shared/imports';

const parseTask = registerTask<ParseInput, ParseOutcome<TstRecord>>({
  kind: 'test.tst.parse',
  module: 'test/imports/throwaway.task',
  limits: { maxInputBytes: 3 * 1024 * 1024, timeoutMs: 15_000 },
});
/** The same parser with a short time budget, for the file that must run out of time (and only for it: a loaded machine). */
const slowTask = registerTask<ParseInput, ParseOutcome<TstRecord>>({
  kind: 'test.slow.parse',
  module: 'test/imports/throwaway.task',
  limits: { maxInputBytes: 3 * 1024 * 1024, timeoutMs: 1500 },
});

let env: TestEnv;
let server: TestServer;
let job: ImportJob;
let sio: { id: number; token: string };
let caller: { id: number; token: string };

const file = (...lines: string[]) => Buffer.from(['TSTFMT', ...lines].join('\n'), 'utf8');
const slow = (...lines: string[]) => Buffer.from(['TSTSLW', ...lines].join('\n'), 'utf8');
const staged = (...lines: string[]) => Buffer.from(['TSTSTG', ...lines].join('\n'), 'utf8');
const rows = () => stmt(env.core.db, 'SELECT key, value FROM tst_records ORDER BY key').all() as { key: string; value: string }[];

async function upload(token: string, name: string, bytes: Uint8Array): Promise<{ status: number; body: { ok: boolean; data?: UploadedFile; error?: { code: string } } }> {
  const res = await fetch(`${server.url}/upload/imports?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: bytes });
  return { status: res.status, body: (await res.json()) as never };
}

/** Uploads the files, starts a batch, waits for the job and returns the batch as the journal shows it. */
async function importFiles(token: string, files: [string, Uint8Array][], options: { questionTasks?: boolean } = {}): Promise<ImportBatchDetail> {
  const uploaded = [];
  for (const [name, bytes] of files) {
    const r = await upload(token, name, bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    uploaded.push({ sha256: r.body.data!.sha256, name });
  }
  const { batchId } = await env.as(token, 'imports.start', { files: uploaded, options });
  await job.idle();
  return env.as(token, 'imports.batch', { id: batchId });
}

const byName = (b: ImportBatchDetail, name: string) => b.results.find((r) => r.name === name)!;

beforeAll(async () => {
  env = await testEnv({ pool: { maxThreads: 2 } });
  env.core.db.$client.exec('CREATE TABLE tst_records (key TEXT PRIMARY KEY, value TEXT NOT NULL, file_id INTEGER)');
  registerFormat({
    kind: 'test.tst',
    mode: 'direct',
    detect: (head) => head.subarray(0, 6).toString('latin1') === 'TSTFMT',
    parse: parseTask,
    apply(parsed, ctx) {
      let added = 0;
      let skipped = 0;
      let flagged = 0;
      const problems: { record: number | null; code: string }[] = [];
      parsed.records.forEach((rec, i) => {
        const r = rec as TstRecord;
        if (r.key === 'APPLYFAIL') throw new Error('apply failed on purpose');
        const ins = stmt(ctx.db, 'INSERT OR IGNORE INTO tst_records (key, value, file_id) VALUES (?, ?, ?)').run(r.key, r.value, ctx.fileId);
        if (ins.changes === 0) skipped++;
        else added++;
        if (r.value === 'FLAG') {
          flagged++;
          problems.push({ record: i + 1, code: 'flagged_on_purpose' });
        }
      });
      return { added, skipped, flagged, problems };
    },
  });
  registerFormat({
    kind: 'test.slow',
    mode: 'direct',
    detect: (head) => head.subarray(0, 6).toString('latin1') === 'TSTSLW',
    parse: slowTask,
    apply: () => ({ added: 0, skipped: 0, flagged: 0, problems: [] }),
  });
  registerFormat({
    kind: 'test.staged',
    mode: 'staged',
    detect: (head) => head.subarray(0, 6).toString('latin1') === 'TSTSTG',
    parse: parseTask,
    applyStaged(parsed, decisions, ctx) {
      const leaveOut = new Set(((decisions as { leaveOut?: string[] }).leaveOut ?? []).map(String));
      let added = 0;
      for (const rec of parsed.records as TstRecord[]) {
        if (leaveOut.has(rec.key)) continue;
        stmt(ctx.db, 'INSERT INTO tst_records (key, value, file_id) VALUES (?, ?, ?)').run(rec.key, rec.value, ctx.fileId);
        added++;
      }
      return { added, skipped: leaveOut.size, flagged: 0, problems: [] };
    },
  });
  server = await startServer(env.core);
  job = startImportJob(env.core, { clock: env.clock, watchFolders: true, stableMs: 200, gatherMs: 200, log: () => undefined });
  sio = await env.employee('sio1', ['sio']);
  caller = await env.employee('caller1', ['caller']);
});

afterAll(async () => {
  await job?.stop();
  await server?.close();
  unregisterFormat('test.tst');
  unregisterFormat('test.staged');
  unregisterFormat('test.slow');
  await env?.close();
});

describe('upload and batches', () => {
  it('streams a file past the 1 MiB API limit into the store, imports its records, and takes the same bytes under another name as a duplicate', async () => {
    const big = file(...Array.from({ length: 60_000 }, (_, i) => `k${String(i).padStart(6, '0')};value-${i}`));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const b = await importFiles(sio.token, [['big.tst', big]]);
    expect(b.state).toBe('done');
    expect(byName(b, 'big.tst')).toMatchObject({ status: 'applied', kind: 'test.tst', added: 60_000, skipped: 0 });
    expect(rows().length).toBe(60_000);

    const again = await importFiles(sio.token, [['copy of big.txt', big]]);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', added: 0 });
    expect(rows().length).toBe(60_000);
    const up = await upload(sio.token, 'x', big);
    expect(up.body.data!.seen).toBe(true);
  });

  it('takes the same bytes twice in one batch once: the next file is parsed while this one is written, and the second is a duplicate', async () => {
    const twin = file('t1;x', 't2;y');
    const b = await importFiles(sio.token, [
      ['twin-a.tst', twin],
      ['twin-b.tst', twin],
      ['third.tst', file('t3;z')],
    ]);
    expect(b.results.map((r) => [r.name, r.status, r.added])).toEqual([
      ['twin-a.tst', 'applied', 2],
      ['twin-b.tst', 'duplicate', 0],
      ['third.tst', 'applied', 1],
    ]);
  });

  it('refuses an upload without a session or without an importing role, storing nothing', async () => {
    const before = fs.readdirSync(path.join(path.dirname(env.core.db.$client.name), 'imports')).length;
    const anon = await fetch(`${server.url}/upload/imports?name=a`, { method: 'POST', body: file('a;1') });
    expect(anon.status).toBe(401);
    const r = await upload(caller.token, 'a', file('zz;1'));
    expect(r.status).toBe(403);
    expect(await env.core.call('imports.start', { files: [{ sha256: 'f'.repeat(64), name: 'x' }] }, sio.token)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(fs.readdirSync(path.join(path.dirname(env.core.db.$client.name), 'imports')).length).toBe(before);
  });

  it('gives each file its own result; one bad file never stops the batch, and a file whose apply fails lands nothing', async () => {
    const b = await importFiles(sio.token, [
      ['good.tst', file('a1;x', 'no value here', 'a2;FLAG')],
      ['broken.tst', file('b1;x', 'BROKEN')],
      ['old.tst', file('TOO_OLD')],
      ['unknown.bin', Buffer.from('%PDF-1.4 not ours')],
      ['fails.tst', file('c1;x', 'c2;y', 'APPLYFAIL;z')],
      ['throws.tst', file('THROW')],
      ['after.tst', file('d1;x')],
    ]);
    expect(byName(b, 'good.tst')).toMatchObject({ status: 'applied', added: 2, skipped: 1, flagged: 1 });
    expect(byName(b, 'good.tst').problems.map((p) => [p.record, p.code])).toEqual([
      [2, 'no_value'],
      [2, 'flagged_on_purpose'],
    ]);
    expect(byName(b, 'broken.tst')).toMatchObject({ status: 'malformed', added: 0 });
    expect(byName(b, 'old.tst').status).toBe('too_old');
    expect(byName(b, 'unknown.bin').status).toBe('unknown_format');
    expect(byName(b, 'fails.tst').status).toBe('failed');
    expect(byName(b, 'throws.tst').status).toBe('malformed');
    expect(byName(b, 'after.tst')).toMatchObject({ status: 'applied', added: 1 });
    const keys = rows().map((r) => r.key);
    expect(keys).toContain('a1');
    expect(keys).toContain('d1');
    expect(keys.filter((k) => k.startsWith('c'))).toEqual([]);
    // Refused for their content: seen. An apply that failed is not: the next batch tries it again.
    const outcome = (name: string) => (stmt(env.core.db, 'SELECT outcome FROM import_files WHERE name = ?').get(name) as { outcome: string | null }).outcome;
    expect(outcome('broken.tst')).toBe('refused');
    expect(outcome('unknown.bin')).toBe('refused');
    expect(outcome('fails.tst')).toBeNull();
    expect(b).toMatchObject({ filesTotal: 7, filesDone: 7, refused: 5 });
  });

  it('stops a parser at its time limit and over its size limit; a timed-out file is retried, an oversized one is not', async () => {
    const b = await importFiles(sio.token, [
      ['slow.tst', slow('s1;x', 'SLEEP')],
      ['huge.tst', Buffer.from(`TSTFMT\n${'h;value-of-a-long-record\n'.repeat(200_000)}`)],
    ]);
    expect(byName(b, 'slow.tst').status).toBe('timeout');
    expect(byName(b, 'huge.tst').status).toBe('too_large');
    const outcome = (name: string) => (stmt(env.core.db, 'SELECT outcome FROM import_files WHERE name = ?').get(name) as { outcome: string | null }).outcome;
    expect(outcome('slow.tst')).toBeNull();
    expect(outcome('huge.tst')).toBe('refused');
  }, 30_000);

  it('opens a ZIP (and a ZIP inside it) and imports each member as a file of the batch', async () => {
    const inner = zipSync({ 'z3.tst': file('z3;x') });
    const zip = zipSync({ 'one/z1.tst': file('z1;x'), 'z2.tst': file('z2;x'), 'inner.zip': inner, '__MACOSX/._z1.tst': new Uint8Array([1, 2]) });
    const b = await importFiles(sio.token, [['bundle.zip', zip]]);
    expect(byName(b, 'bundle.zip')).toMatchObject({ status: 'opened', kind: 'zip', added: 3 });
    expect(byName(b, 'one/z1.tst')).toMatchObject({ status: 'applied', added: 1 });
    expect(byName(b, 'z3.tst')).toMatchObject({ status: 'applied', added: 1 });
    expect(rows().map((r) => r.key)).toEqual(expect.arrayContaining(['z1', 'z2', 'z3']));
    expect(b.filesTotal).toBe(5);

    const broken = await importFiles(sio.token, [['broken.zip', Buffer.concat([zip.subarray(0, 40), Buffer.alloc(50)])]]);
    expect(broken.results[0]!.status).toBe('malformed');
  });

  it('stages a staged format for review and applies it with the reviewer’s decisions, all or nothing', async () => {
    const b = await importFiles(sio.token, [['list.stg', staged('s1;x', 's2;y', 's3;z')]]);
    const r = byName(b, 'list.stg');
    expect(r).toMatchObject({ status: 'staged' });
    expect(rows().some((x) => x.key === 's1')).toBe(false);
    const stage = await env.as(sio.token, 'imports.stage.get', { id: r.stageId! });
    expect((stage.parsed as { records: unknown[] }).records).toHaveLength(3);
    // Uploaded again while waiting: no second stage.
    const again = await importFiles(sio.token, [['list again.stg', staged('s1;x', 's2;y', 's3;z')]]);
    expect(again.results[0]!.status).toBe('duplicate');

    const applied = await env.as(sio.token, 'imports.stage.apply', { id: r.stageId!, decisions: { leaveOut: ['s2'] } });
    expect(applied).toMatchObject({ added: 2 });
    expect(rows().filter((x) => x.key.startsWith('s') && x.key.length === 2).map((x) => x.key)).toEqual(['s1', 's3']);
    const after = await env.as(sio.token, 'imports.batch', { id: b.id });
    expect(byName(after, 'list.stg')).toMatchObject({ status: 'applied', added: 2, stageId: null });
    expect(await env.core.call('imports.stage.apply', { id: r.stageId!, decisions: {} }, sio.token)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('journal and access', () => {
  it('shows an employee their own batches and a head every batch; another’s batch is not found', async () => {
    const other = await env.employee('chat1', ['chat']);
    const b = await importFiles(other.token, [['mine.tst', file('m1;x')]]);
    const mine = await env.as(other.token, 'imports.batches', {});
    expect(mine.map((x) => x.id)).toEqual([b.id]);
    expect(mine[0]).toMatchObject({ added: 1, createdByName: 'Сотрудник chat1', source: 'upload' });
    expect(await env.core.call('imports.batch', { id: b.id }, sio.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The stored file downloads for its importer and for a head, not for another employee who learnt its hash.
    const sha = b.results[0]!.sha256!;
    const get = (token: string) => fetch(`${server.url}/files/imports/${sha}`, { headers: { Authorization: `Bearer ${token}` } });
    const own = await get(other.token);
    expect(own.status).toBe(200);
    expect(await own.text()).toBe(file('m1;x').toString('utf8'));
    expect((await get(sio.token)).status).toBe(404);
    expect((await get(env.adminToken)).status).toBe(200);
    const all = await env.admin('imports.batches', {});
    expect(all.length).toBeGreaterThan(3);
  });
});

describe('watched folders', () => {
  it('imports a file dropped into a folder once its size settles, and never the same bytes twice whatever their name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-watch-'));
    const { id } = await env.admin('imports.folders.save', { path: dir, label: 'Папка СИО', employeeId: sio.id });
    const count = () => (stmt(env.core.db, "SELECT count(*) AS n FROM import_batches WHERE source = 'folder'").get() as { n: number }).n;
    const before = count();
    const target = path.join(dir, 'w.tst');
    // Written in two steps, as a slow copy would.
    fs.writeFileSync(target, file('w1;x'));
    fs.appendFileSync(target, '\nw2;y');
    await expect.poll(() => rows().filter((r) => r.key.startsWith('w')).length, { timeout: 15_000 }).toBe(2);
    await job.idle();
    expect(count()).toBe(before + 1);
    const b = (await env.as(sio.token, 'imports.batches', {}))[0]!;
    expect(b).toMatchObject({ source: 'folder', folder: dir, createdBy: sio.id, added: 2 });

    fs.copyFileSync(target, path.join(dir, 'w copy.tst'));
    await new Promise((r) => setTimeout(r, 1500));
    await job.idle();
    expect(count()).toBe(before + 1);
    const listed = await env.admin('imports.folders.list', {});
    expect(listed.find((f) => f.id === id)).toMatchObject({ readable: true, employeeName: 'Сотрудник sio1' });
    await env.admin('imports.folders.delete', { id });
  }, 30_000);
});

describe('a batch interrupted', () => {
  it('stopped on purpose between files, goes on where it stopped: no file is listed as interrupted', async () => {
    const names = ['stop-1.tst', 'stop-2.tst', 'stop-3.tst'];
    const uploaded = [];
    for (const [i, name] of names.entries()) uploaded.push({ sha256: (await upload(sio.token, name, file(`st${i};x`))).body.data!.sha256, name });
    let stopping: Promise<void> | null = null;
    const off = env.core.bus.subscribe((msg) => {
      if (msg.event === 'imports.progress' && (msg.data as { filesDone: number }).filesDone === 1 && !stopping) stopping = job.stop();
    });
    const { batchId } = await env.as(sio.token, 'imports.start', { files: uploaded });
    await expect.poll(() => stopping !== null, { timeout: 15_000 }).toBe(true);
    await stopping;
    off();
    job = startImportJob(env.core, { clock: env.clock, watchFolders: false, log: () => undefined });
    await job.idle();
    const b = await env.as(sio.token, 'imports.batch', { id: batchId });
    expect(b.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('is resumed by the next job: finished files stay, pending ones are processed', async () => {
    await job.stop();
    const up = await upload(sio.token, 'resume.tst', file('r1;x'));
    const { batchId } = await env.as(sio.token, 'imports.start', { files: [{ sha256: up.body.data!.sha256, name: 'resume.tst' }] });
    const up2 = await upload(sio.token, 'in-hand.tst', file('r2;x'));
    const { batchId: cutId } = await env.as(sio.token, 'imports.start', { files: [{ sha256: up2.body.data!.sha256, name: 'in-hand.tst' }] });
    stmt(env.core.db, "UPDATE import_batches SET state = 'running' WHERE id IN (?, ?)").run(batchId, cutId);
    // This one was in hand when the process stopped: it may be what stopped it, so it is not taken again by itself.
    stmt(env.core.db, 'UPDATE import_results SET started_at = ? WHERE batch_id = ?').run(env.clock.now().toISOString(), cutId);
    job = startImportJob(env.core, { clock: env.clock, watchFolders: false, log: () => undefined });
    await job.idle();
    const b = await env.as(sio.token, 'imports.batch', { id: batchId });
    expect(b).toMatchObject({ state: 'done', added: 1 });
    const cut = await env.as(sio.token, 'imports.batch', { id: cutId });
    expect(cut.results[0]).toMatchObject({ status: 'failed', problems: [{ code: 'interrupted' }] });
    // Left undecided: a new import of the same bytes takes it.
    const again = await importFiles(sio.token, [['in-hand again.tst', file('r2;x')]]);
    expect(again.results[0]).toMatchObject({ status: 'applied', added: 1 });
  });
});
