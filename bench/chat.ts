// `npm run bench -- --only chat`: chat.lookup per input kind (in process and over HTTP), import of 100,000 sessions in 10 files through the
// import mechanism, and the operator report over a month and a year, at 100,000 clients and 1,000,000 sessions, each beside raw SQL written here.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type Database from 'better-sqlite3';
import { createCore, type Core } from '../src-main/core';
import { createHttpServer } from '../src-main/server/http';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { seedClients } from '../src-main/demo/scale';
import { Rng } from '../src-main/demo/random';
import { createBatch, runBatch } from '../src-main/features/imports/process';
import { storeBytes } from '../src-main/features/imports/store';
import { batchDetail } from '../src-main/features/imports/journal';
import { operatorReport } from '../src-main/features/reports/operators.query';
import { drawQueries } from './queries';
import { RawSearch } from './raw';
import { exportFile, loadKits, seedSessions, type Kit } from './chat-seed';
import { compareTable, ricToday, summarise, type CompareRow } from './stats';

export interface ChatBenchOptions {
  clients?: number;
  sessions?: number;
  queries?: number;
  http?: number;
  files?: number;
  perFile?: number;
  keep?: boolean;
}

const TARGET = { lookup: 5, http: 15, importMs: 10_000, report: 300 };
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface LookupQuery {
  text: string;
  floor: () => unknown;
}

const phrase = (w: string) => `"${w.replace(/"/g, '""')}"`;

/** Queries of one input kind, each with its bare index lookup (the floor) written here. */
function drawLookups(sql: Database.Database, db: Core['db'], kits: Kit[], perKind: number): [string, LookupQuery[]][] {
  const rng = new Rng(44);
  const max = (t: string) => (sql.prepare(`SELECT max(id) AS m FROM ${t}`).get() as { m: number }).m;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const byNumber = sql.prepare('SELECT d.client_id FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code WHERE ks.number = ? AND d.distr_number = ? AND d.comp = ?');
  const byCode = sql.prepare('SELECT client_id FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?');
  const byPhone = sql.prepare('SELECT client_id, contact_id FROM phones WHERE digits = ?');
  const byEmail = sql.prepare('SELECT client_id, contact_id FROM emails WHERE email = ?');
  const byInn = sql.prepare('SELECT id FROM clients WHERE inn = ?');
  const contactFts = sql.prepare('SELECT rowid FROM contact_search WHERE contact_search MATCH ? LIMIT 15');
  const clientFts = sql.prepare('SELECT rowid FROM client_search WHERE client_search MATCH ? LIMIT 15');
  const draw = <T>(n: number, pick: () => T | undefined): T[] => {
    const out: T[] = [];
    for (let guard = 0; out.length < n && guard < n * 50; guard++) {
      const v = pick();
      if (v !== undefined) out.push(v);
    }
    return out;
  };
  const numberForm = draw(perKind, () => {
    const k = kits[rng.int(0, kits.length - 1)]!;
    return { text: `${k.number}_${pad(k.distr, 6)}${k.comp > 1 ? `_${pad(k.comp, 2)}` : ''}`, floor: () => byNumber.all(k.number, k.distr, k.comp) };
  });
  const distrMax = max('distributions');
  const codeForm = draw(perKind, () => {
    const d = sql.prepare('SELECT system_code AS s, distr_number AS n, comp FROM distributions WHERE id = ?').get(rng.int(1, distrMax)) as { s: string; n: number; comp: number } | undefined;
    return d && { text: `${d.s}_${pad(d.n, 6)}${d.comp > 1 ? `_${pad(d.comp, 2)}` : ''}`, floor: () => byCode.all(d.s, d.n, d.comp) };
  });
  const phoneMax = max('phones');
  const phones = draw(perKind, () => {
    const p = sql.prepare('SELECT digits FROM phones WHERE id = ?').get(rng.int(1, phoneMax)) as { digits: string } | undefined;
    if (!p || p.digits.length !== 10) return undefined;
    const d = p.digits;
    return { text: `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`, floor: () => byPhone.all(d) };
  });
  const emailMax = max('emails');
  const emails = draw(perKind, () => {
    const e = sql.prepare('SELECT email FROM emails WHERE id = ?').get(rng.int(1, emailMax)) as { email: string } | undefined;
    return e && { text: e.email, floor: () => byEmail.all(e.email) };
  });
  const clientMax = max('clients');
  const inns = draw(perKind, () => {
    const c = sql.prepare('SELECT inn FROM clients WHERE id = ? AND inn IS NOT NULL').get(rng.int(1, clientMax)) as { inn: string } | undefined;
    return c && { text: c.inn, floor: () => byInn.all(c.inn) };
  });
  const contactMax = max('contacts');
  const fios = draw(perKind, () => {
    const c = sql.prepare('SELECT full_name AS n FROM contacts WHERE id = ?').get(rng.int(1, contactMax)) as { n: string } | undefined;
    if (!c) return undefined;
    const m = c.n.split(/\s+/).filter(Boolean).map(phrase).join(' AND ');
    return { text: c.n, floor: () => contactFts.all(m) };
  });
  const names = drawQueries(db, perKind).name.map((q) => ({ text: q.text, floor: () => clientFts.all(`${phrase(q.text.toLowerCase())} *`) }));
  return [
    ['kit, number form', numberForm],
    ['kit, code form', codeForm],
    ['phone', phones],
    ['e-mail', emails],
    ['ИНН', inns],
    ['contact ФИО', fios],
    ['name fragment', names],
  ];
}

