// Reliability: generated hostile input for every API method (fast-check over the zod schemas); answers must be codes, never INTERNAL, and a refused call writes nothing.
import crypto from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { api, type MethodName } from '../../src-shared/api';
import { HTTP_STATUS } from '../../src-shared/errors';
import { userForToken } from '../../src-main/features/auth/sessions';
import { createHttpServer } from '../../src-main/server/http';
import type { Figure, ReliabilityPart } from '../types';
import { prepareDb, post, STAFF_PASSWORD } from '../support';
import { hostileInput } from '../hostile/arbitraries';

/** Tables whose rows a refused call may add by design: failed sign-ins are counted and audited (the throttle needs them). */
const SECURITY_RECORDS: Partial<Record<MethodName, string[]>> = {
  'auth.login': ['login_attempts', 'audit_log'],
  'auth.changePassword': ['login_attempts', 'audit_log'],
  'auth.setup': ['login_attempts', 'audit_log'],
};

/** A content hash of every table (rows in rowid order), not row counts: an UPDATE shows too. */
export function contentHash(db: Database.Database, skip: string[] = []): string {
  const h = crypto.createHash('sha256');
  const tables = db.prepare("SELECT name, type FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    if (skip.includes(name) || /_(data|idx|content|docsize|config)$/.test(name)) continue;
    h.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) h.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return h.digest('hex');
}

export interface HostileApiResult {
  methods: number;
  calls: number;
  accepted: number;
  refused: number;
  /** Answers that are not a 4xx code: INTERNAL (500) or anything unexpected. */
  internal: { method: string; input: string }[];
  /** Refused calls after which some table's content differed. */
  wroteOnRefusal: { method: string; input: string }[];
  codes: Record<string, number>;
  http: { name: string; status: number; ok: boolean }[];
}

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

