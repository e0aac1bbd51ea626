// `npm run bench -- --only nss`: the НСС report (a month, a year; by client and by СИО) and the monthly КЦ file over 100,000 clients and 1,000,000 service records, cold, beside a floor and a plain statement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createCore } from '../src-main/core';
import { openDb } from '../src-main/db/connection';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { recomputeNssClient } from '../src-main/features/nss/aggregate';
import { buildNssPeriod, registerNssPeriod } from '../src-main/features/nss/periods';
import { nssReportMonths } from '../src-main/features/nss/report.query';
import { nssReport, type NssReportQuery } from '../src-main/features/nss/report.query';
import { readNssSettings } from '../src-main/features/nss/settings';
import { buildNssKc } from '../src-main/features/nss/kc.build';
import { compareTable, summarise, type CompareRow } from './stats';

export interface NssBenchOptions {
  clients?: number;
  records?: number;
  runs?: number;
  keep?: boolean;
}

const REPORT_TARGET_MS = 300;
const KC_TARGET_MS = 2000;
/** Fixed «today» (after the seeded year), so runs compare. */
const TODAY = '2026-12-15';
const YEAR = { fromMonth: '2025-12', toMonth: '2026-11' };
const MONTH = { fromMonth: '2026-11', toMonth: '2026-11' };
const DAY0 = Date.UTC(2025, 11, 1);
const DAYS = 365;
const iso = (day: number) => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);
const KINDS = ['gl_call', 'gl_call', 'gl_call', 'gl_call', 'pm_call', 'pm_call', 'pm_meeting', 'sio_visit', 'sio_visit', 'contact'];

/** A small deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Clients with kits as the card leaves them: 75 % НСС only (one in ten of them from a date inside the year), 10 % standard
 * only, 10 % mixed (an НСС and a standard kit), 5 % switching НСС → standard mid-year; НСС cycles for half the НСС
 * clients; service records spread over the year (a few clients busy, most quiet), one in four without a kit.
 */
function seed(sql: Database.Database, clients: number, records: number): void {
  const r = rng(42);
  const now = new Date().toISOString();
  sql.transaction(() => {
    const sios = sql.prepare("SELECT id FROM employees WHERE login LIKE 'sio%'").pluck().all() as number[];
    const pms = sql.prepare("SELECT id FROM employees WHERE login LIKE 'pm%'").pluck().all() as number[];
    const client = sql.prepare("INSERT INTO clients (name, name_lc, inn, kpp, status, sio_id, pm_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)");
    const dist = sql.prepare("INSERT INTO distributions (client_id, system_code, distr_number, comp, state, created_at) VALUES (?, ?, ?, 1, 'active', ?)");
    const scheme = sql.prepare('INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_at) VALUES (?, ?, ?, ?)');
    const cycle = sql.prepare("INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)");
    const kitsOf: number[][] = [[]];
    let distr = 100_000;
    for (let i = 1; i <= clients; i++) {
      const name = `ООО «Клиент ${String(Math.floor(r() * 1e6)).padStart(6, '0')} ${i}»`;
      const id = Number(client.run(name, name.toLowerCase(), String(7_700_000_000 + i), '770001001', sios[i % sios.length], r() < 0.3 ? pms[i % pms.length] : null, now, now).lastInsertRowid);
      const kit = () => Number(dist.run(id, r() < 0.5 ? 'SKJP' : 'BUHS', distr++, now).lastInsertRowid);
      const p = r();
      const kits: number[] = [];
      if (p < 0.75) {
        const k = kit();
        kits.push(k);
        scheme.run(k, 'standard', '2023-01-01', now);
        scheme.run(k, 'nss', r() < 0.1 ? iso(30 + Math.floor(r() * 300)) : '2024-01-01', now);
        if (r() < 0.2) {
          const k2 = kit();
          kits.push(k2);
          scheme.run(k2, 'nss', '2024-06-01', now);
        }
      } else if (p < 0.85) {
        const k = kit();
        kits.push(k);
        scheme.run(k, 'standard', '2023-01-01', now);
      } else if (p < 0.95) {
        const a = kit();
        const b = kit();
        kits.push(a, b);
        scheme.run(a, 'nss', '2024-01-01', now);
        scheme.run(b, 'standard', '2023-01-01', now);
      } else {
        const k = kit();
        kits.push(k);
        scheme.run(k, 'nss', '2024-01-01', now);
        scheme.run(k, 'standard', iso(60 + Math.floor(r() * 240)), now);
      }
      kitsOf.push(kits);
      if (p < 0.95 && p >= 0 && r() < 0.5 && !(p >= 0.75 && p < 0.85)) {
        const start = Math.floor(r() * 300);
        cycle.run(id, iso(start - 365), iso(start), now, now);
      }
    }
    const rec = sql.prepare(
      "INSERT INTO nss_records (kind, client_id, distribution_id, employee_id, at, on_date, duration_sec, count, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?)",
    );
    const staff = [...sios, ...pms];
    for (let i = 0; i < records; i++) {
      // Skewed: a tenth of the clients get about half the records.
      const c = r() < 0.5 ? 1 + Math.floor(r() * Math.max(1, Math.floor(clients / 10))) : 1 + Math.floor(r() * clients);
      const kits = kitsOf[c]!;
      const kind = KINDS[Math.floor(r() * KINDS.length)]!;
      const day = Math.floor(r() * DAYS);
      const d = iso(day);
      const kit = r() < 0.25 ? null : kits[Math.floor(r() * kits.length)]!;
      rec.run(kind, c, kit, staff[Math.floor(r() * staff.length)], `${d}T09:${String(Math.floor(r() * 60)).padStart(2, '0')}:00.000Z`, d, kind === 'gl_call' ? 30 + Math.floor(r() * 900) : null, r() < 0.03 ? 2 + Math.floor(r() * 4) : 1, now);
    }
  })();
}

