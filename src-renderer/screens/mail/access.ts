// Who sees which mail screens; the server checks the same roles (src-shared/api/mail.ts), this only hides what would be refused.
import type { Role } from '../../../src-shared/roles';

/** The unrecognised queue: managers and the staff who talk to clients (not the call centre or chat). */
const MAIL_HANDLERS: readonly Role[] = ['admin', 'head', 'sales', 'sio', 'pm'];

export const canHandleMail = (roles: readonly Role[]): boolean => roles.some((r) => MAIL_HANDLERS.includes(r));
