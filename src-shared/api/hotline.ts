// Contract: hotline.txt — its folder on the server host, the state of the last write, a download and a write on demand.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, MANAGERS } from '../roles';
import type { HotlineStatus } from '../hotline';

export const hotlineApi = {
  /** The folder, the last write (when, what changed) and the warnings (kits left out). Heads read it to download the file. */
  'hotline.status': method<HotlineStatus>()({ input: z.object({}), access: MANAGERS, write: false }),
  /** Sets the folder (absolute, created and checked writable by the server; empty = do not write) and writes the file there. */
  'hotline.saveFolder': method<HotlineStatus>()({
    input: z.object({
      folder: z
        .string()
        .trim()
        .max(1000)
        .transform((v) => v || null),
    }),
    access: ADMINS,
    write: true,
  }),
  /** Today's hotline.txt as it is built now (base64: the file is small), with its code count. */
  'hotline.download': method<{ name: string; base64: string; count: number; date: string }>()({ input: z.object({}), access: MANAGERS, write: false }),
  /** Builds and writes the file now, even when unchanged (the folder must be set). */
  'hotline.writeNow': method<HotlineStatus>()({ input: z.object({}), access: ADMINS, write: true }),
};
