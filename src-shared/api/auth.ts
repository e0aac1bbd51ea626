// Contract: sign-in, sessions and the first administrator of an empty database.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF } from '../roles';
import type { SessionUser } from '../types';

const password = z.string().min(8, { message: 'password_short' }).max(200);

export const authApi = {
  'auth.login': method<{ token: string; expiresAt: string; user: SessionUser }>()({
    input: z.object({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
    access: 'public',
    write: true,
  }),
  /** Whether the database has no employees yet (the UI then offers to create the administrator). */
  'auth.status': method<{ needsSetup: boolean }>()({ input: z.object({}), access: 'public', write: false }),
  'auth.setup': method<{ token: string; expiresAt: string; user: SessionUser }>()({
    input: z.object({ login: z.string().trim().min(1).max(100), fullName: z.string().trim().min(1).max(200), password }),
    access: 'public',
    write: true,
  }),
  'auth.logout': method<{ ok: true }>()({ input: z.object({}), access: ANY_STAFF, write: true }),
  'auth.me': method<SessionUser>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'auth.changePassword': method<{ ok: true }>()({
    input: z.object({ oldPassword: z.string().min(1).max(200), newPassword: password }),
    access: ANY_STAFF,
    write: true,
  }),
};
