// Runs the 1С exchange of a host (the server, or Electron in local mode): a loop per enabled connection, woken by queued documents.
import type { Db } from '../db/connection';
import type { Bus } from '../api/bus';
import { systemClock, type Clock } from '../api/context';
import type { WorkerPool } from '../workers/pool';
import { stmt } from '../db/stmt';
import type { PushEvents } from '../../src-shared/events';
import { newOwnerId } from '../features/mail/lease';
import { releaseOnecLease } from '../features/edo/connections.repo';
import { edParseTask } from '../features/edo/enterprise-data/edo.workers';
import { runOnecRound, type OnecRoundResult } from '../features/edo/round';

export interface EdoJobs {
  /** Runs a round of one connection (or all) now; resolves when it ran. */
  runNow(connectionId?: number): Promise<void>;
  running(): number[];
  stop(): Promise<void>;
}

export interface EdoJobsOptions {
  clock?: Clock;
  log?: (msg: string) => void;
  /** After a failed round the next waits interval × 2^n, at most this (default 10 minutes). */
  maxBackoffMs?: number;
  ownerId?: string;
}

interface Loop {
  timer: NodeJS.Timeout | null;
  busy: Promise<void> | null;
  again: boolean;
  failures: number;
}

export function startEdoJobs(core: { db: Db; bus: Bus; pool: WorkerPool }, opts: EdoJobsOptions = {}): EdoJobs {
  const ownerId = opts.ownerId ?? newOwnerId();
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((m: string) => console.warn(`[1С] ${m}`));
  const loops = new Map<number, Loop>();
  let stopped = false;

  const intervalOf = (id: number) =>
    ((stmt(core.db, 'SELECT interval_sec AS s FROM onec_connections WHERE id = ?').get(id) as { s: number } | undefined)?.s ?? 60) * 1000;

  const publish = (r: OnecRoundResult) => {
    if (!r.ran) return;
    const f = r.folder;
    const o = r.odata;
    if ((f && (f.wrote != null || f.acked || f.numbered || f.refused)) || (o && (o.sent || o.failed || o.changed)) || r.error) {
      core.bus.publish({ event: 'edo.changed', data: { documentIds: null } });
    }
    for (const n of o?.notified ?? []) core.bus.publish({ event: 'notification.new', data: { employeeId: n.employeeId, notificationId: n.id, taskId: null } });
  };

  const schedule = (id: number, ms: number) => {
    const l = loops.get(id);
    if (!l || stopped) return;
    if (l.timer) clearTimeout(l.timer);
    l.timer = setTimeout(() => void run(id), ms);
    l.timer.unref?.();
  };

  const run = (id: number): Promise<void> => {
    const l = loops.get(id);
    if (!l || stopped) return Promise.resolve();
    if (l.busy) {
      l.again = true;
      return l.busy;
    }
    if (l.timer) clearTimeout(l.timer);
    l.timer = null;
    l.busy = (async () => {
      let next = intervalOf(id);
      try {
        const r = await runOnecRound({ db: core.db, owner: ownerId, now: () => clock.now(), parse: (bytes) => core.pool.run(edParseTask, { bytes }), log }, id);
        publish(r);
        if (r.ran && r.error) {
          l.failures++;
          next = Math.min(opts.maxBackoffMs ?? 600_000, next * 2 ** Math.min(l.failures, 10));
        } else l.failures = 0;
        // Another process owns the connection: look again later, in case it stops.
        if (!r.ran && r.why === 'leased') next = Math.max(next, 30_000);
        // A full batch went: the rest follows at once.
        if (r.ran && (r.folder?.documents ?? 0) >= 2000) next = 0;
      } catch (e) {
        if (!core.db.$client.open) return;
        l.failures++;
        log(`round of connection ${id} failed: ${(e as Error).message}`);
        next = Math.min(opts.maxBackoffMs ?? 600_000, next * 2 ** Math.min(l.failures, 10));
      } finally {
        l.busy = null;
      }
      if (l.again) {
        l.again = false;
        next = 0;
      }
      schedule(id, next);
    })();
    return l.busy;
  };

  const reconcile = () => {
    if (stopped) return;
    const wanted = new Set((stmt(core.db, 'SELECT id FROM onec_connections WHERE enabled = 1').all() as { id: number }[]).map((r) => r.id));
    for (const [id, l] of loops) {
      if (wanted.has(id)) continue;
      if (l.timer) clearTimeout(l.timer);
      loops.delete(id);
      void (l.busy ?? Promise.resolve()).then(() => releaseOnecLease(core.db, id, ownerId));
    }
    for (const id of wanted) {
      if (loops.has(id)) continue;
      loops.set(id, { timer: null, busy: null, again: false, failures: 0 });
      schedule(id, 0);
    }
  };

  const unsubscribe = core.bus.subscribe((msg) => {
    if (msg.event !== 'edo.wake' || stopped) return;
    const { connectionId, reload } = msg.data as PushEvents['edo.wake'];
    if (reload) reconcile();
    const ids = connectionId != null ? [connectionId] : [...loops.keys()];
    for (const id of ids) {
      const l = loops.get(id);
      if (!l) continue;
      l.failures = 0;
      // A burst of saves makes one round.
      schedule(id, 200);
    }
  });
  try {
    reconcile();
  } catch (e) {
    log(`could not start the 1С exchange: ${(e as Error).message}`);
  }

  return {
    async runNow(connectionId) {
      const ids = connectionId != null ? [connectionId] : [...loops.keys()];
      await Promise.all(ids.map((id) => run(id)));
    },
    running: () => [...loops.keys()],
    async stop() {
      stopped = true;
      unsubscribe();
      for (const l of loops.values()) if (l.timer) clearTimeout(l.timer);
      await Promise.all([...loops.values()].map((l) => l.busy));
      for (const id of loops.keys()) if (core.db.$client.open) releaseOnecLease(core.db, id, ownerId);
      loops.clear();
    },
  };
}
