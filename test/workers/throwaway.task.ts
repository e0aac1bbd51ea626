// A throwaway task kind for the pool's own tests: echoes, spins, throws, returns bytes or eats memory, as asked.
import { threadId } from 'node:worker_threads';

export type ThrowawayInput =
  | { op: 'echo'; text: string }
  | { op: 'spin' }
  | { op: 'throw'; message: string }
  | { op: 'bytes'; size: number }
  | { op: 'hog' };

export async function run(input: ThrowawayInput): Promise<unknown> {
  switch (input.op) {
    case 'echo':
      return { text: input.text.toUpperCase(), threadId };
    case 'spin':
      // Never yields: only terminating the thread stops it.
      for (;;);
    case 'throw':
      throw new Error(input.message);
    case 'bytes':
      return { bytes: new Uint8Array(input.size).fill(7) };
    case 'hog': {
      const keep: number[][] = [];
      for (;;) keep.push(new Array(1_000_000).fill(1));
    }
  }
}
