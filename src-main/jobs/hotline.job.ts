// Keeps hotline.txt in step with today's chat-on set: checks at start, after each chat change (the bus), at each day start (РИЦ time zone).
import type { Db } from '../db/connection';
import type { Bus } from '../api/bus';
import type { Clock } from '../api/context';
import { hotlineToday, rebuildHotline, type RebuildResult } from '../features/chat/hotline.repo';

export interface HotlineJobOptions {
  db: Db;
  bus: Bus;
  clock: Clock;
  log?: (msg: string) => void;
  /** How soon after a change the check runs: a burst of edits (a merge, an import) makes one check. 0 = on the next turn. */
  debounceMs?: number;
  /** How often the date is looked at for a day start; 0 = never by itself (tests call `tick`). */
  dayTickMs?: number;
  /** A full check now and then, for changes that reach the set without an event (a merge, a bulk load). 0 = never. */
  safetyMs?: number;
}

export interface HotlineJob {
  /** Checks the set now (and writes the file when it changed). */
  check(): RebuildResult | null;
  /** Looks at the date: a new day in the РИЦ's time zone makes a check (a change dated today now takes effect). */
  tick(): RebuildResult | null;
  /** Resolves once a check asked for by an event has run. */
  settled(): Promise<void>;
  stop(): void;
}

export function startHotlineJob(opts: HotlineJobOptions): HotlineJob {
  const { db, clock } = opts;
  const log = opts.log ?? ((m: string) => console.warn(`[hotline] ${m}`));
  let stopped = false;
  let day: string | null = null;
  let pending: { timer: NodeJS.Timeout; done: Promise<void>; resolve: () => void } | null = null;

  const check = (): RebuildResult | null => {
    if (stopped || !db.$client.open) return null;
    try {
      day = hotlineToday(db, clock.now());
      const r = rebuildHotline(db, clock.now());
      if (r.outcome === 'failed') log(`could not write hotline.txt: ${r.state.error?.message ?? ''}`);
      opts.bus.publish({ event: 'hotline.changed', data: {} });
      return r;
    } catch (err) {
      log(`check failed: ${(err as Error).message}`);
      return null;
    }
  };

  const schedule = () => {
    if (stopped || pending) return;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const timer = setTimeout(() => {
      pending = null;
      check();
      resolve();
    }, opts.debounceMs ?? 300);
    pending = { timer, done, resolve };
  };

  const tick = (): RebuildResult | null => {
    if (stopped || !db.$client.open) return null;
    const today = hotlineToday(db, clock.now());
    return today !== day ? check() : null;
  };

  const unsubscribe = opts.bus.subscribe((msg) => {
    // refs.changed: a system's number in the catalogue changes how its kits are spelt (or whether they are in).
    if (msg.event === 'hotline.dirty' || msg.event === 'refs.changed') schedule();
  });
  const every = (ms: number | undefined, fallback: number, fn: () => void) => (ms === 0 ? null : setInterval(fn, ms ?? fallback));
  const dayTimer = every(opts.dayTickMs, 60_000, () => void tick());
  const safetyTimer = every(opts.safetyMs, 15 * 60_000, () => void check());
  check();

  return {
    check,
    tick,
    settled: () => pending?.done ?? Promise.resolve(),
    stop() {
      stopped = true;
      unsubscribe();
      if (dayTimer) clearInterval(dayTimer);
      if (safetyTimer) clearInterval(safetyTimer);
      if (pending) {
        clearTimeout(pending.timer);
        pending.resolve();
        pending = null;
      }
    },
  };
}
