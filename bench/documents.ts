// Documents benchmark: contract sets printed (cycling through 1,000 distinct sets), the return report over 1,000,000 documents,
// XLSX export of 100,000 rows — each beside its floor and a straightforward statement written in bench/ (see bench/stats.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as XLSX from 'xlsx';
import { createCore, type Core } from '../src-main/core';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { seedClients } from '../src-main/demo/scale';
import { Rng } from '../src-main/demo/random';
import { addDaysIso } from '../src-main/features/documents/return-rules';
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS, RETURN_VIA_LABELS } from '../src-shared/doc-types';
import { seedDocuments } from './documents-seed';
import type { MethodInput, MethodName, MethodOutput } from '../src-shared/api';
import { compareTable, firstDifference, ms, ricToday, summarise, type CompareRow } from './stats';
import { mustShow, plainPdf, SetReader } from './print-plain';
import { ReturnsFloor, ReturnsPlain, type Filters } from './returns-plain';

export interface DocumentsBenchOptions {
  documents?: number;
  clients?: number;
  /** Distinct contract sets printed and timed (at least 1,000 by default). */
  sets?: number;
  keep?: boolean;
}

const TARGET = { setsPerCpuSecond: 50, reportP95: 200, xlsxMs: 5000 };
/** The moment of the generated data, so the states (overdue, awaited…) are the same on every run. */
const NOW = new Date('2026-11-27T09:00:00Z');
const WARM_SETS = 20;

export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export async function setup(dir: string, clients: number): Promise<{ core: Core; call: Call; sios: number[]; today: string }> {
  const core = createCore({ dbPath: path.join(dir, 'bench.db'), clock: { now: () => new Date(NOW) }, log: (m, e) => console.error(m, e) });
  const hash = await hashPassword('bench-password');
  const sios: number[] = [];
  core.db.$client.transaction(() => {
    insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, NOW.toISOString(), 'bench');
    for (let i = 1; i <= 8; i++) sios.push(insertEmployee(core.db, { login: `sio${i}`, fullName: `СИО Номер ${i}`, roles: ['sio'] }, hash, NOW.toISOString(), 'bench'));
  })();
  const today = ricToday(core.db.$client, NOW);
  seedClients(core.db, { clients, today });
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
  return { core, call, sios, today };
}

/** Contract + two specifications for each of `n` clients (a counterparty and two distributions each), through the API. */
export async function makeSets(core: Core, call: Call, n: number): Promise<number[]> {
  const rows = core.db.$client
    .prepare(
      `SELECT d.client_id AS clientId, group_concat(d.id) AS ids FROM distributions d
       WHERE d.client_id IN (SELECT client_id FROM client_counterparties WHERE effective_from <= '2026-11-02') GROUP BY d.client_id HAVING count(*) >= 2 ORDER BY d.client_id LIMIT ?`,
    )
    .all(n) as { clientId: number; ids: string }[];
  if (rows.length < n) throw new Error(`only ${rows.length} clients can take a contract set; seed more clients`);
  const contracts: number[] = [];
  for (const [i, r] of rows.entries()) {
    const dist = r.ids.split(',').map(Number);
    const date = addDaysIso('2026-11-02', i % 20);
    const c = await call('documents.create', { type: 'contract', form: i % 2 ? 'es' : 'standard', clientId: r.clientId, date });
    await call('documents.create', { type: 'specification', clientId: r.clientId, date, parentId: c.id, distributions: [{ distributionId: dist[0]!, priceKop: 1_000_00 + i }] });
    await call('documents.create', { type: 'specification', clientId: r.clientId, date, parentId: c.id, distributions: [{ distributionId: dist[1]!, priceKop: 2_000_00 + 3 * i }] });
    contracts.push(c.id);
    if ((i + 1) % 100 === 0) process.stdout.write(`\r  contract sets: ${i + 1} / ${n}`);
  }
  process.stdout.write('\n');
  return contracts;
}

