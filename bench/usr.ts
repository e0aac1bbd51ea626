// `npm run bench -- --only usr`: 10,000 generated USR files (5–50 KB, 3–10 banks, 20–200 updates each, windows-1251, kits over
// ~3,000 distributions so histories repeat) imported through the real mechanism in a child process (its peak RSS measured), beside
// a floor (read + decode + saxes, nothing kept) and a plain import written from scratch. The reports' rows: bench/usr-reports.ts.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { XMLParser } from 'fast-xml-parser';
import Database from 'better-sqlite3';
import { createCore, type Core } from '../src-main/core';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { seedClients } from '../src-main/demo/scale';
import { Rng } from '../src-main/demo/random';
import { updateDates, usrBytes, usrName, type GenBank, type GenUsr } from '../test/helpers/usr-gen';
import { compareTable, table, type CompareRow } from './stats';

const TARGET = { importMs: 60_000, rssMb: 300 };

export interface UsrBenchOptions {
  files?: number;
  /** Distributions the files' kits are drawn from. */
  kits?: number;
  keep?: boolean;
}

interface BenchKit {
  code: string;
  number: number;
  distr: number;
  comp: number;
}

const BANKS = ['LAW', 'BUH', 'ARB', 'KOR', 'FIN', 'MED', 'PRJ', 'DOC', 'QSA', 'CMT', 'RGN', 'EXP'];

/** Writes the files into `out` one at a time; kits repeat, so each kit's files overlap in history. Returns total bytes. */
function generateFiles(kits: BenchKit[], files: number, out: string): number {
  const rng = new Rng(7);
  const end = Date.parse('2026-11-27T00:00:00Z');
  let total = 0;
  for (let i = 0; i < files; i++) {
    const k = rng.int(0, kits.length - 1);
    const kit = kits[k]!;
    const banks = rng.int(3, 10);
    const size = rng.int(5_000, 50_000);
    // One update line is ~115 bytes; the rest of a file ~2.5 KB.
    const perBank = Math.max(20, Math.min(200, Math.round((size - 2_500) / (banks * 115))));
    // A kit is updated weekly on its own weekday: its files, written weeks apart, repeat the same history.
    const last = new Date(end - ((k % 7) + 7 * rng.int(0, 52)) * 86_400_000).toISOString().slice(0, 10);
    const list: GenBank[] = BANKS.slice(0, banks).map((code, b) => ({ code, name: `Банк ${code}`, updates: updateDates(last, perBank - (b % 3), 7), docs: 100 + b }));
    const g: GenUsr = { kits: [{ code: kit.code, number: kit.number, distr: kit.distr, comp: kit.comp, netCount: rng.int(1, 20) }], banks: list, encoding: 'windows-1251' };
    const bytes = usrBytes(g);
    total += bytes.length;
    fs.writeFileSync(path.join(out, usrName(g, `_${String(i).padStart(5, '0')}`)), bytes);
  }
  return total;
}

/** The floor: read every file, decode it and run the XML parser over it with no handlers; nothing kept. */
function floorParse(dir: string, names: string[]): number {
  const t = performance.now();
  for (const n of names) {
    const xml = iconv.decode(fs.readFileSync(path.join(dir, n)), 'windows-1251');
    new SaxesParser({ xmlns: false, position: false }).write(xml).close();
  }
  return performance.now() - t;
}

type Attrs = Record<string, string>;
const dash = (d: string) => d.replace(/\./g, '-');

/**
 * The baseline written from scratch, on a copy of the seeded database: read, hash, keep the bytes, fast-xml-parser, then one
 * transaction a file writing the same tables (kit by key, updates INSERT OR IGNORE); monthly aggregates once at the end.
 */
