// scrypt on dedicated low-priority threads: password hashing never competes with request handling or libuv's pool.
import { Worker } from 'node:worker_threads';

export interface ScryptJob {
  password: string;
  salt: Buffer;
  keylen: number;
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

/**
 * Plain CommonJS evaluated as the worker, so that it needs no file of its own in the bundles. On Linux the
 * nice value is per thread: lowering it here leaves the event loop (and everything else of the process) at
 * normal priority, so a flood of sign-ins slows sign-ins, not searches. Elsewhere setpriority would lower the
 * whole process, so it is left alone.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const os = require('node:os');
if (process.platform === 'linux') {
  try { os.setPriority(0, 10); } catch {}
}
parentPort.on('message', (job) => {
  try {
    const key = crypto.scryptSync(job.password, Buffer.from(job.salt), job.keylen, { N: job.N, r: job.r, p: job.p, maxmem: job.maxmem });
    parentPort.postMessage({ id: job.id, key });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String((err && err.message) || err) });
  }
});
`;

interface Pending {
  resolve: (key: Buffer) => void;
  reject: (err: Error) => void;
}

/** One thread, one hash at a time; the caller (a Limiter) never gives it more than one job at once. */
class ScryptThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  get busy(): boolean {
    return this.pending.size > 0;
  }

  run(job: ScryptJob): Promise<Buffer> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Referenced while it works, so that a CLI awaiting a hash does not exit; unreferenced when idle.
      w.ref();
      w.postMessage({ id, ...job, salt: new Uint8Array(job.salt) });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(SOURCE, { eval: true, name: 'scrypt' });
    w.unref();
    w.on('message', (m: { id: number; key?: Uint8Array; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (!p) return;
      if (m.key) p.resolve(Buffer.from(m.key));
      else p.reject(new Error(m.error ?? 'scrypt failed'));
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`scrypt worker exited with ${code}`)));
    this.worker = w;
    return w;
  }
}

/** A fixed set of threads; with at most `size` jobs at once there is always an idle one. */
export class ScryptThreads {
  private readonly threads: ScryptThread[];

  constructor(size: number) {
    this.threads = Array.from({ length: size }, () => new ScryptThread());
  }

  run(job: ScryptJob): Promise<Buffer> {
    const t = this.threads.find((x) => !x.busy) ?? this.threads[0]!;
    return t.run(job);
  }
}
