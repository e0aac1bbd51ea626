// `npx tsx bench/chat-lookup.ts [--clients 100000]`: times `chat.lookup` (the operator window's one call) through the real
// dispatcher over the scale seed, per input kind — kits in every spelling and in the КЦ's number form, ИНН, phones, e-mails,
// contact ФИО, names — against the issue's target (p95 ≤ 5 ms in process). Standalone until the chat section of bench.ts lands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../src-main/core';
import { hashPassword } from '../src-main/features/auth/passwords';
import { insertEmployee } from '../src-main/demo/employees';
import { seedClients } from '../src-main/demo/scale';
import { Rng } from '../src-main/demo/random';
import { drawQueries, type Query } from './queries';
import { ms, summarise, table } from './stats';

const { values: opts } = parseArgs({ options: { clients: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' } } });
const N = Number(opts.clients);
const PER_KIND = Number(opts.queries);
const TARGET_MS = 5;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-chat-'));
const core = createCore({ dbPath: path.join(dir, 'bench.db'), log: (m, e) => console.error(m, e) });
const hash = await hashPassword('bench-password');
const now = new Date().toISOString();
core.db.$client.transaction(() => {
  insertEmployee(core.db, { login: 'bench', fullName: 'Бенчмарк Оператор', roles: ['chat'] }, hash, now, 'bench');
})();
process.stdout.write(`Seeding ${N.toLocaleString('en')} clients into ${dir} …\n`);
const r = seedClients(core.db, { clients: N });
const sql = core.db.$client;
// The КЦ numbers the systems: give every catalogued system one, so the number form resolves.
sql.exec('UPDATE kplus_systems SET number = id WHERE number IS NULL');
const login = await core.call('auth.login', { login: 'bench', password: 'bench-password' }, null);
if (!login.ok) throw new Error(JSON.stringify(login.error));
const token = (login.data as { token: string }).token;

const rng = new Rng(44);
const drawn = drawQueries(core.db, PER_KIND);
const maxDistr = (sql.prepare('SELECT max(id) AS m FROM distributions').get() as { m: number }).m;
const numberForm: Query[] = [];
while (numberForm.length < PER_KIND) {
  const d = sql
    .prepare('SELECT ks.number AS s, d.distr_number AS n, d.comp AS c FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code WHERE d.id = ?')
    .get(rng.int(1, maxDistr)) as { s: number; n: number; c: number } | undefined;
  if (!d) continue;
  const pad = String(d.n).padStart(6, '0');
  const text = rng.pick([`${d.s}_${pad}${d.c > 1 ? `_${String(d.c).padStart(2, '0')}` : ''}`, `${d.s} ${d.n}${d.c > 1 ? `-${d.c}` : ''}`, `${d.s}_${d.n}_${d.c}`]);
  numberForm.push({ kind: 'distr', text });
}
const maxEmail = (sql.prepare('SELECT max(id) AS m FROM emails').get() as { m: number }).m;
const emails: Query[] = [];
while (emails.length < PER_KIND) {
  const e = sql.prepare('SELECT email FROM emails WHERE id = ?').get(rng.int(1, maxEmail)) as { email: string } | undefined;
  if (e) emails.push({ kind: 'contact', text: e.email });
}

const kinds: [string, Query[]][] = [
  ['kit, number form', numberForm],
  ['kit, code spellings', drawn.distr],
  ['ИНН', drawn.inn],
  ['phone', drawn.phone],
  ['e-mail', emails],
  ['contact ФИО', drawn.contact],
  ['name fragment', drawn.name],
  ['phone fragment', drawn.phoneFragment],
];
const rows: string[][] = [];
let failed = false;
for (const [label, queries] of kinds) {
  for (const q of queries.slice(0, 20)) await core.call('chat.lookup', { q: q.text }, token); // warm-up
  const samples: number[] = [];
  let chosen = 0;
  for (const q of queries) {
    const t = performance.now();
    const res = await core.call('chat.lookup', { q: q.text }, token);
    samples.push(performance.now() - t);
    if (!res.ok) throw new Error(`${q.text}: ${JSON.stringify(res.error)}`);
    if ((res.data as { client: unknown }).client) chosen++;
  }
  // Beside it, the client search the lookup starts from (its page of 15), on the same texts: the part that is search.
  const base: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await core.call('clients.search', { query: q.text, limit: 15 }, token);
    base.push(performance.now() - t);
  }
  const s = summarise(samples);
  const b = summarise(base);
  failed ||= s.p95 > TARGET_MS;
  rows.push([
    label,
    ms(s.p50),
    ms(s.p95),
    ms(Math.max(...samples)),
    ms(b.p50),
    ms(b.p95),
    `${Math.round((100 * chosen) / queries.length)}%`,
    s.p95 <= TARGET_MS ? 'ok' : `over ${TARGET_MS} ms`,
  ]);
}
process.stdout.write(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${r.clients.toLocaleString('en')} clients, ${r.contacts.toLocaleString('en')} contacts, ${r.distributions.toLocaleString('en')} distributions\n`);
process.stdout.write(`${table(['chat.lookup', 'p50', 'p95', 'max', 'search p50', 'search p95', 'one client', 'target'], rows)}\n`);
core.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
