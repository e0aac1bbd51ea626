// Readies what the НСС report and the КЦ file read, on a pool thread with a writing connection of its own: the quiet
// months no writer touched (filled once) and the kept periods (built once) — never on the event loop.
import type { Ctx } from '../../api/context';
import { ricTimeZone } from '../../api/context';
import { monthsBetween, nssMonthPending } from './aggregate';
import { findNssPeriod, markNssPeriodUsed, registerNssPeriod } from './periods';
import { nssPeriodTask } from './nss.workers';

/** The pool thread reads the database file itself; a database in memory (never a host's) has none. */
export function dbFileOf(ctx: Ctx): string {
  const dbFile = ctx.db.$client.name;
  if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) throw new Error('the НСС report needs a database file');
  return dbFile;
}

/**
 * One pool-thread writer at a time for the whole process: a second fill or build waits its turn instead of fighting the
 * first (and the event loop's writers) for the lock. Jobs of one kind and key share one promise.
 */
let queue: Promise<unknown> = Promise.resolve();
const jobs = new Map<string, Promise<unknown>>();

function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const known = jobs.get(key);
  if (known) return known as Promise<T>;
  const job = queue.then(fn, fn).finally(() => jobs.delete(key));
  queue = job.catch(() => undefined);
  jobs.set(key, job);
  return job;
}

const pendingMonths = (ctx: Ctx, fromMonth: string, toMonth: string) => {
  const today = ctx.today();
  return monthsBetween(fromMonth, toMonth).some((m) => m <= today.slice(0, 7) && nssMonthPending(ctx.db, m, today));
};

/** Fills the quiet months of from … to (up to this month) on a pool thread; nothing to do: no thread. */
export async function readyMonths(ctx: Ctx, fromMonth: string, toMonth: string): Promise<void> {
  if (!pendingMonths(ctx, fromMonth, toMonth)) return;
  const dbFile = dbFileOf(ctx);
  const today = ctx.today();
  await exclusive(`fill|${dbFile}|${fromMonth}|${toMonth}|${today}`, () =>
    ctx.offload(nssPeriodTask, { dbFile, build: false, fromMonth, toMonth, today, timeZone: ricTimeZone(ctx.db), now: ctx.nowIso() }),
  );
}

/**
 * The period's kept rows, readied first when needed: on a pool thread, the quiet months are filled, then the period is
 * registered (from then on the writers keep its rows) and its client rows are written (seconds for a year over a large
 * РИЦ, the first time only); then every report of it reads one row per client.
 */
export async function readyPeriod(ctx: Ctx, fromMonth: string, toMonth: string, plan: number): Promise<number> {
  const key = { fromMonth, toMonth, plan };
  await readyMonths(ctx, fromMonth, toMonth);
  const found = findNssPeriod(ctx.db, key);
  if (found?.state === 'ready') {
    markNssPeriodUsed(ctx.db, found.id, ctx.nowIso());
    return found.id;
  }
  const dbFile = dbFileOf(ctx);
  return exclusive(`build|${dbFile}|${fromMonth}|${toMonth}|${plan}`, async () => {
    // Registered after the fill (whose recomputes would otherwise rewrite this period's rows before the build does).
    const period = registerNssPeriod(ctx.db, key, ctx.nowIso());
    if (period.state !== 'ready') {
      await ctx.offload(nssPeriodTask, { dbFile, periodId: period.id, build: true, fromMonth, toMonth, today: ctx.today(), timeZone: ricTimeZone(ctx.db), now: ctx.nowIso() });
    }
    return period.id;
  });
}
