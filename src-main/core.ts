// The core shared by both hosts: database, dispatcher and event bus behind one `call`.
import type { ApiResult } from '../src-shared/errors';
import { openDb, type Db } from './db/connection';
import { dispatch } from './api/dispatch';
import { Bus } from './api/bus';
import { systemClock, type Clock } from './api/context';
import { holdDatabase } from './db/holder';

export interface Core {
  db: Db;
  bus: Bus;
  /** The time every part of this core goes by (tests and the demo pin it). */
  clock: Clock;
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  close(): void;
}

export function createCore(opts: { dbPath: string; clock?: Clock; log?: (msg: string, err?: unknown) => void }): Core {
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
  const deps = { db, clock: opts.clock ?? systemClock, publish: bus.publish, log: opts.log };
  return {
    db,
    bus,
    clock: deps.clock,
    call: (method, input, token) => dispatch(deps, method, input, token),
    close: () => {
      db.$client.close();
      hold.release();
    },
  };
}
