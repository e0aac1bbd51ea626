// Reliability: the server host in its own process under 50 concurrent clients flat out, then 200 workstations with think time (p50/p95/p99, errors).
import path from 'node:path';
import type { Figure, ReliabilityPart } from '../types';
import { latencies, prepareDb, startServerChild } from '../support';
import { flatOut, workload, workstationTokens, workstations, type LoadStats } from '../load';

const errorsText = (s: LoadStats) => (s.errors === 0 ? '0' : `${s.errors} (${Object.entries(s.statuses).filter(([k]) => k !== '200').map(([k, n]) => `${k}: ${n}`).join(', ')})`);

export const part: ReliabilityPart = {
  name: 'load',
  describe: 'server host (src-main/server/main.ts) in a child process on 127.0.0.1, 20,000 clients; load from this process over HTTP keep-alive, both sharing the machine’s cores',
  weight: 3,
  async run(ctx) {
    const dbPath = path.join(ctx.tmpDir, 'load.db');
    const clients = ctx.quick ? 500 : 20_000;
    const { core, adminToken } = await prepareDb(dbPath, clients);
    const tokens = await workstationTokens(core, adminToken, 10, ctx.quick ? 20 : 200);
    const w = workload(core);
    core.close();
    const server = await startServerChild(dbPath);
    try {
      const flatMs = ctx.quick ? 3000 : 30_000;
      const wsMs = ctx.quick ? 4000 : 60_000;
      const concurrency = ctx.quick ? 10 : 50;
      // A short warm-up: statement caches and the page cache, as on a server that has been running.
      await flatOut(server.url, tokens, 5, 1000, w, 9);
      const flat = await flatOut(server.url, tokens, concurrency, flatMs, w);
      ctx.log(`flat out: ${flat.calls} calls in ${flat.seconds.toFixed(1)} s`);
      const ws = await workstations(server.url, tokens, wsMs, w);
      ctx.log(`workstations: ${ws.calls} calls, ${ws.writes} writes in ${ws.seconds.toFixed(1)} s`);
      const figures: Figure[] = [
        { figure: `${concurrency} clients flat out, ${flatMs / 1000} s: throughput`, value: `${(flat.calls / flat.seconds).toFixed(0)} req/s (${flat.calls} calls)` },
        { figure: `${concurrency} clients flat out: latency`, value: latencies(flat.latencies) },
        { figure: `${concurrency} clients flat out: errors`, value: errorsText(flat), target: '0', met: flat.errors === 0 },
        { figure: `${tokens.length} workstations with think time, ${wsMs / 1000} s: calls`, value: `${ws.calls} (${(ws.calls / ws.seconds).toFixed(0)} req/s, ${ws.writes} writes)` },
        { figure: `${tokens.length} workstations: latency`, value: latencies(ws.latencies) },
        { figure: `${tokens.length} workstations: errors`, value: errorsText(ws), target: '0', met: ws.errors === 0 },
      ];
      return figures;
    } finally {
      await server.stop();
    }
  },
};
