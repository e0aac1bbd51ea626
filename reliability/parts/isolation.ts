// Reliability part «isolation»: search over HTTP stays fast on the real server while a 100,000-row XLSX export and 20 prints run, and flat-out throughput holds.
import os from 'node:os';
import path from 'node:path';
import type { Figure, ReliabilityPart } from '../types';
import { makeSets, setup } from '../../bench/documents';
import { seedDocuments } from '../../bench/documents-seed';
import { drawQueries } from '../../bench/queries';
import { defaultThreads } from '../../src-main/workers/pool';
import { percentile } from '../../bench/stats';
import { latencies, post, startServerChild } from '../support';

export interface IsolationOptions {
  dir: string;
  quick: boolean;
  /** Milliseconds the whole part may take; the timed phases shrink to fit a small budget. */
  budgetMs?: number;
  log?: (msg: string) => void;
  /** The server's entry file (another checkout's, for a before/after figure); default: this one's. */
  serverEntry?: string;
}

/** Searches answered (their latencies) and failed, over a span of seconds. */
export interface SearchLoad {
  latencies: number[];
  errors: number;
  /** What the first failed call answered. */
  firstError?: string;
  seconds: number;
}

const rate = (l: SearchLoad) => l.latencies.length / l.seconds;
const p99 = (l: SearchLoad) => percentile(l.latencies, 99);

/** `clients` loops each searching, waiting for the answer, then `thinkMs`, until `stop()`; closed loops, so without think time this is flat out. */
async function searchLoad(url: string, token: string, queries: string[], clients: number, thinkMs: number, stop: () => boolean): Promise<SearchLoad> {
  const out: SearchLoad = { latencies: [], errors: 0, seconds: 0 };
  let n = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stop()) {
        // 7919 is prime to the sample's size: the kinds of query interleave.
        const r = await post(url, 'clients.search', { query: queries[(n++ * 7919) % queries.length] }, token);
        if (r.status === 200 && r.body?.ok) out.latencies.push(r.ms);
        else {
          out.errors++;
          out.firstError ??= `HTTP ${r.status} ${JSON.stringify(r.body)}`.slice(0, 200);
        }
        if (thinkMs) await new Promise((resolve) => setTimeout(resolve, thinkMs));
      }
    }),
  );
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

export interface IsolationResult {
  clients: number;
  documents: number;
  exportRows: number;
  prints: number;
  idle: SearchLoad;
  /** The probe while the export and the prints ran. */
  loaded: SearchLoad;
  flat: SearchLoad;
  flatClients: number;
  /** From the start of the export and the prints until the last of them answered. */
  heavyMs: number;
  exportMs: number;
  printsMs: number;
  heavyErrors: string[];
}

const SCALE = {
  full: { clients: 100_000, documents: 135_000, exportRows: 100_000, prints: 20, idleS: 10, flatS: 30, flatClients: 50 },
  quick: { clients: 3_000, documents: 14_000, exportRows: 10_000, prints: 5, idleS: 2, flatS: 3, flatClients: 50 },
};
/** The latency probe: a few workstations searching as fast as a person types, not a flood. */
const PROBE = { clients: 4, thinkMs: 25 };
const TARGET = { p99Ms: 50, perSecond: 584 * 0.9 };