async function timeAll(items: LookupQuery[], fn: (q: LookupQuery) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (const q of items) {
    const t = performance.now();
    await fn(q);
    out.push(performance.now() - t);
  }
  return out;
}

async function benchLookup(core: Core, token: string, kits: Kit[], perKind: number, today: string): Promise<{ rows: CompareRow[]; mixed: string[] }> {
  const sql = core.db.$client;
  const raw = new RawSearch(core.db);
  const rows: CompareRow[] = [];
  const mixed: string[] = [];
  for (const [label, all] of drawLookups(sql, core.db, kits, perKind + 20)) {
    const warm = all.slice(0, 20);
    const qs = all.slice(20);
    for (const q of warm) {
      await core.call('chat.lookup', { q: q.text }, token);
      raw.run(q.text, 15, today);
      q.floor();
    }
    let chosen = 0;
    let inPlain = 0;
    const product = await timeAll(qs, async (q) => {
      const r = await core.call('chat.lookup', { q: q.text }, token);
      if (!r.ok) throw new Error(`chat.lookup "${q.text}": ${JSON.stringify(r.error)}`);
      const id = (r.data as { client: { id: number } | null }).client?.id;
      if (id != null) {
        chosen++;
        if (raw.run(q.text, 15, today).some((x) => x.id === id)) inPlain++;
      }
    });
    const floor = await timeAll(qs, (q) => q.floor());
    const plain = await timeAll(qs, (q) => raw.run(q.text, 15, today));
    mixed.push(...qs.slice(0, 100).map((q) => q.text));
    const p = summarise(product);
    rows.push({
      name: `chat.lookup: ${label}`,
      product: p,
      floor: summarise(floor),
      plain: summarise(plain),
      target: `p95 ≤ ${TARGET.lookup} ms`,
      met: p.p95 <= TARGET.lookup,
      rows: `${Math.round((100 * chosen) / qs.length)}% one client${label.includes('number form') ? '' : `, ${inPlain === chosen ? 'all' : `${inPlain}/${chosen}`} in plain`}`,
    });
  }
  return { rows, mixed };
}

