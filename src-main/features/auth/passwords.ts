// Password hashing with scrypt (a slow, memory-hard KDF) in a self-describing string format, through a bounded gate.
import crypto from 'node:crypto';
import os from 'node:os';
import { AppError } from '../../api/errors';
import { Limiter } from './limiter';
import { ScryptThreads } from './scrypt-worker';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 128 * N * R * 2;

/**
 * How many hashes run at once. Each takes 32 MB and a core for tens of milliseconds: one core is always left
 * to the event loop, and a short queue absorbs bursts; beyond it the answer is RATE_LIMITED at once. Hashing
 * runs on its own low-priority threads (scrypt-worker.ts), not on libuv's pool, which file I/O and DNS share.
 */
function hashConcurrency(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export const scryptGate = new Limiter(hashConcurrency(), 16);
const threads = new ScryptThreads(scryptGate.limit);

/** How long a refused caller is told to wait: about one queue's worth of hashes. */
const BUSY_RETRY_MS = 1000;

async function gated<T>(work: () => Promise<T>): Promise<T> {
  const slot = scryptGate.tryAcquire();
  if (!slot) throw new AppError('RATE_LIMITED', 'busy', undefined, BUSY_RETRY_MS);
  const release = await slot;
  try {
    return await work();
  } finally {
    release();
  }
}

export function hashPassword(password: string): Promise<string> {
  return gated(async () => {
    const salt = crypto.randomBytes(16);
    const key = await threads.run({ password, salt, keylen: KEYLEN, N, r: R, p: P, maxmem: MAXMEM });
    return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
  });
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return Promise.resolve(false);
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  return gated(async () => {
    const key = await threads.run({ password, salt, keylen: expected.length, N: n, r, p, maxmem: 128 * n * r * 2 });
    if (key.length !== expected.length) return false;
    return crypto.timingSafeEqual(key, expected);
  });
}

/**
 * What an unknown login is verified against, so that timing does not reveal which logins exist. Random bytes
 * in the hash format cost the same to verify as a real hash, and no password matches them.
 */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${crypto.randomBytes(16).toString('base64')}$${crypto.randomBytes(KEYLEN).toString('base64')}`;
