// Runs one task on a worker thread of its own (a job that would block the event loop: a backup's VACUUM INTO, hashing, copying).
import { Worker } from 'node:worker_threads';

export type WorkerReply<R, P> = { type: 'progress'; progress: P } | { type: 'done'; result: R } | { type: 'error'; message: string };

/**
 * `entry` is the worker module's URL (`new URL('./x.worker.ts', import.meta.url)`); it reads `workerData.input`
 * and posts WorkerReply messages. Resolves with the result, rejects with the worker's error; `signal` terminates it.
 */
export function runInWorker<I, R, P = never>(entry: URL, input: I, onProgress?: (p: P) => void, signal?: AbortSignal): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const worker = new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { entry: entry.href, input } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: WorkerReply<R, P>) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'done') settle(() => resolve(msg.result));
      else settle(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    signal?.addEventListener('abort', () => settle(() => reject(new Error('cancelled'))), { once: true });
    worker.on('exit', (code) => settle(() => reject(new Error(`worker stopped (exit code ${code})`))));
  });
}
