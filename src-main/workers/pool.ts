// The worker pool: CPU-heavy and untrusted work (mail parsing, print, exports) runs on threads, each task within its size and time budget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { taskDef, type TaskDef, type TaskLimits, type TaskRef } from './registry';
import type { StartNotice, TaskMessage } from './worker';

/** Why a task produced no result; callers map these to their own outcomes (a queue reason, an API error code). */
export type WorkerErrorCode =
  /** The input is over the kind's size budget: no thread was asked. */
  | 'WORKER_TOO_LARGE'
  /** The task ran past its time budget: its thread was terminated. */
  | 'WORKER_TIMEOUT'
  /** The thread died under the task (out of memory, a native crash). */
  | 'WORKER_CRASHED'
  /** The task threw; the message is the task's. */
  | 'WORKER_FAILED'
  /** The pool was closed (the core is shutting down). */
  | 'WORKER_CLOSED';

export class WorkerError extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    readonly kind: string,
    message: string,
  ) {
    super(`${kind}: ${message}`);
    this.name = 'WorkerError';
  }
}

export interface PoolOptions {
  /** Threads at most; default: one core left to the event loop, at least one, at most four. */
  maxThreads?: number;
  /** Budgets replacing the registered ones, per kind (a server with other limits, a test). */
  limits?: Record<string, Partial<TaskLimits>>;
  /** An idle thread beyond the first ends after this long (an idle thread never keeps the process alive). */
  idleTimeoutMs?: number;
  /** Heap cap per thread: a task that blows up (a decompression bomb) kills its thread, not the process. */
  maxHeapMb?: number;
}

export function defaultThreads(): number {
  return Math.min(4, Math.max(1, os.availableParallelism() - 1));
}

/**
 * Characters of strings plus bytes of binary data plus a little per value, counted until `cap` is passed
 * (so measuring a huge input costs no more than the budget).
 */
export function inputSize(value: unknown, cap = Infinity): number {
  let total = 0;
  const walk = (v: unknown, depth: number): void => {
    if (total > cap) return;
    if (typeof v === 'string') total += v.length;
    else if (v == null || typeof v !== 'object') total += 8;
    else if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (v instanceof ArrayBuffer) total += v.byteLength;
    else if (depth > 64) total += 8;
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else
      for (const k in v) {
        total += k.length;
        walk((v as Record<string, unknown>)[k], depth + 1);
      }
  };
  walk(value, 0);
  return total;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** worker.cjs beside the Electron bundle, or worker.ts when running from source. */
function workerFile(): { file: string; execArgv?: string[] } {
  const bundled = path.join(here, 'worker.cjs');
  if (fs.existsSync(bundled)) return { file: bundled };
  const file = path.join(here, 'worker.ts');
  // tsx (the server, the CLI) passes its loader on to threads; a host that did not start through tsx (the test runner) gets it explicitly.
  if (process.execArgv.some((a) => a.includes('tsx'))) return { file };
  const loader = createRequire(import.meta.url).resolve('tsx');
  return { file, execArgv: [...process.execArgv, '--import', pathToFileURL(loader).href] };
}

interface Running {
  started(): void;
}

export class WorkerPool {
  private piscina: Piscina | null = null;
  private closed = false;
  private seq = 0;
  private readonly running = new Map<number, Running>();
  readonly maxThreads: number;

  constructor(private readonly opts: PoolOptions = {}) {
    this.maxThreads = Math.max(1, opts.maxThreads ?? defaultThreads());
  }

  /** Threads start on the first task, so a core that never prints or parses mail starts none. */
  private pool(): Piscina {
    if (!this.piscina) {
      const w = workerFile();
      this.piscina = new Piscina({
        filename: w.file,
        name: 'runTask',
        execArgv: w.execArgv,
        // At least one: piscina replaces a thread terminated for its time budget only up to minThreads, and with
        // none the tasks queued behind it would wait for the next run() call.
        minThreads: 1,
        maxThreads: this.maxThreads,
        idleTimeout: this.opts.idleTimeoutMs ?? 60_000,
        resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb ?? 1024 },
      });
      this.piscina.on('message', (m: Partial<StartNotice>) => {
        if (typeof m?.crmTaskStarted === 'number') this.running.get(m.crmTaskStarted)?.started();
      });
      // A thread's error is reported through the task it was running; nothing else is listening.
      this.piscina.on('error', () => undefined);
    }
    return this.piscina;
  }

  limitsOf(kind: string): TaskLimits {
    const def = taskDef(kind);
    if (!def) throw new Error(`task kind ${kind} is not registered`);
    return { ...def.limits, ...this.opts.limits?.[kind] };
  }

  /** Runs one task of a registered kind; rejects with WorkerError when a budget is exceeded or the task fails. */
  async run<I, O>(ref: TaskRef<I, O>, input: I): Promise<O> {
    const def = taskDef(ref.kind);
    if (!def || def.module !== ref.module) throw new Error(`task kind ${ref.kind} is not registered`);
    const limits = this.limitsOf(ref.kind);
    if (this.closed) throw new WorkerError('WORKER_CLOSED', ref.kind, 'pool closed');
    const size = inputSize(input, limits.maxInputBytes);
    if (size > limits.maxInputBytes) throw new WorkerError('WORKER_TOO_LARGE', ref.kind, `input over ${limits.maxInputBytes}`);

    const id = ++this.seq;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | null = null;
    let timedOut = false;
    this.running.set(id, {
      started: () => {
        timer ??= setTimeout(() => {
          timedOut = true;
          abort.abort();
        }, limits.timeoutMs);
      },
    });
    try {
      const msg: TaskMessage = { id, module: def.module, input };
      return (await this.pool().run(msg, { signal: abort.signal })) as O;
    } catch (err) {
      throw this.explain(ref.kind, err, timedOut, limits);
    } finally {
      if (timer) clearTimeout(timer);
      this.running.delete(id);
    }
  }

  /**
   * Starts a thread and loads a kind's module on it ahead of the first task (a mail job does this as it connects):
   * starting a thread and loading a parser takes a moment, longer than the task itself.
   */
  warm(ref: TaskDef): void {
    if (this.closed) return;
    const msg: TaskMessage = { id: ++this.seq, module: ref.module, input: null, warm: true };
    this.pool()
      .run(msg)
      .catch(() => undefined);
  }

  private explain(kind: string, err: unknown, timedOut: boolean, limits: TaskLimits): WorkerError {
    if (timedOut) return new WorkerError('WORKER_TIMEOUT', kind, `no result within ${limits.timeoutMs} ms`);
    const e = err as { message?: string; code?: string; name?: string };
    if (this.closed) return new WorkerError('WORKER_CLOSED', kind, 'pool closed');
    if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /worker exited|out of memory/i.test(e?.message ?? '')) {
      return new WorkerError('WORKER_CRASHED', kind, e?.message ?? 'thread died');
    }
    return new WorkerError('WORKER_FAILED', kind, e?.message ?? String(err));
  }

  /** Threads alive now (for tests: a closed pool leaves none). */
  get threads(): number {
    return this.piscina?.threads.length ?? 0;
  }

  /** Ends every thread; tasks still running fail with WORKER_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const p = this.piscina;
    this.piscina = null;
    await p?.destroy();
  }
}
