// `npm run bench -- --only glavbukh` (request part): checking a 10,000-client certification request beside a bare id lookup and a plain statement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createCore } from '../src-main/core';
import { openDb } from '../src-main/db/connection';
import { checkRequest, problemsOf, type GbClientFacts } from '../src-main/features/glavbukh/request.rules';
import { DEFAULT_GB_SETTINGS } from '../src-shared/glavbukh';
import { compareTable, firstDifference, summarise, type CompareRow } from './stats';

export interface GlavbukhRequestBenchOptions {
  clients?: number;
  request?: number;
  runs?: number;
  keep?: boolean;
}

const TARGET_MS = 200;
const TODAY = '2026-12-04';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A 10-digit ИНН with its check digit (written here from the published rule, not taken from the product). */
function inn10(n: number): string {
  const base = String(770000000 + (n % 99_999_999)).slice(0, 9);
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, x, i) => s + x * Number(base[i]), 0);
  return base + String((sum % 11) % 10);
}

/**
 * Clients as a РИЦ's base has them: most complete, some with a gap each (no ИНН, a wrong check digit, no КПП, no chief
 * accountant, no e-mail, no phone, no active distribution), a few already certified or in an open request.
 */
function seed(sql: Database.Database, clients: number): void {
  const r = rng(7);
  const now = new Date().toISOString();
  sql.transaction(() => {
    const client = sql.prepare("INSERT INTO clients (id, name, name_lc, inn, kpp, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)");
    const contact = sql.prepare('INSERT INTO contacts (client_id, full_name, position, active, created_at) VALUES (?, ?, ?, 1, ?)');
    const role = sql.prepare('INSERT INTO contact_roles (contact_id, role) VALUES (?, ?)');
    const email = sql.prepare('INSERT INTO emails (client_id, contact_id, email) VALUES (?, ?, ?)');
    const phone = sql.prepare('INSERT INTO phones (client_id, contact_id, raw, digits) VALUES (?, ?, ?, ?)');
    const distr = sql.prepare('INSERT INTO distributions (client_id, system_code, distr_number, comp, state, created_at) VALUES (?, ?, ?, 1, ?, ?)');
    const cert = sql.prepare(
      "INSERT INTO gb_certificates (client_id, programme, number, number_norm, valid_until, status, source, created_at, updated_at) VALUES (?, 'GB', ?, ?, ?, ?, 'manual', ?, ?)",
    );
    for (let id = 1; id <= clients; id++) {
      const gap = r() < 0.3 ? Math.floor(r() * 9) : -1;
      const name = `ООО Клиент ${id}`;
      const good = inn10(id);
      const inn = gap === 0 ? null : gap === 1 ? good.slice(0, 9) + String((Number(good[9]) + 1) % 10) : good;
      client.run(id, name, name.toLowerCase(), inn, gap === 2 ? null : '773601001', now, now);
      const dir = Number(contact.run(id, `Директор ${id}`, 'Директор', now).lastInsertRowid);
      role.run(dir, 'director');
      email.run(id, dir, `dir${id}@example.ru`);
      const buh = Number(contact.run(id, `Бухгалтер ${id}`, 'Главный бухгалтер', now).lastInsertRowid);
      if (gap !== 3) role.run(buh, 'chief_accountant');
      if (gap !== 4) email.run(id, buh, `buh${id}@example.ru`);
      if (gap !== 5) phone.run(id, buh, `+7 (423) 2${String(id).padStart(6, '0')}`, `4232${String(id).padStart(6, '0')}`);
      if (r() < 0.5) phone.run(id, null, `+7 (423) 3${String(id).padStart(6, '0')}`, `4233${String(id).padStart(6, '0')}`);
      distr.run(id, 'BUHS', 100_000 + id, gap === 6 ? 'closed' : 'active', now);
      if (r() < 0.3) distr.run(id, 'SKJP', 100_000 + id, 'active', now);
      if (gap === 7) cert.run(id, `GB-${id}`, `GB-${id}`, '2027-10-01', 'certified', now, now);
      if (gap === 8) cert.run(id, null, null, null, 'requested', now, now);
    }
  })();
  sql.exec('ANALYZE');
}

/** The floor: the chosen ids looked up through the primary key, the least any check must read. */
const FLOOR = 'SELECT count(*) FROM clients WHERE id IN (SELECT value FROM json_each(?))';

/**
 * Plain: the most obvious single statement written from scratch — every fact a correlated subquery of its own, the
 * contact found again in each (no shared step); the same problem rules are then applied to its rows so the two answers
 * compare in full.
 */
