// Reliability: backups while the server works — the server's own scheduled job (worker thread) and the CLI in another process, both under reads and writes over HTTP.
import path from 'node:path';
import type { Figure, ReliabilityPart } from '../types';
import type { BackupStatus } from '../../src-shared/backup';
import { CLI_MAIN, latencies, post, prepareDb, sleep, startServerChild } from '../support';
import { workload, workstationTokens } from '../load';
import { spawnTs } from '../../test/helpers/child';
import { listBackups, verifyBackup } from '../../src-main/features/backup/manifest';

interface Window {
  latencies: number[];
  writes: number;
  errors: number;
}

/** Readers (search, card) and writers (new clients) until `stop` resolves; latencies of the readers. */
async function traffic(url: string, tokens: string[], w: ReturnType<typeof workload>, stop: Promise<void>): Promise<Window> {
  const win: Window = { latencies: [], writes: 0, errors: 0 };
  let done = false;
  void stop.then(() => (done = true));
  const reader = async (i: number) => {
    for (let k = 0; !done; k++) {
      const r = k % 3 === 2 ? await post(url, 'clients.get', { id: w.clientIds[(i * 31 + k) % w.clientIds.length] }, tokens[i]!) : await post(url, 'clients.search', { query: w.fragments[(i * 17 + k) % w.fragments.length], limit: 50 }, tokens[i]!);
      win.latencies.push(r.ms);
      if (r.status !== 200) win.errors++;
    }
  };
  const writer = async (i: number) => {
    for (let k = 0; !done; k++) {
      const r = await post(url, 'clients.create', { name: `ООО «Во время копии ${i}-${k}»` }, tokens[i]!);
      if (r.status === 200) win.writes++;
      else win.errors++;
      // About 20 writes a second from all writers together.
      await sleep(200);
    }
  };
  await Promise.all([...[0, 1, 2, 3, 4, 5].map(reader), ...[6, 7, 8, 9].map(writer)]);
  return win;
}

export const part: ReliabilityPart = {
  name: 'backup-load',
  describe: 'server host in a child process (10,000 clients); 6 readers flat out and 4 writers (~20 writes/s) over HTTP while (a) the server’s backup job runs (backup.runNow, worker thread) and (b) `cli backup` runs in another process',
  async run(ctx) {
    const dbPath = path.join(ctx.tmpDir, 'backup-load.db');
    const { core, adminToken } = await prepareDb(dbPath, ctx.quick ? 500 : 10_000);
    const tokens = await workstationTokens(core, adminToken, 5, 10);
    const w = workload(core);
    const folder = path.join(ctx.tmpDir, 'copies');
    const save = await core.call('backup.saveSettings', { enabled: false, intervalHours: 24, folder, keepCount: 10, keepDays: 0 }, adminToken);
    if (!save.ok) throw new Error(JSON.stringify(save.error));
    core.close();
    const server = await startServerChild(dbPath);
    try {
      const baselineMs = ctx.quick ? 2000 : 5000;
      let endBaseline: () => void = () => undefined;
      const baselineStop = new Promise<void>((r) => (endBaseline = r));
      setTimeout(endBaseline, baselineMs);
      const baseline = await traffic(server.url, tokens, w, baselineStop);

      // (a) The server's job: the event loop keeps serving while a worker thread makes the copy.
      let endA: () => void = () => undefined;
      const stopA = new Promise<void>((r) => (endA = r));
      const during = traffic(server.url, tokens, w, stopA);
      await sleep(300);
      const run = await post(server.url, 'backup.runNow', {}, adminToken);
      if (run.status !== 200) throw new Error(`backup.runNow: ${JSON.stringify(run.body)}`);
      let status: BackupStatus;
      for (;;) {
        await sleep(200);
        const s = await post(server.url, 'backup.status', {}, adminToken);
        status = (s.body as { data: BackupStatus }).data;
        if (!status.current && status.last) break;
      }
      endA();
      const a = await during;
      const jobRun = status.last!;

      // (b) The CLI in its own process, the server and the load going on.
      let endB: () => void = () => undefined;
      const stopB = new Promise<void>((r) => (endB = r));
      const duringCli = traffic(server.url, tokens, w, stopB);
      await sleep(300);
      const t = performance.now();
      const cli = spawnTs(CLI_MAIN, ['backup', '--db', dbPath, '--to', folder]);
      const code = await cli.exited;
      const cliMs = performance.now() - t;
      endB();
      const b = await duringCli;
      const copies = listBackups(folder);
      for (const c of copies) verifyBackup(c.dir);

      const figures: Figure[] = [
        { figure: 'no backup: reads latency', value: latencies(baseline.latencies) },
        { figure: 'server job: finished', value: jobRun.status === 'ok' ? `ok, ${((jobRun.bytes ?? 0) / 1048576).toFixed(1)} MB in ${((jobRun.durationMs ?? 0) / 1000).toFixed(1)} s` : `failed: ${jobRun.error}`, target: 'ok', met: jobRun.status === 'ok' },
        { figure: 'server job: reads latency meanwhile', value: latencies(a.latencies) },
        { figure: 'server job: writes committed meanwhile', value: `${a.writes} (errors ${a.errors})`, target: '> 0, 0 errors', met: a.writes > 0 && a.errors === 0 },
        { figure: 'cli backup (own process): finished', value: code === 0 ? `ok in ${(cliMs / 1000).toFixed(1)} s (process start included)` : `exit ${code}: ${cli.output().slice(-200)}`, target: 'ok', met: code === 0 },
        { figure: 'cli backup: writes committed meanwhile', value: `${b.writes} (errors ${b.errors})`, target: '> 0, 0 errors', met: b.writes > 0 && b.errors === 0 },
        { figure: 'copies verified (checksums, integrity_check, counts)', value: String(copies.length), target: '2', met: copies.length === 2 },
      ];
      return figures;
    } finally {
      await server.stop();
    }
  },
};
