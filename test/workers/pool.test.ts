// The worker pool with a throwaway task kind: results, size and time budgets, failures, and no threads left behind.
import { afterEach, describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { registerTask } from '../../src-main/workers/registry';
import { inputSize, WorkerPool, WorkerError } from '../../src-main/workers/pool';
import type { ThrowawayInput } from './throwaway.task';

const throwaway = registerTask<ThrowawayInput, { text?: string; threadId?: number; bytes?: Uint8Array }>({
  kind: 'test.throwaway',
  module: 'test/workers/throwaway.task',
  limits: { maxInputBytes: 1000, timeoutMs: 2000 },
});

const pools: WorkerPool[] = [];
const newPool = (...args: ConstructorParameters<typeof WorkerPool>) => {
  const p = new WorkerPool(...args);
  pools.push(p);
  return p;
};
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

async function failure(p: Promise<unknown>): Promise<WorkerError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkerError);
  return err as WorkerError;
}

describe('the worker pool', () => {
  it('runs a registered kind on another thread and starts no thread before the first task', async () => {
    const pool = newPool({ maxThreads: 1 });
    expect(pool.threads).toBe(0);
    const r = await pool.run(throwaway, { op: 'echo', text: 'привет' });
    expect(r.text).toBe('ПРИВЕТ');
    expect(r.threadId).not.toBe(threadId);
    expect(pool.threads).toBe(1);
  });

  it('refuses an input over the size budget without asking a thread', async () => {
    const pool = newPool();
    const err = await failure(pool.run(throwaway, { op: 'echo', text: 'x'.repeat(2000) }));
    expect(err.code).toBe('WORKER_TOO_LARGE');
    expect(pool.threads).toBe(0);
  });

  it('terminates a task past its time budget, and the next task still runs', async () => {
    const pool = newPool({ maxThreads: 1, limits: { 'test.throwaway': { timeoutMs: 300 } } });
    const err = await failure(pool.run(throwaway, { op: 'spin' }));
    expect(err.code).toBe('WORKER_TIMEOUT');
    expect((await pool.run(throwaway, { op: 'echo', text: 'ещё' })).text).toBe('ЕЩЁ');
  });

  it('counts the time budget from the start of the task, not from the queue', async () => {
    const pool = newPool({ maxThreads: 1, limits: { 'test.throwaway': { timeoutMs: 400 } } });
    // One thread: the echo waits behind the spinning task for its whole budget and a thread restart, yet gets its own budget.
    const [spin, echo] = await Promise.allSettled([pool.run(throwaway, { op: 'spin' }), pool.run(throwaway, { op: 'echo', text: 'после' })]);
    expect(spin.status === 'rejected' && (spin.reason as WorkerError).code).toBe('WORKER_TIMEOUT');
    expect(echo.status === 'fulfilled' && echo.value.text).toBe('ПОСЛЕ');
  });

  it('reports a task that throws, and a thread that runs out of memory, each with its code', async () => {
    const pool = newPool({ maxThreads: 1, maxHeapMb: 64, limits: { 'test.throwaway': { timeoutMs: 20_000 } } });
    const thrown = await failure(pool.run(throwaway, { op: 'throw', message: 'сломалось' }));
    expect(thrown.code).toBe('WORKER_FAILED');
    expect(thrown.message).toContain('сломалось');
    const hog = await failure(pool.run(throwaway, { op: 'hog' }));
    expect(hog.code).toBe('WORKER_CRASHED');
    expect((await pool.run(throwaway, { op: 'echo', text: 'жив' })).text).toBe('ЖИВ');
  });

  it('moves large binary results back intact', async () => {
    const pool = newPool();
    const r = await pool.run(throwaway, { op: 'bytes', size: 300_000 });
    expect(r.bytes).toBeInstanceOf(Uint8Array);
    expect(r.bytes!.length).toBe(300_000);
    expect(r.bytes!.every((b) => b === 7)).toBe(true);
  });

  it('ends its threads when closed, and refuses work afterwards', async () => {
    const pool = newPool({ maxThreads: 2 });
    await Promise.all([pool.run(throwaway, { op: 'echo', text: 'a' }), pool.run(throwaway, { op: 'echo', text: 'b' })]);
    expect(pool.threads).toBeGreaterThan(0);
    const spinning = failure(pool.run(throwaway, { op: 'spin' }));
    await pool.close();
    expect(pool.threads).toBe(0);
    expect((await spinning).code).toBe('WORKER_CLOSED');
    expect((await failure(pool.run(throwaway, { op: 'echo', text: 'c' }))).code).toBe('WORKER_CLOSED');
  });

  it('measures inputs by their strings and bytes, stopping at the budget', () => {
    expect(inputSize({ a: 'abc', b: new Uint8Array(10) })).toBe(1 + 3 + 1 + 10);
    expect(inputSize([1, 2])).toBe(16);
    expect(inputSize('x'.repeat(1_000_000), 100)).toBeGreaterThan(100);
  });

  it('refuses a second module under a registered kind', () => {
    expect(() => registerTask({ kind: 'test.throwaway', module: 'test/workers/other.task', limits: { maxInputBytes: 1, timeoutMs: 1 } })).toThrow(/already registered/);
    expect(() => registerTask({ kind: 'test.bad', module: '../etc/passwd', limits: { maxInputBytes: 1, timeoutMs: 1 } })).toThrow(/bad module id/);
  });
});