const CONTACT = `(SELECT MIN(k.id) FROM contacts k JOIN contact_roles r ON r.contact_id = k.id WHERE k.client_id = c.id AND k.active = 1 AND r.role = @role)`;
const PLAIN = `
SELECT c.id AS clientId, c.name, c.inn, c.kpp, ${CONTACT} AS contactId,
  (SELECT full_name FROM contacts WHERE id = ${CONTACT}) AS contactName,
  (SELECT position FROM contacts WHERE id = ${CONTACT}) AS contactPosition,
  COALESCE((SELECT email FROM emails WHERE contact_id = ${CONTACT} ORDER BY id LIMIT 1), (SELECT email FROM emails WHERE client_id = c.id AND contact_id IS NULL ORDER BY id LIMIT 1)) AS email,
  COALESCE((SELECT raw FROM phones WHERE contact_id = ${CONTACT} ORDER BY id LIMIT 1), (SELECT raw FROM phones WHERE client_id = c.id AND contact_id IS NULL ORDER BY id LIMIT 1)) AS phone,
  (SELECT group_concat(system_code || ' ' || distr_number || ' ' || comp, '|') FROM distributions WHERE client_id = c.id AND state = 'active') AS distrs,
  (SELECT number FROM gb_certificates x WHERE x.client_id = c.id AND x.programme = 'GB' AND x.status = 'certified' AND (x.valid_until IS NULL OR x.valid_until > @horizon) ORDER BY x.valid_until IS NULL DESC, x.valid_until DESC LIMIT 1) AS certNumber,
  (SELECT valid_until FROM gb_certificates x WHERE x.client_id = c.id AND x.programme = 'GB' AND x.status = 'certified' AND (x.valid_until IS NULL OR x.valid_until > @horizon) ORDER BY x.valid_until IS NULL DESC, x.valid_until DESC LIMIT 1) AS certValidUntil,
  EXISTS (SELECT 1 FROM gb_certificates x WHERE x.client_id = c.id AND x.programme = 'GB' AND x.status = 'certified' AND (x.valid_until IS NULL OR x.valid_until > @horizon)) AS certified,
  EXISTS (SELECT 1 FROM gb_certificates x WHERE x.client_id = c.id AND x.programme = 'GB' AND x.status = 'requested') AS requested
FROM clients c
WHERE c.id IN (SELECT value FROM json_each(@ids))
ORDER BY c.id`;

function plainCheck(sql: Database.Database, ids: number[]): ReturnType<typeof problemsOf>[] {
  const gb = DEFAULT_GB_SETTINGS.programmes[0]!;
  const horizon = new Date(Date.parse(`${TODAY}T00:00:00Z`) + DEFAULT_GB_SETTINGS.expiringDays * 86_400_000).toISOString().slice(0, 10);
  const rows = sql.prepare(PLAIN).all({ ids: JSON.stringify(ids), role: gb.contactRole, horizon }) as GbClientFacts[];
  return rows.map((r) => problemsOf(r, gb));
}

export async function runGlavbukhRequestBench(opts: GlavbukhRequestBenchOptions = {}): Promise<void> {
  const clients = opts.clients ?? 50_000;
  const size = opts.request ?? 10_000;
  const runs = opts.runs ?? 12;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-gb-'));
  const file = path.join(dir, 'bench.db');
  const core = createCore({ dbPath: file, log: (m, e) => console.error(m, e) });
  try {
    seed(core.db.$client, clients);
    await core.close();
    const gb = DEFAULT_GB_SETTINGS.programmes[0]!;
    const r = rng(11);
    const product: number[] = [];
    const floor: number[] = [];
    const plain: number[] = [];
    let compared = 'equal';
    let withProblems = 0;
    for (let run = 0; run < runs; run++) {
      // Cold: a fresh connection (empty page and statement caches) and another 10,000 clients each run.
      const start = Math.floor(r() * (clients - size));
      const ids = Array.from({ length: size }, (_, i) => start + 1 + i).sort(() => r() - 0.5);
      const db = openDb(file);
      let t = performance.now();
      const check = checkRequest(db, gb, ids, TODAY, DEFAULT_GB_SETTINGS.expiringDays);
      product.push(performance.now() - t);
      db.$client.close();
      withProblems = check.problems.length;
      const raw = openDb(file).$client;
      t = performance.now();
      raw.prepare(FLOOR).get(JSON.stringify(ids));
      floor.push(performance.now() - t);
      raw.close();
      const raw2 = openDb(file).$client;
      t = performance.now();
      const p = plainCheck(raw2, ids);
      plain.push(performance.now() - t);
      raw2.close();
      const mine = check.facts.map((f) => problemsOf(f, gb));
      const diff = firstDifference(mine, p);
      if (diff) compared = `DIFFERENT: ${diff}`;
    }
    const p = summarise(product);
    const row: CompareRow = {
      name: `check a ${size.toLocaleString('en')}-client request`,
      product: p,
      floor: summarise(floor),
      plain: summarise(plain),
      target: `p95 ≤ ${TARGET_MS} ms`,
      met: p.p95 <= TARGET_MS,
      rows: compared,
    };
    console.log(
      `\nГлавбух request check over ${clients.toLocaleString('en')} clients, ${size.toLocaleString('en')} per request, ${runs} cold runs; ${withProblems} clients with problems in the last (node ${process.version}, ${os.cpus().length} CPU, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})\n`,
    );
    console.log(compareTable([row]));
  } finally {
    if (opts.keep) console.log(`Database kept: ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