export async function measureIsolation(opts: IsolationOptions): Promise<IsolationResult> {
  const log = opts.log ?? (() => undefined);
  const s = SCALE[opts.quick ? 'quick' : 'full'];
  // Seeding takes what it takes; the timed phases give way when the budget is short.
  const squeeze = opts.budgetMs && !opts.quick ? Math.min(1, opts.budgetMs / 240_000) : 1;
  const idleS = Math.max(2, s.idleS * squeeze);
  const flatS = Math.max(3, s.flatS * squeeze);

  log(`seeding ${s.clients.toLocaleString('en')} clients and ${s.documents.toLocaleString('en')} documents`);
  const { core, call, sios, today } = await setup(opts.dir, s.clients);
  const dbFile = path.join(opts.dir, 'bench.db');
  let contracts: number[];
  let period: { from: string; to: string };
  let sample: string[];
  try {
    contracts = await makeSets(core, call, s.prints);
    seedDocuments(core, s.documents, sios, today);
    const count = core.db.$client.prepare("SELECT count(*) AS n FROM documents WHERE return_track > 0 AND planned_return BETWEEN '2022-01-01' AND ?");
    let to = '2022-01-31';
    while ((count.get(to) as { n: number }).n < s.exportRows && to < '2027-12-31') to = new Date(Date.parse(to) + 7 * 86_400_000).toISOString().slice(0, 10);
    period = { from: '2022-01-01', to };
    // The benchmark's mix: name fragments, ИНН, phones and distributions in varied spellings, a hundred of each.
    const qs = drawQueries(core.db, 100);
    sample = (['name', 'inn', 'phone', 'distr'] as const).flatMap((k) => qs[k].map((q) => q.text));
  } finally {
    await core.close();
  }

  const server = await startServerChild(dbFile, opts.serverEntry);
  try {
    const login = await post(server.url, 'auth.login', { login: 'bench', password: 'bench-password' }, null);
    if (!login.body?.ok) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    const token = (login.body.data as { token: string }).token;
    const call = (method: string, input: unknown) => post(server.url, method, input, token);
    const probe = (stop: () => boolean) => searchLoad(server.url, token, sample, PROBE.clients, PROBE.thinkMs, stop);
    const forSeconds = (sec: number) => {
      const end = performance.now() + sec * 1000;
      return () => performance.now() >= end;
    };

    log('warming up');
    await probe(forSeconds(1));
    // The first print and export start the server's pool thread and load their libraries: not what is measured.
    await call('print.render', { documentIds: [contracts[0]!], together: true, includeSpecifications: true });
    await call('reports.documentReturnsXlsx', { from: '2022-01-01', to: '2022-01-31' });

    log(`idle: ${PROBE.clients} searching clients for ${idleS.toFixed(0)} s`);
    const idle = await probe(forSeconds(idleS));

    log(`loaded: XLSX export ${period.from} … ${period.to} and ${contracts.length} prints`);
    const heavyErrors: string[] = [];
    const t0 = performance.now();
    let exportMs = NaN;
    let printsMs = NaN;
    let busy = true;
    const exporting = call('reports.documentReturnsXlsx', period).then((r) => {
      exportMs = performance.now() - t0;
      if (!r.body?.ok) heavyErrors.push(`export: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    });
    const printing = Promise.all(
      contracts.map((id) =>
        call('print.render', { documentIds: [id], together: true, includeSpecifications: true }).then((r) => {
          if (!r.body?.ok) heavyErrors.push(`print ${id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
        }),
      ),
    ).then(() => (printsMs = performance.now() - t0));
    const heavy = Promise.all([exporting, printing]).finally(() => (busy = false));
    const loaded = await probe(() => !busy);
    await heavy;
    const heavyMs = performance.now() - t0;
    const exportRows = ((await call('reports.documentReturns', { ...period, limit: 1 })).body as { data: { total: number } }).data.total;

    log(`flat out: ${s.flatClients} clients for ${flatS.toFixed(0)} s`);
    const flat = await searchLoad(server.url, token, sample, s.flatClients, 0, forSeconds(flatS));
    return {
      clients: s.clients,
      documents: s.documents,
      exportRows,
      prints: contracts.length,
      idle,
      loaded,
      flat,
      flatClients: s.flatClients,
      heavyMs,
      exportMs,
      printsMs,
      heavyErrors,
    };
  } finally {
    await server.stop();
  }
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const lat = (l: SearchLoad) => `${latencies(l.latencies)} (${l.latencies.length} calls)`;

export function isolationFigures(r: IsolationResult, quick: boolean): Figure[] {
  // The targets are stated for the full scale; the quick form reports without judging.
  const judge = (ok: boolean) => (quick ? undefined : ok);
  return [
    { figure: 'search over HTTP, idle', value: lat(r.idle) },
    {
      figure: `search while export of ${r.exportRows.toLocaleString('en')} rows + ${r.prints} prints run`,
      value: lat(r.loaded),
      target: `p99 ≤ ${TARGET.p99Ms} ms`,
      met: judge(p99(r.loaded) <= TARGET.p99Ms),
    },
    { figure: '  search p99 loaded / idle', value: `${(p99(r.loaded) / p99(r.idle)).toFixed(1)}×` },
    { figure: '  XLSX export; prints (all at once)', value: `${(r.exportMs / 1000).toFixed(1)} s; ${(r.printsMs / 1000).toFixed(1)} s` },
    { figure: '  heavy work failed', value: r.heavyErrors.length ? r.heavyErrors.join('; ').slice(0, 200) : '0', target: '0', met: r.heavyErrors.length === 0 },
    {
      figure: `search flat out, ${r.flatClients} clients, ${r.flat.seconds.toFixed(0)} s`,
      value: `${rate(r.flat).toFixed(0)} req/s, p99 ${ms(p99(r.flat))}, ${r.flat.errors} errors${r.flat.firstError ? ` (${r.flat.firstError.slice(0, 80)})` : ''}`,
      target: `≥ ${TARGET.perSecond.toFixed(0)} req/s (90 % of 584)`,
      met: judge(rate(r.flat) >= TARGET.perSecond && r.flat.errors === 0),
    },
  ];
}

export const part: ReliabilityPart = {
  name: 'isolation',
  describe:
    `heavy work off the event loop: npm run serve (own process; pool of ${defaultThreads()} thread(s) on ${os.availableParallelism()} cores) on 100,000 seeded clients; ` +
    `the load generator is this process on the same cores (fetch, keep-alive, 127.0.0.1): ${PROBE.clients} clients with ${PROBE.thinkMs} ms think time idle and during ` +
    'an XLSX export of 100,000 rows + 20 prints, then 50 closed-loop clients flat out for 30 s',
  weight: 3,
  run: async (ctx) => isolationFigures(await measureIsolation({ dir: ctx.tmpDir, quick: ctx.quick, budgetMs: ctx.budgetMs, log: ctx.log }), ctx.quick),
};
