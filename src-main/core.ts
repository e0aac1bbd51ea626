// The core shared by both hosts: database, dispatcher and event bus behind one `call`.
import type { ApiResult } from '../src-shared/errors';
import { openDb, type Db } from './db/connection';
import { dispatch } from './api/dispatch';
import { Bus } from './api/bus';
import { systemClock, type Clock } from './api/context';

export interface Core {
  db: Db;
  bus: Bus;
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  close(): void;
}

export function createCore(opts: { dbPath: string; clock?: Clock; log?: (msg: string, err?: unknown) => void }): Core {
  const db = openDb(opts.dbPath);
  const bus = new Bus();
  const deps = { db, clock: opts.clock ?? systemClock, publish: bus.publish, log: opts.log };
  return {
    db,
    bus,
    call: (method, input, token) => dispatch(deps, method, input, token),
    close: () => db.$client.close(),
  };
}
