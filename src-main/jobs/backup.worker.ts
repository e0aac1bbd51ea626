// Worker thread of the backup job: makes the backup with its own connection and applies the retention rule, off the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createBackup } from '../features/backup/snapshot';
import { applyRetention, type Retention } from '../features/backup/retention';
import type { WorkerReply } from '../workers/run';

export interface BackupWorkerInput {
  dbPath: string;
  folder: string;
  nowIso: string;
  retention: Retention;
}

export interface BackupWorkerResult {
  dir: string;
  bytes: number;
  durationMs: number;
  removed: string[];
}

const post = (msg: WorkerReply<BackupWorkerResult, string>) => parentPort!.postMessage(msg);
const input = (workerData as { input: BackupWorkerInput }).input;
try {
  const now = new Date(input.nowIso);
  const r = createBackup({ dbPath: input.dbPath, folder: input.folder, now, onStep: (step) => post({ type: 'progress', progress: step }) });
  const removed = applyRetention(input.folder, input.dbPath, input.retention, now.getTime());
  post({ type: 'done', result: { dir: r.dir, bytes: r.manifest.bytes, durationMs: r.manifest.durationMs, removed } });
} catch (err) {
  post({ type: 'error', message: (err as Error).message ?? String(err) });
}
