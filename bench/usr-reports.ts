// `npm run bench -- --only usr-reports`: «ОПКН» and the OLAP pivot for a year over 100,000 kits and 2,000,000 proven updates beside a floor and a plain statement, and a ZIP of 1,000 USR files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createCore } from '../src-main/core';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { storeBytes } from '../src-main/features/imports/store';
import { opknRows, opknTotals } from '../src-main/features/reports/opkn.query';
import { usrOlapReport, usrOlapRows } from '../src-main/features/reports/usr-olap.query';
import type { OpknRow } from '../src-shared/usr-reports';
import { usrBytes, usrName } from '../test/helpers/usr-gen';
import { compareTable, summarise, type CompareRow } from './stats';

export interface UsrReportsBenchOptions {
  kits?: number;
  keep?: boolean;
}

const TARGET_MS = 300;
const ZIP_TARGET_MS = 3000;
const DAY0 = Date.UTC(2025, 0, 1);
const iso = (day: number) => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);

/** A small deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Kits as the import would leave them: per kit 10 update dates over two years (2025–2026) with two banks each
 * (20 proven updates), one kit in ten silent since 2025; usr_kit_months aggregated from usr_updates afterwards.
 */
function seed(sql: Database.Database, kits: number): void {
  const r = rng(42);
  const now = new Date().toISOString();
  sql.transaction(() => {
    const sios = sql.prepare("SELECT id FROM employees WHERE login LIKE 'sio%'").pluck().all() as number[];
    const client = sql.prepare("INSERT INTO clients (name, name_lc, inn, status, sio_id, is_key, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?)");
    const dist = sql.prepare("INSERT INTO distributions (client_id, system_code, distr_number, comp, state, created_at) VALUES (?, ?, ?, 1, 'active', ?)");
    const scheme = sql.prepare('INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_at) VALUES (?, ?, ?, ?)');
    const kit = sql.prepare('INSERT INTO usr_kits (system_code, system_number, distr_number, comp, distribution_id, last_update, first_seen_at) VALUES (?, 1, ?, 1, ?, ?, ?)');
    const upd = sql.prepare('INSERT OR IGNORE INTO usr_updates (usr_kit_id, bank, date) VALUES (?, ?, ?)');
    const codes = ['SKJP', 'BUHS', 'SKUP', 'SBOR'];
    let clientId = 0;
    for (let i = 0; i < kits; i++) {
      if (i % 2 === 0) {
        const name = `Клиент ${i / 2 + 1}`;
        clientId = Number(client.run(name, name.toLowerCase(), String(7700000000 + i), sios[i % sios.length], i % 20 === 0 ? 1 : 0, now, now).lastInsertRowid);
      }
      const code = codes[i % codes.length]!;
      const d = Number(dist.run(clientId, code, 100_000 + i, now).lastInsertRowid);
      scheme.run(d, 'standard', '2023-01-01', now);
      if (r() < 0.3) scheme.run(d, 'nss', iso(Math.floor(r() * 700)), now);
      const silent = r() < 0.1;
      const dates = new Set<string>();
      while (dates.size < 10) dates.add(iso(Math.floor(r() * (silent ? 360 : 699))));
      const sorted = [...dates].sort();
      const k = Number(kit.run(code, 100_000 + i, d, sorted[sorted.length - 1], now).lastInsertRowid);
      for (const date of sorted) {
        upd.run(k, 'LAW', date);
        upd.run(k, 'FED', date);
      }
    }
    sql.exec(`INSERT INTO usr_kit_months (usr_kit_id, month, sessions, updates, last_update)
      SELECT usr_kit_id, substr(date, 1, 7), count(DISTINCT date), count(*), max(date) FROM usr_updates GROUP BY usr_kit_id, substr(date, 1, 7)`);
  })();
  sql.exec('ANALYZE');
}

/** The floor: the year's monthly aggregates read once through their month index, the least either report must do. */
const floorSql = 'SELECT count(*), sum(sessions) FROM usr_kit_months INDEXED BY usr_kit_months_month_idx WHERE month BETWEEN ? AND ?';

/** Plain ОПКН: per serviced kit a correlated count of distinct update dates in the period straight from usr_updates. */
const plainOpkn = `SELECT d.id AS id, (SELECT count(DISTINCT u.date) FROM usr_kits k JOIN usr_updates u ON u.usr_kit_id = k.id WHERE k.distribution_id = d.id AND u.date BETWEEN ? AND ?) AS s
  FROM distributions d WHERE d.state = 'active' AND EXISTS (SELECT 1 FROM distribution_schemes x WHERE x.distribution_id = d.id AND x.effective_from <= ?)`;