/** Whether a raw record counts (its kit НСС on its date; without a kit, any kit of the client), written from scratch over the scheme history. */
const SCHEME_ON = (kit: string, date: string) =>
  `(SELECT s.scheme FROM distribution_schemes s WHERE s.distribution_id = ${kit} AND s.effective_from <= ${date} ORDER BY s.effective_from DESC LIMIT 1)`;
const COUNTED = `CASE WHEN r.distribution_id IS NOT NULL THEN ${SCHEME_ON('r.distribution_id', 'r.on_date')} = 'nss'
  ELSE EXISTS (SELECT 1 FROM distributions d WHERE d.client_id = r.client_id AND ${SCHEME_ON('d.id', 'r.on_date')} = 'nss') END`;
/** Clients with a НСС kit on at least one day of [:start, :end]: an НСС scheme row not superseded before the start. */
const NSS_CLIENTS = `SELECT DISTINCT d.client_id AS id FROM distribution_schemes s JOIN distributions d ON d.id = s.distribution_id
  WHERE s.scheme = 'nss' AND s.effective_from <= :end
    AND NOT EXISTS (SELECT 1 FROM distribution_schemes n WHERE n.distribution_id = s.distribution_id AND n.effective_from > s.effective_from AND n.effective_from <= :start)`;
/** Plain: per НСС client the period's contacts and the last contact up to its end (looking back before it) straight from nss_records, the page by days since the last contact. */
const PLAIN_PAGE = `WITH n AS (${NSS_CLIENTS}),
  k AS (SELECT r.client_id AS id, SUM(CASE WHEN r.on_date >= :start THEN r.count ELSE 0 END) AS contacts, MAX(r.on_date) AS last FROM nss_records r
        WHERE r.on_date <= :end AND ${COUNTED} GROUP BY r.client_id)
  SELECT n.id AS clientId, COALESCE(k.contacts, 0) AS contacts, CAST(julianday(:end) - julianday(k.last) AS INTEGER) AS daysSince
  FROM n JOIN clients c ON c.id = n.id LEFT JOIN k ON k.id = n.id
  ORDER BY k.last IS NULL DESC, k.last ASC, c.name_lc, c.id LIMIT 200`;
/** Plain: per СИО the НСС clients and their contacts straight from nss_records. */
const PLAIN_SIO = `WITH n AS (${NSS_CLIENTS}),
  k AS (SELECT r.client_id AS id, SUM(r.count) AS contacts FROM nss_records r WHERE r.on_date BETWEEN :start AND :end AND ${COUNTED} GROUP BY r.client_id)
  SELECT c.sio_id AS sio, COUNT(*) AS clients, COALESCE(SUM(k.contacts), 0) AS contacts FROM n JOIN clients c ON c.id = n.id LEFT JOIN k ON k.id = n.id
  GROUP BY c.sio_id ORDER BY c.sio_id`;
