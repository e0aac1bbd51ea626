// `npm run bench -- --only hotline`: hotline.txt built over 200,000 distributions (100,000 seeded clients) beside a floor and a plain statement written here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createCore } from '../src-main/core';
import { seedClients } from '../src-main/demo/scale';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { buildHotline } from '../src-main/features/chat/hotline.repo';
import { compareTable, ms, ricToday, summarise, type CompareRow } from './stats';

export interface HotlineBenchOptions {
  clients?: number;
  rounds?: number;
  keep?: boolean;
}

const TARGET_MS = 200;

/** The floor: reading the chat history once through its index, the least any answer must do. */
function floor(sql: Database.Database): () => number {
  const st = sql.prepare('SELECT distribution_id, effective_from, enabled FROM distribution_chat ORDER BY distribution_id, effective_from').raw();
  return () => st.all().length;
}

/**
 * A straightforward statement written from scratch: the latest change ≤ D per distribution by a correlated subquery,
 * the codes spelt in SQL and joined by group_concat — the whole line out of SQLite.
 */
function plain(sql: Database.Database): (date: string) => string {
  const st = sql.prepare(`
    SELECT coalesce(group_concat(code, ', '), '') AS line FROM (
      SELECT ks.number || '_' || printf('%06d', d.distr_number) || CASE WHEN d.comp > 1 THEN '_' || printf('%02d', d.comp) ELSE '' END AS code
      FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code
      WHERE ks.number IS NOT NULL
        AND (SELECT c.enabled FROM distribution_chat c WHERE c.distribution_id = d.id AND c.effective_from <= ? ORDER BY c.effective_from DESC LIMIT 1) = 1
      ORDER BY ks.number, d.distr_number, d.comp)`);
  return (date) => (st.get(date) as { line: string }).line;
}

function time(rounds: number, fn: () => unknown): number[] {
  fn(); // warm-up: the page cache and prepared statements
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export async function runHotlineBench(opts: HotlineBenchOptions = {}): Promise<void> {
  const clients = opts.clients ?? 100_000;
  const rounds = opts.rounds ?? 15;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-hotline-'));
  const core = createCore({ dbPath: path.join(dir, 'bench.db'), log: (m, e) => console.error(m, e) });
  try {
    const hash = await hashPassword('bench-password');
    const now = new Date().toISOString();
    core.db.$client.transaction(() => {
      insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Администратор', roles: ['admin'] }, hash, now, 'bench');
      for (let i = 1; i <= 3; i++) insertEmployee(core.db, { login: `sio${i}`, fullName: `СИО Номер ${i}`, roles: ['sio'] }, hash, now, 'bench');
    })();
    process.stdout.write(`\nhotline.txt: seeding ${clients.toLocaleString('en')} clients into ${dir} …\n`);
    const seeded = seedClients(core.db, { clients });
    const sql = core.db.$client;
    const today = ricToday(sql, new Date());
    const rows: CompareRow[] = [];
    const measure = (label: string) => {
      const product = buildHotline(core.db, today);
      const line = plain(sql)(today);
      const p = time(rounds, () => buildHotline(core.db, today));
      const f = time(rounds, floor(sql));
      const s = time(rounds, () => plain(sql)(today));
      const same = product.text === line;
      const p95 = summarise(p).p95;
      rows.push({
        name: `${label}: ${product.codes.length.toLocaleString('en')} codes`,
        product: summarise(p),
        floor: summarise(f),
        plain: summarise(s),
        target: `p95 ≤ ${TARGET_MS} ms`,
        met: p95 <= TARGET_MS && same,
        rows: same ? 'same line' : 'DIFFERENT line',
      });
    };
    measure('seeded (15% on)');
    // The worst case: every distribution on, a tenth switched off and a twentieth on again later (three-row histories).
    sql.exec(`INSERT OR IGNORE INTO distribution_chat (distribution_id, enabled, effective_from, set_at) SELECT id, 1, '2020-01-01', '' FROM distributions;
      INSERT OR IGNORE INTO distribution_chat (distribution_id, enabled, effective_from, set_at) SELECT id, 0, '2025-01-01', '' FROM distributions WHERE id % 10 = 0;
      INSERT OR IGNORE INTO distribution_chat (distribution_id, enabled, effective_from, set_at) SELECT id, 1, '2025-06-01', '' FROM distributions WHERE id % 20 = 0;`);
    measure('all on, with histories');
    console.log(
      `\nhotline.txt over ${seeded.distributions.toLocaleString('en')} distributions (${rounds} rounds after a warm-up; product = query + format module, ` +
        `node ${process.version}, ${os.cpus().length} CPU, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`,
    );
    console.log(compareTable(rows));
    console.log(`floor = one indexed read of the history; plain = a correlated subquery building the line in SQL. Product p50 ${rows.map((r) => ms(r.product.p50)).join(' / ')}.`);
  } finally {
    await core.close();
    if (opts.keep) console.log(`Database kept: ${path.join(dir, 'bench.db')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