function plainImport(dbPath: string, dir: string, names: string[], store: string): { ms: number; updates: number; months: number } {
  const sql = new Database(dbPath);
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = NORMAL');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, parseTagValue: false, parseAttributeValue: false });
  const insFile = sql.prepare("INSERT INTO import_files (sha256, size, name, kind, stored_at, outcome) VALUES (?, ?, ?, 'usr.file', ?, 'applied') ON CONFLICT DO NOTHING RETURNING id");
  const insUsr = sql.prepare(`INSERT INTO usr_files (file_id, name, file_at, format_version, res_version, cons_exe_version, newest_update, status, imported_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`);
  const kitSel = sql.prepare('SELECT id, distribution_id AS d FROM usr_kits WHERE system_code = ? AND distr_number = ? AND comp = ?');
  const kitIns = sql.prepare('INSERT INTO usr_kits (system_code, system_number, distr_number, comp, distribution_id, first_seen_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, distribution_id AS d');
  const dist = sql.prepare('SELECT id FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?');
  const fileKit = sql.prepare('INSERT OR IGNORE INTO usr_file_kits (usr_file_id, usr_kit_id, element) VALUES (?, ?, ?)');
  const bank = sql.prepare('INSERT INTO usr_banks (usr_file_id, usr_kit_id, code, last_update, update_count) VALUES (?, ?, ?, ?, ?)');
  const upd = sql.prepare('INSERT OR IGNORE INTO usr_updates (usr_kit_id, bank, date, time, docs, kind, usr_file_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  fs.mkdirSync(store, { recursive: true });
  const t = performance.now();
  for (const n of names) {
    const bytes = fs.readFileSync(path.join(dir, n));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    fs.writeFileSync(path.join(store, sha), bytes);
    const doc = parser.parse(iconv.decode(bytes, 'windows-1251')) as { user_info: Record<string, unknown> };
    const u = doc.user_info;
    const pkg = u.package as Record<string, Attrs>;
    const ib = u.ib as Record<string, { updates: Record<string, Attrs> }>;
    sql.transaction(() => {
      const f = insFile.get(sha, bytes.length, n, now) as { id: number } | undefined;
      if (!f) return;
      const [element, a] = Object.entries(pkg)[0]!;
      const [code, num] = element.split('_');
      const [distr, comp] = [Number(a.distr), Number(a.comp ?? 1)];
      let kit = kitSel.get(code, distr, comp) as { id: number; d: number | null } | undefined;
      if (!kit) kit = kitIns.get(code, Number(num), distr, comp, (dist.get(code, distr, comp) as { id: number } | undefined)?.id ?? null, now) as { id: number; d: number | null };
      let newest = '';
      const rows: [string, Attrs[]][] = Object.entries(ib).map(([b, v]) => [b, Object.values(v.updates)]);
      for (const [, us] of rows) for (const x of us) if (dash(x.date!) > newest) newest = dash(x.date!);
      const usr = insUsr.get(f.id, n, newest, Number(u.format_version), String(u.res_version), String(u.cons_exe_version), newest, kit.d ? 'stored' : 'unknown_kit', now) as { id: number };
      fileKit.run(usr.id, kit.id, element);
      for (const [b, us] of rows) {
        bank.run(usr.id, kit.id, b, us.reduce((m, x) => (dash(x.date!) > m ? dash(x.date!) : m), ''), us.length);
        for (const x of us) upd.run(kit.id, b, dash(x.date!), x.time ?? null, Number(x.docs), x.kind ?? null, usr.id);
      }
    })();
  }
  sql.exec(`DELETE FROM usr_kit_months; INSERT INTO usr_kit_months (usr_kit_id, month, sessions, updates, last_update)
    SELECT usr_kit_id, substr(date, 1, 7), count(DISTINCT date), count(*), max(date) FROM usr_updates GROUP BY usr_kit_id, substr(date, 1, 7)`);
  const ms = performance.now() - t;
  const out = {
    ms,
    updates: (sql.prepare('SELECT count(*) AS n FROM usr_updates').get() as { n: number }).n,
    months: (sql.prepare('SELECT sum(sessions) AS n FROM usr_kit_months').get() as { n: number }).n,
  };
  sql.close();
  return out;
}

function runChild(dbPath: string, dir: string): Promise<{ ms: number; storeMs: number; maxRssMb: number; statuses: Record<string, number>; threads: number }> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'usr-import.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', script, dbPath, dir], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`usr import child failed: ${err.message}\n${stderr.slice(-2000)}`));
      const line = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(line) as never);
    });
  });
}

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const one = (v: number) => ({ p50: v, p95: v, n: 1 });

