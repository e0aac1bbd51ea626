// Worker bootstrap: loads a TypeScript worker module through tsx when the sources run unbuilt (server, tests), a built one as is.
import { workerData } from 'node:worker_threads';

// Node 20 does not pass `--import tsx` on to worker threads, so the loader is registered here, in the worker.
if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