const pdfTextOf = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
const hasPdftotext = () => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Each measured set is printed once (cold: never printed before), by the product, the floor and the plain statement in turn. */
async function benchPrint(core: Core, call: Call, contracts: number[], dir: string): Promise<{ row: CompareRow; wallRate: number; cpuRate: number }> {
  const reader = new SetReader(core.db.$client);
  const plainDir = fs.mkdtempSync(path.join(dir, 'plain-'));
  const product: number[] = [];
  const floor: number[] = [];
  const plain: number[] = [];
  const check = hasPdftotext();
  let compared = 0;
  let differ = 0;
  let note = '';
  let productCpu = 0;
  for (const [i, id] of contracts.entries()) {
    const measured = i >= WARM_SETS;
    let file = '';
    const runs = [
      async () => {
        const cpu0 = process.cpuUsage();
        const t = performance.now();
        const r = await call('print.render', { documentIds: [id], together: true, includeSpecifications: true });
        const took = performance.now() - t;
        const cpu = process.cpuUsage(cpu0);
        file = r.files[0]!;
        if (measured) {
          product.push(took);
          productCpu += (cpu.user + cpu.system) / 1000;
        }
      },
      () => {
        const t = performance.now();
        reader.read(id);
        if (measured) floor.push(performance.now() - t);
      },
      async () => {
        const t = performance.now();
        await plainPdf(reader.read(id), path.join(plainDir, `${id}.pdf`));
        if (measured) plain.push(performance.now() - t);
      },
    ];
    // Rotate who goes first, so none always finds the pages the others just read.
    for (let k = 0; k < 3; k++) await runs[(i + k) % 3]!();
    if (measured && check && i % 50 === 0) {
      compared++;
      const text = pdfTextOf(file);
      const missing = mustShow(reader.read(id)).filter((s) => !text.includes(s.replace(/\s+/g, ' ')));
      if (missing.length) {
        differ++;
        note ||= `set ${id} lacks ${missing.slice(0, 3).join(' | ')}`;
      }
    }
    fs.rmSync(path.join(plainDir, `${id}.pdf`), { force: true });
  }
  const n = product.length;
  const cpuRate = n / (productCpu / 1000);
  const wallRate = n / (product.reduce((a, b) => a + b, 0) / 1000);
  return {
    row: {
      name: `print: contract + 2 specifications, one PDF (${n} distinct sets)`,
      product: summarise(product),
      floor: summarise(floor),
      plain: summarise(plain),
      target: `≥ ${TARGET.setsPerCpuSecond} sets per CPU s`,
      met: cpuRate >= TARGET.setsPerCpuSecond && differ === 0,
      rows: !check ? 'not compared (no pdftotext)' : differ ? `${differ}/${compared} differ: ${note}` : `same (${compared} checked)`,
    },
    wallRate,
    cpuRate,
  };
}

type ReportInput = Filters & { limit: number; offset: number };

/**
 * Query kinds of the return report, each drawn from its own random stream; the warm-up draws from other streams and
 * every measured query differs from every warm-up one, so no measured query was just run.
 */
