// Backups under write load and under kill -9: the snapshot finishes while another process writes, and no run leaves a partial backup.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { killHard, spawnTs } from '../helpers/child';
import { seedClients } from '../../src-main/demo/scale';
import { workerRunner } from '../../src-main/jobs/backup.job';
import { createBackup } from '../../src-main/features/backup/snapshot';
import { listBackups, PARTIAL_PREFIX, readManifest, verifyBackup } from '../../src-main/features/backup/manifest';

const WRITER = path.resolve(__dirname, '../helpers/api-writer.ts');
const CLI = path.resolve(__dirname, '../../src-main/cli/main.ts');

let env: TestEnv;
let dbPath: string;
beforeAll(async () => {
  dbPath = tempDbPath('crm-backup-');
  // The writer child checks its session against the wall clock, so the session is made at the wall clock's time.
  env = await testEnv({ dbPath, now: new Date() });
  // Enough data that a backup takes a while: writes land during it, and kills land inside it.
  seedClients(env.core.db, { clients: 4000, seed: 7, today: '2026-11-27' });
}, 120_000);
afterAll(() => env?.close());

const countIn = (file: string, sql: string) => {
  const d = new Database(file, { readonly: true });
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
};

it('finishes while another process commits 25 writes a second, and holds a consistent state', { timeout: 180_000 }, async () => {
  const writer = spawnTs(WRITER, ['--db', dbPath, `--token=${env.adminToken}`, '--rate', '25', '--tag', 'Нагрузка'], (o) => o.includes('writer ready'));
  let acks = 0;
  writer.onLine((l) => {
    if (l.startsWith('ack ')) acks++;
  });
  try {
    await writer.ready;
    while (acks < 10) {
      if (writer.proc.exitCode !== null) throw new Error(`the writer stopped: ${writer.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const folder = path.join(path.dirname(dbPath), 'under-load');
    const rounds: { during: number; clients: number }[] = [];
    // Several backups in a row, the writer never pausing: each must finish (the online backup API restarted on every write).
    for (let i = 0; i < 3; i++) {
      const before = acks;
      const r = await workerRunner({ dbPath, folder, nowIso: new Date(Date.UTC(2026, 10, 27, 9, i)).toISOString(), retention: { keepCount: null, keepDays: null } }, () => undefined, new AbortController().signal);
      const m = verifyBackup(r.dir);
      rounds.push({ during: acks - before, clients: m.database.tables.clients! });
    }
    const total = countIn(dbPath, 'SELECT COUNT(*) AS n FROM clients');
    expect(listBackups(folder)).toHaveLength(3);
    // Writes went on during the backups, and each copy holds a state between the start and the end.
    expect(rounds.reduce((s, r) => s + r.during, 0), JSON.stringify(rounds)).toBeGreaterThan(0);
    for (const r of rounds) {
      expect(r.clients).toBeGreaterThan(4000);
      expect(r.clients).toBeLessThanOrEqual(total);
    }
    expect(rounds[2]!.clients).toBeGreaterThanOrEqual(rounds[0]!.clients);
    // The copies are whole: the search index has a row for every client of the same copy.
    for (const b of listBackups(folder)) {
      const copy = path.join(b.dir, 'crm.db');
      expect(countIn(copy, 'SELECT COUNT(*) AS n FROM client_search')).toBe(countIn(copy, 'SELECT COUNT(*) AS n FROM clients'));
    }
  } finally {
    await killHard(writer);
  }
});

it('killed at any moment, leaves no partial backup; the next run removes what the killed one left', { timeout: 300_000 }, async () => {
  const folder = path.join(path.dirname(dbPath), 'killed');
  const delays = [0, 150, 400, 800, 1500];
  const seen: string[] = [];
  for (const delay of delays) {
    const child = spawnTs(CLI, ['backup', '--db', dbPath, '--to', folder], () => true);
    // Wait until the run has begun its work (its first step line), then kill it somewhere inside.
    while (!child.output().includes('snapshot…') && child.proc.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, delay));
    await killHard(child);
    const entries = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
    seen.push(entries.map((e) => (e.startsWith(PARTIAL_PREFIX) ? 'partial' : 'backup')).join('+') || 'nothing');
    // Whatever does not start with the temp prefix is a complete, verified backup.
    for (const e of entries.filter((x) => !x.startsWith(PARTIAL_PREFIX))) verifyBackup(path.join(folder, e));
  }
  // The kills did interrupt work in progress (a temp folder was left at least once).
  expect(seen.some((s) => s.includes('partial')), seen.join(', ')).toBe(true);
  // Each run also removes what earlier killed runs left, so a later kill may have cleaned up already:
  // leave one more interrupted run behind before the clean one, then count exactly what it removes.
  const partials = (): number => fs.readdirSync(folder).filter((e) => e.startsWith(PARTIAL_PREFIX)).length;
  for (let i = 0; i < 10 && partials() === 0; i++) {
    const child = spawnTs(CLI, ['backup', '--db', dbPath, '--to', folder], () => true);
    while (!child.output().includes('snapshot…') && child.proc.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 20 * i));
    await killHard(child);
  }
  const left = partials();
  expect(left).toBeGreaterThan(0);
  const r = createBackup({ dbPath, folder });
  expect(r.staleRemoved).toBe(left);
  expect(fs.readdirSync(folder).filter((e) => e.startsWith(PARTIAL_PREFIX))).toEqual([]);
  expect(readManifest(r.dir).database.tables.clients).toBe(countIn(dbPath, 'SELECT COUNT(*) AS n FROM clients'));
});