/** Floor: the period's monthly rows read once through their month index. */
const FLOOR_RANGE = 'SELECT count(*), sum(contacts) FROM nss_client_months INDEXED BY nss_client_months_month_idx WHERE month BETWEEN ? AND ?';
/** The bare lookup: one client's months summed through the primary key. */
const FLOOR_ONE = 'SELECT sum(contacts) FROM nss_client_months WHERE client_id = ? AND month BETWEEN ? AND ?';
/** Plain КЦ: the month's НСС clients with their figures, by name. */
const PLAIN_KC = `SELECT m.client_id AS id, c.name, c.inn, m.nss_kits, m.contacts, m.gl_calls, m.lk, m.chats, m.seminars, m.sio_visits, m.pm_contacts, m.last_contact_on
  FROM nss_client_months m JOIN clients c ON c.id = m.client_id WHERE m.month = ? AND m.nss_kits > 0 ORDER BY c.name_lc, c.id`;

const lastDay = (ym: string) => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Runs `fn` on a fresh connection (empty page and statement caches) and times it. */
function cold<T>(file: string, fn: (db: ReturnType<typeof openDb>) => T): { ms: number; value: T } {
  const db = openDb(file);
  try {
    const t = performance.now();
    const value = fn(db);
    return { ms: performance.now() - t, value };
  } finally {
    db.$client.close();
  }
}

/** The SQL and arguments of the statements nssReport runs, captured on a connection of its own, and the plan of the page query. */
function explainPage(file: string, q: NssReportQuery): string {
  const db = openDb(file);
  try {
    const sql = db.$client;
    const orig = sql.prepare.bind(sql);
    const seen: { text: string; args: unknown[] }[] = [];
    (sql as { prepare: (s: string) => Database.Statement }).prepare = (text: string) => {
      const st = orig(text);
      const all = st.all.bind(st);
      (st as { all: (...a: unknown[]) => unknown[] }).all = (...a: unknown[]) => {
        seen.push({ text, args: a });
        return all(...a);
      };
      return st;
    };
    nssReport(db, q, readNssSettings(db), TODAY);
    const page = seen.find((s) => s.text.includes('LIMIT ? OFFSET ?'));
    if (!page) return '(page query not seen)';
    const plan = orig(`EXPLAIN QUERY PLAN ${page.text}`).all(...page.args) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, 0]]);
    return plan.map((p) => {
      const d = (depth.get(p.parent) ?? 0) + 1;
      depth.set(p.id, d);
      return `${'  '.repeat(d)}${p.detail}`;
    }).join('\n');
  } finally {
    db.$client.close();
  }
}