export async function hostileApi(opts: { dir: string; runsPerMethod: number; seed?: number; log?: (m: string) => void; deadlineMs?: number }): Promise<HostileApiResult> {
  const started = performance.now();
  const dbPath = path.join(opts.dir, 'hostile.db');
  const prepared = await prepareDb(dbPath, 60);
  const { core } = prepared;
  const db = core.db.$client;
  let token = prepared.allRoles.token;
  const me = prepared.allRoles;
  const origHash = (db.prepare('SELECT password_hash AS h FROM employees WHERE id = ?').get(me.id) as { h: string }).h;
  // A generated call may log us out, deactivate us or change our password: put the caller back before the next method.
  const intact = db.prepare("SELECT e.active = 1 AND e.password_hash = ? AND (SELECT COUNT(*) FROM employee_roles r WHERE r.employee_id = e.id) = 7 AS ok FROM employees e WHERE e.id = ?").pluck();
  const repair = async () => {
    if (!intact.get(origHash, me.id)) {
      db.prepare('UPDATE employees SET active = 1, password_hash = ? WHERE id = ?').run(origHash, me.id);
      db.prepare('DELETE FROM employee_roles WHERE employee_id = ?').run(me.id);
      for (const r of ['admin', 'head', 'sales', 'sio', 'pm', 'chat', 'caller']) db.prepare('INSERT INTO employee_roles (employee_id, role) VALUES (?, ?)').run(me.id, r);
    }
    if (!userForToken(core.db, token, new Date())) {
      db.prepare('DELETE FROM login_attempts').run();
      const r = await core.call('auth.login', { login: me.login, password: STAFF_PASSWORD }, null);
      if (!r.ok) throw new Error(`cannot sign in again: ${JSON.stringify(r.error)}`);
      token = (r.data as { token: string }).token;
    }
  };

  // Every write of the core goes through this one connection, so an unchanged total_changes() proves nothing was written;
  // when it moved, the content hashes decide (a refused call's rolled-back statements move it too).
  const changes = db.prepare('SELECT total_changes()').pluck();
  let cached: { at: number; skip: string; hash: string } | null = null;
  const hashNow = (skip: string[]) => {
    const at = changes.get() as number;
    if (cached && cached.at === at && cached.skip === skip.join()) return cached.hash;
    cached = { at, skip: skip.join(), hash: contentHash(db, skip) };
    return cached.hash;
  };

  const res: HostileApiResult = { methods: 0, calls: 0, accepted: 0, refused: 0, internal: [], wroteOnRefusal: [], codes: {}, http: [] };
  const names = Object.keys(api).sort() as MethodName[];
  for (const [i, name] of names.entries()) {
    const schema = api[name].input;
    // Past the part's time budget the remaining methods still get a few inputs each, never none.
    const late = opts.deadlineMs != null && performance.now() - started > opts.deadlineMs;
    const inputs = fc.sample(hostileInput(schema), { numRuns: late ? Math.min(3, opts.runsPerMethod) : opts.runsPerMethod, seed: (opts.seed ?? 7) + i });
    res.methods++;
    for (const raw of inputs) {
      await repair();
      // As it would arrive over the wire.
      const input = raw === undefined ? undefined : (JSON.parse(JSON.stringify(raw) ?? 'null') as unknown);
      const skip = SECURITY_RECORDS[name] ?? [];
      const before = hashNow(skip);
      const changesBefore = changes.get();
      const r = await core.call(name, input, token);
      res.calls++;
      if (r.ok) {
        res.accepted++;
        continue;
      }
      res.refused++;
      res.codes[r.error.code] = (res.codes[r.error.code] ?? 0) + 1;
      const status = HTTP_STATUS[r.error.code];
      if (r.error.code === 'INTERNAL' || !(status >= 400 && status < 500)) res.internal.push({ method: name, input: short(input) });
      else if (changes.get() !== changesBefore && hashNow(skip) !== before) res.wroteOnRefusal.push({ method: name, input: short(input) });
    }
  }

  // The HTTP host itself: bodies no client of ours would send.
  const server = createHttpServer(core, { staticDir: opts.dir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const raw = async (name: string, method: string, body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => {
    try {
      const r = await fetch(`${url}/api/${method}`, { method: 'POST', headers: { ...headers, Authorization: `Bearer ${token}` }, body });
      res.http.push({ name, status: r.status, ok: r.status >= 400 && r.status < 500 });
    } catch {
      res.http.push({ name, status: 0, ok: false });
    }
  };
  try {
    await repair();
    await raw('broken JSON', 'clients.search', '{"query": "a"');
    await raw('JSON nested 100,000 deep', 'clients.search', '['.repeat(100_000) + ']'.repeat(100_000));
    await raw('body of 20 MB', 'clients.search', Buffer.alloc(20 * 1024 * 1024, 0x20));
    await raw('not JSON at all', 'clients.search', 'query=a', { 'Content-Type': 'application/x-www-form-urlencoded' });
    await raw('method __proto__', '__proto__', '{}');
    await raw('method constructor', 'constructor', '{}');
    await raw('method path ../', '..%2F..%2Fetc%2Fpasswd', '{}');
    const after = await post(url, 'clients.search', { query: 'ООО' }, token);
    res.http.push({ name: 'still answers afterwards', status: after.status, ok: after.status === 200 });
  } finally {
    await new Promise((r) => server.close(r));
    core.close();
  }
  opts.log?.(`codes: ${JSON.stringify(res.codes)}`);
  return res;
}

export const part: ReliabilityPart = {
  name: 'hostile-api',
  describe: 'fast-check inputs from the zod schemas of every API method (hostile leaves, wrong types, __proto__ keys) through the dispatcher, a content hash of every table around each refused call; hostile HTTP bodies',
  async run(ctx) {
    const runs = ctx.quick ? 5 : 30;
    const r = await hostileApi({ dir: ctx.tmpDir, runsPerMethod: runs, log: ctx.log, deadlineMs: ctx.budgetMs * 0.8 });
    for (const x of r.internal.slice(0, 10)) ctx.log(`INTERNAL ${x.method} ${x.input}`);
    for (const x of r.wroteOnRefusal.slice(0, 10)) ctx.log(`wrote on refusal ${x.method} ${x.input}`);
    const byMethod = (xs: { method: string }[]) => [...new Set(xs.map((x) => x.method))].join(', ');
    const figures: Figure[] = [
      { figure: 'generated inputs', value: `${r.methods} methods, ${r.calls} calls (up to ${runs} each; ${r.accepted} accepted, ${r.refused} refused)` },
      {
        figure: 'answers not a 4xx code (INTERNAL)',
        value: r.internal.length === 0 ? '0' : `${r.internal.length} (${byMethod(r.internal)})`,
        target: '0',
        met: r.internal.length === 0,
      },
      {
        figure: 'refused calls that changed a table',
        value: r.wroteOnRefusal.length === 0 ? '0' : `${r.wroteOnRefusal.length} (${byMethod(r.wroteOnRefusal)})`,
        target: '0',
        met: r.wroteOnRefusal.length === 0,
      },
      ...r.http.map((h) => ({ figure: `HTTP: ${h.name}`, value: String(h.status), target: h.name.startsWith('still') ? '200' : '4xx', met: h.ok })),
    ];
    return figures;
  },
};
