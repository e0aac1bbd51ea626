// The core shared by both hosts: database, dispatcher and event bus behind one `call`.
import type { ApiResult } from '../src-shared/errors';
import { openDb, type Db } from './db/connection';
import { dispatch } from './api/dispatch';
import { Bus } from './api/bus';
import { systemClock, type Caller, type Clock } from './api/context';
import { holdDatabase } from './db/holder';
import { WorkerPool, type PoolOptions } from './workers/pool';

export interface Core {
  db: Db;
  bus: Bus;
  /** The time every part of this core goes by (tests and the demo pin it). */
  clock: Clock;
  /** Threads for CPU-heavy and untrusted work (mail parsing, print, exports); they start on first use. */
  pool: WorkerPool;
  /** `caller` tells where the call comes from (the HTTP host passes the client address); in-process calls are `local`. */
  call(method: string, input: unknown, token: string | null, caller?: Caller): Promise<ApiResult<unknown>>;
  /** Closes the database at once; resolves when the pool's threads have ended. */
  close(): Promise<void>;
}

export function createCore(opts: { dbPath: string; clock?: Clock; log?: (msg: string, err?: unknown) => void; pool?: PoolOptions }): Core {
  // Held for as long as the core lives: `restore` refuses to replace a database that a running process works on.
  const hold = holdDatabase(opts.dbPath);
  let db: Db;
  try {
    db = openDb(opts.dbPath);
  } catch (err) {
    hold.release();
    throw err;
  }
  const bus = new Bus();
  const pool = new WorkerPool(opts.pool);
  const deps = { db, clock: opts.clock ?? systemClock, publish: bus.publish, log: opts.log, pool };
  return {
    db,
    bus,
    pool,
    clock: deps.clock,
    call: (method, input, token, caller) => dispatch(deps, method, input, token, caller),
    close: () => {
      db.$client.close();
      hold.release();
      return pool.close();
    },
  };
}