export async function runUsrBench(opts: UsrBenchOptions = {}): Promise<void> {
  const files = opts.files ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-usr-'));
  const dbPath = path.join(dir, 'bench.db');
  const filesDir = path.join(dir, 'files');
  fs.mkdirSync(filesDir);
  let core: Core | null = createCore({ dbPath, log: (m, e) => console.error(m, e) });
  try {
    const hash = await hashPassword('bench-password');
    core.db.$client.transaction(() => insertEmployee(core!.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, new Date().toISOString(), 'bench'))();
    process.stdout.write(`\nusr: seeding clients into ${dir} …\n`);
    const seeded = seedClients(core.db, { clients: Math.ceil((opts.kits ?? 3_000) / 1.5) });
    const sql = core.db.$client;
    sql.exec('UPDATE kplus_systems SET number = id WHERE number IS NULL');
    const kits = sql
      .prepare('SELECT d.system_code AS code, ks.number, d.distr_number AS distr, d.comp FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code ORDER BY d.id LIMIT ?')
      .all(opts.kits ?? 3_000) as BenchKit[];
    await core.close();
    core = null;
    process.stdout.write(`usr: writing ${files.toLocaleString('en')} files over ${kits.length.toLocaleString('en')} kits …\n`);
    const t = performance.now();
    const bytes = generateFiles(kits, files, filesDir);
    const genMs = performance.now() - t;
    const names = fs.readdirSync(filesDir).sort();
    const plainDb = path.join(dir, 'plain.db');
    fs.copyFileSync(dbPath, plainDb);

    process.stdout.write('usr: importing through the product (child process) …\n');
    const product = await runChild(dbPath, filesDir);
    process.stdout.write('usr: floor and plain …\n');
    const floorMs = floorParse(filesDir, names);
    const plain = plainImport(plainDb, filesDir, names, path.join(dir, 'plain-store'));

    core = createCore({ dbPath, log: (m, e) => console.error(m, e) });
    const q = (s: string) => (core!.db.$client.prepare(s).get() as { n: number }).n;
    const updates = q('SELECT count(*) AS n FROM usr_updates');
    const months = q('SELECT sum(sessions) AS n FROM usr_kit_months');
    const applied = (product.statuses.stored ?? 0) + (product.statuses.unknown_kit ?? 0);
    const same = updates === plain.updates && months === plain.months;
    const rows: CompareRow[] = [
      {
        name: `intake: ${files.toLocaleString('en')} USR files (${(bytes / files / 1024).toFixed(0)} KB avg, ${(bytes / 1_048_576).toFixed(0)} MB), wall`,
        product: one(product.ms),
        floor: one(floorMs),
        plain: one(plain.ms),
        target: `≤ ${TARGET.importMs / 1000} s`,
        met: product.ms <= TARGET.importMs && applied + (product.statuses.duplicate ?? 0) === files,
        rows: `${same ? 'same' : 'DIFFERENT'} updates ${updates.toLocaleString('en')} / sessions ${months.toLocaleString('en')} (plain ${plain.updates.toLocaleString('en')} / ${plain.months.toLocaleString('en')}); ${JSON.stringify(product.statuses)}`,
      },
    ];
    console.log(
      `\nusr over ${seeded.clients.toLocaleString('en')} clients, ${kits.length.toLocaleString('en')} kits (files generated in ${(genMs / 1000).toFixed(1)} s; node ${process.version}, ${os.cpus().length} CPU, load ${load()})\n`,
    );
    console.log(compareTable(rows));
    const rssMet = product.maxRssMb <= TARGET.rssMb;
    console.log(
      table(
        ['measure', 'value', 'target', 'result'],
        [[`intake: peak RSS of the importing process (main + ${product.threads} worker threads share it)`, `${product.maxRssMb.toFixed(0)} MB`, `≤ ${TARGET.rssMb} MB`, rssMet ? 'met' : 'MISSED']],
      ),
    );
    console.log(
      `intake: product = a child process storing every file (as uploads do), then one batch through runBatch (parse on the worker pool, apply in one transaction a file; ` +
        `store took ${(product.storeMs / 1000).toFixed(1)} s of it); floor = read + windows-1251 decode + saxes with no handlers, one thread; plain = read, hash, keep the bytes, ` +
        `fast-xml-parser, the same tables in one transaction a file and the monthly aggregates once at the end, one thread, no per-file journal. Load at the end ${load()}.`,
    );
    for (const r of rows) if (r.met === false) console.log(`MISSED: ${r.name} — ${r.target}`);
    if (!rssMet) console.log(`MISSED: peak RSS ${product.maxRssMb.toFixed(0)} MB — ≤ ${TARGET.rssMb} MB`);
  } finally {
    await core?.close();
    if (opts.keep) console.log(`Database kept: ${dbPath}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
