// Contract: «Мой день», the start screen — what the caller has to do today, and a head's view of the department.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF } from '../roles';
import type { MyDay } from '../home';

export const homeApi = {
  /** The caller's own tasks, calls, owed documents and lapsing readiness; the department's load only for heads and administrators. */
  'home.myDay': method<MyDay>()({ input: z.object({}), access: ANY_STAFF, write: false }),
};
