// The core shared by both hosts: database, dispatcher and event bus behind one `call`.
import type { ApiResult } from '../src-shared/errors';
import { openDb, type Db } from './db/connection';
import { dispatch } from './api/dispatch';
import { Bus } from './api/bus';
import { systemClock, type Caller, type Clock } from './api/context';
import { holdDatabase } from './db/holder';
import { WorkerPool, type PoolOptions } from './workers/pool';
import type { Readable } from 'node:stream';
import type { UploadedFile } from '../src-shared/imports';
import { downloadImport, uploadImport } from './features/imports/upload';
import { downloadUsr, type UsrDownload } from './features/usr/card.download';
import { downloadGbRequest } from './features/glavbukh/request.download';
import { downloadNssKc } from './features/nss/kc.download';
import type { DownloadedFile } from '../src-shared/bridge';

export interface Core {
  db: Db;
  bus: Bus;
  /** The time every part of this core goes by (tests and the demo pin it). */
  clock: Clock;
  /** Threads for CPU-heavy and untrusted work (mail parsing, print, exports); they start on first use. */
  pool: WorkerPool;
  /** `caller` tells where the call comes from (the HTTP host passes the client address); in-process calls are `local`. */
  call(method: string, input: unknown, token: string | null, caller?: Caller): Promise<ApiResult<unknown>>;
  /** Streams a file into the import store (checked like a contract call); `imports.start` then imports it by hash. */
  upload(token: string | null, name: string, body: Readable | AsyncIterable<Uint8Array>): Promise<ApiResult<UploadedFile>>;
  /** A stored import file for download, checked like a contract call. */
  download(token: string | null, sha256: string): ApiResult<{ path: string; name: string; size: number }>;
  /** A stored USR file (by usr_files.id, as text from the URL) for whoever may see its client's card. */
  downloadUsr(token: string | null, usrFileId: string): ApiResult<UsrDownload>;
  /** A Главбух certification request's stored file (by gb_requests.id, as text from the URL), byte for byte. */
  downloadGbRequest(token: string | null, requestId: string): ApiResult<DownloadedFile>;
  /** A saved monthly НСС report to the КЦ (by nss_kc_reports.id, as text from the URL), byte for byte. */
  downloadNssKc(token: string | null, reportId: string): ApiResult<DownloadedFile>;
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
    upload: (token, name, body) => uploadImport(deps, token, name, body),
    download: (token, sha256) => downloadImport(deps, token, sha256),
    downloadUsr: (token, usrFileId) => downloadUsr(deps, token, usrFileId),
    downloadGbRequest: (token, requestId) => downloadGbRequest(deps, token, requestId),
    downloadNssKc: (token, reportId) => downloadNssKc(deps, token, reportId),
    close: () => {
      db.$client.close();
      hold.release();
      return pool.close();
    },
  };
}
