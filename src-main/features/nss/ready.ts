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

/** Periods being readied by this process, so concurrent first requests of one period wait for one build. */
const readying = new Map<string, Promise<number>>();

/**
 * The period's kept rows, readied first when needed: on a pool thread, the quiet months are filled and the client rows
 * written (seconds for a year over a large РИЦ, the first time only); then every report of it reads one row per client.
 */
export async function readyPeriod(ctx: Ctx, fromMonth: string, toMonth: string, plan: number): Promise<number> {
  const key = { fromMonth, toMonth, plan };
  const today = ctx.today();
  const found = findNssPeriod(ctx.db, key);
  const pending = monthsBetween(fromMonth, toMonth).some((m) => m <= today.slice(0, 7) && nssMonthPending(ctx.db, m, today));
  if (found?.state === 'ready' && !pending) {
    markNssPeriodUsed(ctx.db, found.id, ctx.nowIso());
    return found.id;
  }
  const dbFile = dbFileOf(ctx);
  const slot = `${dbFile}|${fromMonth}|${toMonth}|${plan}|${today}`;
  let job = readying.get(slot);
  if (!job) {
    // A kept period only fills the quiet months (their writes keep its rows); a new or interrupted one is built.
    const period = found?.state === 'ready' ? found : registerNssPeriod(ctx.db, key, ctx.nowIso());
    job = ctx
      .offload(nssPeriodTask, { dbFile, periodId: period.id, build: period.state !== 'ready', fromMonth, toMonth, today, timeZone: ricTimeZone(ctx.db), now: ctx.nowIso() })
      .then(() => period.id)
      .finally(() => readying.delete(slot));
    readying.set(slot, job);
  }
  return job;
}

/** Fills the quiet months of from … to (up to this month) on a pool thread; nothing to do: no thread. */
export async function readyMonths(ctx: Ctx, fromMonth: string, toMonth: string): Promise<void> {
  const today = ctx.today();
  if (!monthsBetween(fromMonth, toMonth).some((m) => m <= today.slice(0, 7) && nssMonthPending(ctx.db, m, today))) return;
  await ctx.offload(nssPeriodTask, { dbFile: dbFileOf(ctx), build: false, fromMonth, toMonth, today, timeZone: ricTimeZone(ctx.db), now: ctx.nowIso() });
}
