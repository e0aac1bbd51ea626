// `npm run bench -- --only glavbukh`: a generated 50,000-row certified list (XLSX; ИНН/КПП, names, distributions of a seeded base)
// staged, reviewed and applied through the real mechanism in a child process (its peak RSS measured), beside a floor (unzip + saxes
// over the sheet, nothing kept) and a plain import written from scratch (unzip, regex over the sheet, one INSERT a row).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import Database from 'better-sqlite3';
import { createCore } from '../src-main/core';
import { seedClients } from '../src-main/demo/scale';
import { compareTable, table, type CompareRow } from './stats';

const TARGET = { importMs: 10_000, rssMb: 300 };

export interface GlavbukhBenchOptions {
  rows?: number;
  keep?: boolean;
}

const one = (v: number) => ({ p50: v, p95: v, n: 1 });
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function runChild(dbPath: string, file: string): Promise<{ ms: number; stageMs: number; reviewMs: number; pageMs: number; applyMs: number; maxRssMb: number; counts: Record<string, number>; added: number; threads: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(path.dirname(new URL(import.meta.url).pathname), 'glavbukh-import.ts'), dbPath, file], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as never);
    });
  });
}

/** The sheet XML of the list, as the floor and the plain import read it. */
const sheetXml = (bytes: Uint8Array) => unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' || f.name === 'xl/sharedStrings.xml' });

function floorParse(bytes: Uint8Array): number {
  const t = performance.now();
  const files = sheetXml(bytes);
  for (const b of Object.values(files)) new SaxesParser().write(new TextDecoder().decode(b)).close();
  return performance.now() - t;
}

/** Unzip, shared strings and cells by regular expressions, one INSERT a row in one transaction: what a throwaway script would do. */
function plainImport(dbPath: string, bytes: Uint8Array, clientIds: number[]): number {
  const t = performance.now();
  const files = sheetXml(bytes);
  const ss = [...new TextDecoder().decode(files['xl/sharedStrings.xml']).matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]!);
  const xml = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
  const db = new Database(dbPath);
  const ins = db.prepare("INSERT INTO gb_certificates (client_id, programme, number, number_norm, issued_on, valid_until, status, source, created_at, updated_at) VALUES (?, 'GB', ?, ?, ?, ?, 'certified', 'import', 'x', 'x')");
  let i = -1;
  db.transaction(() => {
    for (const row of xml.matchAll(/<row[^>]*>(.*?)<\/row>/g)) {
      if (i++ < 0) continue;
      const cells = [...row[1]!.matchAll(/<c [^>]*?(t="s")?[^>]*><v>([^<]*)<\/v><\/c>/g)].map((m) => (m[1] ? ss[Number(m[2])]! : m[2]!));
      ins.run(clientIds[i % clientIds.length], cells[4], cells[4]!.toUpperCase(), '2026-01-15', '2027-01-14');
    }
  })();
  db.close();
  return performance.now() - t;
}

export async function runGlavbukhBench(opts: GlavbukhBenchOptions = {}): Promise<void> {
  const n = opts.rows ?? 50_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-gb-'));
  const dbPath = path.join(dir, 'bench.db');
  let core = createCore({ dbPath, log: (m, e) => console.error(m, e) });
  try {
    process.stdout.write(`\nglavbukh: seeding clients into ${dir} …\n`);
    const seeded = seedClients(core.db, { clients: Math.round(n * 1.4) });
    const sql = core.db.$client;
    const clients = sql
      .prepare('SELECT c.id, c.name, c.inn, c.kpp, (SELECT min(distr_number) FROM distributions d WHERE d.client_id = c.id) AS distr FROM clients c ORDER BY c.id LIMIT ?')
      .all(n) as { id: number; name: string; inn: string | null; kpp: string | null; distr: number | null }[];
    await core.close();
    const plainDb = path.join(dir, 'plain.db');
    fs.copyFileSync(dbPath, plainDb);
    // Most rows carry ИНН + КПП; every 20th only the ИНН, as lists from the КЦ do (a name or a distribution alone is often ambiguous in the seeded base).
    const aoa: (string | number)[][] = [['№', 'Наименование организации', 'ИНН', 'КПП', 'Номер сертификата', 'Дата выдачи', 'Действителен до', 'Рег. номер дистрибутива', 'ФИО главного бухгалтера']];
    clients.forEach((c, i) => {
      const innOnly = i % 20 === 0;
      aoa.push([i + 1, c.name, c.inn ?? '', innOnly ? '' : (c.kpp ?? ''), `ГБ-${String(100000 + i)}`, '15.01.2026', i % 3 ? '' : '14.01.2027', c.distr ?? '', `Бухгалтер ${i}`]);
    });
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Сертифицированные');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
    const file = path.join(dir, 'certified.xlsx');
    fs.writeFileSync(file, bytes);

    process.stdout.write(`glavbukh: importing a ${n.toLocaleString('en')}-row list (${(bytes.byteLength / 1_048_576).toFixed(1)} MB) through the product (child process) …\n`);
    const product = await runChild(dbPath, file);
    const floorMs = floorParse(bytes);
    const plainMs = plainImport(plainDb, bytes, clients.map((c) => c.id));

    core = createCore({ dbPath, log: (m, e) => console.error(m, e) });
    const certs = (core.db.$client.prepare('SELECT count(*) AS n FROM gb_certificates').get() as { n: number }).n;
    const rows: CompareRow[] = [
      {
        name: `list: ${n.toLocaleString('en')} rows staged, reviewed, applied (stage ${(product.stageMs / 1000).toFixed(1)} s, review ${(product.reviewMs / 1000).toFixed(1)} s, apply ${(product.applyMs / 1000).toFixed(1)} s)`,
        product: one(product.ms),
        floor: one(floorMs),
        plain: one(plainMs),
        target: `≤ ${TARGET.importMs / 1000} s`,
        met: product.ms <= TARGET.importMs && certs === n,
        rows: `${certs === n ? 'all' : 'NOT ALL'} ${certs.toLocaleString('en')} certificates written; ${JSON.stringify(product.counts)}`,
      },
      { name: 'list: a review page deep in the rows (cached reading)', product: one(product.pageMs), floor: null, plain: null, target: '', met: null },
    ];
    console.log(`\nglavbukh over ${seeded.clients.toLocaleString('en')} clients (node ${process.version}, ${os.cpus().length} CPU, load ${load()})\n`);
    console.log(compareTable(rows));
    const rssMet = product.maxRssMb <= TARGET.rssMb;
    console.log(
      table(
        ['measure', 'value', 'target', 'result'],
        [[`list: peak RSS of the importing process (main + ${product.threads} worker threads share it)`, `${product.maxRssMb.toFixed(0)} MB`, `≤ ${TARGET.rssMb} MB`, rssMet ? 'met' : 'MISSED']],
      ),
    );
    console.log(
      'list: product = a child process storing the file, one batch through runBatch (the sheet read on the worker pool, staged), the review, apply through recordCertificate; ' +
        'floor = unzip + saxes over the sheet and shared strings, nothing kept; plain = unzip, regular expressions, one INSERT a row in one transaction (no matching, no checks).',
    );
    for (const r of rows) if (r.met === false) console.log(`MISSED: ${r.name} — ${r.target}`);
    if (!rssMet) console.log(`MISSED: peak RSS ${product.maxRssMb.toFixed(0)} MB — ≤ ${TARGET.rssMb} MB`);
  } finally {
    await core.close();
    if (opts.keep) console.log(`Database kept: ${dbPath}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
