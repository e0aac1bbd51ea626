// Demo data for a new РИЦ to click through: staff of every role and a few hundred clients, loaded through the real API.
import { loadDemoGlavbukh } from './glavbukh';
import { loadDemoNss } from './nss';
import { WorkerPool } from '../workers/pool';
import { mailParseTask } from '../features/mail/mail.workers';
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import { dispatch } from '../api/dispatch';
import type { Clock } from '../api/context';
import { createSession } from '../features/auth/sessions';
import { hashPassword } from '../features/auth/passwords';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_STAFF, insertEmployee } from './employees';
import { Rng } from './random';
import { DEMO_SYSTEMS } from './generator';
import { loadClientStory, type DemoActors } from './stories';
import { loadDocuments } from './documents';
import { loadMail } from './mail';

export { DEMO_PASSWORD, DEMO_STAFF };

export interface DemoOptions {
  /** How many clients; a few hundred by default. */
  clients?: number;
  seed?: number;
  /** The moment the demo is "now" (tests pin it); defaults to the real time. */
  now?: Date;
  /** The host's worker pool (the demo mail is parsed there); without one the loader brings its own and closes it. */
  pool?: WorkerPool;
}

/** A clock the loader moves back in time, so events and histories carry their own dates. */
export class DemoClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

export type DemoCall = <M extends MethodName>(login: string, method: M, input: MethodInput<M>, at: string) => Promise<MethodOutput<M>>;

/** What the later parts of the loader (documents, mail) share. */
export interface DemoEnv {
  db: Db;
  pool: WorkerPool;
  clock: DemoClock;
  call: DemoCall;
  actors: DemoActors;
  rng: Rng;
  /** The demo's "now"; nothing is dated after it. */
  nowIso: string;
}

/**
 * Loads the demo into a database without employees and returns true; returns false (and changes
 * nothing) when employees exist. Everything lands in one transaction: a failure leaves the
 * database empty, so the next start can try again.
 */
export async function loadDemo(db: Db, opts: DemoOptions = {}): Promise<boolean> {
  const count = (stmt(db, 'SELECT COUNT(*) AS n FROM employees').get() as { n: number }).n;
  if (count > 0) return false;
  // scrypt is slow on purpose: hash the one demo password once and reuse it for every account.
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = opts.now ?? new Date();
  const clock = new DemoClock(now);
  const sql = db.$client;
  sql.exec('BEGIN IMMEDIATE');
  try {
    // Another process may have claimed the database while the hash was computed.
    if ((stmt(db, 'SELECT COUNT(*) AS n FROM employees').get() as { n: number }).n > 0) {
      sql.exec('ROLLBACK');
      return false;
    }
    const pool = opts.pool ?? new WorkerPool();
    // The demo mail comes last; its parser thread starts meanwhile.
    pool.warm(mailParseTask);
    try {
      await load(db, clock, hash, opts, pool);
    } finally {
      if (!opts.pool) await pool.close();
    }
    // The loader's sessions are of no use to anyone afterwards.
    stmt(db, 'DELETE FROM sessions').run();
    sql.exec('COMMIT');
  } catch (err) {
    if (sql.inTransaction) sql.exec('ROLLBACK');
    throw err;
  }
  return true;
}

async function load(db: Db, clock: DemoClock, hash: string, opts: DemoOptions, pool: WorkerPool): Promise<void> {
  const nowIso = clock.current.toISOString();
  const rng = new Rng(opts.seed ?? 20261127);
  const dirIds = new Map((stmt(db, 'SELECT id, code FROM directions').all() as { id: number; code: string }[]).map((d) => [d.code, d.id]));

  const admin = DEMO_STAFF[0]!;
  const adminId = insertEmployee(db, { ...admin, email: 'admin@ric-demo.example' }, hash, nowIso, 'demo');
  const tokens = new Map<string, string>([[admin.login, createSession(db, adminId, clock.current).token]]);
  const deps = { db, clock, publish: () => undefined, pool };

  const call: DemoCall = async (login, method, input, at) => {
    clock.current = new Date(at);
    const token = tokens.get(login);
    if (!token) throw new Error(`demo: no session for ${login}`);
    const r = await dispatch(deps, method, input, token);
    if (!r.ok) throw new Error(`demo: ${method} by ${login} failed: ${JSON.stringify(r.error)} input ${JSON.stringify(input)}`);
    return r.data as MethodOutput<typeof method>;
  };

  // Departments through the API (audited like an administrator's edits); staff directly with the shared hash.
  const staffStart = new Date(clock.current.getTime() - 1000 * 86_400_000).toISOString();
  const deptIds = new Map<string, number>();
  for (const name of DEMO_DEPARTMENTS) deptIds.set(name, (await call('admin', 'departments.save', { name }, staffStart)).id);
  stmt(db, 'UPDATE employees SET department_id = ? WHERE id = ?').run(deptIds.get(admin.department)!, adminId);
  const ids = new Map<string, number>([[admin.login, adminId]]);
  for (const m of DEMO_STAFF.slice(1)) {
    const id = insertEmployee(
      db,
      {
        ...m,
        email: `${m.login.replace('.', '-')}@ric-demo.example`,
        departmentId: deptIds.get(m.department) ?? null,
        directionIds: m.directions.map((d) => dirIds.get(d)).filter((d): d is number => d != null),
      },
      hash,
      staffStart,
      'demo',
    );
    ids.set(m.login, id);
    tokens.set(m.login, createSession(db, id, new Date(nowIso)).token);
  }
  clock.current = new Date(nowIso);

  const byRole = (role: string) => DEMO_STAFF.filter((m) => (m.roles as readonly string[]).includes(role)).map((m) => m.login);
  const actors: DemoActors = {
    ids,
    sio: byRole('sio'),
    pm: byRole('pm'),
    sales: byRole('sales'),
    callers: byRole('caller'),
    managers: ['head', 'admin'],
    today: nowIso.slice(0, 10),
  };
  // The catalogue first: distributions take only catalogued systems. Entered as an administrator would.
  for (const s of DEMO_SYSTEMS) await call('admin', 'systems.save', s, staffStart);
  const total = opts.clients ?? 300;
  for (let i = 0; i < total; i++) await loadClientStory(rng, call, actors, i, db);
  // Documents and mail draw from their own sequences, so that adding to them leaves the clients as they were.
  const env: DemoEnv = { db, pool, clock, call, actors, rng: new Rng((opts.seed ?? 20261127) + 1), nowIso };
  await loadDocuments(env);
  loadDemoGlavbukh(db, actors.today, adminId);
  loadDemoNss(db, actors.today, adminId);
  await loadMail({ ...env, rng: new Rng((opts.seed ?? 20261127) + 2) });
  clock.current = new Date(nowIso);
}
