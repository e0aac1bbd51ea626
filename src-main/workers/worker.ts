// The entry of every worker thread: loads a registered task module, tells the pool the task has started, runs it.
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { bundledTasks } from './bundled';

export interface TaskMessage {
  /** The pool's id of this run, echoed in the start notice. */
  id: number;
  /** TaskDef.module of the kind. */
  module: string;
  input: unknown;
  /** Only load the module (a host warming its threads before the first real task). */
  warm?: boolean;
}

/** Posted on the thread's parent port when the task itself starts: the pool's time limit counts from here. */
export interface StartNotice {
  crmTaskStarted: number;
}

interface TaskModule {
  run(input: unknown): unknown;
}

const modules = new Map<string, Promise<TaskModule>>();

function load(id: string): Promise<TaskModule> {
  let m = modules.get(id);
  if (!m) {
    if (bundledTasks) {
      const loader = bundledTasks[id];
      if (!loader) throw new Error(`task module ${id} is not in the worker bundle`);
      m = loader() as Promise<TaskModule>;
    } else {
      // From source: the repository root is two folders up from src-main/workers. tsx's require hook is active in
      // every thread (its import hooks are not, in worker threads of Node 20), so the module is required.
      const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
      m = Promise.resolve().then(() => createRequire(import.meta.url)(path.join(root, `${id}.ts`)) as TaskModule);
    }
    modules.set(id, m);
  }
  return m;
}

/** Large binary results (a PDF, a workbook) are moved to the caller instead of copied. */
function movable(result: unknown): unknown {
  const buffers: ArrayBuffer[] = [];
  const collect = (v: unknown, depth: number) => {
    if (depth > 3 || v == null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      // Only views that own their whole buffer: a small Buffer may share Node's pool with others.
      if (v.byteLength >= 64 * 1024 && v.byteOffset === 0 && v.buffer.byteLength === v.byteLength && v.buffer instanceof ArrayBuffer) buffers.push(v.buffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) collect(x, depth + 1);
  };
  collect(result, 0);
  if (buffers.length === 0) return result;
  // Piscina's own Transferable shape: the value, and what to transfer with it.
  const wrapped = { [Piscina.transferableSymbol]: [...new Set(buffers)], [Piscina.valueSymbol]: result };
  return Piscina.move(wrapped as unknown as Parameters<typeof Piscina.move>[0]);
}

/** Piscina's handler (named, see WorkerPool): one task per call. */
export async function runTask(msg: TaskMessage): Promise<unknown> {
  const mod = await load(msg.module);
  if (typeof mod.run !== 'function') throw new Error(`task module ${msg.module} exports no run()`);
  if (msg.warm) return null;
  parentPort?.postMessage({ crmTaskStarted: msg.id } satisfies StartNotice);
  return movable(await mod.run(msg.input));
}