function reportQueries(core: Core, sios: number[], seed: number, perKind: number, avoid: Set<string>): [string, ReportInput[]][] {
  const rng = new Rng(seed);
  const clientIds = (core.db.$client.prepare('SELECT DISTINCT client_id AS c FROM documents LIMIT 3000').all() as { c: number }[]).map((r) => r.c);
  const month = () => {
    const from = `${rng.int(2022, 2026)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    return { from, to: addDaysIso(`${addDaysIso(from, 32).slice(0, 8)}01`, -1) };
  };
  const year = () => {
    const y = rng.int(2022, 2026);
    return { from: `${y}-01-01`, to: `${y}-12-31` };
  };
  const page = (max: number) => 100 * rng.int(0, max);
  const kinds: [string, () => ReportInput][] = [
    ['month, all', () => ({ ...month(), limit: 100, offset: page(5) })],
    ['month, one СИО', () => ({ ...month(), sioId: rng.pick(sios), limit: 100, offset: page(2) })],
    ['month, acts', () => ({ ...month(), type: 'act', limit: 100, offset: page(3) })],
    ['year, all', () => ({ ...year(), limit: 100, offset: page(200) })],
    ['year, overdue only', () => ({ ...year(), state: 'overdue', limit: 100, offset: page(20) })],
    ['year, one СИО, deep page', () => ({ ...year(), sioId: rng.pick(sios), limit: 100, offset: page(60) })],
    ['5 years, one client', () => ({ from: '2022-01-01', to: '2026-12-31', clientId: rng.pick(clientIds), limit: 100, offset: 0 })],
    ['5 years, all', () => ({ from: '2022-01-01', to: '2026-12-31', limit: 100, offset: page(1000) })],
  ];
  return kinds.map(([label, make]) => {
    const out: ReportInput[] = [];
    for (let tries = 0; out.length < perKind && tries < perKind * 50; tries++) {
      const q = make();
      const key = JSON.stringify(q);
      if (avoid.has(key)) continue;
      avoid.add(key);
      out.push(q);
    }
    return [label, out];
  });
}

async function benchReport(core: Core, call: Call, sios: number[], today: string): Promise<CompareRow[]> {
  const floor = new ReturnsFloor(core.db.$client);
  const plain = new ReturnsPlain(core.db.$client);
  const seen = new Set<string>();
  const warm = reportQueries(core, sios, 1005, 5, seen);
  const measured = reportQueries(core, sios, 5, 40, seen);
  for (const [, qs] of warm) for (const q of qs) await call('reports.documentReturns', q);
  const out: CompareRow[] = [];
  for (const [label, qs] of measured) {
    const p: number[] = [];
    const f: number[] = [];
    const s: number[] = [];
    let differ = 0;
    let note = '';
    let matched = 0;
    for (const [i, q] of qs.entries()) {
      let a: unknown = null;
      let b: unknown = null;
      const runs = [
        async () => {
          const t = performance.now();
          a = await call('reports.documentReturns', q);
          p.push(performance.now() - t);
        },
        () => {
          const t = performance.now();
          floor.page(q);
          f.push(performance.now() - t);
        },
        () => {
          const t = performance.now();
          b = plain.page(q, today);
          s.push(performance.now() - t);
        },
      ];
      for (let k = 0; k < 3; k++) await runs[(i + k) % 3]!();
      matched += (a as { total: number }).total;
      const d = firstDifference(a, b);
      if (d) {
        differ++;
        note ||= d.slice(0, 160);
      }
    }
    const t = summarise(p);
    out.push({
      name: `return report, ${label} (~${Math.round(matched / Math.max(1, qs.length)).toLocaleString('en')} rows matched)`,
      product: t,
      floor: summarise(f),
      plain: summarise(s),
      target: `p95 ≤ ${TARGET.reportP95} ms`,
      met: t.p95 <= TARGET.reportP95 && differ === 0,
      rows: differ ? `${differ}/${qs.length} differ: ${note}` : 'same',
    });
  }
  return out;
}

/** Exports of periods with at least 100,000 rows: one period to warm up, then three others, each exported once. */
async function benchXlsx(core: Core, call: Call, dir: string, today: string): Promise<CompareRow> {
  const count = core.db.$client.prepare("SELECT count(*) AS n FROM documents WHERE return_track > 0 AND planned_return BETWEEN ? AND ?");
  const periodFrom = (from: string) => {
    let to = addDaysIso(from, 60);
    while ((count.get(from, to) as { n: number }).n < 100_000 && to < '2027-12-31') to = addDaysIso(to, 7);
    return { from, to };
  };
  const periods = ['2022-01-01', '2022-02-01', '2022-03-01', '2022-04-01'].map(periodFrom);
  const floor = new ReturnsFloor(core.db.$client);
  const plain = new ReturnsPlain(core.db.$client);
  const p: number[] = [];
  const f: number[] = [];
  const s: number[] = [];
  let rows = 0;
  let differ = 0;
  let note = '';
  for (const [i, period] of periods.entries()) {
    let file = '';
    let plainRows: ReturnType<ReturnsPlain['all']> = [];
    const runs = [
      async () => {
        const t = performance.now();
        file = (await call('reports.documentReturnsXlsx', period)).files[0]!;
        if (i > 0) p.push(performance.now() - t);
      },
      () => {
        const t = performance.now();
        floor.all(period);
        if (i > 0) f.push(performance.now() - t);
      },
      () => {
        const t = performance.now();
        plainRows = plain.all(period, today);
        const sheet = XLSX.utils.aoa_to_sheet([
          ['Состояние', 'Дней просрочки', 'Документ', 'Номер', 'Дата', 'Клиент', 'СИО', 'Плановый возврат', 'Возвращён', 'Как'],
          ...plainRows.map((r) => [r.state, r.daysOverdue, r.type, r.number, r.date, r.clientName, r.sio?.fullName ?? '', r.plannedReturn, r.returnedAt ?? '', r.returnedVia ?? '']),
        ]);
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, sheet, 'Возврат');
        fs.writeFileSync(path.join(dir, `plain-${i}.xlsx`), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
        if (i > 0) s.push(performance.now() - t);
      },
    ];
    for (let k = 0; k < 3; k++) await runs[(i + k) % 3]!();
    if (i === 0) continue;
    // The product's own file read back (ours, so safe to read) against the plain rows, cell by cell.
    const sheet = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    const got = XLSX.utils.sheet_to_json<unknown[]>(sheet.Sheets[sheet.SheetNames[0]!]!, { header: 1, raw: true }).slice(1);
    const iso = (v: unknown) => (typeof v === 'number' ? new Date(Math.round((v - 25_569) * 86_400_000)).toISOString().slice(0, 10) : null);
    const want = plainRows.map((r) => [
      RETURN_STATE_LABELS[r.state],
      r.daysOverdue,
      DOCUMENT_TYPE_LABELS[r.type],
      r.number,
      r.date,
      r.clientName,
      r.sio?.fullName ?? null,
      r.plannedReturn,
      r.returnedAt,
      r.returnedVia ? RETURN_VIA_LABELS[r.returnedVia] : null,
    ]);
    const have = got.map((c) => [c[0], c[1], c[2], c[3], iso(c[4]), c[5], c[6] ?? null, iso(c[7]), iso(c[8]), c[9] ?? null]);
    rows += want.length;
    const d = firstDifference(have, want);
    if (d) {
      differ++;
      note ||= d.slice(0, 160);
    }
  }
  const t = summarise(p);
  return {
    name: `XLSX export, ≥ 100,000 rows a period (${periods.length - 1} periods, ${Math.round(rows / (periods.length - 1)).toLocaleString('en')} rows each)`,
    product: t,
    floor: summarise(f),
    plain: summarise(s),
    target: `≤ ${TARGET.xlsxMs} ms`,
    met: t.p95 <= TARGET.xlsxMs && differ === 0,
    rows: differ ? `${differ} differ: ${note}` : 'same (every cell)',
  };
}

export async function runDocumentsBench(opts: DocumentsBenchOptions = {}): Promise<void> {
  const total = opts.documents ?? 1_000_000;
  const sets = opts.sets ?? 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-docs-'));
  process.stdout.write(`\nDocuments benchmark in ${dir} …\n`);
  const { core, call, sios, today } = await setup(dir, opts.clients ?? 20_000);
  try {
    const contracts = await makeSets(core, call, sets + WARM_SETS);
    const print = await benchPrint(core, call, contracts, dir);
    const t = performance.now();
    seedDocuments(core, total, sios, today);
    const seedSec = (performance.now() - t) / 1000;
    const report = await benchReport(core, call, sios, today);
    const xlsx = await benchXlsx(core, call, dir, today);

    console.log(
      `\nDocuments: ${total.toLocaleString('en')} documents (seeded in ${seedSec.toFixed(0)} s), today ${today} in the РИЦ's zone on both sides; node ${process.version}, ${os.cpus().length} CPU, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, one process.`,
    );
    console.log('Product = through the dispatcher; floor = the bare indexed reads any answer needs; plain = a straightforward statement written in bench/. Warm-up on other inputs; every timed input is new.\n');
    console.log(compareTable([print.row, ...report, xlsx]));
    console.log(`\nPrint rate: ${print.cpuRate.toFixed(1)} sets per CPU second of this process (what one unshared core gives), ${print.wallRate.toFixed(1)} per wall-clock second.`);
    console.log(`Floor of the report: per-state counts and the page's ids from the (state, planned return) index; plain: one statement computing the state from status, planned and return dates.`);
    console.log(`Worst report p95: ${ms(Math.max(...report.map((r) => r.product.p95)))}.`);
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