/** Plain pivot: distinct update dates per kit and month, grouped straight from usr_updates. */
const plainOlap = `SELECT k.distribution_id AS id, substr(u.date, 1, 7) AS m, count(DISTINCT u.date) AS s
  FROM usr_updates u JOIN usr_kits k ON k.id = u.usr_kit_id WHERE u.date BETWEEN ? AND ? GROUP BY 1, 2`;

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

const monthAdd = (ym: string, n: number) => {
  const t = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const lastDay = (ym: string) => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).toISOString().slice(0, 10);

export async function runUsrReportsBench(opts: UsrReportsBenchOptions = {}): Promise<void> {
  const kits = opts.kits ?? 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-usr-reports-'));
  const core = createCore({ dbPath: path.join(dir, 'bench.db'), log: (m, e) => console.error(m, e) });
  try {
    const hash = await hashPassword('bench-password');
    const now = new Date().toISOString();
    const sql = core.db.$client;
    let adminId = 0;
    sql.transaction(() => {
      adminId = insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, now, 'bench');
      for (let i = 1; i <= 20; i++) insertEmployee(core.db, { login: `sio${i}`, fullName: `СИО Номер ${String(i).padStart(2, '0')}`, roles: ['sio'] }, hash, now, 'bench');
    })();
    process.stdout.write(`\nUSR reports: seeding ${kits.toLocaleString('en')} kits with 20 proven updates each into ${dir} …\n`);
    const t0 = performance.now();
    seed(sql, kits);
    const updates = sql.prepare('SELECT count(*) FROM usr_updates').pluck().get() as number;
    process.stdout.write(`seeded ${updates.toLocaleString('en')} proven updates in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    // Different year-long periods each round (whole months, and mid-month edges), so no two rounds read the same range.
    const periods: { from: string; to: string; fromMonth: string; toMonth: string }[] = [];
    for (let i = 0; i < 12; i += 2) {
      const fromMonth = monthAdd('2025-01', i);
      const toMonth = monthAdd(fromMonth, 11);
      periods.push({ from: `${fromMonth}-01`, to: lastDay(toMonth), fromMonth, toMonth });
      periods.push({ from: `${fromMonth}-15`, to: `${monthAdd(fromMonth, 12)}-14`, fromMonth, toMonth });
    }
    opknRows(core.db, periods[0]!); // warm-up: statements and the page cache
    const rows: CompareRow[] = [];
    const p: number[] = [];
    const f: number[] = [];
    const s: number[] = [];
    let differ = 0;
    const floor = sql.prepare(floorSql);
    const plainO = sql.prepare(plainOpkn);
    for (const per of periods) {
      // The screen's work: every row (ordered), the totals per СИО; the page it shows is a slice.
      const prod = timed(() => {
        const all = opknRows(core.db, per);
        opknTotals(all);
        return all;
      });
      p.push(prod.ms);
      f.push(timed(() => floor.all(per.fromMonth, per.toMonth)).ms);
      const pl = timed(() => plainO.all(per.from, per.to, per.to) as { id: number; s: number }[]);
      s.push(pl.ms);
      const all: OpknRow[] = prod.value;
      const want = new Map(pl.value.map((x) => [x.id, x.s]));
      if (all.length !== want.size || all.some((r) => want.get(r.distributionId) !== r.sessions)) differ++;
    }
    rows.push({ name: `ОПКН, a year (${periods.length} periods)`, product: summarise(p), floor: summarise(f), plain: summarise(s), target: `p95 ≤ ${TARGET_MS} ms`, met: summarise(p).p95 <= TARGET_MS && differ === 0, rows: differ ? `${differ} differ` : 'same sessions' });

    const op: number[] = [];
    const of: number[] = [];
    const os_: number[] = [];
    let odiffer = 0;
    const plainP = sql.prepare(plainOlap);
    const monthly = periods.filter((_, i) => i % 2 === 0);
    for (const per of monthly) {
      const f2 = { fromMonth: per.fromMonth, toMonth: per.toMonth };
      const prod = timed(() => usrOlapRows(core.db, f2));
      op.push(prod.ms);
      of.push(timed(() => floor.all(per.fromMonth, per.toMonth)).ms);
      const pl = timed(() => plainP.all(per.from, per.to) as { id: number; m: string; s: number }[]);
      os_.push(pl.ms);
      const { months, rows: all } = prod.value;
      const want = new Map(pl.value.map((x) => [`${x.id}/${x.m}`, x.s]));
      let cells = 0;
      for (const r of all) r.cells.forEach((c, i) => {
        if (!c) return;
        cells++;
        if (want.get(`${r.distributionId}/${months[i]}`) !== c) odiffer++;
      });
      if (cells !== want.size) odiffer++;
    }
    rows.push({ name: `OLAP pivot, 12 months (${monthly.length} ranges)`, product: summarise(op), floor: summarise(of), plain: summarise(os_), target: `p95 ≤ ${TARGET_MS} ms`, met: summarise(op).p95 <= TARGET_MS && odiffer === 0, rows: odiffer ? `${odiffer} differ` : 'same cells' });
    const nss = { fromMonth: '2025-12', toMonth: '2026-11', scheme: 'nss' as const };
    const n1 = timed(() => usrOlapReport(core.db, nss, 2000));
    rows.push({ name: 'OLAP pivot, 12 months, НСС only (informative)', product: summarise([n1.ms]), floor: null, plain: null, target: '', met: null });

    // A ZIP of 1,000 stored USR files of realistic size (5–50 KB), through the API (worker, manifest, temp file).
    const r = rng(7);
    const chosen = sql.prepare('SELECT k.id, k.distribution_id AS d, k.system_code AS code, k.distr_number AS distr FROM usr_kits k ORDER BY k.id LIMIT 1000').all() as { id: number; d: number; code: string; distr: number }[];
    const file = sql.prepare("INSERT INTO usr_files (file_id, name, file_at, format_version, newest_update, status, imported_at) VALUES (?, ?, ?, 5, ?, 'stored', ?)");
    const link = sql.prepare('UPDATE usr_updates SET usr_file_id = ? WHERE usr_kit_id = ?');
    let storedBytes = 0;
    sql.transaction(() => {
      for (const k of chosen) {
        const dates = sql.prepare('SELECT DISTINCT date FROM usr_updates WHERE usr_kit_id = ? ORDER BY date').pluck().all(k.id) as string[];
        const g = { kits: [{ code: k.code, number: 1, distr: k.distr }], banks: [{ code: 'LAW', updates: dates }, { code: 'FED', updates: dates }], padding: Math.floor(r() * 45_000) };
        const bytes = usrBytes(g);
        storedBytes += bytes.byteLength;
        const st = storeBytes(core.db, bytes, usrName(g), now);
        const id = Number(file.run(st.fileId, usrName(g), `${dates[dates.length - 1]}T12:00:00`, dates[dates.length - 1], now).lastInsertRowid);
        link.run(id, k.id);
      }
    })();
    const token = (await core.call('auth.login', { login: 'bench', password: 'bench-password' }, null)) as { ok: true; data: { token: string } };
    const zipInput = { jobId: 'bench-zip-0001', report: 'opkn' as const, opkn: { from: '2025-01-01', to: '2026-12-31', distributionIds: chosen.map((k) => k.d) } };
    const z = await (async () => {
      const t = performance.now();
      const res = await core.call('reports.usrZip', zipInput, token.data.token);
      return { ms: performance.now() - t, res };
    })();
    const zres = z.res.ok ? (z.res.data as { files: number; bytes: number }) : null;
    rows.push({
      name: `ZIP of ${zres?.files ?? 0} files (${(storedBytes / 1e6).toFixed(1)} MB → ${((zres?.bytes ?? 0) / 1e6).toFixed(1)} MB)`,
      product: summarise([z.ms]),
      floor: null,
      plain: null,
      target: `≤ ${ZIP_TARGET_MS} ms`,
      met: !!zres && zres.files === 1000 && z.ms <= ZIP_TARGET_MS,
      rows: z.res.ok ? 'manifest + files' : `failed: ${JSON.stringify(z.res.error)}`,
    });
    void adminId;
    console.log(`\nUSR reports over ${kits.toLocaleString('en')} kits, ${updates.toLocaleString('en')} proven updates (node ${process.version}, ${os.cpus().length} CPU, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
    console.log(compareTable(rows));
    console.log(
      'product = the query module as the screen calls it (rows, totals per СИО); floor = the period\'s monthly aggregates read once through their index; ' +
        'plain = a statement written from scratch over usr_updates (ОПКН: sessions per serviced kit; pivot: sessions per kit and month). ZIP: reports.usrZip through the dispatcher, worker start included.',
    );
  } finally {
    await core.close();
    if (opts.keep) console.log(`Database kept: ${path.join(dir, 'bench.db')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
