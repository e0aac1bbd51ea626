// Documents benchmark: contract sets (contract + 2 specifications) printed per second, the return report over 1,000,000 documents, XLSX export of 100,000 rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../src-main/core';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { seedClients } from '../src-main/demo/scale';
import { Rng } from '../src-main/demo/random';
import { plannedReturnDate, returnTrack, addDaysIso } from '../src-main/features/documents/return-rules';
import { returnPeriods } from '../src-main/features/documents/settings.repo';
import { formatDocNumber, type DocumentType } from '../src-shared/doc-types';
import type { MethodInput, MethodName, MethodOutput } from '../src-shared/api';
import { ms, summarise, table, type Timing } from './stats';

export interface DocumentsBenchOptions {
  documents?: number;
  clients?: number;
  sets?: number;
  keep?: boolean;
}

const TARGET = { setsPerSecond: 50, reportP95: 200, xlsxMs: 5000 };
/** "Today" of the generated data, so the states (overdue, awaited…) are the same on every run. */
const TODAY = '2026-11-27';

export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** A database with staff, `clients` clients and our requisites (print needs them), and a caller signed in as the administrator `bench`. */
export async function setup(dir: string, clients: number): Promise<{ core: Core; call: Call; sios: number[] }> {
  const core = createCore({ dbPath: path.join(dir, 'bench.db'), clock: { now: () => new Date(`${TODAY}T09:00:00Z`) }, log: (m, e) => console.error(m, e) });
  const hash = await hashPassword('bench-password');
  const now = new Date().toISOString();
  const sios: number[] = [];
  core.db.$client.transaction(() => {
    insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, now, 'bench');
    for (let i = 1; i <= 8; i++) sios.push(insertEmployee(core.db, { login: `sio${i}`, fullName: `СИО Номер ${i}`, roles: ['sio'] }, hash, now, 'bench'));
  })();
  seedClients(core.db, { clients, today: TODAY });
  const login = await core.call('auth.login', { login: 'bench', password: 'bench-password' }, null);
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const token = (login.data as { token: string }).token;
  const call: Call = async (method, input) => {
    const r = await core.call(method, input, token);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.data as never;
  };
  await call('settings.ourRequisites.save', {
    fullName: 'Общество с ограниченной ответственностью «Информационный центр КонсультантПлюс»',
    inn: '7707083893',
    city: 'Владивосток',
    legalAddress: '690090, г. Владивосток, ул. Алеутская, д. 11',
    bankName: 'ПАО «Примсоцбанк»',
    signers: [{ code: 'director', name: 'Кузнецов Олег Викторович', position: 'Генеральный директор', basis: 'Устава' }],
  });
  return { core, call, sios };
}

/** Contract sets through the real API (print.render writes the PDF files too), one process = one core. */
interface PrintResult {
  /** Sets per second of wall time, and per second of this process's CPU time (what one core gives when not shared). */
  wall: number;
  cpu: number;
  apartWall: number;
  apartCpu: number;
  pages: number;
  bytes: number;
  n: number;
}

/** Up to 20 contracts made through the API, each with two specifications binding three of the client's distributions. */
export async function contractSets(core: Core, call: Call): Promise<number[]> {
  const rows = core.db.$client
    .prepare(
      `SELECT d.client_id AS clientId, group_concat(d.id) AS ids FROM distributions d
       WHERE d.client_id IN (SELECT client_id FROM client_counterparties) GROUP BY d.client_id HAVING count(*) >= 3 LIMIT 20`,
    )
    .all() as { clientId: number; ids: string }[];
  const contracts: number[] = [];
  for (const r of rows) {
    const dist = r.ids.split(',').map(Number);
    const date = '2026-11-02';
    const c = await call('documents.create', { type: 'contract', form: 'es', clientId: r.clientId, date });
    await call('documents.create', { type: 'specification', clientId: r.clientId, date, parentId: c.id, distributions: [{ distributionId: dist[0]!, priceKop: 1_234_56 }, { distributionId: dist[1]!, priceKop: 2_000_00 }] });
    await call('documents.create', { type: 'specification', clientId: r.clientId, date, parentId: c.id, distributions: [{ distributionId: dist[2]!, priceKop: 500_00 }] });
    contracts.push(c.id);
  }
  return contracts;
}

async function benchPrint(core: Core, call: Call, sets: number): Promise<PrintResult> {
  const contracts = await contractSets(core, call);
  const run = async (n: number, together: boolean) => {
    let pages = 0;
    let bytes = 0;
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const r = await call('print.render', { documentIds: [contracts[i % contracts.length]!], together, includeSpecifications: true });
      for (const d of r.details) {
        pages += d.pages ?? 0;
        bytes += d.bytes;
      }
    }
    const cpu = process.cpuUsage(cpu0);
    return { wall: n / ((performance.now() - t) / 1000), cpu: n / ((cpu.user + cpu.system) / 1e6), pages, bytes };
  };
  await run(20, true);
  const together = await run(sets, true);
  const apart = await run(Math.max(20, Math.floor(sets / 2)), false);
  return {
    wall: together.wall,
    cpu: together.cpu,
    apartWall: apart.wall,
    apartCpu: apart.cpu,
    pages: together.pages / sets,
    bytes: together.bytes / sets,
    n: sets,
  };
}