async function benchHttp(core: Core, token: string, texts: string[], requests: number): Promise<CompareRow> {
  const server = createHttpServer(core, { staticDir: path.join(os.tmpdir(), 'crm-bench-no-static') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/chat.lookup', method: 'POST', agent, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const samples: number[] = [];
  try {
    for (let i = 0; i < requests + 50; i++) {
      const q = texts[(i * 37) % texts.length]!;
      const t = performance.now();
      const status = await post(JSON.stringify({ q }));
      if (i >= 50) samples.push(performance.now() - t);
      if (status !== 200) throw new Error(`HTTP ${status} for "${q}"`);
    }
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  const s = summarise(samples);
  return { name: 'HTTP: POST /api/chat.lookup (mixed kinds)', product: s, floor: null, plain: null, target: `p95 ≤ ${TARGET.http} ms`, met: s.p95 <= TARGET.http, rows: '' };
}

/** Moscow wall time "YYYY-MM-DD HH:MM:SS" (UTC+3) to a UTC ISO instant. */
const utc = (s: string) => new Date(`${s.replace(' ', 'T')}+03:00`).toISOString();
type Attrs = Record<string, string | number | undefined>;

/**
 * The baseline import written from scratch: parse the whole file, then one INSERT a session in one transaction, kits looked up
 * by key — into chat_sessions itself (its million rows and indexes), the rows removed again before the product imports them.
 */
function plainImport(sql: Database.Database, files: Buffer[]): number {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, parseTagValue: false, parseAttributeValue: false });
  const kit = sql.prepare('SELECT d.id, d.client_id AS c FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code WHERE ks.number = ? AND d.distr_number = ? AND d.comp = ?');
  const ins = sql.prepare(`INSERT OR IGNORE INTO chat_sessions (system_number, distr_number, comp, start_at, finish_at, first_date, duration_sec, distribution_id, client_id,
    profile, fio, email, phone, text, lgn, personal, links, flags, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)`);
  const now = new Date().toISOString();
  let added = 0;
  for (const f of files) {
    const doc = parser.parse(f.toString('utf8')) as { root: { chat: Attrs[] | Attrs } };
    const chats = Array.isArray(doc.root.chat) ? doc.root.chat : [doc.root.chat];
    sql.transaction(() => {
      for (const c of chats) {
        const [sys, distr, comp] = [Number(c.sys), Number(c.distr), Number(c.comp ?? 1)];
        const start = utc(String(c.start));
        const finish = c.finish ? utc(String(c.finish)) : null;
        const d = kit.get(sys, distr, comp) as { id: number; c: number } | undefined;
        const v = (k: string) => (c[k] == null ? null : String(c[k]));
        const dur = finish ? Math.round((Date.parse(finish) - Date.parse(start)) / 1000) : null;
        added += ins.run(sys, distr, comp, start, finish, c.first_date ? utc(String(c.first_date)) : null, dur, d?.id ?? null, d?.c ?? null, v('profile'), v('fio'), v('email'), v('phone'), v('text'), v('lgn'), v('personal'), v('links'), now).changes;
      }
    })();
  }
  return added;
}

async function benchImport(core: Core, kits: Kit[], files: number, perFile: number): Promise<CompareRow> {
  const bytes = Array.from({ length: files }, (_, f) => exportFile(kits, f, perFile));
  const mb = bytes.reduce((n, b) => n + b.length, 0) / files / 1_048_576;
  const sql = core.db.$client;
  let t = performance.now();
  const plainAdded = plainImport(sql, bytes);
  const plainMs = performance.now() - t;
  // The export files hold 2019 only, before the seeded two years.
  sql.prepare("DELETE FROM chat_sessions WHERE start_at < '2020-01-01'").run();
  const deps = { db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: () => undefined };
  const now = () => core.clock.now().toISOString();
  const before = (sql.prepare('SELECT count(*) AS n FROM chat_sessions').get() as { n: number }).n;
  t = performance.now();
  const stored = bytes.map((b, i) => ({ fileId: storeBytes(core.db, new Uint8Array(b), `chats-${i + 1}.xml`, now()).fileId, name: `chats-${i + 1}.xml` }));
  const batchId = createBatch(core.db, { source: 'cli', createdBy: null, files: stored }, now());
  await runBatch(deps, batchId);
  const productMs = performance.now() - t;
  const results = batchDetail(core.db, batchId)!.results;
  const added = results.reduce((n, r) => n + r.added, 0);
  const after = (sql.prepare('SELECT count(*) AS n FROM chat_sessions').get() as { n: number }).n;
  const bad = results.filter((r) => r.status !== 'applied').map((r) => `${r.name}: ${r.status}`);
  const one = (v: number) => ({ p50: v, p95: v, n: 1 });
  return {
    name: `import: ${files} files × ${perFile.toLocaleString('en')} sessions (${mb.toFixed(1)} MB each), wall`,
    product: one(productMs),
    floor: null,
    plain: one(plainMs),
    target: `total ≤ ${TARGET.importMs / 1000} s`,
    met: productMs <= TARGET.importMs && bad.length === 0 && added === files * perFile,
    rows: bad.length ? bad.join('; ') : `${added.toLocaleString('en')} added (plain ${plainAdded.toLocaleString('en')}, table +${(after - before).toLocaleString('en')})`,
  };
}

/** The report over 20 different periods each (each timed once, never warmed on its own range) beside a plain GROUP BY. */
function benchReport(core: Core, today: string): CompareRow[] {
  const sql = core.db.$client;
  const floorSt = sql.prepare('SELECT count(*) AS n FROM chat_sessions WHERE start_at >= ? AND start_at < ?');
  const plainSt = sql.prepare(
    `SELECT employee_id AS e, count(*) AS n, avg(duration_sec) AS avg FROM chat_sessions WHERE start_at >= ? AND start_at < ? AND employee_id IS NOT NULL GROUP BY employee_id`,
  );
  const range = (from: string, to: string) => {
    const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return [new Date(`${from}T00:00:00+03:00`).toISOString(), new Date(`${next}T00:00:00+03:00`).toISOString()] as const;
  };
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months = Array.from({ length: 20 }, (_, k) => {
    const a = new Date(Date.UTC(y, m - 2 - k, 1));
    const b = new Date(Date.UTC(y, m - 1 - k, 0));
    return [a.toISOString().slice(0, 10), b.toISOString().slice(0, 10)] as const;
  });
  const years = Array.from({ length: 20 }, (_, k) => {
    const a = new Date(Date.UTC(y - 1, m - 1, 1) - (k + 1) * 13 * 86_400_000);
    const b = new Date(a.getTime() + 364 * 86_400_000);
    return [a.toISOString().slice(0, 10), b.toISOString().slice(0, 10)] as const;
  });
  const rows: CompareRow[] = [];
  for (const [label, periods] of [
    ['month', months],
    ['year', years],
  ] as const) {
    const product: number[] = [];
    const floor: number[] = [];
    const plain: number[] = [];
    let differ = 0;
    let sessions = 0;
    for (const [i, [from, to]] of periods.entries()) {
      const [lo, hi] = range(from, to);
      // Alternate the order so neither always reads a range the other has just brought into the cache.
      const runs: (() => void)[] = [
        () => {
          const t = performance.now();
          const r = operatorReport(core.db, { from, to }, 'Europe/Moscow');
          product.push(performance.now() - t);
          const byE = new Map(r.rows.map((x) => [x.employeeId, x.sessions]));
          const p = plainSt.all(lo, hi) as { e: number; n: number }[];
          if (p.length !== r.rows.filter((x) => x.sessions > 0).length || p.some((x) => byE.get(x.e) !== x.n)) differ++;
          sessions = Math.max(sessions, p.reduce((n, x) => n + x.n, 0));
        },
        () => {
          const t = performance.now();
          floorSt.get(lo, hi);
          floor.push(performance.now() - t);
        },
        () => {
          const t = performance.now();
          plainSt.all(lo, hi);
          plain.push(performance.now() - t);
        },
      ];
      for (let k = 0; k < 3; k++) runs[(i + k) % 3]!();
    }
    const p = summarise(product);
    rows.push({
      name: `report «Операторы чата»: a ${label} (≤ ${sessions.toLocaleString('en')} sessions)`,
      product: p,
      floor: summarise(floor),
      plain: summarise(plain),
      target: `p95 ≤ ${TARGET.report} ms`,
      met: p.p95 <= TARGET.report && differ === 0,
      rows: differ ? `${differ} periods differ` : 'same counts',
    });
  }
  return rows;
}

export async function runChatBench(opts: ChatBenchOptions = {}): Promise<void> {
  const clients = opts.clients ?? 100_000;
  const sessions = opts.sessions ?? 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-chat-'));
  const core = createCore({ dbPath: path.join(dir, 'bench.db'), log: (m, e) => console.error(m, e) });
  try {
    const hash = await hashPassword('bench-password');
    const now = new Date().toISOString();
    const operators: number[] = [];
    core.db.$client.transaction(() => {
      insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, now, 'bench');
      for (let i = 1; i <= 20; i++) operators.push(insertEmployee(core.db, { login: `chat${i}`, fullName: `Оператор Чата ${i}`, roles: ['chat'] }, hash, now, 'bench'));
    })();
    process.stdout.write(`\nchat: seeding ${clients.toLocaleString('en')} clients into ${dir} …\n`);
    let t = performance.now();
    const seeded = seedClients(core.db, { clients });
    const seedClientsMs = performance.now() - t;
    const sql = core.db.$client;
    // The КЦ numbers the systems: give every catalogued system one, so the number form and the export resolve.
    sql.exec('UPDATE kplus_systems SET number = id WHERE number IS NULL');
    const kits = loadKits(core.db);
    process.stdout.write(`chat: seeding ${sessions.toLocaleString('en')} sessions …\n`);
    const seedSessionsMs = seedSessions(core.db, kits, operators, sessions, new Date());
    const login = await core.call('auth.login', { login: 'bench', password: 'bench-password' }, null);
    if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login.error)}`);
    const token = (login.data as { token: string }).token;
    const today = ricToday(sql, new Date());

    t = performance.now();
    const { rows, mixed } = await benchLookup(core, token, kits, opts.queries ?? 200, today);
    rows.push(await benchHttp(core, token, mixed, opts.http ?? 600));
    rows.push(...benchReport(core, today));
    rows.push(await benchImport(core, kits, opts.files ?? 10, opts.perFile ?? 10_000));
    console.log(
      `\nchat over ${seeded.clients.toLocaleString('en')} clients, ${seeded.distributions.toLocaleString('en')} distributions, ${sessions.toLocaleString('en')} sessions ` +
        `(seed: clients ${(seedClientsMs / 1000).toFixed(1)} s, sessions ${(seedSessionsMs / 1000).toFixed(1)} s; node ${process.version}, ${os.cpus().length} CPU, load ${load()})\n`,
    );
    console.log(compareTable(rows));
    console.log(
      `lookup: floor = the bare index (or FTS) lookup of the kind's key; plain = the client search written from scratch (bench/raw.ts, page of 15) — ` +
        `the product also gathers the whole window; the plain search knows no КЦ number form, so that row's plain time is of a search finding nothing. report: floor = an index-only count of the range; plain = one GROUP BY (count, mean; no median, no reviews). ` +
        `import: product = store → batch → runBatch (worker parse, one transaction a file); plain = fast-xml-parser + one INSERT a session into the same table, one transaction a file, in process. ` +
        `Load at the end ${load()}.`,
    );
  } finally {
    await core.close();
    if (opts.keep) console.log(`Database kept: ${path.join(dir, 'bench.db')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