export async function runNssBench(opts: NssBenchOptions = {}): Promise<void> {
  const clients = opts.clients ?? 100_000;
  const records = opts.records ?? 1_000_000;
  const runs = opts.runs ?? 10;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-nss-'));
  const file = path.join(dir, 'bench.db');
  const core = createCore({ dbPath: file, log: (m, e) => console.error(m, e) });
  try {
    const hash = await hashPassword('bench-password');
    const now = new Date().toISOString();
    const sql = core.db.$client;
    sql.transaction(() => {
      insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, now, 'bench');
      for (let i = 1; i <= 20; i++) insertEmployee(core.db, { login: `sio${i}`, fullName: `СИО Номер ${String(i).padStart(2, '0')}`, roles: ['sio'] }, hash, now, 'bench');
      for (let i = 1; i <= 8; i++) insertEmployee(core.db, { login: `pm${i}`, fullName: `ПМ Номер ${i}`, roles: ['pm'] }, hash, now, 'bench');
    })();
    process.stdout.write(`\nНСС: seeding ${clients.toLocaleString('en')} clients and ${records.toLocaleString('en')} service records into ${dir} …\n`);
    let t = performance.now();
    seed(sql, clients, records);
    const seedMs = performance.now() - t;
    // The upgrade's cost: every client's months of the year recomputed by the product, one transaction.
    t = performance.now();
    const ids = sql.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as number[];
    sql.transaction(() => {
      for (const id of ids) recomputeNssClient(core.db, id, YEAR.fromMonth, '2026-12', 'Europe/Moscow');
    })();
    const backfillMs = performance.now() - t;
    const monthRows = sql.prepare('SELECT count(*) FROM nss_client_months').pluck().get() as number;
    process.stdout.write(`seeded in ${(seedMs / 1000).toFixed(1)} s; backfill of nss_client_months (recomputeNssClient × ${ids.length.toLocaleString('en')} clients, 13 months): ${(backfillMs / 1000).toFixed(1)} s, ${monthRows.toLocaleString('en')} rows\n`);
    // The first report of a period readies it (on a pool thread in the product): its client rows, written in chunks.
    const periodIds = new Map<string, number>();
    const buildMs = new Map<string, number>();
    const plan0 = readNssSettings(core.db).plans.nss.contactsPerMonth;
    for (const per of [MONTH, YEAR]) {
      t = performance.now();
      const p = registerNssPeriod(core.db, { ...per, plan: plan0 }, new Date().toISOString());
      buildNssPeriod(core.db, p.id);
      buildMs.set(per.fromMonth, performance.now() - t);
      periodIds.set(per.fromMonth, p.id);
    }
    // What the kept periods cost a writer: one client's month recomputed (a record saved), with both periods kept.
    const touch: number[] = [];
    for (let i = 0; i < runs * 20; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const t0 = performance.now();
      sql.transaction(() => recomputeNssClient(core.db, id, '2026-11', '2026-11', 'Europe/Moscow'))();
      touch.push(performance.now() - t0);
    }
    await core.close();

    const rows: CompareRow[] = [];
    for (const [label, per] of [['a month', MONTH], ['a year', YEAR]] as const)
      rows.push({ name: `first report of ${label}: the period's rows built (once; on a pool thread)`, product: summarise([buildMs.get(per.fromMonth)!]), floor: null, plain: null, target: '', met: null });
    rows.push({ name: 'a record saved: the client’s month recomputed, 2 periods kept', product: summarise(touch), floor: null, plain: null, target: '', met: null });
    const plan = explainPage(file, { ...YEAR, group: 'client', sort: 'daysSinceContact', desc: true, limit: 200, offset: 0, periodId: periodIds.get(YEAR.fromMonth), withMonths: false });
    const one = rng(3);
    for (const [label, per] of [['a month', MONTH], ['a year', YEAR]] as const) {
      const start = `${per.fromMonth}-01`;
      const end = lastDay(per.toMonth);
      const kept = { periodId: periodIds.get(per.fromMonth), withMonths: false };
      const q: NssReportQuery = { ...per, group: 'client', sort: 'daysSinceContact', desc: true, limit: 200, offset: 0, ...kept };
      cold(file, (db) => nssReport(db, q, readNssSettings(db), TODAY)); // warm-up: the OS file cache
      const p: number[] = [];
      const f: number[] = [];
      const s: number[] = [];
      let differ = '';
      for (let i = 0; i < runs; i++) {
        const prod = cold(file, (db) => nssReport(db, q, readNssSettings(db), TODAY));
        p.push(prod.ms);
        f.push(cold(file, (db) => db.$client.prepare(FLOOR_RANGE).all(per.fromMonth, per.toMonth)).ms);
        const pl = cold(file, (db) => db.$client.prepare(PLAIN_PAGE).all({ start, end }) as { clientId: number; contacts: number; daysSince: number | null }[]);
        s.push(pl.ms);
        const mine = prod.value.clients.map((c) => ({ clientId: c.clientId, contacts: c.contacts, daysSince: c.daysSinceContact }));
        const bad = pl.value.findIndex((x, j) => JSON.stringify(x) !== JSON.stringify(mine[j]));
        if ((bad >= 0 || mine.length !== pl.value.length) && !differ) differ = `differ at ${bad}: ${JSON.stringify(mine[bad])} ≠ ${JSON.stringify(pl.value[bad])}`;
      }
      const ps = summarise(p);
      rows.push({ name: `report by client, ${label}, page 200 by days since contact`, product: ps, floor: summarise(f), plain: summarise(s), target: `p95 ≤ ${REPORT_TARGET_MS} ms`, met: ps.p95 <= REPORT_TARGET_MS && !differ, rows: differ || 'same page (id, contacts, days)' });

      const qs: NssReportQuery = { ...per, group: 'sio', sort: 'name', desc: false, limit: 200, offset: 0, ...kept };
      const sp: number[] = [];
      const sf: number[] = [];
      const ss: number[] = [];
      let sdiffer = '';
      for (let i = 0; i < runs; i++) {
        const prod = cold(file, (db) => nssReport(db, qs, readNssSettings(db), TODAY));
        sp.push(prod.ms);
        sf.push(cold(file, (db) => db.$client.prepare(FLOOR_RANGE).all(per.fromMonth, per.toMonth)).ms);
        const pl = cold(file, (db) => db.$client.prepare(PLAIN_SIO).all({ start, end }) as { sio: number; clients: number; contacts: number }[]);
        ss.push(pl.ms);
        const want = new Map(pl.value.map((x) => [x.sio, `${x.clients}/${x.contacts}`]));
        const bad = prod.value.staff.find((x) => want.get(x.employeeId as number) !== `${x.clients}/${x.contacts}`);
        if ((bad || prod.value.staff.length !== want.size) && !sdiffer) sdiffer = `differ: ${JSON.stringify(bad)}`;
      }
      const sps = summarise(sp);
      rows.push({ name: `report by СИО, ${label}`, product: sps, floor: summarise(sf), plain: summarise(ss), target: `p95 ≤ ${REPORT_TARGET_MS} ms`, met: sps.p95 <= REPORT_TARGET_MS && !sdiffer, rows: sdiffer || 'same (clients, contacts)' });
    }
    // The chart (its own call): every monthly row of the period, summed per month.
    const cp: number[] = [];
    const cf: number[] = [];
    for (let i = 0; i < runs; i++) {
      cp.push(cold(file, (db) => nssReportMonths(db, YEAR)).ms);
      cf.push(cold(file, (db) => db.$client.prepare(FLOOR_RANGE).all(YEAR.fromMonth, YEAR.toMonth)).ms);
    }
    rows.push({ name: 'chart by month, a year (nss.report.months, apart from the page)', product: summarise(cp), floor: summarise(cf), plain: null, target: '', met: null });
    const lone: number[] = [];
    for (let i = 0; i < runs * 10; i++) lone.push(cold(file, (db) => db.$client.prepare(FLOOR_ONE).get(1 + Math.floor(one() * clients), YEAR.fromMonth, YEAR.toMonth)).ms);
    rows.push({ name: 'bare lookup: one client’s year via the PK (informative)', product: summarise(lone), floor: null, plain: null, target: '', met: null });

    const kp: number[] = [];
    const kf: number[] = [];
    const ks: number[] = [];
    let kdiffer = '';
    let kcRows = 0;
    for (let i = 0; i < runs; i++) {
      const prod = cold(file, (db) => buildNssKc(db, '2026-11', readNssSettings(db).bigChangePct));
      kp.push(prod.ms);
      kcRows = prod.value.rows.length;
      kf.push(cold(file, (db) => db.$client.prepare(FLOOR_RANGE).all('2026-11', '2026-11')).ms);
      const pl = cold(file, (db) => db.$client.prepare(PLAIN_KC).all('2026-11') as { id: number; contacts: number }[]);
      ks.push(pl.ms);
      const mine = prod.value.rows.map((r) => r.contacts);
      if ((mine.length !== pl.value.length || pl.value.some((x, j) => x.contacts !== mine[j])) && !kdiffer) kdiffer = `differ: ${mine.length} vs ${pl.value.length} rows`;
    }
    const kps = summarise(kp);
    rows.push({ name: `КЦ file for a month (${kcRows.toLocaleString('en')} rows: rows, file, check, diff)`, product: kps, floor: summarise(kf), plain: summarise(ks), target: `p95 ≤ ${KC_TARGET_MS} ms`, met: kps.p95 <= KC_TARGET_MS && !kdiffer, rows: kdiffer || 'same rows, order, contacts' });

    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `\nНСС over ${clients.toLocaleString('en')} clients, ${records.toLocaleString('en')} records, ${monthRows.toLocaleString('en')} monthly rows; ${runs} cold runs each (a fresh connection per run); ` +
        `backfill ${(backfillMs / 1000).toFixed(1)} s; peak RSS ${rss.toFixed(0)} MB (node ${process.version}, ${os.cpus().length} CPU, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`,
    );
    console.log(compareTable(rows));
    console.log(
      '\nproduct = nssReport over the kept period (nss_period_clients, as the handler calls it once the period is ready) / buildNssKc; floor = the period’s nss_client_months read once through the month index; ' +
        'plain = a statement written from scratch over nss_records and distribution_schemes (report: contacts and days since the last contact per НСС client, ' +
        'the page of 200; by СИО: clients and contacts) or the month’s aggregate rows by name (КЦ).',
    );
    console.log(`\nEXPLAIN QUERY PLAN of the report's page query (a year, by client):\n${plan}`);
  } finally {
    if (opts.keep) console.log(`Database kept: ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