const TYPES: [DocumentType, number][] = [
  ['act', 0.55],
  ['invoice', 0.2],
  ['specification', 0.12],
  ['contract', 0.08],
  ['additional_agreement', 0.05],
];

/** Raw inserts of documents over five years: types in proportion, return marks as a РИЦ would have them. */
export function seedDocuments(core: Core, total: number, sios: number[], progress = true): number {
  const rng = new Rng(77);
  const db = core.db.$client;
  const clients = db.prepare('SELECT l.client_id AS c, l.counterparty_id AS cp FROM client_counterparties l').all() as { c: number; cp: number }[];
  const periods = returnPeriods(core.db);
  // Numbers continue after the documents the print benchmark created.
  const seqs = new Map<string, number>(
    (db.prepare('SELECT type, series_year AS y, max(seq) AS n FROM documents GROUP BY type, series_year').all() as { type: string; y: number; n: number }[]).map((r) => [`${r.type}${r.y}`, r.n]),
  );
  const ins = db.prepare(
    `INSERT INTO documents (type, form, series_year, seq, number, date, client_id, counterparty_id, sio_id, amount_kop, status,
       planned_return, returned_at, returned_via, return_track, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2026, 11, 31) - start;
  const batch = 50_000;
  for (let done = 0; done < total; done += batch) {
    db.transaction(() => {
      for (let i = done; i < Math.min(total, done + batch); i++) {
        const x = rng.next();
        let acc = 0;
        const type = TYPES.find(([, p]) => (acc += p) >= x)?.[0] ?? 'act';
        // Documents are entered as time goes by: dates rise with the row id, a few days out of order.
        const at = start + (i / total) * span + (rng.next() - 0.5) * 6 * 86_400_000;
        const date = new Date(Math.min(start + span, Math.max(start, at))).toISOString().slice(0, 10);
        const year = Number(date.slice(0, 4));
        const key = `${type}${year}`;
        const seq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, seq);
        const cl = clients[rng.int(0, clients.length - 1)]!;
        const status = rng.chance(0.02) ? 'cancelled' : 'issued';
        const planned = plannedReturnDate(date, periods[type]);
        let returnedAt: string | null = null;
        if (planned && planned < TODAY && rng.chance(0.88)) {
          const late = rng.chance(0.2);
          returnedAt = late ? addDaysIso(planned, rng.int(1, 40)) : addDaysIso(planned, -rng.int(0, 9));
          if (returnedAt > TODAY) returnedAt = TODAY;
          if (returnedAt < date) returnedAt = date;
        }
        ins.run(
          type,
          type === 'contract' ? 'es' : null,
          year,
          seq,
          formatDocNumber(type, year, seq),
          date,
          cl.c,
          cl.cp,
          sios[rng.int(0, sios.length - 1)]!,
          rng.int(1_000_00, 60_000_00),
          status,
          planned,
          returnedAt,
          returnedAt ? (rng.chance(0.3) ? 'edo' : 'paper') : null,
          returnTrack(status, planned, returnedAt),
          TODAY,
          TODAY,
        );
      }
    })();
    if (progress) process.stdout.write(`\r  documents: ${Math.min(total, done + batch).toLocaleString('en')} / ${total.toLocaleString('en')}`);
  }
  if (progress) process.stdout.write('\n');
  db.exec('ANALYZE');
  return total;
}

interface ReportRow {
  label: string;
  t: Timing;
  rows: number;
}

/** One screen page (100 rows with the counts of every state) per query, through the dispatcher. */
async function benchReport(core: Core, call: Call, sios: number[]): Promise<ReportRow[]> {
  const rng = new Rng(5);
  const clientIds = (core.db.$client.prepare('SELECT DISTINCT client_id AS c FROM documents LIMIT 2000').all() as { c: number }[]).map((r) => r.c);
  const month = () => {
    const y = rng.int(2022, 2026);
    const m = rng.int(1, 12);
    const from = `${y}-${String(m).padStart(2, '0')}-01`;
    return { from, to: addDaysIso(addDaysIso(from, 32).slice(0, 8) + '01', -1) };
  };
  const year = () => {
    const y = rng.int(2022, 2026);
    return { from: `${y}-01-01`, to: `${y}-12-31` };
  };
  const kinds: [string, () => MethodInput<'reports.documentReturns'>][] = [
    ['month, all', () => month()],
    ['month, one СИО', () => ({ ...month(), sioId: sios[rng.int(0, sios.length - 1)] })],
    ['month, acts', () => ({ ...month(), type: 'act' as const })],
    ['year, all', () => year()],
    ['year, overdue only', () => ({ ...year(), state: 'overdue' as const })],
    ['year, one СИО, page 5', () => ({ ...year(), sioId: sios[rng.int(0, sios.length - 1)], offset: 400 })],
    ['5 years, one client', () => ({ from: '2022-01-01', to: '2026-12-31', clientId: clientIds[rng.int(0, clientIds.length - 1)] })],
    ['5 years, all', () => ({ from: '2022-01-01', to: '2026-12-31' })],
  ];
  const out: ReportRow[] = [];
  for (const [label, make] of kinds) {
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < 45; i++) {
      const input = make();
      const t = performance.now();
      const r = await call('reports.documentReturns', { ...input, limit: 100 });
      if (i >= 5) samples.push(performance.now() - t);
      rows += r.total;
    }
    out.push({ label, t: summarise(samples), rows: Math.round(rows / 45) });
  }
  return out;
}

/** Finds a period whose report has at least 100,000 rows, then times the export through the API. */
async function benchXlsx(core: Core, call: Call): Promise<{ ms: number; cpuMs: number; rows: number; bytes: number; period: string }> {
  const count = core.db.$client.prepare("SELECT count(*) AS n FROM documents WHERE return_track > 0 AND planned_return BETWEEN '2022-01-01' AND ?");
  let to = '2022-03-31';
  while ((count.get(to) as { n: number }).n < 100_000 && to < '2027-12-31') to = addDaysIso(to, 7);
  const input = { from: '2022-01-01', to };
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await call('reports.documentReturnsXlsx', input);
  const cpu = process.cpuUsage(cpu0);
  const took = performance.now() - t;
  const rows = (await call('reports.documentReturns', { ...input, limit: 1 })).total;
  return { ms: took, cpuMs: (cpu.user + cpu.system) / 1000, rows, bytes: r.details[0]!.bytes, period: `${input.from} … ${input.to}` };
}

export async function runDocumentsBench(opts: DocumentsBenchOptions = {}): Promise<void> {
  const total = opts.documents ?? 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-docs-'));
  process.stdout.write(`\nDocuments benchmark in ${dir} …\n`);
  const { core, call, sios } = await setup(dir, opts.clients ?? 20_000);
  try {
    const print = await benchPrint(core, call, opts.sets ?? 300);
    const t = performance.now();
    seedDocuments(core, total, sios);
    const seedSec = (performance.now() - t) / 1000;
    const report = await benchReport(core, call, sios);
    const xlsx = await benchXlsx(core, call);
    const worst = Math.max(...report.map((r) => r.t.p95));

    console.log(
      `\nDocuments: ${total.toLocaleString('en')} documents (seeded in ${seedSec.toFixed(0)} s), today ${TODAY}; node ${process.version}, ${os.cpus().length} CPU, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, one process.\n`,
    );
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      table(
        ['measure', 'n', 'result', 'target', ''],
        [
          [
            `print: contract + 2 specifications, one PDF (${print.pages.toFixed(0)} pages, ${(print.bytes / 1024).toFixed(0)} KB), per CPU second`,
            String(print.n),
            `${print.cpu.toFixed(1)} sets/s`,
            `≥ ${TARGET.setsPerSecond}/s`,
            verdict(print.cpu >= TARGET.setsPerSecond),
          ],
          ['  the same, per wall-clock second', '', `${print.wall.toFixed(1)} sets/s`, '', ''],
          ['print: the same set, one PDF per document, per CPU second', '', `${print.apartCpu.toFixed(1)} sets/s`, '', ''],
          ['  the same, per wall-clock second', '', `${print.apartWall.toFixed(1)} sets/s`, '', ''],
          [`XLSX export: ${xlsx.rows.toLocaleString('en')} rows (${(xlsx.bytes / 1024 / 1024).toFixed(1)} MB), ${xlsx.period}`, '1', ms(xlsx.ms), `≤ ${TARGET.xlsxMs} ms`, verdict(xlsx.ms <= TARGET.xlsxMs && xlsx.rows >= 100_000)],
          ['  the same, CPU time of the process', '', ms(xlsx.cpuMs), '', ''],
        ],
      ),
    );
    console.log(`\nReport «Возврат документов», one screen page (100 rows + counts of every state) through the dispatcher:\n`);
    console.log(
      table(
        ['query', 'n', 'p50', 'p95', 'rows matched (avg)', 'target'],
        report.map((r) => [r.label, String(r.t.n), ms(r.t.p50), ms(r.t.p95), r.rows.toLocaleString('en'), `p95 ≤ ${TARGET.reportP95} ms`]),
      ),
    );
    console.log(`\nWorst report p95: ${ms(worst)} — ${verdict(worst <= TARGET.reportP95)}.`);
    console.log('Print rates: print.render through the dispatcher, PDF files written; "per CPU second" divides by this process\'s CPU time, which is what one core delivers when no other process shares it.');
  } finally {
    core.close();
    if (opts.keep) console.log(`Database kept: ${path.join(dir, 'bench.db')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  await runDocumentsBench({ documents: arg('documents'), clients: arg('clients'), sets: arg('sets'), keep: process.argv.includes('--keep') });
}
